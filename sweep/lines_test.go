package sweep

import (
	"context"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// reuseConfig is tinyConfig with proofs along grid lines on or off.
func reuseConfig(t *testing.T, out string, reuse bool) Config {
	cfg := tinyConfig(t, out)
	cfg.Reuse = reuse
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
// the one its own solve gives; that proved cases name solved cases of their line
// on either side of them (or, nested, one); and it returns the cases.csv rows of
// the run with reuse.
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
			continue
		}
		var from []int
		for _, id := range strings.Split(x["proved_by"], ";") {
			if j, ok := index[id]; ok {
				from = append(from, j)
			}
		}
		if len(from) == 0 || len(from) > 2 {
			t.Errorf("%s is proved by %q", x["case"], x["proved_by"])
		}
		for _, j := range from {
			if a[j]["method"] != MethodMIP || j/lineLen != i/lineLen {
				t.Errorf("%s is proved by %s, which is not a solved case of its line", x["case"], a[j]["case"])
			}
		}
		if len(from) == 2 && !(from[0] < i && i < from[1]) {
			t.Errorf("%s is proved by %q, which are not on either side of it", x["case"], x["proved_by"])
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

// TestReuseShardedMergeEqualsSingleRun: shards own whole lines, so the merged
// shards equal the single run byte for byte apart from timings.
func TestReuseShardedMergeEqualsSingleRun(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	st := func() *Study {
		return grid(t, "budget.total=10e6,20e6,30e6", "markets[li-buyers].price=*0.6:*1.4:*0.2")
	}
	single, merged := filepath.Join(root, "single"), filepath.Join(root, "merged")
	o, err := Run(ctx, reuseConfig(t, single, true), st())
	if err != nil {
		t.Fatal(err)
	}
	if !o.Manifest.Reuse {
		t.Fatal("the manifest does not record reuse")
	}
	var shards []string
	for i := 1; i <= 2; i++ {
		dir := filepath.Join(root, "shard"+strconv.Itoa(i))
		cfg := reuseConfig(t, dir, true)
		cfg.Shard = Shard{Index: i, Count: 2}
		if _, err := Run(ctx, cfg, st()); err != nil {
			t.Fatal(err)
		}
		shards = append(shards, dir)
	}
	if _, err := Merge(shards, merged); err != nil {
		t.Fatal(err)
	}
	sameSweepFolders(t, single, merged)
	if proved(readCases(t, single)) == 0 {
		t.Error("no case was proved")
	}
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
