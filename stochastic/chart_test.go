package stochastic

import (
	"context"
	"testing"

	"github.com/mineralplan/mineralplan/chart"
	"github.com/mineralplan/mineralplan/model"
)

// TestChartsLayout: the NPV chart and the regret heatmap of the toy study have
// no text cut off or drawn over (chart.Check).
func TestChartsLayout(t *testing.T) {
	st := loadToy(t)
	res, err := Solve(context.Background(), st, Options{Objective: model.ExpectedNPV})
	if err != nil {
		t.Fatal(err)
	}
	c := res.npvChart()
	var targets []Target
	for _, f := range st.Futures {
		targets = append(targets, Target{ID: f.ID, Group: st.Name, Probability: f.Probability, Scenario: f.Scenario})
	}
	ev, err := Evaluate(context.Background(), []NamedPlan{{Name: "stochastic", Builds: res.Shared}, {Name: "nothing"}}, targets, model.Options{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	for name, svg := range map[string]string{
		"npv.svg":    string(c.Standalone("npv", chartW, res.chartH(), "t", "d")),
		"regret.svg": string(ev.heatmap()),
	} {
		problems, err := chart.Check(svg)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, p := range problems {
			t.Errorf("%s: %s", name, p)
		}
	}
	// Building nothing regrets each future's whole optimum (317,881.63 in boom);
	// the expected-NPV plan regrets at most 105,615.03 (in bust).
	if ev.MinMaxRegret != "stochastic" {
		t.Errorf("min-max-regret plan %q, want stochastic", ev.MinMaxRegret)
	}
}
