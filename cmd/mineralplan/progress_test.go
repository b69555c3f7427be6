package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runToFile runs the binary with stderr sent to a file, as a batch job's is, and
// returns what it wrote there and the exit code.
func runToFile(t *testing.T, args ...string) (string, int) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "stderr.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary(t), args...)
	cmd.Stderr = f
	err = cmd.Run()
	f.Close()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), code
}

// TestProgressLinesOffTerminal: a sweep, a frontier and a batch with stderr
// redirected to a file print a progress line as cases finish and a summary
// line, and nothing with --quiet.
func TestProgressLinesOffTerminal(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name    string
		args    []string
		total   string // the total a line shows, a regexp
		unit    string
		summary string
	}{
		{"sweep", []string{"sweep", "testdata/toy.yaml", "--vary", "markets[m].price=300:600:100", "--workers", "1", "--out", filepath.Join(dir, "grid")},
			"4", "cases", `^sweep: done: 4 cases in \d+s( \([0-9.]+ cases/s\))?, 4 optimal, 0 failed; results in .*grid$`},
		{"frontier", []string{"frontier", "testdata/toy.yaml", "--from", "5e4", "--to", "2e5", "--steps", "2", "--workers", "1", "--out", filepath.Join(dir, "frontier")},
			`\d+`, "cases", `^frontier: done: \d+ cases in \d+s( \([0-9.]+ cases/s\))?, \d+ optimal, 0 failed; results in .*frontier$`},
		{"batch", []string{"batch", "testdata/toy.yaml", "testdata/toy-infeasible.yaml", "--workers", "1", "--out", filepath.Join(dir, "batch")},
			"2", "scenarios", `^batch: done: 2 scenarios in \d+s( \([0-9.]+ scenarios/s\))?, 1 optimal, 1 failed; results in .*batch$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errOut, code := runToFile(t, tc.args...)
			if code > 1 {
				t.Fatalf("exit %d:\n%s", code, errOut)
			}
			line := regexp.MustCompile(`^` + tc.name + `: \d+/` + tc.total + ` ` + tc.unit + `, \d+ failed, ([0-9.]+ ` + tc.unit + `/s|\d+s elapsed)(, ETA \S+)?$`)
			summary := regexp.MustCompile(tc.summary)
			progressLines, summaries := 0, 0
			for _, l := range strings.Split(strings.TrimSpace(errOut), "\n") {
				switch {
				case line.MatchString(l):
					progressLines++
				case summary.MatchString(l):
					summaries++
				}
			}
			if progressLines == 0 || summaries != 1 {
				t.Errorf("%d progress lines and %d summary lines; want some and one. stderr:\n%s", progressLines, summaries, errOut)
			}
			quiet := append(append([]string{}, tc.args...), "--quiet")
			for i, a := range quiet {
				if a == "--out" {
					quiet[i+1] += "-quiet"
				}
			}
			errOut, code = runToFile(t, quiet...)
			if code > 1 {
				t.Fatalf("--quiet: exit %d:\n%s", code, errOut)
			}
			if line.MatchString(strings.SplitN(errOut, "\n", 2)[0]) || regexp.MustCompile(`(?m)^`+tc.name+`: done:`).MatchString(errOut) {
				t.Errorf("--quiet still printed progress:\n%s", errOut)
			}
		})
	}
}
