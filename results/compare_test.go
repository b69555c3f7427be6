package results

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mineralplan/mineralplan/model"
)

// changedPlan is smallPlan with one plant of each kind of change: the Pune
// shredder delayed a year, one Chennai hydromet module resized, the Chennai
// shredder moved to Sanand, a PGM plant opened at Pune, and more lithium
// carbonate shipped to Japan.
func changedPlan() *model.Plan {
	p := smallPlan()
	p.SolveSeconds = 9.5
	p.NPV += 1e6
	for i := range p.Plants {
		pl := &p.Plants[i]
		switch {
		case pl.Site == "pune" && pl.Technology == "shredder":
			pl.BuildYear, pl.OnlineYear = 2027, 2028
		case pl.Technology == "hydromet":
			pl.Count, pl.Capacity = 1, 8000
		case pl.Site == "chennai" && pl.Technology == "shredder":
			pl.Site, pl.State = "sanand", "Gujarat"
		}
	}
	p.Plants = append(p.Plants,
		model.Plant{Site: "chennai", State: "Tamil Nadu", Technology: "hydromet", Size: "large", Count: 1, BuildYear: 2026, OnlineYear: 2027, Capacity: 12000},
		model.Plant{Site: "pune", State: "Maharashtra", Technology: "pgm-recovery", Size: "small", Count: 1, BuildYear: 2027, OnlineYear: 2028, Capacity: 500})
	for i := range p.Flows {
		if p.Flows[i].Material == "lithium-carbonate" {
			p.Flows[i].Quantity = 2000
		}
	}
	return p
}

