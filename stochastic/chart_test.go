package stochastic

import (
	"context"
	"strings"
	"testing"

	"github.com/mineralplan/mineralplan/chart"
	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/results"
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

// TestReportHTMLSharedMapAndLinks: the study's report.html shows the shared
// plan on the map of India and links each future to its own report.html.
func TestReportHTMLSharedMapAndLinks(t *testing.T) {
	if got := results.MarkdownCell("[boom](futures/boom/report.md)"); got != `<a href="futures/boom/report.html">boom</a>` {
		t.Errorf("link cell = %s", got)
	}
	if got := results.MarkdownCell("a < b"); got != "a &lt; b" {
		t.Errorf("text cell = %s", got)
	}
	st := loadToy(t)
	res, err := Solve(context.Background(), st, Options{Objective: model.ExpectedNPV})
	if err != nil {
		t.Fatal(err)
	}
	html := string(res.reportHTML(nil, ""))
	if !strings.Contains(html, `id="map"`) || !strings.Contains(html, "The shared plan on the map") {
		t.Fatal("report.html has no map of the shared plan")
	}
	svg, _, _ := res.sharedMap()
	for _, b := range res.Shared {
		if !strings.Contains(svg, b.Site) {
			t.Errorf("the shared build at %s is not on the map", b.Site)
		}
	}
	if len(res.Shared) == 0 {
		t.Error("the toy study shares no build; the test shows nothing")
	}
	if !strings.Contains(html, `href="futures/`+res.Futures[0].ID+`/report.html"`) {
		t.Error("report.html does not link the first future's report.html")
	}
}
