package results

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/mineralplan/mineralplan/chart"
	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// svgElements are the top-level <svg> elements of a page (the map legend's
// small inline icons are inside <li>, and are checked as their own).
var svgElements = regexp.MustCompile(`(?s)<svg xmlns="http://www.w3.org/2000/svg" id="[^"]+".*?</svg>`)

// checkLayout renders the report's HTML and checks each chart and the map with
// chart.Check: no text over text, no marker over a marker, no label over a
// marker, no text past the edge.
func checkLayout(t *testing.T, name string, p *model.Plan, s *scenarios.Scenario) {
	t.Helper()
	b, err := newReport(p, s).html()
	if err != nil {
		t.Fatal(err)
	}
	svgs := svgElements.FindAllString(string(b), -1)
	if len(svgs) != 5 {
		t.Fatalf("%s: %d charts; want the map and four charts", name, len(svgs))
	}
	for _, sv := range svgs {
		id := regexp.MustCompile(`id="([^"]+)"`).FindStringSubmatch(sv)[1]
		problems, err := chart.Check(sv)
		if err != nil {
			t.Fatalf("%s %s: %v", name, id, err)
		}
		if len(problems) > 0 {
			t.Errorf("%s, %s: %d layout problems:\n%s", name, id, len(problems), strings.Join(problems, "\n"))
		}
	}
}

// TestReportLayoutDefault solves the embedded default scenario and checks the
// layout of its report: the map names Noida and Greater Noida, a few pixels
// apart, without drawing one over the other.
func TestReportLayoutDefault(t *testing.T) {
	s, _, err := scenarios.LoadLibrary(scenarios.DefaultName, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := model.Solve(context.Background(), s, model.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	checkLayout(t, "the default scenario", p, s)
	checkLayout(t, "the realistic fixture", realisticPlan(), realisticScenario())
}

// TestReportLayoutTwentyPlants checks the map and charts of a plan with 20
// plant rows at 15 sites of the default scenario, crowded around Delhi and
// Chennai.
func TestReportLayoutTwentyPlants(t *testing.T) {
	s, _, err := scenarios.LoadLibrary(scenarios.DefaultName, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := twentyPlants(s)
	if len(p.Plants) != 20 {
		t.Fatalf("%d plants", len(p.Plants))
	}
	checkLayout(t, "20 plants", p, s)
}

// twentyPlants builds a plan of 20 plant rows on the scenario's sites: one at
// each of the first 13 sites, and a second (another technology) at 7 of them.
func twentyPlants(s *scenarios.Scenario) *model.Plan {
	p := &model.Plan{Scenario: s.Name, Status: "optimal", ObjectiveKind: "npv", Budget: 400e6}
	n := 0
	for round := 0; round < 2 && n < 20; round++ {
		for i, site := range s.Sites {
			if n == 20 || (round == 1 && i%2 == 1) {
				continue
			}
			tech := s.Technologies[(i+round*3)%len(s.Technologies)]
			size := tech.Sizes[len(tech.Sizes)-1]
			p.Plants = append(p.Plants, model.Plant{Site: site.ID, State: site.State, Technology: tech.ID, Size: size.ID, Count: 1,
				BuildYear: s.Horizon.FirstYear, OnlineYear: s.Horizon.FirstYear + 2, Capacity: size.Capacity,
				CapexNet: size.Capex.USD, CapexGross: size.Capex.USD})
			p.Capex += size.Capex.USD
			n++
		}
	}
	for _, y := range model.ScenarioYears(s) {
		p.Finance = append(p.Finance, model.FinanceYear{Year: y, Revenue: 50e6, Opex: 20e6, CashFlow: 30e6, Discounted: 25e6})
	}
	return p
}

// TestReportSources: the report lists every reference of the default
// scenario, with how many objects cite it.
func TestReportSources(t *testing.T) {
	s, _, err := scenarios.LoadLibrary(scenarios.DefaultName, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := newReport(smallPlan(), s)
	md := string(r.markdown())
	page, err := r.html()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.References) < 50 || !strings.Contains(md, "\n## Sources\n") || !strings.Contains(string(page), "<h2>Sources</h2>") {
		t.Fatalf("%d references; report.md or report.html lacks a Sources section", len(s.References))
	}
	cited := 0
	for _, src := range r.sources {
		if !strings.Contains(md, "\n- "+mdEscape(src.ID)+" "+mdEscape(src.Title)) || !strings.Contains(string(page), esc(src.Title)) {
			t.Errorf("reference %s %q is not listed", src.ID, src.Title)
		}
		if src.Cited > 0 {
			cited++
		}
	}
	if len(r.sources) != len(s.References) || cited < len(s.References)/2 {
		t.Errorf("%d sources listed, %d of them cited; the scenario has %d references", len(r.sources), cited, len(s.References))
	}
}

func TestCitesID(t *testing.T) {
	for _, tc := range []struct {
		field, id string
		want      bool
	}{{"[12]", "[12]", true}, {"[19] [62] [67]", "[62]", true}, {"[12]", "[1]", false}, {"[112]", "[12]", false},
		{"iea-2024, usgs", "iea-2024", true}, {"iea-2024b", "iea-2024", false}, {"", "[1]", false}} {
		if got := citesID(tc.field, tc.id); got != tc.want {
			t.Errorf("citesID(%q, %q) = %v; want %v", tc.field, tc.id, got, tc.want)
		}
	}
}
