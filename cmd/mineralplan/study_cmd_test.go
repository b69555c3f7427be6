package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
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
