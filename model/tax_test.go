package model

import (
	"context"
	"math"
	"testing"

	"github.com/mineralplan/mineralplan/scenarios"
)

// taxToy is the toy over 2026–2029 at 10 %: one refinery of capex c built in
// 2026 runs from 2027 and earns 136,000 USD a year before tax (400×400 −
// 800×20 − 800×10), taxed at 25 % under depreciation d.
func taxToy(capex float64, d scenarios.Depreciation) *scenarios.Scenario {
	s := toy()
	s.Horizon.LastYear = 2029
	s.DiscountRate = 0.1
	s.Technologies[0].LeadTime = 1
	s.Technologies[0].Sizes[0].Capex = scenarios.USDAmount(capex)
	s.Finance.Tax = &scenarios.Tax{Rate: scenarios.Constant(0.25), Depreciation: d}
	return s
}

// solveTax solves s and checks the plan builds the one refinery, that the
// solver's objective is the simulated after-tax NPV, and that the years
// 2026–2029 carry the depreciation, loss set off and tax given, USD.
func solveTax(t *testing.T, s *scenarios.Scenario, dep, setOff, tax [4]float64) *Plan {
	t.Helper()
	plan, err := Solve(context.Background(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Plants) != 1 || plan.Plants[0].OnlineYear != 2027 {
		t.Fatalf("plants %+v; want one refinery online 2027", plan.Plants)
	}
	if len(plan.Finance) != 4 {
		t.Fatalf("%d finance years; want 4", len(plan.Finance))
	}
	capex := s.Technologies[0].Sizes[0].Capex.USD
	pre := -capex + 136000*(1/1.1+1/1.21+1/1.331)
	taxes := 0.0
	for j, f := range plan.Finance {
		op := 0.0
		if f.Year > 2026 {
			op = 136000
		}
		if !near(f.Depreciation, dep[j]) || !near(f.TaxableIncome, op-dep[j]) || !near(f.LossSetOff, setOff[j]) || !near(f.Tax, tax[j]) {
			t.Errorf("%d: depreciation %v taxable %v set off %v tax %v; want %v %v %v %v",
				f.Year, f.Depreciation, f.TaxableIncome, f.LossSetOff, f.Tax, dep[j], op-dep[j], setOff[j], tax[j])
		}
		taxes += tax[j] * math.Pow(1.1, -float64(j))
	}
	if !near(plan.NPVPreTax, pre) || !near(plan.NPV, pre-taxes) || !near(plan.Objective, pre-taxes) || !near(plan.Split.Tax, -taxes) {
		t.Errorf("NPV %v before tax %v objective %v split tax %v; want %v, %v, %v, %v",
			plan.NPV, plan.NPVPreTax, plan.Objective, plan.Split.Tax, pre-taxes, pre, pre-taxes, -taxes)
	}
	return plan
}

// TestTaxStraightLine: 100,000 written off in 2 equal years from 2027:
// taxable 86,000, 86,000, 136,000 at 25 %.
func TestTaxStraightLine(t *testing.T) {
	s := taxToy(100000, scenarios.Depreciation{Method: "straight_line", Years: 2})
	solveTax(t, s, [4]float64{0, 50000, 50000, 0}, [4]float64{}, [4]float64{0, 21500, 21500, 34000})
}

// TestTaxWrittenDown: 100,000 written down at 50 % a year from 2027, set for
// the technology over a scenario-wide straight line: 50,000, 25,000, 12,500.
func TestTaxWrittenDown(t *testing.T) {
	s := taxToy(100000, scenarios.Depreciation{Method: "straight_line", Years: 10,
		Technologies: map[string]scenarios.DepreciationRule{"refine": {Method: "written_down", Rate: 0.5}}})
	solveTax(t, s, [4]float64{0, 50000, 25000, 12500}, [4]float64{},
		[4]float64{0, 0.25 * 86000, 0.25 * 111000, 0.25 * 123500})
}

// TestTaxLossCarriedForward: 200,000 written off in 2027 alone makes a loss of
// 64,000 that year. Carried forward it is set off in 2028 (taxed 72,000);
// without carry-forward it is lost and 2028 is taxed in full.
func TestTaxLossCarriedForward(t *testing.T) {
	dep := [4]float64{0, 200000, 0, 0}
	s := taxToy(200000, scenarios.Depreciation{Method: "straight_line", Years: 1})
	s.Finance.Tax.LossCarryForward = "unlimited"
	solveTax(t, s, dep, [4]float64{0, 0, 64000, 0}, [4]float64{0, 0, 18000, 34000})

	s = taxToy(200000, scenarios.Depreciation{Method: "straight_line", Years: 1})
	s.Finance.Tax.LossCarryForward = "none"
	solveTax(t, s, dep, [4]float64{}, [4]float64{0, 0, 34000, 34000})
}

// TestTaxHoliday: a holiday of 2 years from 2027 exempts 2027 and 2028; the
// 2027 loss is not kept, so 2029 is taxed in full. Without the holiday the
// loss is set off in 2028 as in TestTaxLossCarriedForward.
func TestTaxHoliday(t *testing.T) {
	dep := [4]float64{0, 200000, 0, 0}
	s := taxToy(200000, scenarios.Depreciation{Method: "straight_line", Years: 1})
	s.Finance.Tax.LossCarryForward = "unlimited"
	s.Finance.Tax.HolidayYears, s.Finance.Tax.HolidayStart = 2, 2027
	solveTax(t, s, dep, [4]float64{}, [4]float64{0, 0, 0, 34000})
}

// TestTaxRatesThatFall: a rate falling from 30 % to 20 % in 2029 weighs each
// year's income at its own rate, loss set off first.
func TestTaxRatesThatFall(t *testing.T) {
	s := taxToy(200000, scenarios.Depreciation{Method: "straight_line", Years: 1})
	s.Finance.Tax.LossCarryForward = "unlimited"
	s.Finance.Tax.Rate = scenarios.Series{Points: []scenarios.Point{{Year: 2026, Value: 0.3}, {Year: 2028, Value: 0.3}, {Year: 2029, Value: 0.2}}}
	solveTax(t, s, [4]float64{0, 200000, 0, 0}, [4]float64{0, 0, 64000, 0}, [4]float64{0, 0, 0.3 * 72000, 0.2 * 136000})
}

// TestTaxCheckCatchesAMisreportedTax: Check fails a plan whose reported tax
// differs from the simulated one.
func TestTaxCheckCatchesAMisreportedTax(t *testing.T) {
	s := taxToy(100000, scenarios.Depreciation{Method: "straight_line", Years: 2})
	plan, err := Solve(context.Background(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	plan.Finance[2].Tax -= 1000
	if err := Check(s, plan); !IsCheckError(err) {
		t.Fatalf("Check of a plan with 1,000 USD less tax in 2028: %v; want a violation", err)
	}
}

// TestTaxChangesThePlan: a refinery of 320,000 USD written off over 20 years
// is worth building before tax (−320,000 + 136,000 × (1/1.1 + 1/1.21 +
// 1/1.331) > 0) but not after 25 % of 136,000 − 16,000 a year.
func TestTaxChangesThePlan(t *testing.T) {
	s := taxToy(320000, scenarios.Depreciation{Method: "straight_line", Years: 20})
	s.Finance.Tax = nil
	plan, err := Solve(context.Background(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Plants) != 1 {
		t.Fatalf("before tax: plants %+v; want the refinery", plan.Plants)
	}
	s = taxToy(320000, scenarios.Depreciation{Method: "straight_line", Years: 20})
	plan, err = Solve(context.Background(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Plants) != 0 || !near(plan.NPV, 0) {
		t.Fatalf("after tax: plants %+v NPV %v; want none and 0", plan.Plants, plan.NPV)
	}
}
