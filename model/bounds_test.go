package model

import (
	"context"
	"math"
	"testing"

	"github.com/mineralplan/mineralplan/highs"
	"github.com/mineralplan/mineralplan/scenarios"
)

// chain is ore (800 t/yr) → crush (1 t ore → 0.5 t concentrate, up to
// 10,000 t/yr per plant) → refine (1 t concentrate → 0.8 t metal), metal sold
// without limit. Only the ore limits how much concentrate there can be.
func chain() *scenarios.Scenario {
	s := toy()
	s.Materials = []scenarios.Material{{ID: "ore", Unit: "t"}, {ID: "conc", Unit: "t"}, {ID: "metal", Unit: "t"}}
	s.Technologies = []scenarios.Technology{
		{ID: "crush", Inputs: map[string]float64{"ore": 1}, Outputs: map[string]float64{"conc": 0.5},
			Sizes:        []scenarios.Size{{ID: "big", Capacity: 10000, Capex: scenarios.USDAmount(1000)}},
			VariableOpex: scenarios.USDAmount(1), MaxUtilisation: 1, MaxModules: 1, Lifetime: 20},
		{ID: "refine", Inputs: map[string]float64{"conc": 1}, Outputs: map[string]float64{"metal": 0.8},
			Sizes:        []scenarios.Size{{ID: "small", Capacity: 300, Capex: scenarios.USDAmount(1000)}},
			VariableOpex: scenarios.USDAmount(1), MaxUtilisation: 1, MaxModules: 3, Lifetime: 20},
	}
	s.Markets[0].Demand = nil
	return s
}

func TestThroughputBoundsFollowTheChain(t *testing.T) {
	p, err := Build(chain())
	if err != nil {
		t.Fatal(err)
	}
	b := p.throughputBounds()
	// crush: 800 t of ore. refine: the 400 t of concentrate crush can make of
	// it, not the 2 × 10,000 × 0.5 t the crush plants could make.
	if b[0][0] != 800 || b[1][0] != 400 {
		t.Fatalf("bounds crush %v, refine %v t/yr; want 800 and 400", b[0][0], b[1][0])
	}
}

// mirToy has one technology with sizes of 1,000 and 2,500 t/yr, two sites that may
// build each size once, and 3,600 t/yr of ore: T/C is fractional for both sizes.
func mirToy() *scenarios.Scenario {
	s := toy()
	s.Technologies[0].Sizes = []scenarios.Size{
		{ID: "small", Capacity: 1000, Capex: scenarios.USDAmount(100000)},
		{ID: "large", Capacity: 2500, Capex: scenarios.USDAmount(180000)},
	}
	s.Feedstocks[0].Availability = scenarios.Constant(3600)
	s.Markets[0].Demand = nil
	return s
}

func TestThroughputMIRRowsHoldForEveryIntegerPlan(t *testing.T) {
	p, err := Build(mirToy())
	if err != nil {
		t.Fatal(err)
	}
	var mir []int
	for r, info := range p.rows {
		if info.Kind == RowThroughputMIR {
			mir = append(mir, r)
		}
	}
	if len(mir) != 2 {
		t.Fatalf("%d throughput_mir rows; want 2 (one per size)", len(mir))
	}
	T := 3600 * massScale
	// Every build plan: each of the 4 build columns (2 sites × 2 sizes) 0 or 1,
	// with the largest total throughput it allows, min(T, capacity).
	tight := make([]bool, len(mir))
	for plan := range 1 << len(p.builds) {
		x := make([]float64, p.Model.NumCols())
		capacity := 0.0
		for j, b := range p.builds {
			if plan&(1<<j) != 0 {
				x[b.Col] = 1
				capacity += p.Scenario.Technologies[b.Tech].Sizes[b.Size].Capacity * massScale
			}
		}
		left := math.Min(T, capacity)
		for _, tv := range p.throughput { // fill the sites in turn
			site := 0.0
			for _, b := range p.builds {
				if b.Site == tv.Site && x[b.Col] == 1 {
					site += p.Scenario.Technologies[b.Tech].Sizes[b.Size].Capacity * massScale
				}
			}
			x[tv.Col] = math.Min(site, left)
			left -= x[tv.Col]
		}
		for i, r := range mir {
			act := 0.0
			for k := p.Model.AStart[r]; k < p.Model.AStart[r+1]; k++ {
				act += p.Model.AValue[k] * x[p.Model.AIndex[k]]
			}
			if act > p.Model.RowUpper[r]+1e-9 {
				t.Errorf("%s cuts off build plan %04b: %v > %v", p.Model.RowNames[r], plan, act, p.Model.RowUpper[r])
			}
			if math.Abs(act-p.Model.RowUpper[r]) < 1e-9 {
				tight[i] = true
			}
		}
	}
	for i, r := range mir {
		if !tight[i] {
			t.Errorf("%s is tight at no build plan: it is weaker than it should be", p.Model.RowNames[r])
		}
	}

	// The rows cut the LP relaxation but not the MIP optimum.
	with, without := lpRelaxation(t, &p.Model, nil), lpRelaxation(t, &p.Model, mir)
	if !(with < without-1e-6) {
		t.Errorf("LP relaxation %v with the MIR rows, %v without; want it lower with them", with, without)
	}
	plan, err := Solve(context.Background(), mirToy(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// 3,600 t of ore → 1,800 t of metal needs large + small at one site or the
	// other; 1,000 + 2,500 t of capacity takes 3,500 t: 3,500 × (0.5×400 − 20 − 10)
	// − 280,000 = 315,000.
	if !near(plan.NPV, 315000) {
		t.Errorf("NPV %v; want 315000", plan.NPV)
	}
}

// lpRelaxation solves m with every column continuous and the rows in drop left
// out, and returns the optimal objective.
func lpRelaxation(t *testing.T, m *highs.Model, drop []int) float64 {
	t.Helper()
	skip := map[int]bool{}
	for _, r := range drop {
		skip[r] = true
	}
	lp := *m
	lp.ColType = nil
	lp.RowLower, lp.RowUpper, lp.RowNames = nil, nil, nil
	lp.AStart, lp.AIndex, lp.AValue = nil, nil, nil
	for r := 0; r < m.NumRows(); r++ {
		if skip[r] {
			continue
		}
		a, b := m.AStart[r], m.AStart[r+1]
		lp.AddRow(m.RowNames[r], m.RowLower[r], m.RowUpper[r], m.AIndex[a:b], m.AValue[a:b])
	}
	sv, err := highs.NewSolver(&lp, highs.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer sv.Close()
	sol, err := sv.Solve(context.Background())
	if err != nil || sol.Status != highs.Optimal {
		t.Fatalf("LP relaxation: %v, status %v", err, sol.Status)
	}
	return sol.Objective
}
