package sweep

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// reuseConfig is tinyConfig with proofs along grid lines on or off.
func reuseConfig(t *testing.T, out string, reuse bool) Config {
	cfg := tinyConfig(t, out)
	cfg.Reuse, cfg.Stack = reuse, reuse
	return cfg
}

// grid returns the grid of the tiny scenario over the given --vary axes.
func grid(t *testing.T, varies ...string) *Study {
	t.Helper()
	var axes []Axis
	for _, v := range varies {
		a, err := ParseVary(v)
		if err != nil {
			t.Fatal(err)
		}
		axes = append(axes, a)
	}
	st, err := NewGrid(loadTiny(t), axes)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// compareWithSolves runs the grid with and without reuse and checks that every
// case has the same status, and an objective within the scenario's gap (10⁻⁷) of
// the one its own solve gives; that proved cases name finished cases of their
// line on either side of them, or one solved case of their line (nested), or the
// case in their position of another line (stacked); and it returns the cases.csv
// rows of the run with reuse.
func compareWithSolves(t *testing.T, st func() *Study, lineLen int) []map[string]string {
	t.Helper()
	root := t.TempDir()
	with, without := filepath.Join(root, "with"), filepath.Join(root, "without")
	if _, err := Run(context.Background(), reuseConfig(t, with, true), st()); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), reuseConfig(t, without, false), st()); err != nil {
		t.Fatal(err)
	}
	a, b := readCases(t, with), readCases(t, without)
	if len(a) != len(b) {
		t.Fatalf("%d and %d cases", len(a), len(b))
	}
	started := 0 // solves that started from a neighbour's plan
	defer func() {
		if started == 0 {
			t.Errorf("no solve with reuse started from a plan (start_gap)")
		}
	}()
	index := map[string]int{}
	for i, r := range a {
		index[r["case"]] = i
	}
	for i := range a {
		x, y := a[i], b[i]
		if x["status"] != y["status"] || y["method"] != MethodMIP {
			t.Errorf("%s: status %s (%s) with reuse, %s (%s) without", x["case"], x["status"], x["method"], y["status"], y["method"])
			continue
		}
		vx, _ := strconv.ParseFloat(x["objective"], 64)
		vy, _ := strconv.ParseFloat(y["objective"], 64)
		if math.Abs(vx-vy) > 1e-7*math.Abs(vy)+0.02 {
			t.Errorf("%s: objective %v with reuse, %v solved", x["case"], vx, vy)
		}
		if x["method"] != MethodProved {
			if g := x["start_gap"]; g != "" {
				started++
				if v, err := strconv.ParseFloat(g, 64); err != nil || v < 0 {
					t.Errorf("%s: start_gap %q; want a number ≥ 0", x["case"], g)
				}
			}
			continue
		}
		if x["nodes"] != "0" || x["start_gap"] != "" {
			t.Errorf("%s is proved, with nodes %q and start_gap %q; want 0 and none", x["case"], x["nodes"], x["start_gap"])
		}
		var from []int
		for _, id := range strings.Split(x["proved_by"], ";") {
			if j, ok := index[id]; ok {
				from = append(from, j)
			}
		}
		switch {
		case len(from) == 2:
			for _, j := range from {
				if a[j]["status"] != "optimal" || j/lineLen != i/lineLen {
					t.Errorf("%s is proved by %s, which is not a finished case of its line", x["case"], a[j]["case"])
				}
			}
			if !(from[0] < i && i < from[1]) {
				t.Errorf("%s is proved by %q, which are not on either side of it", x["case"], x["proved_by"])
			}
		case len(from) == 1 && from[0]/lineLen == i/lineLen: // along a nested line
			if a[from[0]]["method"] != MethodMIP {
				t.Errorf("%s is proved by %s, which is not a solved case of its line", x["case"], a[from[0]]["case"])
			}
		case len(from) == 1: // from the line above, in a stack
			if j := from[0]; a[j]["status"] != "optimal" || j%lineLen != i%lineLen {
				t.Errorf("%s is proved by %s, which is not a finished case in its position of another line", x["case"], a[j]["case"])
			}
		default:
			t.Errorf("%s is proved by %q", x["case"], x["proved_by"])
		}
	}
	return a
}

func proved(rows []map[string]string) int {
	n := 0
	for _, r := range rows {
		if r["method"] == MethodProved {
			n++
		}
	}
	return n
}

// TestReuseAffineLine: along a price axis the models have the same constraints,
// and the cases between two solved ones with a common plan are proved.
func TestReuseAffineLine(t *testing.T) {
	st := func() *Study {
		return grid(t, "budget.total=10e6,20e6", "markets[li-buyers].price=*0.5:*1.5:*0.1")
	}
	rows := compareWithSolves(t, st, 11)
	if proved(rows) < 10 {
		t.Errorf("%d of %d cases proved; want at least 10", proved(rows), len(rows))
	}
}

