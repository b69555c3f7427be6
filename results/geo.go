package results

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

// India's outline and its states and union territories, WGS84 longitude and
// latitude, from Natural Earth 1:50m (public domain; see geo/README.md).
var (
	//go:embed geo/india.geojson
	indiaGeoJSON []byte
	//go:embed geo/india-states.geojson
	statesGeoJSON []byte
)

// ring is a closed line of [longitude, latitude] points.
type ring [][2]float64

// region is a named area made of rings (outer boundaries and holes).
type region struct {
	name  string
	rings []ring
}

// geoRegions parses the embedded files once.
var geoRegions = sync.OnceValues(func() ([]region, []region) {
	return mustRegions(indiaGeoJSON), mustRegions(statesGeoJSON)
})

// mustRegions reads a GeoJSON FeatureCollection of Polygons and
// MultiPolygons. The files are embedded and tested, so an error is a bug.
func mustRegions(data []byte) []region {
	var fc struct {
		Features []struct {
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		panic(fmt.Sprintf("results: embedded GeoJSON: %v", err))
	}
	var out []region
	for _, f := range fc.Features {
		var polys [][]ring
		var err error
		switch f.Geometry.Type {
		case "Polygon":
			var p []ring
			err = json.Unmarshal(f.Geometry.Coordinates, &p)
			polys = [][]ring{p}
		case "MultiPolygon":
			err = json.Unmarshal(f.Geometry.Coordinates, &polys)
		default:
			err = fmt.Errorf("geometry type %q", f.Geometry.Type)
		}
		if err != nil {
			panic(fmt.Sprintf("results: embedded GeoJSON feature %q: %v", f.Properties.Name, err))
		}
		reg := region{name: f.Properties.Name}
		for _, p := range polys {
			reg.rings = append(reg.rings, p...)
		}
		out = append(out, reg)
	}
	return out
}
