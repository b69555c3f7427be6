package model

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/mineralplan/mineralplan/scenarios"
)

// TestPartnerHurdleChangesThePlan: a 300,000 USD refinery earning 136,000 a
// year from 2027 is worth building at the 10 % discount rate (−300,000 +
// 136,000 × (1/1.1 + 1/1.21 + 1/1.331) = 38,219) but not at a 20 % hurdle
// (−300,000 + 136,000 × (1/1.2 + 1/1.44 + 1/1.728) = −13,519): a partner holding
// half the equity and asking an NPV of 0 at 20 % rules it out.
func TestPartnerHurdleChangesThePlan(t *testing.T) {
	h := 0.2
	for _, c := range []struct {
		min    *scenarios.Money
		plants int
	}{{nil, 1}, {&scenarios.Money{Currency: "USD"}, 0}} {
		s := taxToy(300000, scenarios.Depreciation{})
		s.Finance.Tax = nil
		s.Budget.Partners = []scenarios.Partner{{ID: "jp", Share: 0.5, HurdleRate: &h, MinNPVAtHurdle: c.min}, {ID: "in", Share: 0.5}}
		plan, err := Solve(context.Background(), s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Plants) != c.plants || len(plan.Partners) != 2 {
			t.Fatalf("min NPV %v: plants %+v, partners %+v; want %d plants and 2 partners", c.min, plan.Plants, plan.Partners, c.plants)
		}
		jp := plan.Partners[0]
		want := 0.0
		if c.plants == 1 {
			want = 0.5 * (-300000 + 136000*(1/1.2+1/1.44+1/1.728))
		}
		if jp.NPVAtHurdle == nil || math.Abs(*jp.NPVAtHurdle-want) > 1e-6*300000 || plan.Partners[1].NPVAtHurdle != nil {
			t.Errorf("partner NPVs %v, %v; want %v at 20 %% and none without a hurdle", jp.NPVAtHurdle, plan.Partners[1].NPVAtHurdle, want)
		}
		if c.plants == 1 && !near(jp.Equity, 150000) {
			t.Errorf("partner equity %v; want 150,000", jp.Equity)
		}
	}
}

// TestPartnerHurdleWithDebtAndTax: the row holds a partner's NPV of after-tax,
// levered cash flows; the plan it admits meets the minimum (Check recomputes
// it), and one just above the plan's NPV at the hurdle rules the plant out.
func TestPartnerHurdleWithDebtAndTax(t *testing.T) {
	h := 0.15
	s := taxToy(150000, scenarios.Depreciation{Method: "written_down", Rate: 0.3})
	s.Finance.Tax.LossCarryForward = "unlimited"
	s.Finance.Debt = []scenarios.Lender{{ID: "bank", Share: 0.5, InterestRate: 0.06, Tenor: 5, GraceYears: 1, Repayment: "annuity"}}
	s.Budget.Partners = []scenarios.Partner{{ID: "jp", Share: 0.4, HurdleRate: &h}, {ID: "in", Share: 0.6}}
	plan, err := Solve(context.Background(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Plants) != 1 || plan.Partners[0].NPVAtHurdle == nil {
		t.Fatalf("plants %+v partners %+v; want the refinery and an NPV at the hurdle", plan.Plants, plan.Partners)
	}
	npv := *plan.Partners[0].NPVAtHurdle
	if npv <= 100 {
		t.Fatalf("partner NPV at 15 %% %v; the test needs it above 100", npv)
	}
	m := scenarios.USDAmount(npv - 100)
	s.Budget.Partners[0].MinNPVAtHurdle = &m
	if plan, err := Solve(context.Background(), s, Options{}); err != nil || len(plan.Plants) != 1 {
		t.Fatalf("min NPV 100 below the plan's: %v, plants %+v; want the same plan", err, plan.Plants)
	}
	m = scenarios.USDAmount(npv + 100)
	_, err = Solve(context.Background(), s, Options{})
	var inf *InfeasibleError
	if !errors.As(err, &inf) || len(inf.Conflicts) != 1 || inf.Conflicts[0].Kind != string(RowPartnerHurdle) ||
		math.Abs(inf.Conflicts[0].Possible-npv) > 1e-6*npv {
		t.Fatalf("min NPV 100 above the plan's %v: %v; want the partner's hurdle named, %v reachable", npv, err, npv)
	}
}
