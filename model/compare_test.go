package model

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/mineralplan/mineralplan/scenarios"
)

// toyWith is the toy scenario over three years with the metal price and the
// budget given (USD) and the discount rate.
func toyWith(t *testing.T, price, budget, rate float64) *Problem {
	t.Helper()
	s := toy()
	s.Horizon.LastYear = 2028
	s.DiscountRate = rate
	s.Markets[0].Price = scenarios.ConstantMoney(scenarios.USDAmount(price))
	s.Budget.Total = scenarios.USDAmount(budget)
	p, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestOutlineComparisons(t *testing.T) {
	lo, mid, hi := toyWith(t, 300, 1e6, 0.1).Outline(), toyWith(t, 350, 1e6, 0.1).Outline(), toyWith(t, 500, 1e6, 0.1).Outline()
	if !lo.SameConstraints(hi) {
		t.Fatal("a price changes the constraints")
	}
	if alpha, ok := mid.ObjectiveBetween(lo, hi); !ok || math.Abs(alpha-0.75) > 1e-12 {
		t.Errorf("price 350 between 300 and 500: α %v, %v; want 0.75", alpha, ok)
	}
	if _, ok := toyWith(t, 600, 1e6, 0.1).Outline().ObjectiveBetween(lo, hi); ok {
		t.Error("price 600 lies between 300 and 500")
	}
	// Over three years the discount rate moves the coefficients along a curve
	// (1, δ, δ²), not a segment.
	r0, r1 := toyWith(t, 400, 1e6, 0).Outline(), toyWith(t, 400, 1e6, 0.2).Outline()
	if !r0.SameConstraints(r1) {
		t.Fatal("the discount rate changes the constraints")
	}
	if _, ok := toyWith(t, 400, 1e6, 0.1).Outline().ObjectiveBetween(r0, r1); ok {
		t.Error("the objective at a 10% discount rate lies on the segment between 0% and 20%")
	}
	// A larger budget relaxes a smaller one, and not the other way round.
	small, large := toyWith(t, 400, 1e5, 0.1).Outline(), toyWith(t, 400, 1e6, 0.1).Outline()
	if small.SameConstraints(large) || !large.Relaxes(small) || small.Relaxes(large) {
		t.Errorf("budgets: same %v, large relaxes small %v, small relaxes large %v; want false, true, false",
			small.SameConstraints(large), large.Relaxes(small), small.Relaxes(large))
	}
	if lo.Relaxes(hi) {
		t.Error("problems with different objectives relax one another")
	}
}

func TestSolveWithBuildsAndFeasible(t *testing.T) {
	ctx := context.Background()
	p := toyWith(t, 400, 1e6, 0.1)
	plan, sol, err := p.Solve(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Feasible(sol.ColValue) {
		t.Fatal("the optimal solution is not feasible")
	}
	if v := p.Outline().ObjectiveValue(sol.ColValue); !near(v, plan.Objective) {
		t.Errorf("objective of the solution %v; plan %v", v, plan.Objective)
	}
	tight := toyWith(t, 400, 9e4, 0.1) // below the plant's capex
	if tight.Feasible(sol.ColValue) {
		t.Error("the plan fits a budget below its capex")
	}
	again, _, err := p.SolveWithBuilds(ctx, plan.Builds(), plan.Objective*1.01, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !near(again.Objective, plan.Objective) || again.DualBound != plan.Objective*1.01 || !near(again.MIPGap, 0.01/1.0) {
		t.Errorf("with the optimal builds: objective %v (want %v), bound %v, gap %v", again.Objective, plan.Objective, again.DualBound, again.MIPGap)
	}
	none, _, err := p.SolveWithBuilds(ctx, nil, 0, Options{})
	if err != nil || none.NPV != 0 || len(none.Builds()) != 0 {
		t.Errorf("with no builds: %v, NPV %v", err, none.NPV)
	}
	_, _, err = p.SolveWithBuilds(ctx, []ModuleBuild{{Site: "a", Technology: "refine", Size: "huge", Year: 2026, Count: 1}}, 0, Options{})
	if err == nil || !strings.Contains(err.Error(), "cannot build a/refine/huge in 2026") {
		t.Errorf("an unknown module: %v", err)
	}
}

func TestStartWithinAndBestFlows(t *testing.T) {
	ctx := context.Background()
	p := toyWith(t, 400, 1e6, 0.1)
	plan, sol, err := p.Solve(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Builds()) == 0 || plan.Builds()[0].Site != "a" {
		t.Fatalf("the toy's optimum builds %v; want a plant at a", plan.Builds())
	}
	builtAt := func(x []float64) map[string]bool {
		sites := map[string]bool{}
		for _, b := range p.builds {
			if x[b.Col] > 0.5 {
				sites[p.Scenario.Sites[b.Site].ID] = true
			}
		}
		return sites
	}

	// Only b's module allowed: the best plan builds at b, or nothing.
	atB := []ModuleBuild{{Site: "b", Technology: "refine", Size: "small", Year: 2027, Count: 1}}
	x, err := p.StartWithin(ctx, [][]ModuleBuild{atB}, Options{})
	if err != nil || x == nil {
		t.Fatalf("StartWithin(b) = %v, %v", x, err)
	}
	if sites := builtAt(x); sites["a"] {
		t.Errorf("StartWithin(b) builds at %v", sites)
	}
	if !p.Feasible(x) {
		t.Error("StartWithin(b) is not a plan of the problem")
	}
	restricted := p.Outline().ObjectiveValue(x)
	if restricted > plan.Objective+1e-9*math.Abs(plan.Objective) {
		t.Errorf("restricted to b: %v, above the optimum %v", restricted, plan.Objective)
	}
	// The optimum's own modules give the optimum back.
	x, err = p.StartWithin(ctx, [][]ModuleBuild{atB, plan.Builds()}, Options{})
	if err != nil || x == nil || !near(p.Outline().ObjectiveValue(x), plan.Objective) {
		t.Errorf("StartWithin(b, optimum) = %v, %v; want the optimum %v", x, err, plan.Objective)
	}
	if x, err := p.StartWithin(ctx, nil, Options{}); x != nil || err != nil {
		t.Errorf("StartWithin(nothing) = %v, %v; want nil, nil", x, err)
	}

	// The optimum's plants at a lower price: the flows are those of the LP with
	// the plants fixed, and the plants stay.
	q := toyWith(t, 300, 1e6, 0.1)
	y, err := q.BestFlows(ctx, sol.ColValue, Options{})
	if err != nil || y == nil {
		t.Fatalf("BestFlows = %v, %v", y, err)
	}
	want, _, err := q.SolveWithBuilds(ctx, plan.Builds(), 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Outline().ObjectiveValue(y); !near(got, want.Objective) {
		t.Errorf("BestFlows at price 300: objective %v, want %v", got, want.Objective)
	}
	if sites := builtAt(y); !sites["a"] || sites["b"] {
		t.Errorf("BestFlows builds at %v; want a only", sites)
	}
	if _, err := q.BestFlows(ctx, y[:1], Options{}); err == nil {
		t.Error("BestFlows with one value: no error")
	}
}