// TestReuseNestedLine: along the budget the models differ only in the budget
// row, and a plan that fits a smaller budget proves it.
func TestReuseNestedLine(t *testing.T) {
	rows := compareWithSolves(t, func() *Study { return grid(t, "budget.total=4e6:30e6:2e6") }, 14)
	if proved(rows) < 3 {
		t.Errorf("%d of %d cases proved; want at least 3", proved(rows), len(rows))
	}
}

// TestReuseNeedsTheSegment: along the discount rate the ends have the same
// constraints, but no objective between lies on the segment of theirs, so every
// case is solved.
func TestReuseNeedsTheSegment(t *testing.T) {
	rows := compareWithSolves(t, func() *Study { return grid(t, "discount_rate=0.04:0.12:0.02") }, 5)
	if n := proved(rows); n != 0 {
		t.Errorf("%d cases proved along the discount rate; want none", n)
	}
}

// TestReuseShardedMergeEqualsSingleRun: shards own whole lines and stacks (here
// two, one per discount rate), so the merged shards equal the single run byte
// for byte apart from timings.
func TestReuseShardedMergeEqualsSingleRun(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	single, merged := filepath.Join(root, "single"), filepath.Join(root, "merged")
	o, err := Run(ctx, reuseConfig(t, single, true), stackedGrid(t))
	if err != nil {
		t.Fatal(err)
	}
	if !o.Manifest.Reuse || o.Manifest.Stack != "budget.total" {
		t.Fatalf("the manifest records reuse %v, stacked along %q; want true, budget.total", o.Manifest.Reuse, o.Manifest.Stack)
	}
	// Two shards for two stacks: dealing by lines alone would split both stacks.
	shards := runShards(t, root, 2)
	for _, dir := range shards {
		if n := len(readCases(t, dir)); n != 15 {
			t.Errorf("%s has %d cases; want one stack of 15", dir, n)
		}
	}
	if _, err := Merge(shards, merged); err != nil {
		t.Fatal(err)
	}
	sameSweepFolders(t, single, merged)
	rows := readCases(t, single)
	if proved(rows) == 0 || provedFromAbove(t, rows, 5) == 0 {
		t.Errorf("%d cases proved, %d from the line above; want some of each", proved(rows), provedFromAbove(t, rows, 5))
	}
}

// TestReuseShardsCutLines: with more shards than stacks, each line is cut into
// pieces so that every shard has cases; every case is still optimal, with the
// single run's NPV within the gap.
func TestReuseShardsCutLines(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	single, merged := filepath.Join(root, "single"), filepath.Join(root, "merged")
	if _, err := Run(ctx, reuseConfig(t, single, true), stackedGrid(t)); err != nil {
		t.Fatal(err)
	}
	shards := runShards(t, root, 3)
	for _, dir := range shards {
		if n := len(readCases(t, dir)); n == 0 {
			t.Errorf("%s has no cases", dir)
		}
	}
	if _, err := Merge(shards, merged); err != nil {
		t.Fatal(err)
	}
	want, got := readCases(t, single), readCases(t, merged)
	if len(got) != len(want) {
		t.Fatalf("merged %d cases; want %d", len(got), len(want))
	}
	for i := range want {
		a, _ := strconv.ParseFloat(want[i]["npv_usd"], 64)
		b, _ := strconv.ParseFloat(got[i]["npv_usd"], 64)
		if got[i]["status"] != "optimal" || math.Abs(a-b) > 1e-4*math.Abs(a)+1e-6 {
			t.Errorf("case %s: %s, NPV %v; the single run's %v", got[i]["case"], got[i]["status"], b, a)
		}
	}
	// One line a shard: a one-axis grid of 12 budgets on 4 shards.
	sizes := ShardSizes(reuseConfig(t, filepath.Join(root, "x"), true), grid(t, "budget.total=8e6:30e6:2e6"), 4)
	for i, n := range sizes {
		if n != 3 {
			t.Errorf("one-axis grid on 4 shards: shard %d has %d cases; want 3 (sizes %v)", i+1, n, sizes)
		}
	}
}

// stackedGrid is a grid of two stacks (discount rates) of three lines
// (budgets) of five prices.
func stackedGrid(t *testing.T) *Study {
	return grid(t, "budget.total=16e6,22e6,30e6", "discount_rate=0.06,0.1", "markets[li-buyers].price=*0.6:*1.4:*0.2")
}

// runShards runs stackedGrid as n shards under root and returns their folders.
func runShards(t *testing.T, root string, n int) []string {
	t.Helper()
	var shards []string
	for i := 1; i <= n; i++ {
		dir := filepath.Join(root, fmt.Sprintf("shard%d-of-%d", i, n))
		cfg := reuseConfig(t, dir, true)
		cfg.Shard = Shard{Index: i, Count: n}
		if _, err := Run(context.Background(), cfg, stackedGrid(t)); err != nil {
			t.Fatal(err)
		}
		shards = append(shards, dir)
	}
	return shards
}

