package sweep

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mineralplan/mineralplan/chart"
	"github.com/mineralplan/mineralplan/scenarios"
)

// tinyFile is a scenario that solves in milliseconds.
const tinyFile = "testdata/tiny.yaml"

// loadTiny loads the tiny scenario with sets.
func loadTiny(t testing.TB, sets ...string) *scenarios.Scenario {
	t.Helper()
	s, ds, err := scenarios.LoadFile(tinyFile, sets)
	if err != nil {
		t.Fatalf("load %s: %v\n%v", tinyFile, err, ds)
	}
	return s
}

// tinyConfig is a sweep of the tiny scenario into out with two workers and warm
// starts.
func tinyConfig(t testing.TB, out string, sets ...string) Config {
	return Config{Base: loadTiny(t, sets...), BaseFile: tinyFile, BaseSets: sets, Out: out,
		Options: Options{Workers: 2, WarmStart: true, ToolVersion: "test", HiGHSVersion: "test"}}
}

// readCSVWithoutTiming reads a CSV file, dropping the last column (seconds) of
// every row.
func readCSVWithoutTiming(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if rows[0][len(rows[0])-1] != "seconds" {
		t.Fatalf("%s: the last column is %q; want seconds", path, rows[0][len(rows[0])-1])
	}
	for i := range rows {
		rows[i] = rows[i][:len(rows[i])-1]
	}
	return rows
}

// sameSweepFolders fails unless two sweep folders hold the same files with the
// same bytes, apart from timing: the seconds column of cases.csv and the
// times in each case folder's result.json, summary.json and manifest.json.
func sameSweepFolders(t *testing.T, a, b string) {
	t.Helper()
	fa, fb := listFiles(t, a), listFiles(t, b)
	if diff := cmp.Diff(fa, fb); diff != "" {
		t.Fatalf("files differ (-%s +%s):\n%s", a, b, diff)
	}
	for _, f := range fa {
		if f == CasesFile {
			if diff := cmp.Diff(readCSVWithoutTiming(t, filepath.Join(a, f)), readCSVWithoutTiming(t, filepath.Join(b, f))); diff != "" {
				t.Errorf("%s differs apart from timing:\n%s", f, diff)
			}
			continue
		}
		x, y := readUntimed(t, filepath.Join(a, f)), readUntimed(t, filepath.Join(b, f))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs:\n%s", f, cmp.Diff(string(x), string(y)))
		}
	}
}

// listFiles lists the files under dir, relative, sorted.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// timingKeys are JSON keys that hold times, and keys that hold hashes of files
// with times in them.
var timingKeys = []string{"seconds", "build_seconds", "solve_seconds", "files"}

// readUntimed reads a file; for JSON files in case folders it drops timingKeys.
func readUntimed(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(path, ".json") || filepath.Base(path) == ManifestFile {
		return b
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, k := range timingKeys {
		delete(v, k)
	}
	out, _ := json.Marshal(v)
	return out
}

// readCases reads cases.csv as maps keyed by column.
func readCases(t *testing.T, dir string) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, CasesFile))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// checkCharts checks every chart of a sweep folder with chart.Check: no text
// over text or past the edge, no label over a marker.
func checkCharts(t *testing.T, dir string) {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.svg"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no charts in %s (%v)", dir, err)
	}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		problems, err := chart.Check(string(b))
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if len(problems) > 0 {
			t.Errorf("%s: %d layout problems:\n%s", filepath.Base(n), len(problems), strings.Join(problems, "\n"))
		}
	}
}
