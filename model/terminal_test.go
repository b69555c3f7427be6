package model

import (
	"context"
	"math"
	"testing"

	"github.com/mineralplan/mineralplan/scenarios"
)

// twoYearToy is the toy over 2026–2027 at 10 %: the refinery is built in 2026
// and runs from 2027, when it earns 400×400 − 800×20 − 800×10 = 136,000 USD
// before incentives. The end of the horizon e is 2028, δ(e) = 1/1.21.
func twoYearToy(method string) *scenarios.Scenario {
	s := toy()
	s.Horizon.LastYear = 2027
	s.DiscountRate = 0.1
	s.Technologies[0].LeadTime = 1
	s.Finance.TerminalValue = method
	return s
}

// TestTerminalValueMethods derives each method's NPV by hand.
func TestTerminalValueMethods(t *testing.T) {
	base := -100000 + 136000/1.1
	// Continuing years: lifetime 20 − (2028 − (2026 + 1)) = 19.
	annuity := 0.0
	for k := range 19 {
		annuity += math.Pow(1.1, -float64(k))
	}
	for _, c := range []struct {
		method   string
		terminal float64 // at e, undiscounted
		years    int
	}{
		// Online 2027, one year used of 20 at e: 0.95 × 100,000.
		{"book", 95000, 0},
		{"continuing", 136000 * annuity, 19},
		{"none", 0, 0},
	} {
		t.Run(c.method, func(t *testing.T) {
			s := twoYearToy(c.method)
			if got := ContinuingYears(s); got != 19 {
				t.Fatalf("ContinuingYears %d; want 19", got)
			}
			plan, err := Solve(context.Background(), s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := base + c.terminal/1.21
			if !near(plan.NPV, want) || !near(plan.Objective, want) || len(plan.Plants) != 1 {
				t.Fatalf("NPV %v objective %v plants %+v; want %v with one plant", plan.NPV, plan.Objective, plan.Plants, want)
			}
			last := plan.Finance[len(plan.Finance)-1]
			if last.Year != 2027 || !near(last.TerminalValue, c.terminal) {
				t.Errorf("last finance row %+v; want 2027 with terminal value %v", last, c.terminal)
			}
			if plan.TerminalMethod != c.method || plan.ContinuingYears != c.years {
				t.Errorf("method %q years %d; want %q %d", plan.TerminalMethod, plan.ContinuingYears, c.method, c.years)
			}
			if !near(plan.Split.TerminalValue, c.terminal/1.21) || !near(plan.Split.Operations, base) {
				t.Errorf("split %+v; want operations %v, terminal %v", plan.Split, base, c.terminal/1.21)
			}
		})
	}
}

// TestContinuingValueChangesThePlan: a refinery that loses money over the
// horizon is built only when its continuing value counts.
func TestContinuingValueChangesThePlan(t *testing.T) {
	for _, c := range []struct {
		method string
		plants int
	}{{"none", 0}, {"continuing", 1}} {
		s := twoYearToy(c.method)
		s.Technologies[0].Sizes[0].Capex = scenarios.USDAmount(200000) // 136,000/1.1 < 200,000
		plan, err := Solve(context.Background(), s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Plants) != c.plants {
			t.Errorf("%s: plants %+v; want %d", c.method, plan.Plants, c.plants)
		}
	}
}

// TestNPVSplitSums: incentives, subsidies and the terminal value are reported
// apart, each derived by hand, and the four parts sum to the NPV within 1e-6.
func TestNPVSplitSums(t *testing.T) {
	for _, method := range []string{"book", "continuing", "none"} {
		s := twoYearToy(method)
		s.Sites[0].CapitalSubsidy = 0.1
		s.Policy.Incentives = []scenarios.Incentive{{ID: "pli", Material: "metal",
			PerUnit: scenarios.ConstantMoney(scenarios.USDAmount(10))}}
		s.Technologies[0].Incentives = []string{"pli"}
		plan, err := Solve(context.Background(), s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		sp := plan.Split
		// 400 t of metal in 2027 at $10/t; 10 % of the 100,000 capex in 2026.
		if !near(sp.Incentives, 4000/1.1) || !near(sp.Subsidies, 10000) {
			t.Errorf("%s: split %+v; want incentives %v, subsidies 10000", method, sp, 4000/1.1)
		}
		// Operations count the gross capex: −100,000 + 136,000/1.1.
		if !near(sp.Operations, -100000+136000/1.1) {
			t.Errorf("%s: operations %v; want %v", method, sp.Operations, -100000+136000/1.1)
		}
		if d := sp.Operations + sp.TerminalValue + sp.Incentives + sp.Subsidies - plan.NPV; math.Abs(d) > 1e-6 {
			t.Errorf("%s: parts %+v sum to NPV %v %+g", method, sp, plan.NPV, d)
		}
	}
}

// TestProjectIRR: the toy pays 100,000 in 2026 for 136,000 in 2027, an IRR of
// 36 %; its cash flows, discounted at the scenario's rate, give the NPV.
func TestProjectIRR(t *testing.T) {
	for _, method := range []string{"none", "book"} {
		s := twoYearToy(method)
		plan, err := Solve(context.Background(), s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		cf := plan.ProjectCashFlows()
		if len(cf) != 3 {
			t.Fatalf("%s: cash flows %v; want 2026, 2027 and the terminal value at 2028", method, cf)
		}
		pv := 0.0
		for i, c := range cf {
			pv += c * math.Pow(1.1, -float64(i))
		}
		if !near(pv, plan.NPV) {
			t.Errorf("%s: cash flows %v discount to %v; NPV %v", method, cf, pv, plan.NPV)
		}
		r := plan.ProjectIRR
		if r.Status != "unique" || r.Rate == nil {
			t.Fatalf("%s: project IRR %+v; want unique", method, r)
		}
		if method == "none" && !near(*r.Rate, 0.36) {
			t.Errorf("project IRR %v; want 0.36", *r.Rate)
		}
		// −100,000 + 136,000x + 95,000x² = 0 with book value, x = 1/(1+r).
		if x := 1 / (1 + *r.Rate); method == "book" && !near(-100000+136000*x+95000*x*x, 0) {
			t.Errorf("book: project IRR %v does not zero the cash flows", *r.Rate)
		}
	}
}