// TestReuseOffWithDuplicateValues: two values of an axis that give the same
// scenario could put one case in two lines, so reuse does not apply.
func TestReuseOffWithDuplicateValues(t *testing.T) {
	o, err := Run(context.Background(), reuseConfig(t, t.TempDir(), true),
		grid(t, "budget.total=10e6,1e7", "markets[li-buyers].price=*0.8:*1.2:*0.2"))
	if err != nil {
		t.Fatal(err)
	}
	if o.Manifest.Reuse {
		t.Error("reuse applied although budget.total=10e6 and 1e7 are one scenario")
	}
}

// provedFromAbove counts the cases proved from the case in their position of
// another line whose first axis value (here the budget) is larger.
func provedFromAbove(t *testing.T, rows []map[string]string, lineLen int) int {
	t.Helper()
	index := map[string]int{}
	for i, r := range rows {
		index[r["case"]] = i
	}
	n := 0
	for i, r := range rows {
		j, ok := index[r["proved_by"]]
		if r["method"] != MethodProved || !ok || j/lineLen == i/lineLen {
			continue
		}
		above, _ := strconv.ParseFloat(rows[j]["budget.total"], 64)
		here, _ := strconv.ParseFloat(rows[i]["budget.total"], 64)
		if !(above > here) {
			t.Errorf("%s is proved from %s, whose budget is not larger", r["case"], rows[j]["case"])
		}
		n++
	}
	return n
}

// TestReuseStacks: lines that differ only in the budget stack; each case whose
// plan the next larger budget's fits is proved from it, and the rest of each line
// is found as without stacks.
func TestReuseStacks(t *testing.T) {
	st := func() *Study {
		return grid(t, "budget.total=16e6:30e6:2e6", "markets[li-buyers].price=*0.8:*1.2:*0.1")
	}
	rows := compareWithSolves(t, st, 5)
	n := provedFromAbove(t, rows, 5)
	if n < 5 {
		t.Errorf("%d cases proved from the line above; want at least 5", n)
	}
	t.Logf("%d of %d cases proved, %d of them from the line above", proved(rows), len(rows), n)
}

// TestReuseStacksResume stops a stacked grid part way and resumes it: the cases
// proved before the stop serve the proofs after it (rebuilt from their folders),
// and the folder ends equal to an uninterrupted run's apart from timings.
func TestReuseStacksResume(t *testing.T) {
	st := func() *Study {
		return grid(t, "budget.total=16e6:30e6:2e6", "markets[li-buyers].price=*0.8:*1.2:*0.1")
	}
	root := t.TempDir()
	full, stopped := filepath.Join(root, "full"), filepath.Join(root, "stopped")
	if _, err := Run(context.Background(), reuseConfig(t, full, true), st()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := reuseConfig(t, stopped, true)
	cfg.Progress = func(p Progress) {
		if p.Done >= 12 {
			cancel()
		}
	}
	o, err := Run(ctx, cfg, st())
	if err != nil {
		t.Fatal(err)
	}
	if !o.Interrupted {
		t.Fatal("the sweep was not interrupted")
	}
	if n := caseFolders(WorkDir(stopped)); n < 12 || n >= 40 {
		t.Fatalf("%d case folders after the stop; want from 12 to 39", n)
	}
	cfg = reuseConfig(t, stopped, true)
	cfg.Resume = true
	if _, err := Run(context.Background(), cfg, st()); err != nil {
		t.Fatal(err)
	}
	sameSweepFolders(t, full, stopped)
	if n := provedFromAbove(t, readCases(t, stopped), 5); n < 5 {
		t.Errorf("%d cases proved from the line above; want at least 5", n)
	}
}

// TestStackOff: without Options.Stack the lines of a stacked grid run on their
// own, so no case is proved from another line and shards deal lines.
func TestStackOff(t *testing.T) {
	cfg := reuseConfig(t, t.TempDir(), true)
	cfg.Stack = false
	o, err := Run(context.Background(), cfg, grid(t, "budget.total=16e6:30e6:2e6", "markets[li-buyers].price=*0.8:*1.2:*0.1"))
	if err != nil {
		t.Fatal(err)
	}
	rows := readCases(t, cfg.Out)
	if o.Manifest.Stack != "" || provedFromAbove(t, rows, 5) != 0 || proved(rows) == 0 {
		t.Errorf("stack %q, %d cases proved, %d from the line above; want no stack, some proved, none from above",
			o.Manifest.Stack, proved(rows), provedFromAbove(t, rows, 5))
	}
}
