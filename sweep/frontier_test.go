package sweep

import (
	"context"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/mineralplan/mineralplan/scenarios"
)

// checkFrontier asserts the frontier's properties: every point optimal, NPV never
// falling with the budget by more than the gap allows, and every breakpoint an
// interval between neighbouring points at most Tol wide with different plant
// sets on its two sides.
func checkFrontier(t *testing.T, o *Outcome, spec FrontierSpec) {
	t.Helper()
	f := o.Frontier
	if f == nil || len(f.Points) < spec.Steps+1 {
		t.Fatalf("frontier %+v", f)
	}
	if len(o.Failed) > 0 || len(f.Decreases) > 0 {
		t.Fatalf("failed %v, decreases %v", o.Failed, f.Decreases)
	}
	if f.Points[0].Budget != spec.From || f.Points[len(f.Points)-1].Budget != spec.To {
		t.Errorf("points from %v to %v; want %v to %v", f.Points[0].Budget, f.Points[len(f.Points)-1].Budget, spec.From, spec.To)
	}
	best := math.Inf(-1)
	for _, p := range f.Points {
		if !p.Result.Optimal() {
			t.Fatalf("budget %v: %s", p.Budget, p.Result.Status)
		}
		if p.Result.NPV < best-(p.Gap*math.Abs(best)+npvSlack) {
			t.Errorf("NPV falls to %v at budget %v after %v", p.Result.NPV, p.Budget, best)
		}
		best = math.Max(best, p.Result.NPV)
		if p.Result.Capex > p.Budget*(1+1e-9) {
			t.Errorf("budget %v: capex %v above it", p.Budget, p.Result.Capex)
		}
	}
	for _, b := range f.Breakpoints {
		if b.Above-b.Below > spec.Tol {
			t.Errorf("breakpoint %v–%v is wider than %v", b.Below, b.Above, spec.Tol)
		}
		i := slices.IndexFunc(f.Points, func(p FrontierPoint) bool { return p.Budget == b.Below })
		if i < 0 || i+1 >= len(f.Points) || f.Points[i+1].Budget != b.Above {
			t.Errorf("breakpoint %v–%v is not between neighbouring points", b.Below, b.Above)
			continue
		}
		lo, hi := plantSet(f.Points[i].Result), plantSet(f.Points[i+1].Result)
		if slices.Equal(lo, hi) || len(b.Enter)+len(b.Leave) == 0 {
			t.Errorf("breakpoint %v–%v: the same plants %v on both sides", b.Below, b.Above, lo)
		}
	}
	// Between breakpoints the plant set does not change.
	for i := 1; i < len(f.Points); i++ {
		changed := !slices.Equal(plantSet(f.Points[i-1].Result), plantSet(f.Points[i].Result))
		isBreak := slices.ContainsFunc(f.Breakpoints, func(b Breakpoint) bool { return b.Above == f.Points[i].Budget })
		if changed != isBreak {
			t.Errorf("points %v and %v: plant set changed %v, breakpoint reported %v", f.Points[i-1].Budget, f.Points[i].Budget, changed, isBreak)
		}
	}
}

