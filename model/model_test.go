package model

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/mineralplan/mineralplan/highs"
	"github.com/mineralplan/mineralplan/scenarios"
)

// toy is a one-site-that-matters scenario whose optimum is derived by hand:
// ore (800 t/yr at site a, $20/t) → refine (1 t ore → 0.5 t metal, $10/t,
// 1,000 t/yr, $100,000) → metal sold at a for $400/t. Site b is 20 % dearer.
func toy() *scenarios.Scenario {
	demand := scenarios.Constant(1000)
	return &scenarios.Scenario{
		Name:     "toy",
		Horizon:  scenarios.Horizon{FirstYear: 2026, LastYear: 2026, Step: 1},
		Finance:  scenarios.Finance{TerminalValue: "none"},
		Currency: scenarios.Currency{Base: "USD"},
		Materials: []scenarios.Material{
			{ID: "ore", Unit: "t"},
			{ID: "metal", Unit: "t", Critical: true, ChinaRefiningShare: 0.8},
		},
		Technologies: []scenarios.Technology{{
			ID: "refine", Inputs: map[string]float64{"ore": 1}, Outputs: map[string]float64{"metal": 0.5},
			Sizes:        []scenarios.Size{{ID: "small", Capacity: 1000, Capex: scenarios.USDAmount(100000), Jobs: 10}},
			VariableOpex: scenarios.USDAmount(10), MaxUtilisation: 1, MaxModules: 1, Lifetime: 20,
		}},
		Sites: []scenarios.Site{
			{ID: "a", State: "X", Lat: 20, Lon: 78, CapexFactor: 1},
			{ID: "b", State: "Y", Lat: 21, Lon: 78, CapexFactor: 1.2},
		},
		Feedstocks: []scenarios.Feedstock{{ID: "f", Material: "ore", Location: scenarios.Location{Site: "a"},
			Availability: scenarios.Constant(800), Cost: scenarios.ConstantMoney(scenarios.USDAmount(20))}},
		Markets: []scenarios.Market{{ID: "m", Material: "metal", Location: scenarios.Location{Site: "a"},
			Price: scenarios.ConstantMoney(scenarios.USDAmount(400)), Demand: &demand}},
		Logistics: scenarios.Logistics{Modes: map[string]scenarios.Money{"road": scenarios.USDAmount(0.05)}, Circuity: 1.3},
		Budget:    scenarios.Budget{Total: scenarios.USDAmount(1e6)},
		Objective: scenarios.Objective{Kind: "npv"},
		Solver:    scenarios.Solver{MIPGap: 1e-9},
	}
}

func near(got, want float64) bool {
	return math.Abs(got-want) <= 1e-6*math.Max(1, math.Abs(want))
}

func TestToySinglePeriod(t *testing.T) {
	plan, err := Solve(context.Background(), toy(), Options{Marginals: true})
	if err != nil {
		t.Fatal(err)
	}
	// 800 t ore → 400 t metal: 400×400 − 800×20 − 800×10 − 100,000 = 36,000.
	if plan.Status != StatusOptimal || !near(plan.NPV, 36000) || !near(plan.Objective, 36000) {
		t.Fatalf("status %s, NPV %v, objective %v; want optimal, 36000", plan.Status, plan.NPV, plan.Objective)
	}
	if len(plan.Plants) != 1 || plan.Plants[0].Site != "a" || plan.Plants[0].Capacity != 1000 || plan.Plants[0].CapexNet != 100000 {
		t.Fatalf("plants %+v; want one small refine at a", plan.Plants)
	}
	if plan.Security != 400 {
		t.Errorf("security %v t; want 400", plan.Security)
	}
	// One more tonne of ore is worth 0.5×400 − 20 − 10 = 170 USD.
	found := false
	for _, mv := range plan.Marginals {
		if mv.Kind == string(RowSupply) && mv.Subject == "f" {
			found = true
			if !near(mv.Value, 170) {
				t.Errorf("marginal value of ore %v; want 170", mv.Value)
			}
		}
	}
	if !found {
		t.Errorf("no marginal value for feedstock f in %+v", plan.Marginals)
	}
}