// writeRuns writes run folders named by the map's keys in a fresh working
// directory, so that the comparison's output names them the same every time.
func writeRuns(t *testing.T, plans map[string]*model.Plan) {
	t.Helper()
	t.Chdir(t.TempDir())
	for dir, p := range plans {
		if err := WriteRun(dir, Run{Plan: p, Scenario: smallScenario()}, []string{"csv", "json"}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCompareChanges(t *testing.T) {
	writeRuns(t, map[string]*model.Plan{"base": smallPlan(), "changed": changedPlan()})
	c, err := Compare([]string{"base", "changed"})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Changed() {
		t.Error("Changed() = false for different plans")
	}
	want := []PlantChange{
		{Kind: "opened", Technology: "pgm-recovery", NewSite: "pune", NewSize: "small", NewYear: 2027, NewCapacity: 500},
		{Kind: "resized", Technology: "hydromet", Site: "chennai", Size: "medium", Year: 2026, Capacity: 8000, NewSite: "chennai", NewSize: "large", NewYear: 2026, NewCapacity: 12000},
		{Kind: "moved", Technology: "shredder", Site: "chennai", Size: "small", Year: 2027, Capacity: 5000, NewSite: "sanand", NewSize: "small", NewYear: 2027, NewCapacity: 5000},
		{Kind: "delayed", Technology: "shredder", Site: "pune", Size: "large", Year: 2026, Capacity: 20000, NewSite: "pune", NewSize: "large", NewYear: 2027, NewCapacity: 20000},
	}
	if diff := cmp.Diff(want, c.Diffs[0].Plants); diff != "" {
		t.Errorf("plant changes (-want +got):\n%s", diff)
	}
	flows := c.Diffs[0].Flows
	if len(flows) != 1 || flows[0].Material != "lithium-carbonate" || flows[0].Change != 2000-1530.25 || flows[0].To != "market:japan-li" {
		t.Errorf("flow changes = %+v", flows)
	}
	if len(c.Diffs[0].Imports) != 0 || c.Diffs[0].FlowRowsChanged != 1 {
		t.Errorf("imports %+v, flow rows changed %d", c.Diffs[0].Imports, c.Diffs[0].FlowRowsChanged)
	}
	for _, f := range []struct{ format, golden string }{{"text", "compare.txt"}, {"md", "compare.md"}, {"csv", "compare.csv"}} {
		var b bytes.Buffer
		if err := c.Render(&b, f.format); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, f.golden, b.Bytes())
	}
	var b bytes.Buffer
	if err := c.Render(&b, "json"); err != nil {
		t.Fatal(err)
	}
	var back Comparison
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c.Diffs, back.Diffs); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	if err := c.Render(&b, "xml"); err == nil {
		t.Error("format xml: no error")
	}
}

func TestCompareClosedAndBroughtForward(t *testing.T) {
	p := smallPlan()
	p.Plants = p.Plants[1:] // no Pune shredder
	for i := range p.Plants {
		if p.Plants[i].Site == "chennai" && p.Plants[i].Technology == "shredder" {
			p.Plants[i].BuildYear = 2026
		}
	}
	writeRuns(t, map[string]*model.Plan{"base": smallPlan(), "other": p})
	c, err := Compare([]string{"base", "other"})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, ch := range c.Diffs[0].Plants {
		kinds = append(kinds, ch.Kind+" "+ch.Technology+" "+ch.Site)
	}
	want := []string{"closed shredder pune", "brought_forward shredder chennai"}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
}

func TestCompareSamePlan(t *testing.T) {
	slower := smallPlan()
	slower.SolveSeconds, slower.BuildSeconds, slower.MIPGap = 30, 2, 0.001
	writeRuns(t, map[string]*model.Plan{"a": smallPlan(), "b": slower})
	c, err := Compare([]string{"a", "b", "a"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Changed() {
		t.Error("Changed() = true for the same plan solved more slowly")
	}
	if len(c.Diffs) != 2 || len(c.Diffs[0].Plants) != 0 || len(c.Diffs[0].Flows) != 0 || c.Diffs[0].FlowRowsChanged != 0 {
		t.Errorf("diffs = %+v", c.Diffs)
	}
	var b bytes.Buffer
	if err := c.Render(&b, "text"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "The plans are the same.") {
		t.Errorf("text does not say the plans are the same:\n%s", b.String())
	}

	onlyNPV := smallPlan()
	onlyNPV.NPV += 1
	writeRuns(t, map[string]*model.Plan{"a": smallPlan(), "b": onlyNPV})
	c, err = Compare([]string{"a", "b"})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Changed() {
		t.Error("Changed() = false when the NPV differs")
	}
}

func TestCompareErrors(t *testing.T) {
	writeRuns(t, map[string]*model.Plan{"a": smallPlan()})
	if _, err := Compare([]string{"a"}); err == nil {
		t.Error("one folder: no error")
	}
	if _, err := Compare([]string{"a", "missing"}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing folder: error %v", err)
	}
	if err := os.WriteFile(filepath.Join("a", "plants.csv"), []byte("site,technology\nx,y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A table that differs from what the manifest lists is a folder changed (or
	// left unfinished) after its run.
	if _, err := Compare([]string{"a", "a"}); err == nil || !strings.Contains(err.Error(), "changed after the run") {
		t.Errorf("plants.csv rewritten after the run: error %v", err)
	}
}

// TestShareChangeInPoints: a change of a share reads in percentage points, with
// no relative change (80% → 75% is −5 pp, not −5% and −6.2%).
func TestShareChangeInPoints(t *testing.T) {
	for _, tt := range []struct {
		change float64
		want   string
	}{{-0.05, "-5.0 pp"}, {0.125, "+12 pp"}, {0.034, "+3.4 pp"}, {0.0004, "+0.04 pp"}, {0, "="}} {
		m := Metric{Name: "china_share_after:lithium", Unit: "share", Change: []Float{0, Float(tt.change)}, Relative: []Float{0, Float(tt.change / 0.8)}}
		if got := strings.ReplaceAll(changeText(m, 1), "−", "-"); got != tt.want {
			t.Errorf("share change %v: %q; want %q", tt.change, got, tt.want)
		}
	}
	usd := Metric{Name: "npv", Unit: "USD", Change: []Float{0, 12.3e6}, Relative: []Float{0, 0.1}}
	if got := changeText(usd, 1); !strings.Contains(got, "(+10%)") || strings.Contains(got, "pp") {
		t.Errorf("NPV change: %q; want a relative change in %%", got)
	}
}

// TestCompareInvestorFigures: compare reports the IRRs, the least DSCR and
// each partner's NPV at its hurdle rate, and their changes.
func TestCompareInvestorFigures(t *testing.T) {
	a, b := smallPlan(), smallPlan()
	r1, r2, h := 0.081, 0.12, 0.1
	npv := 3.7e6
	a.ProjectIRR.Rate, b.ProjectIRR.Rate = &r1, &r2
	b.Partners = []model.PartnerReturn{{ID: "jp", Share: 0.5, HurdleRate: &h, NPVAtHurdle: &npv}}
	writeRuns(t, map[string]*model.Plan{"a": a, "b": b})
	c, err := Compare([]string{"a", "b"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Metric{}
	for _, m := range c.Metrics {
		got[m.Name] = m
	}
	if m, ok := got["project_irr"]; !ok || float64(m.Change[1]) < 0.039-1e-12 || float64(m.Change[1]) > 0.039+1e-12 || m.Unit != "share" {
		t.Errorf("project_irr = %+v, want a change of 0.039 in share", m)
	}
	if m, ok := got["partner_npv:jp"]; !ok || float64(m.Values[1]) != npv || !math.IsNaN(float64(m.Values[0])) {
		t.Errorf("partner_npv:jp = %+v, want – then %v", m, npv)
	}
	if _, ok := got["min_dscr"]; !ok {
		t.Error("no min_dscr")
	}
}
