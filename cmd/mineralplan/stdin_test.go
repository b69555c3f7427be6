package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// mpIn runs the binary in dir with stdin as its standard input and returns
// stdout, stderr and the exit code.
func mpIn(t *testing.T, dir, stdin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return stdout.String(), stderr.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), 0
}

func TestScenarioFromStdin(t *testing.T) {
	toy, err := os.ReadFile("testdata/toy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out, errOut, code := mpIn(t, dir, string(toy), "run", "-", "--json", "--no-out")
	var s summary
	if code != 0 || json.Unmarshal([]byte(out), &s) != nil || math.Abs(s.NPV-36000) > 1e-6*36000 {
		t.Fatalf("run - < toy.yaml: exit %d, %q, %s; want the toy's NPV 36000", code, out, errOut)
	}

	// Positions name <stdin>.
	bad := "name: x\nhorizon: {first_year: 2026, last_year: 2026}\nbudgett: 1\n"
	for _, cmd := range [][]string{{"validate", "-"}, {"run", "-", "--no-out"}, {"resolve", "-"}, {"lint", "-"}} {
		_, errOut, code := mpIn(t, dir, bad, cmd...)
		if code != 2 || !strings.Contains(errOut, "<stdin>:3:1: ") {
			t.Errorf("%v < bad: exit %d, stderr %q; want exit 2 and <stdin>:3:1", cmd, code, errOut)
		}
	}

	// extends: relative to the working directory, or a shipped scenario by name.
	if err := os.WriteFile(filepath.Join(dir, "toy.yaml"), toy, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code = mpIn(t, dir, "extends: toy.yaml\nname: piped\nmarkets:\n  - {id: m, price: 800}\n", "run", "-", "--json", "--out", "piped")
	if code != 0 || json.Unmarshal([]byte(out), &s) != nil || math.Abs(s.NPV-196000) > 1e-3 {
		t.Fatalf("run - extending toy.yaml: exit %d, %q, %s; want NPV 196000", code, out, errOut)
	}
	var manifest struct {
		ScenarioFile string `json:"scenario_file"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "piped", "manifest.json"))
	if err != nil || json.Unmarshal(b, &manifest) != nil || manifest.ScenarioFile != "<stdin>" {
		t.Errorf("manifest.json names the scenario file %q (%v); want <stdin>", manifest.ScenarioFile, err)
	}
	out, errOut, code = mpIn(t, dir, "extends: india-japan-2026\nname: piped-default\nbudget: {total: 300e6}\n", "resolve", "-")
	if code != 0 || !strings.Contains(out, "name: piped-default") || !strings.Contains(out, "total: 300000000") {
		t.Errorf("resolve - extending india-japan-2026: exit %d, %.300q, %s", code, out, errOut)
	}
	_, errOut, code = mpIn(t, dir, "extends: india-japan-2062\nname: x\n", "validate", "-")
	if code != 2 || !strings.Contains(errOut, `<stdin>:1:10: extends "india-japan-2062"`) || !strings.Contains(errOut, "relative to the working directory") ||
		!strings.Contains(errOut, `did you mean the shipped "india-japan-2026"?`) {
		t.Errorf("validate - extending a misspelled name: exit %d, %q", code, errOut)
	}
}

// TestVaryErrorsPointIntoVary: a bad --vary is reported as --vary:N:COL, N the
// --vary's number and COL the column in its text, not as a --set.
func TestVaryErrorsPointIntoVary(t *testing.T) {
	for _, tt := range []struct {
		vary []string
		want string
	}{
		{[]string{"budget.totl=1e6,2e6"}, `--vary:1:8: "budget.totl=1e6,2e6": unknown key "totl" in budget; did you mean "total"?`},
		{[]string{"budget.total=2e6, abc"}, `--vary:1:19: budget.total: cannot read the number in "abc"`},
		{[]string{"budget.total=1e6,2e6", "markets[n].price=*0.8:*1.2:*0.1"}, `--vary:2:9: "markets[n].price=*0.8:*1.2:*0.1": markets has no entry with id "n"; did you mean "m"?`},
		// --dist and --tornado-param problems name their flag too, never --set.
		{[]string{"--samples", "3", "--dist", "markets[n].price=uniform(*0.8,*1.2)"}, `--dist:1:9: "markets[n].price=uniform(*0.8,*1.2)": markets has no entry with id "n"; did you mean "m"?`},
		{[]string{"--tornado-param", "budget.totl=1:2"}, `--tornado budget.totl: "budget.totl (low: 1)": unknown key "totl" in budget; did you mean "total"?`},
	} {
		args := []string{"sweep", "testdata/toy.yaml", "--out", filepath.Join(t.TempDir(), "s")}
		if strings.HasPrefix(tt.vary[0], "--") {
			args = append(args, tt.vary...)
		} else {
			for _, v := range tt.vary {
				args = append(args, "--vary", v)
			}
		}
		_, errOut, code := mp(t, args...)
		if code != 2 || !strings.Contains(errOut, tt.want) || strings.Contains(errOut, "--set") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tt.vary, code, errOut, tt.want)
		}
	}
}
