package scenarios

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
)

// mustLoad loads a file that must have no errors.
func mustLoad(t *testing.T, path string, sets ...string) *Scenario {
	t.Helper()
	s, _, err := LoadFile(path, sets)
	if err != nil {
		t.Fatalf("LoadFile(%s, %q):\n%v", path, sets, err)
	}
	return s
}

func TestLoadSmall(t *testing.T) {
	s := mustLoad(t, "testdata/valid/small.yaml")
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9*math.Abs(want) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	hydromet := s.TechnologyByID("hydromet")
	near("capex of 1200 crore INR at 85 INR/USD", hydromet.Sizes[1].Capex.USD, 1200e7/85)
	near("capex of 40 M USD", hydromet.Sizes[0].Capex.USD, 40e6)
	near("land cost of 75 lakh INR", s.SiteByID("hosur").LandCost.USD, 75e5/85)
	near("budget of 2500 crore INR", s.Budget.Total.USD, 2500e7/85)
	near("price of ₹12 lakh", s.Markets[1].Price.At(2028), 12e5/85)
	near("feedstock availability in 2028", s.Feedstocks[0].Availability.At(2028), 7500)
	near("INR in a map", s.Logistics.Modes["waterway"].USD, 3.0/85)
	near("INR in a money series", s.Policy.Incentives[0].PerUnit.At(2026), 500)
	near("a series mixing INR and USD", s.Policy.Incentives[0].PerUnit.At(2028), 400)

	// Defaults.
	if s.Horizon.Step != 1 || s.Currency.Base != "USD" || s.Finance.TerminalValue != "book" || s.Objective.Kind != "npv" || s.Solver.MIPGap != 1e-4 {
		t.Errorf("scenario defaults not filled: %+v %+v %q %+v %+v", s.Horizon, s.Currency, s.Finance.TerminalValue, s.Objective, s.Solver)
	}
	if m := s.MaterialByID("black-mass"); m == nil || m.Unit != "t" {
		t.Errorf("material unit default: %+v", m)
	}
	if s.MaterialByID("pgm").Unit != "kg" {
		t.Error("material unit kg was overwritten")
	}
	if hydromet.Lifetime != 20 || hydromet.MaxUtilisation != 1 || hydromet.MaxModules != 1 {
		t.Errorf("technology defaults: %+v", hydromet)
	}
	if s.TechnologyByID("pgm-recovery").MaxUtilisation != 0.9 {
		t.Error("max_utilisation given was overwritten")
	}
	sanand := s.SiteByID("sanand")
	if sanand.CapexFactor != 1 || s.SiteByID("hosur").CapexFactor != 1.05 {
		t.Errorf("capex factors: %v, %v", sanand.CapexFactor, s.SiteByID("hosur").CapexFactor)
	}
	if e := sanand.Existing[0]; e.Count != 1 || e.Online != 2026 {
		t.Errorf("existing plant defaults: %+v", e)
	}
	if s.Logistics.Circuity != 1.3 || s.Logistics.DefaultMode != "rail" {
		t.Errorf("logistics defaults: circuity %v, default mode %q (want the cheaper rail)", s.Logistics.Circuity, s.Logistics.DefaultMode)
	}
	if got := s.Years(); !slices.Equal(got, []int{2026, 2027, 2028, 2029, 2030}) {
		t.Errorf("Years() = %v", got)
	}
	if !slices.Equal(s.Files, []string{"testdata/valid/small.yaml"}) {
		t.Errorf("Files = %v", s.Files)
	}
	if s.TechnologyByID("none") != nil || s.SiteByID("none") != nil || s.MaterialByID("none") != nil {
		t.Error("lookups of unknown ids are not nil")
	}
}