func TestToyLeadTimeAndDiscounting(t *testing.T) {
	s := toy()
	s.Horizon.LastYear = 2027
	s.DiscountRate = 0.1
	s.Technologies[0].LeadTime = 1
	plan, err := Solve(context.Background(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Built 2026, online 2027: −100,000 + 136,000/1.1.
	want := -100000 + 136000/1.1
	if !near(plan.NPV, want) || len(plan.Plants) != 1 || plan.Plants[0].BuildYear != 2026 || plan.Plants[0].OnlineYear != 2027 {
		t.Fatalf("NPV %v plants %+v; want %v, built 2026 online 2027", plan.NPV, plan.Plants, want)
	}
	if plan.PaybackYear != 2027 {
		t.Errorf("payback year %d; want 2027", plan.PaybackYear)
	}
}

func TestBudgetBinds(t *testing.T) {
	s := toy()
	s.Budget.Total = scenarios.USDAmount(90000)
	plan, err := Solve(context.Background(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Plants) != 0 || plan.NPV != 0 {
		t.Fatalf("with a budget below the only plant's capex: plants %+v NPV %v; want none, 0", plan.Plants, plan.NPV)
	}
}

func TestCostObjectiveMeetsRequirement(t *testing.T) {
	s := toy()
	s.Objective.Kind = "cost"
	req := scenarios.Constant(300)
	s.Markets[0].Required = &req
	plan, err := Solve(context.Background(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// 300 t metal needs 600 t ore: 100,000 + 600×30 = 118,000.
	if !near(plan.Objective, 118000) {
		t.Fatalf("cost %v; want 118000", plan.Objective)
	}
}

func TestInfeasibleNamesTheRequirement(t *testing.T) {
	s := toy()
	req := scenarios.Constant(600)
	s.Markets[0].Required = &req
	_, err := Solve(context.Background(), s, Options{})
	var inf *InfeasibleError
	if !errors.As(err, &inf) {
		t.Fatalf("err %v; want *InfeasibleError", err)
	}
	if len(inf.Conflicts) != 1 {
		t.Fatalf("conflicts %+v; want exactly the market requirement", inf.Conflicts)
	}
	c := inf.Conflicts[0]
	// 800 t of ore make at most 400 t of metal.
	if c.Kind != string(RowRequired) || c.Subject != "m" || !near(c.Required, 600) || !near(c.Possible, 400) {
		t.Fatalf("conflict %+v; want market m requires 600, possible 400", c)
	}
	if want := "market m requires 600 t in 2026; at most 400 t can be delivered by then"; c.Text != want {
		t.Errorf("text %q; want %q", c.Text, want)
	}
}

func TestShortfallPenaltyMakesRequirementSoft(t *testing.T) {
	s := toy()
	req := scenarios.Constant(600)
	s.Markets[0].Required = &req
	pen := scenarios.USDAmount(1000)
	s.Policy.ShortfallPenalty = &pen
	plan, err := Solve(context.Background(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Shortfalls) != 1 || !near(plan.Shortfalls[0].Quantity, 200) {
		t.Fatalf("shortfalls %+v; want 200 t at m", plan.Shortfalls)
	}
	// 36,000 − 200 × 1,000.
	if !near(plan.NPV, 36000-200000) {
		t.Errorf("NPV %v; want %v", plan.NPV, 36000-200000)
	}
}

func TestCheckCatchesTamperedPlans(t *testing.T) {
	plan, err := Solve(context.Background(), toy(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(toy(), plan); err != nil {
		t.Fatalf("the solved plan fails Check: %v", err)
	}
	for name, tamper := range map[string]func(p *Plan){
		"more ore than available": func(p *Plan) {
			for i := range p.Flows {
				if p.Flows[i].From == "f" {
					p.Flows[i].Quantity *= 1.01
				}
			}
		},
		"more throughput than capacity": func(p *Plan) { p.Plants[0].Capacity = 500 },
		"capex under budget claimed":    func(p *Plan) { p.Plants[0].CapexNet = 1 },
		"objective overstated":          func(p *Plan) { p.Objective *= 1.001 },
		"metal lost in the balance": func(p *Plan) {
			for i := range p.Flows {
				if p.Flows[i].To == "m" {
					p.Flows[i].Quantity -= 1
				}
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			cp := *plan
			cp.Flows = append([]Flow(nil), plan.Flows...)
			cp.Plants = append([]Plant(nil), plan.Plants...)
			tamper(&cp)
			err := Check(toy(), &cp)
			if err == nil || !IsCheckError(err) {
				t.Fatalf("Check accepted a tampered plan (%s): %v", name, err)
			}
		})
	}
}

func TestNamesAreReadable(t *testing.T) {
	p, err := Build(toy())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"build[a,refine,small,2026]": false, "supply[f,2026]": false, "balance[a,metal,2026]": false, "budget[total]": false}
	for _, n := range append(append([]string(nil), p.Model.ColNames...), p.Model.RowNames...) {
		if _, ok := want[n]; ok {
			want[n] = true
		}
	}
	for n, seen := range want {
		if !seen {
			t.Errorf("no column or row named %s; have %s", n, strings.Join(p.Model.RowNames, " "))
		}
	}
}

// solvedToy builds the toy and returns it with the solution its plan was read from.
func solvedToy(t *testing.T) (*Problem, *highs.Solution) {
	t.Helper()
	p, err := Build(toy())
	if err != nil {
		t.Fatal(err)
	}
	_, sol, err := p.Solve(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p, sol
}

// HiGHS may return a column a little below its lower bound of 0, within its
// primal feasibility tolerance; such values read as 0, and anything further
// below is kept for Check to refuse.
func TestExtractReadsToleranceNegativesAsZero(t *testing.T) {
	p, sol := solvedToy(t)
	idle := -1
	for _, fv := range p.flows {
		if sol.ColValue[fv.Col] == 0 {
			idle = fv.Col
			break
		}
	}
	if idle < 0 {
		t.Fatal("the toy's plan uses every arc; the test needs an idle one")
	}
	for _, tc := range []struct {
		value float64
		ok    bool
	}{{-0.5 * primalTol, true}, {-primalTol, true}, {-100 * primalTol, false}} {
		x := append([]float64(nil), sol.ColValue...)
		x[idle] = tc.value
		plan, err := p.extract(x)
		if err != nil {
			t.Fatal(err)
		}
		plan.Objective = p.objectiveToScenario(sol.Objective)
		err = Check(p.Scenario, plan)
		if tc.ok && err != nil {
			t.Errorf("flow %g (model units): Check refused the plan: %v", tc.value, err)
		}
		if !tc.ok && (err == nil || !strings.Contains(err.Error(), "negative flow")) {
			t.Errorf("flow %g (model units): Check gave %v; want a negative-flow violation", tc.value, err)
		}
	}
}

// HiGHS accepts an integer column up to 10⁻⁶ from an integer, and the other
// columns may lean on that fraction. polish re-solves with the plants fixed at
// their rounded values, so a plant rounded away leaves no throughput behind.
func TestPolishFitsFlowsToRoundedPlants(t *testing.T) {
	p, sol := solvedToy(t)
	// Lean on a fraction of a module at site b, the dearer site: 5e-7 of the
	// module and the throughput that fraction allows, fed from f and sold at m.
	x := append([]float64(nil), sol.ColValue...)
	const frac = 5e-7
	tput := frac * 1000 * massScale
	for _, b := range p.builds {
		if p.Scenario.Sites[b.Site].ID == "b" {
			x[b.Col] = frac
		}
	}
	for _, tv := range p.throughput {
		if p.Scenario.Sites[tv.Site].ID == "b" {
			x[tv.Col] = tput
		}
	}
	for _, fv := range p.flows {
		ar := p.net.Arcs[fv.Arc]
		from, to := p.net.Nodes[ar.From], p.net.Nodes[ar.To]
		switch {
		case from.ID == "f" && to.Kind == SiteNode && p.Scenario.Sites[to.Index].ID == "b":
			x[fv.Col] = tput
		case from.ID == "f" && to.Kind == SiteNode:
			x[fv.Col] -= tput
		case from.Kind == SiteNode && p.Scenario.Sites[from.Index].ID == "b" && to.ID == "m":
			x[fv.Col] = tput / 2
		}
	}
	leaning := &highs.Solution{ColValue: x, Objective: sol.Objective}
	raw, err := p.extract(leaning.ColValue)
	if err != nil {
		t.Fatal(err)
	}
	raw.Objective = raw.NPV
	if err := Check(p.Scenario, raw); err == nil || !strings.Contains(err.Error(), "online capacity 0.000") {
		t.Fatalf("Check of the unpolished values: %v; want a throughput beyond zero capacity", err)
	}
	fixed, err := p.polish(context.Background(), leaning, Options{})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := p.extract(fixed.ColValue)
	if err != nil {
		t.Fatal(err)
	}
	plan.Objective = p.objectiveToScenario(fixed.Objective)
	if err := Check(p.Scenario, plan); err != nil {
		t.Fatalf("the polished plan fails Check: %v", err)
	}
	for _, th := range plan.Throughput {
		if th.Site == "b" {
			t.Errorf("site b, with no module, processes %g t after polishing", th.Tonnes)
		}
	}
	if !near(plan.NPV, 36000) {
		t.Errorf("polished NPV %v; want 36000", plan.NPV)
	}
}

func TestSolveReportsItsStart(t *testing.T) {
	ctx := context.Background()
	p, err := Build(toy())
	if err != nil {
		t.Fatal(err)
	}
	cold, sol, err := p.Solve(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cold.StartGap(); ok || cold.StartObjective != nil || cold.LPIterations <= 0 || cold.Nodes < 0 {
		t.Fatalf("cold solve: start %v, %d LP iterations, %d nodes; want no start, iterations > 0, nodes ≥ 0",
			cold.StartObjective, cold.LPIterations, cold.Nodes)
	}
	// From its own optimum the start gap is 0; from building nothing (NPV 0) it
	// is the whole objective.
	nothing := make([]float64, p.Model.NumCols())
	for _, c := range []struct {
		name  string
		start []float64
		value float64
		gap   float64
	}{{"optimum", sol.ColValue, 36000, 0}, {"nothing", nothing, 0, 1}} {
		plan, _, err := p.Solve(ctx, Options{WarmStart: c.start})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		gap, ok := plan.StartGap()
		if !ok || !near(*plan.StartObjective, c.value) || math.Abs(gap-c.gap) > 1e-9 || !near(plan.Objective, 36000) {
			t.Errorf("start at %s: start objective %v, gap %v (%v), objective %v; want %v, %v, 36000",
				c.name, plan.StartObjective, gap, ok, plan.Objective, c.value, c.gap)
		}
	}
}
