package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestValidateStudy: validate reads study files as studies, with positioned
// errors and exit 2.
func TestValidateStudy(t *testing.T) {
	_, stderr, code := mp(t, "validate", "../../study/testdata/toy-study.yaml")
	if code != 0 {
		t.Fatalf("a valid study: exit %d\n%s", code, stderr)
	}
	_, stderr, code = mp(t, "validate", "../../study/testdata/invalid/sum.yaml")
	if code != 2 || !strings.Contains(stderr, "sum.yaml:4:3: the futures' probabilities sum to 0.9") {
		t.Errorf("exit %d, stderr\n%s", code, stderr)
	}
}

// TestStochasticCommand: the toy study's folder; every future's run folder
// passes audit; a second run writes the same bytes; bad input exits 2.
func TestStochasticCommand(t *testing.T) {
	dir := t.TempDir()
	study := "../../study/testdata/toy-study.yaml"
	for _, out := range []string{"a", "b"} {
		if _, stderr, code := mp(t, "stochastic", study, "--objective", "expected", "--out", filepath.Join(dir, out)); code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	}
	for _, f := range []string{"summary.json", "futures.csv", "regret.csv", "report.md", "futures/bust/plants.csv"} {
		a, errA := os.ReadFile(filepath.Join(dir, "a", f))
		b, errB := os.ReadFile(filepath.Join(dir, "b", f))
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs (%v, %v)", f, errA, errB)
		}
	}
	for _, id := range []string{"boom", "base", "bust"} {
		if out, stderr, code := mp(t, "audit", filepath.Join(dir, "a", "futures", id)); code != 0 || !strings.Contains(out+stderr, "holds") {
			t.Errorf("audit of future %s: exit %d\n%s%s", id, code, out, stderr)
		}
	}
	var sum struct {
		ExpectedNPV float64 `json:"expected_npv"`
		EVPI        float64 `json:"evpi"`
		Plants      []struct {
			Site string `json:"site"`
		} `json:"plants"`
	}
	b, _ := os.ReadFile(filepath.Join(dir, "a", "summary.json"))
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	// The enumeration in package stochastic finds E[NPV] 110,832.63 with plants
	// at a and c.
	if math.Abs(sum.ExpectedNPV-110832.63) > 0.01 || len(sum.Plants) != 2 || sum.EVPI < 0 {
		t.Errorf("summary %+v", sum)
	}
	if _, stderr, code := mp(t, "stochastic", "../../study/testdata/invalid/sum.yaml", "--out", filepath.Join(dir, "bad")); code != 2 || !strings.Contains(stderr, "sum.yaml:4:3") {
		t.Errorf("a bad study: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad")); err == nil {
		t.Error("a bad study left an output folder")
	}
}

