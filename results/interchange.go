package results

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// Interchange files of a run folder, for GIS tools (QGIS, kepler.gl) and for
// the IAMC time-series format that pyam and the scenario explorers read.
const (
	PlantsGeoJSON = "plants.geojson"
	FlowsGeoJSON  = "flows.geojson"
	IAMCFile      = "iamc.csv"
)

// coordDecimals rounds coordinates in GeoJSON to about 0.1 m, as RFC 7946
// suggests (six decimal places).
const coordDecimals = 6

// geoFeature is one GeoJSON feature (RFC 7946) with its properties in a fixed
// order.
type geoFeature struct {
	Type       string      `json:"type"`
	Geometry   geoGeometry `json:"geometry"`
	Properties any         `json:"properties"`
}

type geoGeometry struct {
	Type        string `json:"type"`
	Coordinates any    `json:"coordinates"`
}

// geoCollection writes a FeatureCollection, one feature per line so that the
// file diffs well, and a final newline.
func geoCollection(features []geoFeature) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, f := range features {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n")
		line, err := json.Marshal(f)
		if err != nil {
			return nil, err
		}
		b.Write(line)
	}
	b.WriteString("\n]}\n")
	return b.Bytes(), nil
}

// position is a GeoJSON position, [longitude, latitude], rounded.
func position(lon, lat float64) [2]float64 {
	r := func(v float64) float64 {
		p := math.Pow(10, coordDecimals)
		return math.Round(v*p) / p
	}
	return [2]float64{r(lon), r(lat)}
}

// plantProperties are the properties of a plant in plants.geojson: the
// columns of plants.csv and the site's and technology's names.
type plantProperties struct {
	Site           string  `json:"site"`
	SiteName       string  `json:"site_name"`
	State          string  `json:"state"`
	Technology     string  `json:"technology"`
	TechnologyName string  `json:"technology_name"`
	Size           string  `json:"size"`
	Count          int     `json:"count"`
	Existing       bool    `json:"existing"`
	BuildYear      *int    `json:"build_year"` // null for an existing plant
	OnlineYear     int     `json:"online_year"`
	CapacityT      float64 `json:"capacity_t_per_year"`
	CapexNetUSD    float64 `json:"capex_net_usd"`
	Jobs           float64 `json:"jobs"`
}

// plantsGeoJSON is plants.geojson: a Point at its site for every row of
// plants.csv, in the same order.
func plantsGeoJSON(p *model.Plan, s *scenarios.Scenario) ([]byte, error) {
	r := &report{plan: p, scenario: s}
	features := []geoFeature{}
	for _, pl := range sortedBy(p.Plants, comparePlants) {
		lon, lat, ok := locate(s, "site", pl.Site)
		if !ok {
			continue
		}
		props := plantProperties{Site: pl.Site, SiteName: r.siteName(pl.Site), State: pl.State, Technology: pl.Technology,
			TechnologyName: r.techName(pl.Technology), Size: pl.Size, Count: pl.Count, Existing: pl.Existing,
			OnlineYear: pl.OnlineYear, CapacityT: roundTo(pl.Capacity, quantityDecimals),
			CapexNetUSD: roundTo(pl.CapexNet, moneyDecimals), Jobs: roundTo(pl.Jobs, 1)}
		if !pl.Existing {
			y := pl.BuildYear
			props.BuildYear = &y
		}
		features = append(features, geoFeature{Type: "Feature", Geometry: geoGeometry{Type: "Point", Coordinates: position(lon, lat)},
			Properties: props})
	}
	return geoCollection(features)
}

// flowProperties are the properties of a route in flows.geojson.
type flowProperties struct {
	Material     string  `json:"material"`
	MaterialName string  `json:"material_name"`
	FromKind     string  `json:"from_kind"`
	From         string  `json:"from"`
	FromName     string  `json:"from_name"`
	ToKind       string  `json:"to_kind"`
	To           string  `json:"to"`
	ToName       string  `json:"to_name"`
	Origin       string  `json:"origin"`
	Year         int     `json:"year"`
	Quantity     float64 `json:"quantity"` // per year, in unit
	Unit         string  `json:"unit"`
	TransportUSD float64 `json:"transport_usd"`
}

