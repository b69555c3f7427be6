package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// india is India's bounding box, longitude and latitude (Natural Earth 1:50m,
// rounded outwards).
var india = orb.Bound{Min: orb.Point{68.1, 6.7}, Max: orb.Point{97.5, 35.7}}

// TestRunFolderInterchange: the default scenario's run folder holds
// plants.geojson, flows.geojson and iamc.csv, which load: GeoJSON whose plants
// lie in India and whose lines start there, and an IAMC table.
func TestRunFolderInterchange(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	if _, errOut, code := mp(t, "run", "--out", dir); code != 0 {
		t.Fatalf("run: exit %d: %s", code, errOut)
	}
	load := func(name string) *geojson.FeatureCollection {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		fc, err := geojson.UnmarshalFeatureCollection(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return fc
	}
	plants := load("plants.geojson")
	if len(plants.Features) == 0 {
		t.Fatal("plants.geojson has no plants")
	}
	for _, f := range plants.Features {
		if pt, ok := f.Geometry.(orb.Point); !ok || !india.Contains(pt) {
			t.Errorf("plant %s/%s at %v: not a point inside India %v", f.Properties.MustString("site"), f.Properties.MustString("technology"), f.Geometry, india)
		}
	}
	flows := load("flows.geojson")
	if len(flows.Features) == 0 {
		t.Fatal("flows.geojson has no flows")
	}
	for _, f := range flows.Features {
		ls, ok := f.Geometry.(orb.LineString)
		if !ok || len(ls) != 2 {
			t.Fatalf("flow geometry %v; want a line of two positions", f.Geometry)
		}
		// Every route starts in India (a feedstock, a plant or an import's port)
		// or ends there; only markets may lie abroad.
		for i, end := range []string{"from", "to"} {
			if !india.Contains(ls[i]) && !(end == "to" && f.Properties.MustString("to_kind") == "market") {
				t.Errorf("flow %s %s → %s %s: the %s end %v lies outside India", f.Properties.MustString("from_kind"), f.Properties.MustString("from"),
					f.Properties.MustString("to_kind"), f.Properties.MustString("to"), end, ls[i])
			}
		}
	}
	fh, err := os.Open(filepath.Join(dir, "iamc.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	rows, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"model", "scenario", "region", "variable", "unit", "year", "value"}
	if len(rows) < 10 || len(rows[0]) != len(want) {
		t.Fatalf("iamc.csv: %d rows, header %v", len(rows), rows[0])
	}
	for i, h := range want {
		if rows[0][i] != h {
			t.Fatalf("iamc.csv header %v; want %v", rows[0], want)
		}
	}
}
