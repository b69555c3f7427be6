package results

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// TestHorizonTotalsAreCalendarSums solves the default scenario, whose modelled
// years stand for two calendar years each, and checks that every total the
// report and compare give over the horizon equals the sum over the calendar
// years 2026–2035 of what happens in each, and that the cash flow table has one
// row per calendar year summing to the NPV.
func TestHorizonTotalsAreCalendarSums(t *testing.T) {
	s, err := scenarios.Default()
	if err != nil {
		t.Fatal(err)
	}
	if s.Horizon.Step < 2 {
		t.Fatalf("the default scenario has step %d; this test needs periods of several years", s.Horizon.Step)
	}
	plan, err := model.Solve(context.Background(), s, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// covering returns the modelled year whose period holds calendar year c.
	covering := func(c int) int {
		m := 0
		for _, y := range s.Years() {
			if y <= c {
				m = y
			}
		}
		return m
	}
	type key struct{ material, from, to string }
	calendar := map[key]float64{}
	imports := map[[2]string]float64{}
	for c := s.Horizon.FirstYear; c <= s.Horizon.LastYear; c++ {
		for _, f := range plan.Flows {
			if f.Year != covering(c) {
				continue
			}
			calendar[key{f.Material, f.FromKind + " " + f.From, f.ToKind + " " + f.To}] += f.Quantity
			if f.FromKind == "import" {
				imports[[2]string{f.Material, f.Origin}] += f.Quantity
			}
		}
	}
	rs := routes(plan)
	if len(rs) != len(calendar) || len(rs) == 0 {
		t.Fatalf("%d routes; the calendar years have %d", len(rs), len(calendar))
	}
	for _, rt := range rs {
		want := calendar[key{rt.material, rt.fromKind + " " + rt.from, rt.toKind + " " + rt.to}]
		if math.Abs(rt.quantity-want) > 1e-6*math.Max(1, want) {
			t.Errorf("route %s %s→%s: %v over the horizon; the calendar years sum to %v", rt.material, rt.from, rt.to, rt.quantity, want)
		}
	}

	// compare reads the written tables back and sums them the same way.
	dir := t.TempDir()
	if err := WriteRun(filepath.Join(dir, "run"), Run{Plan: plan, Scenario: s}, []string{"csv", "json"}); err != nil {
		t.Fatal(err)
	}
	f, err := readFolder(filepath.Join(dir, "run"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range topRouteChanges(nil, f.flows) {
		from, to := splitKind(ch.From), splitKind(ch.To)
		want := calendar[key{ch.Material, from, to}]
		if math.Abs(ch.Value-want) > 1e-5*math.Max(1, want) {
			t.Errorf("compare's route %s %s→%s: %v; the calendar years sum to %v", ch.Material, from, to, ch.Value, want)
		}
	}
	totals := importTotals(plan)
	if len(totals) != len(imports) {
		t.Errorf("the report sums imports of %d materials and origins; the calendar years have %d", len(totals), len(imports))
	}
	importTotal := 0.0
	for k, q := range imports {
		importTotal += q
		if got := totals[importKey{k[0], k[1], unitOfMaterial(s, k[0])}]; math.Abs(got-q) > 1e-6*math.Max(1, q) {
			t.Errorf("the report's imports of %s from %s: %v; the calendar years sum to %v", k[0], k[1], got, q)
		}
	}
	compared := 0.0
	for _, im := range f.imports {
		compared += im.quantity * float64(im.periodYears)
	}
	if math.Abs(compared-importTotal) > 1e-5*math.Max(1, importTotal) {
		t.Errorf("imports over the horizon %v; the calendar years sum to %v", compared, importTotal)
	}

	if got, want := len(plan.Finance), s.Horizon.LastYear-s.Horizon.FirstYear+1; got != want {
		t.Fatalf("finance has %d rows; want one per calendar year, %d", got, want)
	}
	npv := 0.0
	for i, fy := range plan.Finance {
		if fy.Year != s.Horizon.FirstYear+i || fy.Period != covering(fy.Year) {
			t.Errorf("finance row %d is year %d of period %d", i, fy.Year, fy.Period)
		}
		npv += fy.Discounted
	}
	if math.Abs(npv-plan.NPV) > 1e-6*math.Abs(plan.NPV) {
		t.Errorf("the discounted cash flows sum to %v; NPV is %v", npv, plan.NPV)
	}
}

// splitKind turns compare's "kind:id" into the report's "kind id".
func splitKind(s string) string {
	for i := range len(s) {
		if s[i] == ':' {
			return s[:i] + " " + s[i+1:]
		}
	}
	return s
}

// unitOfMaterial is the unit (t or kg) of material m in s.
func unitOfMaterial(s *scenarios.Scenario, m string) string {
	if mat := s.MaterialByID(m); mat != nil && mat.Unit == "kg" {
		return "kg"
	}
	return "t"
}