// flowsGeoJSON is flows.geojson: a LineString from its source to its
// destination for every row of flows.csv whose two ends the scenario places
// apart (a flow within a site, or with an end placed nowhere, has no line).
// Ends abroad, such as a market in Japan, keep their own coordinates.
func flowsGeoJSON(p *model.Plan, s *scenarios.Scenario) ([]byte, error) {
	r := &report{plan: p, scenario: s}
	features := []geoFeature{}
	for _, f := range sortedBy(p.Flows, compareFlows) {
		lon1, lat1, ok1 := locate(s, f.FromKind, f.From)
		lon2, lat2, ok2 := locate(s, f.ToKind, f.To)
		a, b := position(lon1, lat1), position(lon2, lat2)
		if !ok1 || !ok2 || a == b {
			continue
		}
		features = append(features, geoFeature{Type: "Feature", Geometry: geoGeometry{Type: "LineString", Coordinates: [][2]float64{a, b}},
			Properties: flowProperties{Material: f.Material, MaterialName: r.materialName(f.Material), FromKind: f.FromKind, From: f.From,
				FromName: r.placeName(f.FromKind, f.From), ToKind: f.ToKind, To: f.To, ToName: r.placeName(f.ToKind, f.To),
				Origin: f.Origin, Year: f.Year, Quantity: roundTo(f.Quantity, quantityDecimals), Unit: f.Unit,
				TransportUSD: roundTo(f.Transport, moneyDecimals)}})
	}
	return geoCollection(features)
}

// roundTo rounds v to the given decimals, as the CSV tables write it.
func roundTo(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	r := math.Round(v*p) / p
	if r == 0 {
		return 0 // never -0
	}
	return r
}

// IAMCModel is the model column of iamc.csv.
const IAMCModel = "mineralplan"

// IAMCRegion is the region column of iamc.csv: the plan covers India whole.
const IAMCRegion = "India"

// iamcHeader is the header of iamc.csv, the IAMC long format.
var iamcHeader = []string{"model", "scenario", "region", "variable", "unit", "year", "value"}

// iamcTable is iamc.csv: the plan's yearly figures as an IAMC time series.
// Quantities are per year in the material's unit, one value per modelled year
// (it holds in every calendar year of its period); money is in USD per calendar
// year, one value for each year of the horizon, as finance.csv; shares are in
// percent, where defined. Variables use scenario ids, so that the "|"
// hierarchy holds whatever the names say:
//
//	Capacity|<technology>           t/yr    capacity of the plants operating
//	Throughput|<technology>         t/yr    main input processed
//	Production|<material>           t/yr    (or kg/yr) made by the plants
//	Imports|<material>[|<origin>]   t/yr    imported, and by country of origin
//	Sales|<material>                t/yr    delivered to markets by the plants
//	Revenue, Incentives, Cost|…, Investment, Terminal Value, Cash Flow   USD/yr
//	China Share|<material>          %       China-origin share of supply with the plan
func iamcTable(p *model.Plan, s *scenarios.Scenario) table {
	type key struct {
		variable, unit string
		year           int
	}
	sum := map[key]float64{}
	add := func(variable, unit string, year int, v float64) { sum[key{variable, unit, year}] += v }
	for _, t := range p.Throughput {
		add("Capacity|"+t.Technology, "t/yr", t.Year, t.Capacity)
		add("Throughput|"+t.Technology, "t/yr", t.Year, t.Tonnes)
	}
	for _, pr := range p.Production {
		add("Production|"+pr.Material, pr.Unit+"/yr", pr.Year, pr.Quantity)
	}
	for _, f := range p.Flows {
		switch {
		case f.FromKind == "import":
			add("Imports|"+f.Material, f.Unit+"/yr", f.Year, f.Quantity)
			if f.Origin != "" {
				add("Imports|"+f.Material+"|"+f.Origin, f.Unit+"/yr", f.Year, f.Quantity)
			}
		case f.FromKind == "site" && f.ToKind == "market":
			add("Sales|"+f.Material, f.Unit+"/yr", f.Year, f.Quantity)
		}
	}
	for _, fy := range p.Finance {
		for _, m := range []struct {
			variable string
			v        float64
		}{{"Revenue", fy.Revenue}, {"Incentives", fy.Incentives}, {"Cost|Feedstock", fy.Feedstock}, {"Cost|Imports", fy.Imports},
			{"Cost|Operation", fy.Opex}, {"Cost|Transport", fy.Transport}, {"Cost|Disposal", fy.Disposal},
			{"Cost|Shortfall Penalty", fy.Penalty}, {"Investment", fy.Capex}, {"Terminal Value", fy.TerminalValue}, {"Cash Flow", fy.CashFlow}} {
			add(m.variable, "USD/yr", fy.Year, m.v)
		}
	}
	for _, row := range p.SecurityRows {
		if row.ChinaShareAfter != nil {
			add("China Share|"+row.Material, "%", row.Year, 100**row.ChinaShareAfter)
		}
	}
	keys := make([]key, 0, len(sum))
	for k := range sum {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return compareKeys(cmpStr(a.variable, b.variable), cmpInt(a.year, b.year), cmpStr(a.unit, b.unit))
	})
	t := table{name: IAMCFile, header: iamcHeader}
	for _, k := range keys {
		t.rows = append(t.rows, []string{IAMCModel, p.Scenario, IAMCRegion, k.variable, k.unit, integer(k.year), num(sum[k], quantityDecimals)})
	}
	return t
}
