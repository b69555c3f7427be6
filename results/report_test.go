package results

import (
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/mineralplan/mineralplan/model"
)

func TestReportHTMLSelfContained(t *testing.T) {
	s := smallScenario()
	s.Sites[0].Name = `<script>alert("x")</script>`
	s.Technologies[0].Name = `Shred & "sort"`
	b, err := newReport(smallPlan(), s).html()
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "@font-face"} {
		if strings.Contains(page, bad) {
			t.Errorf("report.html contains %q: it must load nothing", bad)
		}
	}
	for _, want := range []string{"Made with Natural Earth", esc(BoundaryNote), "@media print", "&lt;script&gt;", "Shred &amp; &#34;sort&#34;"} {
		if !strings.Contains(page, want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	if n := strings.Count(page, `class="plant-marker"`); n != len(smallPlan().Plants) {
		t.Errorf("%d plant markers, want %d", n, len(smallPlan().Plants))
	}
	if n := strings.Count(page, `class="candidate-site"`); n != len(s.Sites)+1 { // +1: the legend's
		t.Errorf("%d candidate dots, want %d", n, len(s.Sites)+1)
	}
	// Every SVG must be well-formed XML.
	svgs := regexp.MustCompile(`(?s)<svg .*?</svg>`).FindAllString(page, -1)
	if len(svgs) < 5 {
		t.Fatalf("%d SVGs, want the map and four charts at least", len(svgs))
	}
	for _, sv := range svgs {
		d := xml.NewDecoder(strings.NewReader(sv))
		d.Entity = xml.HTMLEntity
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("SVG is not well-formed: %v\n%.300s", err, sv)
				break
			}
		}
	}
}

func TestReportMapMarkers(t *testing.T) {
	r := newReport(realisticPlan(), realisticScenario())
	m := r.mapSVG()
	markers := regexp.MustCompile(`<circle class="plant-marker" data-site="([^"]+)" data-technology="([^"]+)"`).FindAllStringSubmatch(m, -1)
	if len(markers) != len(r.plan.Plants) {
		t.Fatalf("%d markers, want %d", len(markers), len(r.plan.Plants))
	}
	want := map[string]int{}
	for _, p := range r.plan.Plants {
		want[p.Site+"/"+p.Technology]++
	}
	for _, mk := range markers {
		want[mk[1]+"/"+mk[2]]--
	}
	for k, n := range want {
		if n != 0 {
			t.Errorf("markers for %s off by %d", k, n)
		}
	}
	if n := strings.Count(m, `class="flow `); n != mapFlows {
		t.Errorf("%d flow lines, want %d", n, mapFlows)
	}
	// Markets in Japan are off the map: their lines end at the edge, named
	// once however many lines go there.
	if n := strings.Count(m, "→ Japanese cathode makers"); n != 1 {
		t.Errorf("%d edge labels for the Japanese cathode makers, want 1", n)
	}
}

func TestReportEmptyPlan(t *testing.T) {
	p := smallPlan()
	p.Plants, p.Flows, p.Production, p.Finance, p.SecurityRows, p.Marginals, p.Shortfalls = nil, nil, nil, nil, nil, nil, nil
	p.Status = "infeasible"
	r := newReport(p, smallScenario())
	b, err := r.html()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"No new plants are built.", "Nothing is produced.", "No years to show."} {
		if !strings.Contains(string(b), want) {
			t.Errorf("empty plan: report lacks %q", want)
		}
	}
	if md := string(r.markdown()); !strings.Contains(md, "None.") {
		t.Errorf("empty plan: report.md does not say None:\n%s", md)
	}
}

func TestGeoRegions(t *testing.T) {
	india, states := geoRegions()
	if len(india) != 1 || len(india[0].rings) < 3 {
		t.Errorf("India outline: %d regions", len(india))
	}
	if len(states) != 36 {
		t.Errorf("%d states and union territories, want 36", len(states))
	}
	pr := newProjection()
	for _, reg := range append(india, states...) {
		for _, r := range reg.rings {
			for _, pt := range r {
				x, y := pr.xy(pt[0], pt[1])
				if x < 0 || y < 0 || x > pr.width || y > pr.height {
					t.Fatalf("%s: point %v falls outside the map at (%v, %v)", reg.name, pt, x, y)
				}
			}
		}
	}
}

// TestReportInvestorReturns: the "Investor returns" table lists each partner's
// equity, offtake, hurdle, NPV at it in USD and in its own currency, and IRR,
// in report.md and report.html; a plan without partners has no such table.
func TestReportInvestorReturns(t *testing.T) {
	p := smallPlan()
	h, npv, local, rate := 0.12, -1.5e6, -2.25e8, 0.091
	p.Partners = []model.PartnerReturn{{ID: "jp", Share: 1, HurdleRate: &h, NPVAtHurdle: &npv, NPVAtHurdleLocal: &local,
		Equity: 12e6, Offtake: []float64{0, 1e6, 2.5e6}, Currency: "JPY", IRR: model.IRR{Rate: &rate, Status: "unique"}}}
	r := newReport(p, smallScenario())
	row := "| jp | $12.0M | $3.5M | 12% | -$1.5M | -225.0M JPY | 9.1% |"
	if md := string(r.markdown()); !strings.Contains(md, "## Investor returns") || !strings.Contains(md, row) {
		t.Errorf("report.md lacks the investor returns row %q:\n%s", row, md)
	}
	b, err := r.html()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "Investor returns") || !strings.Contains(string(b), "-225.0M JPY") {
		t.Error("report.html lacks the investor returns table")
	}
	p.Partners = nil
	if md := string(newReport(p, smallScenario()).markdown()); strings.Contains(md, "Investor returns") {
		t.Error("report.md has investor returns without partners")
	}
}