func TestPosition(t *testing.T) {
	s := mustLoad(t, "testdata/valid/small.yaml")
	f := "testdata/valid/small.yaml"
	for _, c := range []struct {
		path string
		want Position
	}{
		{"budget.total", Position{f, 110, 10}},
		{"sites[sanand]", Position{f, 54, 5}},
		{"sites[sanand].capital_subsidy", Position{f, 59, 22}},
		{"sites[sanand].capex_factor", Position{f, 54, 5}}, // a default: the site
		{"markets[tata-sanand].required", Position{f, 91, 15}},
		{"markets[japan-li].price.2030", Position{f, 85, 32}},
		{"markets[japan-li].required", Position{f, 81, 5}}, // not given: the market
		{"sites[sanand].existing[0].size", Position{f, 62, 15}},
		{"nothing.at.all", Position{f, 3, 1}}, // the top of the file
		{"", Position{f, 3, 1}},
	} {
		if got := s.Position(c.path); got != c.want {
			t.Errorf("Position(%q) = %v, want %v", c.path, got, c.want)
		}
	}
	if got := (&Scenario{}).Position("budget.total"); got != (Position{}) || got.String() != "" {
		t.Errorf("a scenario built in Go has position %v", got)
	}
}

func TestYAMLRoundTrip(t *testing.T) {
	files, err := filepath.Glob("testdata/valid/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no valid scenarios: %v", err)
	}
	for _, f := range files {
		s := mustLoad(t, f)
		out, err := s.YAML()
		if err != nil {
			t.Fatal(err)
		}
		again, _, err := LoadFS(fstest.MapFS{"resolved.yaml": {Data: out}}, "resolved.yaml", nil)
		if err != nil {
			t.Fatalf("%s: the resolved YAML does not load:\n%v", f, err)
		}
		out2, err := again.YAML()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, out2) {
			t.Errorf("%s: resolving the resolved YAML changes it", f)
		}
		if s.Hash() != again.Hash() || len(s.Hash()) != 64 {
			t.Errorf("%s: hash %q changes to %q on reloading", f, s.Hash(), again.Hash())
		}
	}
}

func TestHashChangesWithContent(t *testing.T) {
	a := mustLoad(t, "testdata/valid/small.yaml")
	b := mustLoad(t, "testdata/valid/small.yaml", "budget.total=300e6")
	c := mustLoad(t, "testdata/valid/small.yaml", "budget.total=2500 crore INR")
	if a.Hash() == b.Hash() {
		t.Error("a different budget has the same hash")
	}
	if a.Hash() != c.Hash() {
		t.Error("the same budget written through --set has another hash")
	}
}

func TestLoadMissingFile(t *testing.T) {
	s, ds, err := LoadFile("testdata/no-such-file.yaml", nil)
	want := "testdata/no-such-file.yaml: cannot read testdata/no-such-file.yaml: no such file; check the file name"
	if s != nil || err == nil || len(ds) != 1 || ds[0].String() != want {
		t.Errorf("got %v, %v; want the diagnostic %q", s, ds, want)
	}
}

func TestLoadFSExtends(t *testing.T) {
	base, err := os.ReadFile("testdata/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"lib/base.yaml":      {Data: base},
		"lib/more/high.yaml": {Data: []byte("extends: ../base.yaml\nbudget: {total: 400e6}\n")},
		"lib/escape.yaml":    {Data: []byte("extends: ../../etc/passwd\n")},
	}
	s, _, err := LoadFS(fsys, "lib/more/high.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Budget.Total.USD != 400e6 || s.Name != "base" || !slices.Equal(s.Files, []string{"lib/more/high.yaml", "lib/base.yaml"}) {
		t.Errorf("got budget %v, name %q, files %v", s.Budget.Total.USD, s.Name, s.Files)
	}
	_, ds, _ := LoadFS(fsys, "lib/escape.yaml", nil)
	want := `lib/escape.yaml:1:10: extends "../../etc/passwd": the path leads outside the folder of scenarios; name a file in the same folder or below it`
	if len(ds) != 1 || ds[0].String() != want {
		t.Errorf("got %v, want %q", ds, want)
	}
}
