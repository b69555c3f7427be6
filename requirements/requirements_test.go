package requirements

import (
	"context"
	"math"
	"testing"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// TestForcedLossIsPriced: testdata/forced.yaml derives the costs by hand.
func TestForcedLossIsPriced(t *testing.T) {
	s, _, err := scenarios.LoadFile("testdata/forced.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := model.Solve(context.Background(), s, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(plan.NPV-(-14000)) > 1e-6 {
		t.Fatalf("NPV %v; want −14,000 (the plant built to meet the requirement)", plan.NPV)
	}
	costs, err := Costs(context.Background(), s, plan, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []model.RequirementCost{
		{Kind: "china_share", Subject: "ore", Without: "policy.china_share_max.ore=null", NPVWithout: -14000, Cost: 0, Status: "optimal"},
		{Kind: "required", Subject: "m", Without: "markets[m].required=null", NPVWithout: 0, Cost: 14000, Status: "optimal"},
	}
	if len(costs) != len(want) {
		t.Fatalf("costs %+v; want %+v", costs, want)
	}
	for i, c := range costs {
		w := want[i]
		if c.Kind != w.Kind || c.Subject != w.Subject || c.Without != w.Without || c.Status != w.Status ||
			math.Abs(c.NPVWithout-w.NPVWithout) > 1e-6 || math.Abs(c.Cost-w.Cost) > 1e-6 {
			t.Errorf("cost %d: %+v; want %+v", i, c, w)
		}
	}
}

// TestHardSkipsSoftAndEmpty: a shortfall penalty makes minimums soft, and a
// requirement of 0 in every year makes no row, so neither is priced.
func TestHardSkipsSoftAndEmpty(t *testing.T) {
	s, _, err := scenarios.LoadFile("testdata/forced.yaml", []string{"policy.shortfall_penalty=1000"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Hard(s) {
		if r.Kind == "required" {
			t.Errorf("hard requirement %+v with a shortfall penalty", r)
		}
	}
	s, _, err = scenarios.LoadFile("testdata/forced.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Hard(s) {
		if r.Subject == "m2" {
			t.Errorf("hard requirement %+v of 0 in every year", r)
		}
	}
}

// TestCostsRefuseOtherObjectives: a cost in NPV means nothing for a security
// objective.
func TestCostsRefuseOtherObjectives(t *testing.T) {
	if _, err := Costs(context.Background(), &scenarios.Scenario{}, &model.Plan{ObjectiveKind: "security"}, model.Options{}); err == nil {
		t.Error("Costs priced requirements of a security objective")
	}
}
