package results

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// indiaBound is the bounding box of India's outline on the map (the embedded
// Natural Earth file).
func indiaBound() orb.Bound {
	india, _ := geoRegions()
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, reg := range india {
		for _, r := range reg.rings {
			for _, pt := range r {
				b = b.Extend(orb.Point{pt[0], pt[1]})
			}
		}
	}
	return b
}

// TestInterchangeFiles writes a run folder and reads its GeoJSON files with a
// GeoJSON library and its IAMC table as pyam would: plants at their sites
// inside India, one line per located flow row between its two ends, and one
// value per variable and year.
func TestInterchangeFiles(t *testing.T) {
	dir := t.TempDir()
	p, s := realisticPlan(), realisticScenario()
	if err := WriteRun(dir, Run{Plan: p, Scenario: s}, []string{"csv"}); err != nil {
		t.Fatal(err)
	}
	india := indiaBound()
	if india.Min[0] < 67 || india.Max[0] > 98 || india.Min[1] < 6 || india.Max[1] > 36 {
		t.Fatalf("India's bounding box %v is not India's", india)
	}
	read := func(name string) *geojson.FeatureCollection {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		fc, err := geojson.UnmarshalFeatureCollection(b)
		if err != nil {
			t.Fatalf("%s is not GeoJSON: %v", name, err)
		}
		return fc
	}

	plants := read(PlantsGeoJSON)
	if len(plants.Features) != len(p.Plants) {
		t.Errorf("%d plant features; want %d", len(plants.Features), len(p.Plants))
	}
	for _, f := range plants.Features {
		pt, ok := f.Geometry.(orb.Point)
		if !ok {
			t.Fatalf("plant geometry %T; want a Point", f.Geometry)
		}
		if !india.Contains(pt) {
			t.Errorf("plant %v at %v lies outside India's bounding box %v", f.Properties, pt, india)
		}
		lon, lat, _ := locate(s, "site", f.Properties.MustString("site"))
		if pt != (orb.Point{lon, lat}) {
			t.Errorf("plant at %s drawn at %v; the site is at %v,%v", f.Properties.MustString("site"), pt, lon, lat)
		}
	}

	flows := read(FlowsGeoJSON)
	located := 0
	for _, f := range p.Flows {
		lon1, lat1, ok1 := locate(s, f.FromKind, f.From)
		lon2, lat2, ok2 := locate(s, f.ToKind, f.To)
		if ok1 && ok2 && (lon1 != lon2 || lat1 != lat2) {
			located++
		}
	}
	if len(flows.Features) != located || located == 0 {
		t.Errorf("%d flow features; want %d, one per flow row with two distinct located ends", len(flows.Features), located)
	}
	abroad := 0
	for _, f := range flows.Features {
		ls, ok := f.Geometry.(orb.LineString)
		if !ok || len(ls) != 2 {
			t.Fatalf("flow geometry %v; want a LineString of two positions", f.Geometry)
		}
		for i, end := range []string{"from", "to"} {
			lon, lat, _ := locate(s, f.Properties.MustString(end+"_kind"), f.Properties.MustString(end))
			if ls[i] != (orb.Point{lon, lat}) {
				t.Errorf("flow %v: its %s end is at %v; the scenario puts it at %v,%v", f.Properties, end, ls[i], lon, lat)
			}
			switch {
			case india.Contains(ls[i]):
			case f.Properties.MustString(end+"_kind") == "market" && i == 1:
				abroad++ // markets abroad (Japan) keep their own coordinates
			default:
				t.Errorf("flow %v: %s end %v lies outside India's bounding box", f.Properties, end, ls[i])
			}
		}
		if q, ok := f.Properties["quantity"].(float64); !ok || q <= 0 {
			t.Errorf("flow %v has no quantity", f.Properties)
		}
	}
	if abroad == 0 {
		t.Error("no flow ends at a market abroad; the fixture exports to Japan")
	}

	b, err := os.ReadFile(filepath.Join(dir, IAMCFile))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0]; len(got) != 7 || got[0] != "model" || got[3] != "variable" || got[5] != "year" || got[6] != "value" {
		t.Fatalf("iamc.csv header %v", got)
	}
	type key struct {
		variable string
		year     int
	}
	values := map[key]float64{}
	units := map[string]string{}
	for _, r := range rows[1:] {
		year, err1 := strconv.Atoi(r[5])
		v, err2 := strconv.ParseFloat(r[6], 64)
		if err1 != nil || err2 != nil || r[0] != IAMCModel || r[1] != p.Scenario || r[2] != IAMCRegion {
			t.Fatalf("iamc.csv row %v", r)
		}
		k := key{r[3], year}
		if _, dup := values[k]; dup {
			t.Errorf("iamc.csv has %v twice", k)
		}
		values[k] = v
		if u, ok := units[r[3]]; ok && u != r[4] {
			t.Errorf("%s in %s and %s", r[3], u, r[4])
		}
		units[r[3]] = r[4]
	}
	// The figures are the plan's: capacity online, imports by origin summing to
	// the total, cash flow per year.
	for _, y := range []int{2030, 2040} {
		want := 0.0
		for _, th := range p.Throughput {
			if th.Technology == "hydromet" && th.Year == y {
				want += th.Capacity
			}
		}
		if got := values[key{"Capacity|hydromet", y}]; math.Abs(got-want) > 1e-6 {
			t.Errorf("Capacity|hydromet %d = %v; want %v", y, got, want)
		}
		if a, b := values[key{"Imports|black-mass", y}], values[key{"Imports|black-mass|china", y}]; a <= 0 || math.Abs(a-b) > 1e-6 {
			t.Errorf("Imports|black-mass %d = %v, from china %v; want equal and positive", y, a, b)
		}
	}
	for _, f := range p.Finance {
		if got := values[key{"Cash Flow", f.Year}]; math.Abs(got-f.CashFlow) > 1e-5 {
			t.Errorf("Cash Flow %d = %v; want %v", f.Year, got, f.CashFlow)
		}
	}
}
