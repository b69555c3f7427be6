package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestColorAllowed(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{"TERM": "xterm-256color"}, true},
		{map[string]string{"TERM": "screen", "NO_COLOR": "1"}, false},
		{map[string]string{"TERM": "tmux-256color", "NO_COLOR": "0"}, false}, // any non-empty value
		{map[string]string{"TERM": "xterm", "NO_COLOR": ""}, true},
		{map[string]string{"TERM": "dumb"}, false},
	} {
		if got := colorAllowed(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("colorAllowed(%v) = %v; want %v", tt.env, got, tt.want)
		}
	}
}

// onTerminal runs the binary with args on a pseudo-terminal (through script(1),
// as tmux or a terminal would give it one) and returns what it wrote there.
func onTerminal(t *testing.T, env []string, args ...string) string {
	t.Helper()
	script, err := exec.LookPath("script")
	if err != nil {
		t.Fatal("script(1) is not installed, so there is no pseudo-terminal to test on: install util-linux (bsdutils on Debian)")
	}
	quoted := []string{"'" + binary(t) + "'"}
	for _, a := range args {
		quoted = append(quoted, "'"+strings.ReplaceAll(a, "'", `'\''`)+"'")
	}
	cmd := exec.Command(script, "-qec", strings.Join(quoted, " "), "/dev/null")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v on a terminal: %v\n%q", args, err, out)
	}
	return string(out)
}

// TestNoColorOnTerminal runs a plan and a sweep on a terminal. With colour the
// plan's summary has escape codes (so the test does see a terminal) and the sweep
// draws a bar; with NO_COLOR=1, under a tmux TERM, neither writes any escape code
// and the sweep writes the plain progress lines of a log file.
func TestNoColorOnTerminal(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name              string
		args              []string
		colour, plain     string // text expected with colour and with NO_COLOR
		escapesWithColour bool
	}{
		{"run", []string{"run", "testdata/toy.yaml", "--no-out"}, "\x1b[32moptimal", "toy: optimal", true},
		{"sweep", []string{"sweep", "testdata/toy.yaml", "--vary", "budget.total=1e6,2e6,3e6", "--workers", "1", "--out"},
			"% |", "sweep: done: 3 cases in", false},
	} {
		for _, noColor := range []bool{false, true} {
			args := tt.args
			if tt.name == "sweep" {
				args = append(args[:len(args):len(args)], filepath.Join(dir, tt.name+map[bool]string{true: "-plain", false: "-colour"}[noColor]))
			}
			env, want := []string{"TERM=xterm", "NO_COLOR="}, tt.colour
			if noColor {
				env, want = []string{"TERM=tmux-256color", "NO_COLOR=1"}, tt.plain
			}
			out := onTerminal(t, env, args...)
			if !strings.Contains(out, want) {
				t.Errorf("%s (NO_COLOR %v): no %q in %q", tt.name, noColor, want, out)
			}
			has := strings.Contains(out, "\x1b")
			if noColor && has || !noColor && tt.escapesWithColour && !has {
				t.Errorf("%s (NO_COLOR %v): escape codes %v in %q", tt.name, noColor, has, out)
			}
		}
	}
}