func TestFrontier(t *testing.T) {
	t.Run("tiny", func(t *testing.T) {
		spec := FrontierSpec{From: 2e6, To: 40e6, Tol: 0.25e6, Steps: 6, Gap: DefaultFrontierGap}
		o, err := Frontier(context.Background(), reuseConfig(t, t.TempDir(), true), spec)
		if err != nil {
			t.Fatal(err)
		}
		checkFrontier(t, o, spec)
		// Net capex of the plant sets: 4 (PGM), 10 (+ small hydromet), 16.3
		// (+ a second at angul), 19 (a large hydromet instead) $M.
		var got []float64
		for _, b := range o.Frontier.Breakpoints {
			got = append(got, b.Above)
		}
		for i, want := range []float64{4e6, 10e6, 16.3e6, 19e6} {
			if i >= len(got) || !(o.Frontier.Breakpoints[i].Below < want && want <= got[i]) {
				t.Errorf("breakpoints %v; want one at %v", o.Frontier.Breakpoints, want)
			}
		}
		// Budgets that a larger budget's plan fits are proved from it, not solved,
		// and build its plants.
		proved := 0
		for _, p := range o.Frontier.Points {
			if p.Result.Method != MethodProved {
				continue
			}
			proved++
			j := slices.IndexFunc(o.Frontier.Points, func(q FrontierPoint) bool { return q.Case.ID == p.Result.ProvedBy[0] })
			if j < 0 || o.Frontier.Points[j].Budget <= p.Budget || !slices.Equal(p.Result.Plants, o.Frontier.Points[j].Result.Plants) {
				t.Errorf("budget %v is proved by %v, not a larger budget with its plants", p.Budget, p.Result.ProvedBy)
			}
		}
		if proved == 0 {
			t.Error("no budget was proved from a larger one")
		}
	})
	// The library's default scenario, on a coarse frontier so that the test stays
	// short.
	const library = "../scenarios/india-japan-2026.yaml"
	if _, err := os.Stat(library); err == nil {
		if base, _, err := scenarios.LoadFile(library, nil); err == nil {
			t.Run("india-japan-2026", func(t *testing.T) {
				spec := FrontierSpec{From: 150e6, To: 350e6, Tol: 50e6, Steps: 2, Gap: DefaultFrontierGap}
				cfg := Config{Base: base, BaseFile: library, Out: t.TempDir(), Options: Options{Workers: 2, WarmStart: true, Reuse: true}}
				o, err := Frontier(context.Background(), cfg, spec)
				if err != nil {
					t.Fatal(err)
				}
				checkFrontier(t, o, spec)
			})
		}
	}
}

// TestFrontierResolvesDecrease feeds the analysis a point whose NPV falls below a
// smaller budget's: it must be reported and solved again with a tighter gap.
func TestFrontierResolvesDecrease(t *testing.T) {
	m := &Manifest{Kind: KindFrontier, Columns: []string{"budget.total", "solver.mip_gap"}}
	res := map[int]*Result{}
	add := func(budget, gap string, npv float64, plants ...string) {
		i := len(m.Cases)
		m.Cases = append(m.Cases, Case{Index: i, ID: caseID(i), Labels: []string{budget, gap}})
		res[i] = &Result{Status: "optimal", NPV: npv, Plants: plants}
	}
	add("100", "1e-07", 50, "a/t/s/2026")
	add("200", "1e-07", 40, "a/t/s/2026") // falls by 10: far more than the gap
	add("300", "1e-07", 60, "a/t/s/2026", "b/t/s/2027")
	spec := FrontierSpec{From: 100, To: 300, Tol: 10, Steps: 2, Gap: 1e-7}
	f := analyseFrontier(m, res)
	if !slices.Equal(f.Decreases, []float64{200}) {
		t.Fatalf("decreases %v; want [200]", f.Decreases)
	}
	next := nextBudgets(f, spec)
	if len(next) != 1 || next[0].budget != 200 || math.Abs(next[0].gap-1e-9) > 1e-24 {
		t.Fatalf("next %v; want budget 200 at gap 1e-9", next)
	}
	add("200", "1e-09", 55, "a/t/s/2026") // the tighter solve wins
	f = analyseFrontier(m, res)
	if len(f.Decreases) != 0 || f.Points[1].Result.NPV != 55 {
		t.Fatalf("after the re-solve: decreases %v, point %+v", f.Decreases, f.Points[1])
	}
	next = nextBudgets(f, spec)
	if len(next) != 1 || next[0].budget != 250 || next[0].gap != 1e-7 {
		t.Fatalf("next %v; want the midpoint 250 of the interval where b/t/s enters", next)
	}
	if len(f.Breakpoints) != 1 || !slices.Equal(f.Breakpoints[0].Enter, []string{"b/t/s"}) || len(f.Breakpoints[0].Leave) != 0 {
		t.Errorf("breakpoints %+v", f.Breakpoints)
	}
}

