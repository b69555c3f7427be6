package model

import (
	"context"
	"errors"
	"testing"

	"github.com/mineralplan/mineralplan/scenarios"
)

// debtToy is taxToy without tax, its 100,000 USD refinery half financed at
// 10 % over 3 years with 1 year of grace.
func debtToy(repayment string, minDSCR float64) *scenarios.Scenario {
	s := taxToy(100000, scenarios.Depreciation{})
	s.Finance.Tax = nil
	s.Finance.Debt = []scenarios.Lender{{ID: "bank", Share: 0.5, InterestRate: 0.1, Tenor: 3, GraceYears: 1, Repayment: repayment, MinDSCR: minDSCR}}
	return s
}

// TestLoanSchedule: 50,000 drawn in 2026; 2027 interest only (5,000); then
// equal_principal repays 25,000 a year with interest on the balance, and the
// annuity pays 50,000 × 0.1 / (1 − 1.1⁻²) = 28,809.52 a year.
func TestLoanSchedule(t *testing.T) {
	annuity := 50000 * 0.1 / (1 - 1/1.21)
	for _, c := range []struct {
		repayment           string
		interest, principal [4]float64
	}{
		{"equal_principal", [4]float64{0, 5000, 5000, 2500}, [4]float64{0, 0, 25000, 25000}},
		{"annuity", [4]float64{0, 5000, 5000, 0.1 * (50000 - (annuity - 5000))}, [4]float64{0, 0, annuity - 5000, 50000 - (annuity - 5000)}},
	} {
		t.Run(c.repayment, func(t *testing.T) {
			plan, err := Solve(context.Background(), debtToy(c.repayment, 0), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(plan.Plants) != 1 || len(plan.Finance) != 4 {
				t.Fatalf("plants %+v, %d finance years; want the refinery over 4 years", plan.Plants, len(plan.Finance))
			}
			for j, f := range plan.Finance {
				drawn := 0.0
				if j == 0 {
					drawn = 50000
				}
				if !near(f.DebtDrawn, drawn) || !near(f.Interest, c.interest[j]) || !near(f.Principal, c.principal[j]) || !near(f.DebtOutstanding, 0) {
					t.Errorf("%d: drawn %v interest %v principal %v outstanding %v; want %v %v %v 0",
						f.Year, f.DebtDrawn, f.Interest, f.Principal, f.DebtOutstanding, drawn, c.interest[j], c.principal[j])
				}
				if want := f.CashFlow + drawn - c.interest[j] - c.principal[j]; !near(f.EquityCashFlow, want) {
					t.Errorf("%d: equity cash flow %v; want %v", f.Year, f.EquityCashFlow, want)
				}
				if ds := c.interest[j] + c.principal[j]; ds > 0 && !near(f.DSCR, 136000/ds) {
					t.Errorf("%d: DSCR %v; want %v", f.Year, f.DSCR, 136000/ds)
				}
			}
			if want := 136000 / (c.interest[2] + c.principal[2]); plan.MinDSCR == nil || !near(*plan.MinDSCR, want) {
				t.Errorf("min DSCR %v; want %v", plan.MinDSCR, want)
			}
			if plan.EquityIRR.Rate == nil || *plan.EquityIRR.Rate <= *plan.ProjectIRR.Rate {
				t.Errorf("equity IRR %v, project IRR %v; want the levered IRR above the unlevered one (debt at 10 %% funds a project earning more)",
					plan.EquityIRR.Rate, plan.ProjectIRR.Rate)
			}
		})
	}
}

// TestDSCRChangesThePlan: built in 2026, the refinery owes 30,000 in 2028
// under equal_principal, which its 136,000 covers 4.53 times. A minimum DSCR
// of 4 keeps that plan; one of 5 forbids it, and the plan builds in 2028
// instead, owing only 2029's interest within the horizon (136,000 / 5,000),
// for a lower NPV.
func TestDSCRChangesThePlan(t *testing.T) {
	npv := map[float64]float64{}
	for _, c := range []struct {
		dscr  float64
		built int
	}{{0, 2026}, {4, 2026}, {5, 2028}} {
		plan, err := Solve(context.Background(), debtToy("equal_principal", c.dscr), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Plants) != 1 || plan.Plants[0].BuildYear != c.built {
			t.Fatalf("min DSCR %v: plants %+v; want the refinery built in %d", c.dscr, plan.Plants, c.built)
		}
		npv[c.dscr] = plan.NPV
		if c.built == 2028 && (plan.MinDSCR == nil || !near(*plan.MinDSCR, 136000/5000.0)) {
			t.Errorf("min DSCR %v; want 27.2", plan.MinDSCR)
		}
	}
	if want := -100000/1.21 + 136000/1.331; !near(npv[5], want) || !(npv[5] < npv[4]) || npv[4] != npv[0] {
		t.Errorf("NPVs %v; want the covenant of 5 to cost NPV (%v) and 4 none", npv, want)
	}
}

// TestCheckCatchesABrokenCovenant: Check fails a plan whose debt service
// exceeds what min_dscr allows.
func TestCheckCatchesABrokenCovenant(t *testing.T) {
	plan, err := Solve(context.Background(), debtToy("equal_principal", 4), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(debtToy("equal_principal", 5), plan); !IsCheckError(err) {
		t.Fatalf("Check under min_dscr 5 of a plan with DSCR 4.53: %v; want a violation", err)
	}
}

// TestInterestDuringConstruction: a refinery with a 2-year lead time, built
// 2026 and online 2028, owes nothing in 2027; 2027's interest (5,000) is added
// to the 50,000 loan, whose service starts in 2028 on 55,000: interest 5,500
// (grace), then 5,500 and 27,500 of principal in 2029, leaving 27,500 at the
// end of the horizon.
func TestInterestDuringConstruction(t *testing.T) {
	s := debtToy("equal_principal", 0)
	s.Technologies[0].LeadTime = 2
	s.Markets[0].Price = scenarios.ConstantMoney(scenarios.USDAmount(600)) // worth building with 2 years of revenue
	plan, err := Solve(context.Background(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Plants) != 1 || plan.Plants[0].OnlineYear != 2028 {
		t.Fatalf("plants %+v; want the refinery online 2028", plan.Plants)
	}
	interest, principal := [4]float64{0, 0, 5500, 5500}, [4]float64{0, 0, 0, 27500}
	for j, f := range plan.Finance {
		if !near(f.Interest, interest[j]) || !near(f.Principal, principal[j]) {
			t.Errorf("%d: interest %v principal %v; want %v %v", f.Year, f.Interest, f.Principal, interest[j], principal[j])
		}
	}
	if last := plan.Finance[3]; !near(last.DebtOutstanding, 27500) || plan.Finance[1].DSCR != 0 {
		t.Errorf("outstanding %v, 2027 DSCR %v; want 27,500 and none", last.DebtOutstanding, plan.Finance[1].DSCR)
	}
}

// TestInfeasibleNamesTheCovenant: a market that needs the refinery from 2027
// forces the 2026 build, whose service a covenant of 5 cannot admit: the
// explanation names both sides, the covenant's shortfall, 5 × 30,000 − 136,000 =
// 14,000 USD in 2028 and 5 × 27,500 − 136,000 = 1,500 USD in 2029, and the
// market's requirement, of which nothing can be met without the build.
func TestInfeasibleNamesTheCovenant(t *testing.T) {
	s := debtToy("equal_principal", 5)
	req := scenarios.Series{Points: []scenarios.Point{{Year: 2026, Value: 0}, {Year: 2027, Value: 400}}}
	s.Markets[0].Required = &req
	_, err := Solve(context.Background(), s, Options{})
	var inf *InfeasibleError
	if !errors.As(err, &inf) {
		t.Fatalf("err %v; want *InfeasibleError", err)
	}
	want := map[int]float64{2028: 14000, 2029: 1500}
	covenant, market := 0, 0
	for _, c := range inf.Conflicts {
		switch RowKind(c.Kind) {
		case RowDSCR:
			covenant++
			if !near(c.Required-c.Possible, want[c.Year]) || c.Path != "finance.debt[bank].min_dscr" {
				t.Errorf("conflict %+v; want the covenant %v USD short in %d at finance.debt[bank].min_dscr", c, want[c.Year], c.Year)
			}
		case RowRequired:
			market++
			if c.Subject != "m" || c.Possible != 0 {
				t.Errorf("conflict %+v; want market m, of which nothing can be delivered", c)
			}
		default:
			t.Errorf("conflict %+v; want only the covenant and the market", c)
		}
	}
	if covenant != len(want) || market == 0 {
		t.Errorf("conflicts %+v; want the covenant in 2028 and 2029 and the market's requirement", inf.Conflicts)
	}
}