// TestEvaluateOwnPlan: evaluating the default scenario's own optimal plan in the
// default reproduces its run NPV within 1e-6 (relative), through plants.csv.
func TestEvaluateOwnPlan(t *testing.T) {
	dir := t.TempDir()
	run := filepath.Join(dir, "run")
	if _, stderr, code := mp(t, "run", "--out", run, "--no-marginals", "--format", "csv,json"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	if _, stderr, code := mp(t, "evaluate", "--plan", run, "--out", filepath.Join(dir, "ev"), "--format", "csv,json", "../../scenarios/india-japan-2026.yaml"); code != 0 {
		t.Fatalf("evaluate: exit %d\n%s", code, stderr)
	}
	var sum struct {
		NPV float64 `json:"npv"`
	}
	b, _ := os.ReadFile(filepath.Join(run, "summary.json"))
	if err := json.Unmarshal(b, &sum); err != nil || sum.NPV == 0 {
		t.Fatalf("run summary: %v", err)
	}
	rows := readCSVFile(t, filepath.Join(dir, "ev", "evaluation.csv"))
	if len(rows) != 2 || rows[1][3] != "true" {
		t.Fatalf("evaluation.csv %v", rows)
	}
	got, _ := strconv.ParseFloat(rows[1][4], 64)
	if math.Abs(got-sum.NPV) > 1e-6*math.Abs(sum.NPV)+0.005 {
		t.Errorf("evaluate gives NPV %.2f, run %.2f", got, sum.NPV)
	}
	// The run folder evaluate writes passes the audit.
	if out, stderr, code := mp(t, "audit", filepath.Join(dir, "ev", "run", "india-japan-2026")); code != 0 {
		t.Errorf("audit: exit %d\n%s%s", code, out, stderr)
	}
}

// TestEvaluateInoperable: a plan without the refinery cannot meet toy-required's
// requirement; evaluate says which, per scenario, and exits 1 after writing.
func TestEvaluateInoperable(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "nothing")
	if _, stderr, code := mp(t, "run", "testdata/toy.yaml", "--set", "budget.total=1", "--out", empty); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	_, stderr, code := mp(t, "evaluate", "--plan", empty, "--out", filepath.Join(dir, "ev"), "testdata/toy.yaml", "testdata/toy-required.yaml")
	if code != 1 || !strings.Contains(stderr, "plan nothing cannot be operated in toy-required") || !strings.Contains(stderr, "toy-required.yaml:") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	rows := readCSVFile(t, filepath.Join(dir, "ev", "evaluation.csv"))
	if len(rows) != 3 || rows[1][3] != "true" || rows[2][3] != "false" || rows[2][9] == "" {
		t.Errorf("evaluation.csv %v", rows)
	}
}

func readCSVFile(t *testing.T, path string) [][]string {
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

// TestAlternativesCommand: the toy's alternatives are run folders the audit
// accepts, and bad flags exit 2.
func TestAlternativesCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "alt")
	if _, stderr, code := mp(t, "alternatives", "../../study/testdata/toy.yaml", "--slack", "0.6", "--count", "3", "--out", out); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	rows := readCSVFile(t, filepath.Join(out, "alternatives.csv"))
	if len(rows) != 5 { // header, optimum, three alternatives
		t.Fatalf("alternatives.csv %v", rows)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, r := range rows[2:] {
		share, err := strconv.ParseFloat(r[col["npv_loss_share"]], 64)
		if d := r[col["distance"]]; err != nil || share > 0.6 || d == "" || d == "0" || r[col["status"]] != "optimal" {
			t.Errorf("%s: loss share %s, distance %s, status %s", r[0], r[col["npv_loss_share"]], d, r[col["status"]])
		}
		if o, stderr, code := mp(t, "audit", filepath.Join(out, r[0])); code != 0 {
			t.Errorf("audit %s: exit %d\n%s%s", r[0], code, o, stderr)
		}
	}
	if _, _, code := mp(t, "alternatives", "../../study/testdata/toy.yaml", "--slack", "-1", "--out", out); code != 2 {
		t.Errorf("--slack -1: exit %d", code)
	}
}

// TestStochasticSamples: --samples draws equally likely futures named sample-N.
func TestStochasticSamples(t *testing.T) {
	out := filepath.Join(t.TempDir(), "s")
	if _, stderr, code := mp(t, "stochastic", "../../study/testdata/toy-study.yaml", "--objective", "expected", "--samples", "3", "--lhs",
		"--dist", "markets[m].price=uniform(*0.5,*1.5)", "--out", out); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	rows := readCSVFile(t, filepath.Join(out, "futures.csv"))
	if len(rows) != 4 || rows[1][0] != "sample-1" || rows[3][0] != "sample-3" || rows[1][1] != strconv.FormatFloat(1.0/3, 'g', -1, 64) {
		t.Errorf("futures.csv %v", rows)
	}
	if rows[1][2] == rows[2][2] && rows[2][2] == rows[3][2] {
		t.Errorf("three samples with the same NPV: %v", rows)
	}
	_, stderr, code := mp(t, "stochastic", "../../study/testdata/toy-study.yaml", "--samples", "3", "--dist", "markets[m].price=uniform(*2,*1)", "--out", out)
	if code != 2 {
		t.Errorf("a bad --dist: exit %d\n%s", code, stderr)
	}
}