func TestFrontierSpecValidate(t *testing.T) {
	good := FrontierSpec{From: 100e6, To: 400e6, Tol: 1e6, Steps: 8, Gap: 1e-7}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []FrontierSpec{
		{From: 0, To: 1, Tol: 1, Steps: 1, Gap: 1e-7},
		{From: 2, To: 1, Tol: 1, Steps: 1, Gap: 1e-7},
		{From: 1, To: 2, Tol: 0, Steps: 1, Gap: 1e-7},
		{From: 1, To: 2, Tol: 1, Steps: 0, Gap: 1e-7},
		{From: 1, To: 2, Tol: 1, Steps: 1, Gap: 0},
	} {
		if err := bad.Validate(); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

// TestFrontierTolerance: plant sets that alternate along the budget a few
// hundred thousand dollars of NPV apart are merged into one breakpoint per
// real change, and the kept breakpoints say which plants change relative to
// the set in force.
func TestFrontierTolerance(t *testing.T) {
	m := &Manifest{Kind: KindFrontier, Columns: []string{"budget.total", "solver.mip_gap"},
		Frontier: &FrontierSpec{From: 100e6, To: 400e6, Tol: 1e6, Steps: 3, Gap: 1e-7, ToleranceShare: 0.01}}
	res := map[int]*Result{}
	add := func(budget float64, npv float64, plants ...string) {
		i := len(m.Cases)
		m.Cases = append(m.Cases, Case{Index: i, ID: caseID(i), Labels: []string{formatNumber(budget), "1e-07"}})
		res[i] = &Result{Status: "optimal", NPV: npv, Plants: plants}
	}
	a, b := []string{"x/t/s/2026"}, []string{"y/t/s/2026"}
	add(100e6, 50e6, a...)
	for k := 1; k <= 10; k++ { // A and B alternate, each 0.2 $M better than the last
		set := a
		if k%2 == 1 {
			set = b
		}
		add(100e6+float64(k)*10e6, 50e6+float64(k)*0.02e6, set...)
	}
	add(300e6, 90e6, "x/t/s/2026", "z/t/l/2027") // a real change: 40 $M more
	f := analyseFrontier(m, res)
	if len(f.Breakpoints) != 11 {
		t.Fatalf("%d raw changes; want 11", len(f.Breakpoints))
	}
	if f.Tolerance != 0.9e6 || len(f.Kept) != 1 || f.Merged != 10 {
		t.Fatalf("tolerance %v, kept %+v, merged %d; want 0.9e6, one kept, 10 merged", f.Tolerance, f.Kept, f.Merged)
	}
	k := f.Kept[0]
	if k.Below != 200e6 || k.Above != 300e6 || !slices.Equal(k.Enter, []string{"z/t/l"}) || len(k.Leave) != 0 {
		t.Errorf("kept breakpoint %+v; want 200–300 $M with z/t/l entering", k)
	}
	// With no tolerance every change is kept.
	m.Frontier.ToleranceShare = 0
	if f := analyseFrontier(m, res); len(f.Kept) != 11 || f.Merged != 0 {
		t.Errorf("no tolerance: %d kept, %d merged; want 11 and 0", len(f.Kept), f.Merged)
	}
	for in, want := range map[string][2]float64{"1%": {0, 0.01}, "5e5": {5e5, 0}, "0": {0, 0}} {
		usd, share, err := ParseTolerance(in)
		if err != nil || usd != want[0] || share != want[1] {
			t.Errorf("ParseTolerance(%q) = %v, %v, %v", in, usd, share, err)
		}
	}
	for _, bad := range []string{"x", "-1", "100%", "-2%"} {
		if _, _, err := ParseTolerance(bad); err == nil {
			t.Errorf("ParseTolerance(%q) accepted", bad)
		}
	}
}
