package sweep

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/results"
)

// tinyGrid is a 2×2 grid of the tiny scenario.
func tinyGrid(t *testing.T) *Study {
	t.Helper()
	a, err := ParseVary("budget.total=10e6,20e6")
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseVary("markets[li-buyers].price=*0.8:*1.2:*0.4")
	if err != nil {
		t.Fatal(err)
	}
	st, err := NewGrid(loadTiny(t), []Axis{a, b})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestGridRun(t *testing.T) {
	out := t.TempDir()
	o, err := Run(context.Background(), tinyConfig(t, out), tinyGrid(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Results) != 4 || len(o.Failed) != 0 || o.Interrupted {
		t.Fatalf("results %d, failed %v, interrupted %v; want 4 optimal", len(o.Results), o.Failed, o.Interrupted)
	}
	rows := readCases(t, out)
	wantIDs := []string{"c0000", "c0001", "c0002", "c0003"}
	for i, r := range rows {
		if r["case"] != wantIDs[i] || r["status"] != "optimal" || len(r["hash"]) != 12 {
			t.Errorf("row %d: %v", i, r)
		}
		if _, err := os.Stat(filepath.Join(out, casesDir, r["hash"], resultFile)); err != nil {
			t.Errorf("case %s: %v", r["case"], err)
		}
	}
	// Each varied value is given as used and as a factor of the base value
	// (a budget of 30e6, a price of 15,000).
	if rows[0]["budget.total"] != "10000000" || rows[0]["budget.total:factor"] != "0.3333333333" ||
		rows[1]["markets[li-buyers].price"] != "18000" || rows[1]["markets[li-buyers].price:factor"] != "1.2" {
		t.Errorf("varied values: %v", rows[:2])
	}
	checkCharts(t, out)
	// plants counts the new modules, which case_plants.csv lists.
	b, err := os.ReadFile(filepath.Join(out, CasePlantsFile))
	if err != nil {
		t.Fatal(err)
	}
	long, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(long[0], ",") != "case,site,technology,size,year,count" {
		t.Errorf("%s header %v", CasePlantsFile, long[0])
	}
	modules := map[string]int{}
	for _, r := range long[1:] {
		n, err := strconv.Atoi(r[5])
		if err != nil || n < 1 {
			t.Errorf("%s row %v", CasePlantsFile, r)
		}
		modules[r[0]] += n
	}
	for _, r := range rows {
		if n, _ := strconv.Atoi(r["plants"]); n == 0 || n != modules[r["case"]] {
			t.Errorf("case %s: plants %s, %d modules in %s", r["case"], r["plants"], modules[r["case"]], CasePlantsFile)
		}
	}
	// The folder name is the start of the resolved scenario's hash.
	s, _, err := loadTiny(t).With(o.Manifest.Cases[3].Sets...)
	if err != nil {
		t.Fatal(err)
	}
	if h := s.Hash(); h[:12] != rows[3]["hash"] || o.Results[3].ScenarioHash != h {
		t.Errorf("case c0003 hash %s; scenario hash %s", rows[3]["hash"], h)
	}
	for _, f := range []string{SummaryFile, ManifestFile, "npv-budget.total.svg", "npv-markets-li-buyers-.price.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	m, err := ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Kind != KindGrid || len(m.Cases) != 4 || m.Cases[2].Hash != rows[2]["hash"] || m.Base.Hash != loadTiny(t).Hash() {
		t.Errorf("manifest: %+v", m)
	}
	// A second run into the same folder needs --resume.
	if _, err := Run(context.Background(), tinyConfig(t, out), tinyGrid(t)); !errors.Is(err, ErrExists) {
		t.Errorf("rerun without resume: %v; want ErrExists", err)
	}
}

// TestShardedMergeEqualsSingleRun runs a 2×2 grid as shards 1/2 and 2/2, merges
// them and compares the result with the unsharded run, byte for byte apart from
// timings.
func TestShardedMergeEqualsSingleRun(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	single, s1, s2, merged := filepath.Join(root, "single"), filepath.Join(root, "s1"), filepath.Join(root, "s2"), filepath.Join(root, "merged")
	if _, err := Run(ctx, tinyConfig(t, single), tinyGrid(t)); err != nil {
		t.Fatal(err)
	}
	for i, dir := range []string{s1, s2} {
		cfg := tinyConfig(t, dir)
		cfg.Shard = Shard{Index: i + 1, Count: 2}
		o, err := Run(ctx, cfg, tinyGrid(t))
		if err != nil {
			t.Fatal(err)
		}
		if len(o.Results) != 2 {
			t.Fatalf("shard %d/2 solved %d cases; want 2", i+1, len(o.Results))
		}
	}
	// A shard alone is incomplete: merge names the missing cases and writes nothing.
	_, err := Merge([]string{s1}, merged)
	var inc *IncompleteError
	if !errors.As(err, &inc) || len(inc.Missing) != 2 || !strings.Contains(err.Error(), "c0001 (budget.total=10e6, markets[li-buyers].price=*1.2) [shard 2/2]") {
		t.Fatalf("merge of one shard: %v; want the two missing cases of shard 2/2 named", err)
	}
	if _, err := os.Stat(merged); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an incomplete merge wrote %s", merged)
	}
	o, err := Merge([]string{s2, s1}, merged)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Results) != 4 || len(o.Failed) != 0 {
		t.Fatalf("merged %d results, failed %v", len(o.Results), o.Failed)
	}
	sameSweepFolders(t, single, merged)
	// Merging again into the same folder is harmless.
	if _, err := Merge([]string{s1, s2}, merged); err != nil {
		t.Fatal(err)
	}
	sameSweepFolders(t, single, merged)
	// A folder of another sweep is refused.
	other := filepath.Join(root, "other")
	st, err := NewGrid(loadTiny(t), []Axis{{Path: "budget.total", Values: []string{"5e6"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, tinyConfig(t, other), st); err != nil {
		t.Fatal(err)
	}
	if _, err := Merge([]string{s1, other}, filepath.Join(root, "bad")); !errors.Is(err, ErrMismatch) {
		t.Errorf("merge of two sweeps: %v; want ErrMismatch", err)
	}
}

// TestResumeSkipsFinishedCases resumes a finished sweep: nothing is solved again
// and the tables are the same.
func TestResumeSkipsFinishedCases(t *testing.T) {
	out := t.TempDir()
	ctx := context.Background()
	if _, err := Run(ctx, tinyConfig(t, out), tinyGrid(t)); err != nil {
		t.Fatal(err)
	}
	before := readCases(t, out)
	cfg := tinyConfig(t, out)
	cfg.Resume = true
	var last Progress
	cfg.Progress = func(p Progress) { last = p }
	if _, err := Run(ctx, cfg, tinyGrid(t)); err != nil {
		t.Fatal(err)
	}
	if last.Skipped != 4 || last.Done != 4 || last.Total != 4 {
		t.Errorf("progress %+v; want 4 skipped of 4", last)
	}
	after := readCases(t, out)
	if !slices.EqualFunc(before, after, func(a, b map[string]string) bool { return a["hash"] == b["hash"] && a["seconds"] == b["seconds"] }) {
		t.Errorf("resumed cases.csv differs:\n%v\n%v", before, after)
	}
	// Resuming with another grid in the folder is refused.
	st, err := NewGrid(loadTiny(t), []Axis{{Path: "budget.total", Values: []string{"5e6"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, cfg, st); !errors.Is(err, ErrExists) {
		t.Errorf("resume of another sweep: %v; want ErrExists", err)
	}
}

func TestInterruptedRun(t *testing.T) {
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cfg := tinyConfig(t, out)
	cfg.Workers = 1
	cfg.Progress = func(p Progress) {
		if p.Done == 2 {
			cancel()
		}
	}
	o, err := Run(ctx, cfg, tinyGrid(t))
	if err != nil {
		t.Fatal(err)
	}
	if !o.Interrupted {
		t.Fatal("want an interrupted outcome")
	}
	if o.Dir != WorkDir(out) {
		t.Errorf("interrupted in %s; want the work folder %s", o.Dir, WorkDir(out))
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an interrupted run left %s (%v); want it absent until the sweep finishes", out, err)
	}
	entries, _ := os.ReadDir(filepath.Join(o.Dir, casesDir))
	if len(entries) != 2 {
		t.Errorf("%d case folders after stopping at 2", len(entries))
	}
	if _, err := os.Stat(filepath.Join(o.Dir, CasesFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an interrupted run wrote %s", CasesFile)
	}
	cfg = tinyConfig(t, out)
	if _, err := Run(context.Background(), cfg, tinyGrid(t)); !errors.Is(err, ErrExists) {
		t.Errorf("a run without Resume beside an unfinished one: %v; want ErrExists", err)
	}
	cfg = tinyConfig(t, out)
	cfg.Resume = true
	var last Progress
	cfg.Progress = func(p Progress) { last = p }
	if o, err = Run(context.Background(), cfg, tinyGrid(t)); err != nil || len(o.Results) != 4 {
		t.Fatalf("resume: %v, %d results", err, len(o.Results))
	}
	if last.Skipped != 2 {
		t.Errorf("resume skipped %d cases; want 2", last.Skipped)
	}
	manifestListsEveryFile(t, out)
	if _, err := os.Stat(WorkDir(out)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the work folder is still there after the sweep finished: %v", err)
	}
	// Resuming a finished sweep moves it back to work and publishes it again.
	cfg = tinyConfig(t, out)
	cfg.Resume = true
	if o, err = Run(context.Background(), cfg, tinyGrid(t)); err != nil || len(o.Results) != 4 || o.Dir != out {
		t.Fatalf("resume of a finished sweep: %v, %d results in %s", err, len(o.Results), o.Dir)
	}
	manifestListsEveryFile(t, out)
}

// manifestListsEveryFile fails unless dir/manifest.json lists every file under
// dir but itself, with its size.
func manifestListsEveryFile(t *testing.T, dir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatalf("a finished sweep folder without manifest.json: %v", err)
	}
	var man results.TreeManifest
	if err := json.Unmarshal(b, &man); err != nil {
		t.Fatal(err)
	}
	listed := map[string]int{}
	for _, f := range man.Files {
		listed[f.Name] = f.Bytes
	}
	found := 0
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path == filepath.Join(dir, "manifest.json") {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if n, ok := listed[filepath.ToSlash(rel)]; !ok || int64(n) != fi.Size() {
			t.Errorf("%s (%d bytes): listed %v with %d bytes", rel, fi.Size(), ok, n)
		}
		found++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found != len(man.Files) {
		t.Errorf("manifest lists %d files; the folder holds %d", len(man.Files), found)
	}
}

// TestFailedCasesRecorded runs cases that cannot solve: an infeasible one and
// one whose scenario does not validate. Both are recorded and the sweep goes on.
func TestFailedCasesRecorded(t *testing.T) {
	out := t.TempDir()
	base := loadTiny(t)
	st := &Study{m: Manifest{Kind: KindGrid, Grid: []Axis{{Path: "objective.min_security", Values: []string{"100", "1e9"}}},
		Columns: []string{"objective.min_security"}}}
	st.m.Cases = []Case{
		{Index: 0, ID: caseID(0), Labels: []string{"100"}, Sets: []string{"objective.min_security=100"}},
		{Index: 1, ID: caseID(1), Labels: []string{"1e9"}, Sets: []string{"objective.min_security=1e9"}},
		{Index: 2, ID: caseID(2), Labels: []string{"-5"}, Sets: []string{"discount_rate=-5"}},
	}
	cfg := tinyConfig(t, out)
	cfg.Base = base
	o, err := Run(context.Background(), cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Failed) != 2 || o.Failed[0].Status != "infeasible" || o.Failed[1].Status != StatusInvalid {
		t.Fatalf("failed %v; want c0001 infeasible and c0002 invalid", o.Failed)
	}
	rows := readCases(t, out)
	if rows[1]["status"] != "infeasible" || !strings.Contains(rows[1]["error"], "min_security") || rows[2]["status"] != StatusInvalid || rows[2]["error"] == "" {
		t.Errorf("cases.csv rows %v", rows)
	}
	for _, r := range rows[1:] {
		b, err := os.ReadFile(filepath.Join(out, casesDir, r["hash"], errorFile))
		if err != nil || len(b) == 0 {
			t.Errorf("case %s: error.txt: %v", r["case"], err)
		}
	}
}

func TestTornado(t *testing.T) {
	out := t.TempDir()
	base := loadTiny(t)
	paths := DefaultTornadoPaths(base)
	want := []string{"budget.total", "markets[li-buyers].price", "markets[ni-buyers].price", "markets[pt-buyers].price",
		"feedstocks[bm-west].availability", "feedstocks[bm-south].availability", "feedstocks[catalysts].availability"}
	if !slices.Equal(paths, want) {
		t.Fatalf("default tornado parameters %v; want %v", paths, want)
	}
	share, err := ParsePercent("20%")
	if err != nil {
		t.Fatal(err)
	}
	own, err := ParseTornadoParam("budget.total=15e6:45e6")
	if err != nil {
		t.Fatal(err)
	}
	params, err := TornadoParams(paths, share, []TornadoParam{own})
	if err != nil {
		t.Fatal(err)
	}
	if params[0] != own || params[1].Low != "*0.8" || params[1].High != "*1.2" {
		t.Fatalf("params %v", params)
	}
	st, err := NewTornado(base, TornadoSpec{Metric: "npv", Params: params})
	if err != nil {
		t.Fatal(err)
	}
	o, err := Run(context.Background(), tinyConfig(t, out), st)
	if err != nil {
		t.Fatal(err)
	}
	tr := o.Tornado
	if tr == nil || len(tr.Rows) != len(params) || len(o.Failed) != 0 {
		t.Fatalf("tornado %+v, failed %v", tr, o.Failed)
	}
	for i := 1; i < len(tr.Rows); i++ {
		if tr.Rows[i].Swing > tr.Rows[i-1].Swing {
			t.Errorf("rows not sorted by swing: %v", tr.Rows)
		}
	}
	if tr.Rows[0].Swing <= 0 || tr.Base != o.Results[0].NPV {
		t.Errorf("largest swing %v, base %v", tr.Rows[0], tr.Base)
	}
	if _, err := os.Stat(filepath.Join(out, TornadoChart)); err != nil {
		t.Error(err)
	}
	// cases.csv gives each side's value as used and as a factor, in numbers.
	rows := readCases(t, out)
	for _, r := range rows {
		if r["parameter"] == "markets[li-buyers].price" && r["side"] == "high" && (r["value"] != "18000" || r["factor"] != "1.2") {
			t.Errorf("the price's high side: value %q, factor %q; want 18000 and 1.2", r["value"], r["factor"])
		}
		if r["parameter"] == "budget.total" && r["side"] == "low" && (r["value"] != "15000000" || r["factor"] != "0.5") {
			t.Errorf("the budget's low side: value %q, factor %q; want 15000000 and 0.5", r["value"], r["factor"])
		}
	}
	if p := paramOf(o.Manifest.Params, "markets[li-buyers].price"); p.Unit != "USD/t" || p.Base == nil || *p.Base != 15000 {
		t.Errorf("the price is described as %+v", p)
	}
	checkCharts(t, out)
}

func TestTornadoErrors(t *testing.T) {
	base := loadTiny(t)
	if _, err := NewTornado(base, TornadoSpec{Metric: "npv", Params: []TornadoParam{{Path: "budget.totl", Low: "*0.8", High: "*1.2"}}}); err == nil || !strings.Contains(err.Error(), "budget.totl") {
		t.Errorf("unknown path: %v", err)
	}
	if _, err := NewTornado(base, TornadoSpec{Metric: "profit", Params: []TornadoParam{{Path: "budget.total", Low: "*0.8", High: "*1.2"}}}); err == nil || !strings.Contains(err.Error(), "use one of npv, capex, security, objective") {
		t.Errorf("unknown metric: %v", err)
	}
	if _, err := TornadoParams([]string{"budget.total"}, 0, nil); err == nil || !strings.Contains(err.Error(), "has no range") {
		t.Errorf("no range: %v", err)
	}
	for _, bad := range []string{"0%", "100", "x"} {
		if _, err := ParsePercent(bad); err == nil {
			t.Errorf("ParsePercent(%q) accepted", bad)
		}
	}
}

func TestMonteCarlo(t *testing.T) {
	out := t.TempDir()
	base := loadTiny(t)
	var dists []Dist
	for _, f := range []string{"markets[li-buyers].price=triangular(*0.6,*1,*1.3)", "budget.total=uniform(5e6,35e6)"} {
		dists = append(dists, mustDist(t, f))
	}
	st, err := NewMonteCarlo(base, MonteCarloSpec{Samples: 24, Seed: 3, LHS: true, Dists: dists})
	if err != nil {
		t.Fatal(err)
	}
	o, err := Run(context.Background(), tinyConfig(t, out), st)
	if err != nil {
		t.Fatal(err)
	}
	mc := o.MonteCarlo
	if mc == nil || mc.Samples != 24 || mc.Solved != 24 || len(mc.Stats) != 3 {
		t.Fatalf("report %+v", mc)
	}
	npv := mc.Stats[0]
	if !(npv.Min <= npv.P10 && npv.P10 <= npv.P50 && npv.P50 <= npv.P90 && npv.P90 <= npv.Max) {
		t.Errorf("npv stats out of order: %+v", npv)
	}
	if len(mc.Plants) != 6 || mc.Plants[0].Probability <= 0 || mc.Plants[0].Probability > 1 {
		t.Errorf("plant probabilities %+v", mc.Plants)
	}
	for _, f := range []string{"hist-npv.svg", "hist-capex.svg", "hist-security.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	if _, err := NewMonteCarlo(base, MonteCarloSpec{Samples: 5, Dists: []Dist{dists[0], dists[0]}}); err == nil {
		t.Error("a path with two distributions was accepted")
	}
	if _, err := NewMonteCarlo(base, MonteCarloSpec{Samples: 5, Dists: []Dist{mustDist(t, "markets[nowhere].price=uniform(1,2)")}}); err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Errorf("unknown market: %v", err)
	}
	checkCharts(t, out)
}

func TestPareto(t *testing.T) {
	out := t.TempDir()
	cfg := tinyConfig(t, out)
	cfg.CaseFormats = []string{"csv", "json"}
	o, err := Pareto(context.Background(), cfg, ParetoSpec{Points: 4})
	if err != nil {
		t.Fatal(err)
	}
	p := o.Pareto
	if p == nil || len(o.Failed) != 0 || p.MaxNPV == nil || p.MaxSecurity == nil || len(p.Points) != 4 {
		t.Fatalf("pareto %+v, failed %v", p, o.Failed)
	}
	if !(p.MaxSecurity.Security > p.MaxNPV.Security) {
		t.Fatalf("no trade-off in the test scenario: %+v %+v", p.MaxSecurity, p.MaxNPV)
	}
	for i, pt := range p.Points {
		r := pt.Result
		if r.Security < pt.Epsilon*(1-1e-9) {
			t.Errorf("point %d: security %v below ε %v", i+1, r.Security, pt.Epsilon)
		}
		if i > 0 && r.NPV > p.Points[i-1].Result.NPV*(1+1e-6) {
			t.Errorf("point %d: NPV rises with ε: %v after %v", i+1, r.NPV, p.Points[i-1].Result.NPV)
		}
		if _, err := os.Stat(filepath.Join(out, casesDir, pt.Case.Hash, "plants.csv")); err != nil {
			t.Errorf("point %d has no full plan: %v", i+1, err)
		}
	}
	if first := p.Points[0].Result; first.NPV < p.MaxNPV.NPV*(1-1e-6) {
		t.Errorf("the first point's NPV %v is below the best %v", first.NPV, p.MaxNPV.NPV)
	}
	if _, err := os.Stat(filepath.Join(out, ParetoChart)); err != nil {
		t.Error(err)
	}
	checkCharts(t, out)
}

func TestParamValueText(t *testing.T) {
	budget, price := 250e6, 14000.0
	b := Param{Path: "budget.total", Name: "Capital budget", Unit: "USD", Base: &budget}
	p := Param{Path: "markets[x].price", Name: "x: price", Unit: "USD/t", Base: &price}
	for _, tc := range []struct {
		p    Param
		v    string
		want string
	}{{b, "100e6", "$100M"}, {b, "*1.2", "×1.2 ($300M)"}, {p, "15000", "15,000 USD/t"}, {p, "*0.8", "×0.8 (11,200 USD/t)"},
		{Param{Name: "kind"}, "npv", "npv"}, {Param{Name: "rate"}, "0.08", "0.08"}} {
		if got := tc.p.ValueText(tc.v); got != tc.want {
			t.Errorf("%s %s: %q; want %q", tc.p.Name, tc.v, got, tc.want)
		}
	}
}

// TestResumeOtherSweepLeavesFolder: --resume of a different sweep on a finished
// folder is refused, and the folder stays where it was, complete, with its
// manifest (it is moved to the work folder to be resumed, and put back).
func TestResumeOtherSweepLeavesFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sweep")
	if _, err := Run(context.Background(), tinyConfig(t, out), tinyGrid(t)); err != nil {
		t.Fatal(err)
	}
	cfg := tinyConfig(t, out)
	cfg.Resume = true
	_, err := Run(context.Background(), cfg, grid(t, "budget.total=30e6,40e6"))
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), out) || strings.Contains(err.Error(), WorkDir(out)) {
		t.Fatalf("resume of another sweep: %v; want ErrExists naming %s", err, out)
	}
	manifestListsEveryFile(t, out)
	if _, err := os.Stat(WorkDir(out)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the work folder is left: %v", err)
	}
}

// TestNoPlanHasNoFigures: a solve that stopped at its time limit before finding
// any plan gives a case with no figures — empty cells in cases.csv, not zeros —
// while one that stopped with a plan keeps its figures.
func TestNoPlanHasNoFigures(t *testing.T) {
	plan := &model.Plan{Status: model.StatusTimeLimit, Plants: nil, Objective: 0, NPV: 0}
	none := outcomeResult(plan, &model.NoPlanError{Scenario: "s", Status: model.StatusTimeLimit})
	if !none.NoPlan || none.hasPlan() || none.Status != model.StatusTimeLimit || none.Error == "" {
		t.Fatalf("no plan: %+v", none)
	}
	some := outcomeResult(&model.Plan{Status: model.StatusTimeLimit, NPV: 5e6, MIPGap: 0.2}, nil)
	if some.NoPlan || !some.hasPlan() || some.NPV != 5e6 {
		t.Fatalf("a plan: %+v", some)
	}
	m := &Manifest{Kind: KindGrid, Columns: []string{"budget.total"}, Cases: []Case{{Index: 0, ID: "c0000", Hash: "h0", Labels: []string{"1e6"}}, {Index: 1, ID: "c0001", Hash: "h1", Labels: []string{"2e6"}}}}
	rows, err := csv.NewReader(bytes.NewReader(casesCSV(m, map[int]*Result{0: &none, 1: &some}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "npv_usd")
	if rows[1][col] != "" || rows[2][col] != "5000000.00" {
		t.Errorf("npv_usd cells %q and %q, want empty and 5000000.00", rows[1][col], rows[2][col])
	}
}
