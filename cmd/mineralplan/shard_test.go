package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOneAxisGridShards: a one-axis grid, whose one line proves cases from its
// neighbours, is cut into pieces so that each of four shards solves some of
// it; a shard that gets nothing says so; and --slurm warns of tasks that would
// get nothing.
func TestOneAxisGridShards(t *testing.T) {
	dir := t.TempDir()
	vary := "budget.total=1e5:8e5:1e5" // 8 budgets
	total := 0
	var shards []string
	for i := 1; i <= 4; i++ {
		out := filepath.Join(dir, "shard"+strconv.Itoa(i))
		shards = append(shards, out)
		_, errOut, code := mp(t, "sweep", "testdata/toy.yaml", "--vary", vary, "--shard", strconv.Itoa(i)+"/4", "--out", out, "--quiet")
		if code != 0 {
			t.Fatalf("shard %d: exit %d: %s", i, code, errOut)
		}
		rows := csvRows(t, filepath.Join(out, "cases.csv"))
		if len(rows) < 2 {
			t.Errorf("shard %d/4 has no cases", i)
		}
		total += len(rows) - 1
	}
	if total != 8 {
		t.Errorf("the shards hold %d cases; want 8", total)
	}
	if _, errOut, code := mp(t, "merge", shards[0], shards[1], shards[2], shards[3], "--out", filepath.Join(dir, "merged")); code != 0 {
		t.Fatalf("merge: exit %d: %s", code, errOut)
	}
	if rows := csvRows(t, filepath.Join(dir, "merged", "cases.csv")); len(rows) != 9 {
		t.Errorf("merged cases.csv has %d rows; want a header and 8", len(rows))
	}

	// Two budgets for four shards: shards 3 and 4 are empty and say so.
	_, errOut, code := mp(t, "sweep", "testdata/toy.yaml", "--vary", "budget.total=1e5,2e5", "--shard", "4/4", "--out", filepath.Join(dir, "empty"), "--quiet")
	if code != 0 || !strings.Contains(errOut, "shard 4/4 has no cases") {
		t.Errorf("an empty shard: exit %d, stderr %q; want 0 and a note that it has no cases", code, errOut)
	}
	out, errOut, code := mp(t, "sweep", "testdata/toy.yaml", "--vary", "budget.total=1e5,2e5", "--slurm", filepath.Join(dir, "jobs"), "--array-size", "4",
		"--out", filepath.Join(dir, "slurm"))
	if code != 0 || !strings.Contains(errOut, "2 of the 4 shards get no cases (shard 3, 4)") || !strings.Contains(out, "sbatch") {
		t.Errorf("--slurm with too many tasks: exit %d, stdout %q, stderr %q; want the sbatch commands and a note", code, out, errOut)
	}
}

// csvRows reads a CSV file.
func csvRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
