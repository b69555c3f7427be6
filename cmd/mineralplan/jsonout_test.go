package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestJSONEveryCommand runs each command that writes something with --json on
// the toy scenario: stdout is one JSON object (the text output went to
// stderr), it names the command, what it wrote and, for a folder with a
// manifest, the folder's files; commands with a result object of their own
// print that.
func TestJSONEveryCommand(t *testing.T) {
	bin := binary(t)
	work := hostileFixtures(t, bin)
	for _, tc := range []struct {
		args  []string
		out   string // the object's "out"; "" for a command's own object
		files string // a file the object must list
	}{
		{[]string{"validate", "toy.yaml", "second.yaml"}, "", ""},
		{[]string{"lint", "toy.yaml"}, "", ""},
		{[]string{"export", "--lp", "m.lp", "toy.yaml"}, "m.lp", ""},
		{[]string{"generate", "--sites", "3", "--output", "gen.yaml"}, "gen.yaml", ""},
		{[]string{"batch", "toy.yaml", "--out", "jb"}, "jb", ""},
		{[]string{"sweep", "toy.yaml", "--vary", "budget.total=*0.9,*1", "--out", "jsw"}, "jsw", ""},
		{[]string{"pareto", "toy.yaml", "--points", "2", "--out", "jp"}, "jp", ""},
		{[]string{"alternatives", "toy.yaml", "--count", "1", "--out", "ja"}, "ja", "alternatives.csv"},
		{[]string{"evaluate", "--plan", "toy-run", "--out", "je", "toy.yaml"}, "je", "regret.csv"},
	} {
		t.Run(tc.args[0], func(t *testing.T) {
			code, stdout, stderr := runLimited(t, bin, work, append(tc.args, "--json"))
			if code != 0 {
				t.Fatalf("mineralplan %s --json: exit %d\n%s", strings.Join(tc.args, " "), code, stderr)
			}
			var obj doneObject
			dec := json.NewDecoder(strings.NewReader(stdout))
			if err := dec.Decode(&obj); err != nil || dec.More() {
				t.Fatalf("stdout is not one JSON object (%v):\n%s", err, stdout)
			}
			if obj.Status != "ok" || obj.ExitCode != 0 || obj.Command != tc.args[0] || obj.Out != tc.out || obj.Diagnostics == nil {
				t.Errorf("object %+v, want status ok, exit 0, command %s, out %q, a diagnostics list", obj, tc.args[0], tc.out)
			}
			if tc.files != "" && !slices.Contains(obj.Files, tc.files) {
				t.Errorf("files %v, want %s among them", obj.Files, tc.files)
			}
			if tc.out != "" {
				if _, err := os.Stat(filepath.Join(work, tc.out)); err != nil {
					t.Errorf("%s was not written: %v", tc.out, err)
				}
			}
		})
	}
	t.Run("sweep-not-optimal", func(t *testing.T) {
		code, stdout, stderr := runLimited(t, bin, work, []string{"sweep", "toy.yaml", "--vary", "objective.min_security=1,1e9", "--out", "jsw1", "--json"})
		var obj doneObject
		dec := json.NewDecoder(strings.NewReader(stdout))
		if err := dec.Decode(&obj); err != nil || dec.More() {
			t.Fatalf("stdout is not one JSON object (%v):\n%s\n%s", err, stdout, stderr)
		}
		if code != 1 || obj.Status != "not_optimal" || obj.ExitCode != 1 || obj.Out != "jsw1" || !strings.Contains(obj.Error, "no optimal plan") || !slices.Contains(obj.Files, "cases.csv") {
			t.Errorf("exit %d, object %+v; want exit 1, not_optimal, the folder and its files, the message", code, obj)
		}
	})
	t.Run("resolve", func(t *testing.T) {
		code, stdout, stderr := runLimited(t, bin, work, []string{"resolve", "toy.yaml", "--json"})
		var obj map[string]any
		if code != 0 || json.Unmarshal([]byte(stdout), &obj) != nil {
			t.Fatalf("resolve --json: exit %d, stdout not one object:\n%s\n%s", code, stdout, stderr)
		}
		if b, _ := obj["budget"].(map[string]any); b["total"] != 1e6 || obj["name"] != "toy" {
			t.Errorf("resolve --json: name %v, budget %v; want toy and a total of 1e6 USD", obj["name"], obj["budget"])
		}
	})
	t.Run("version", func(t *testing.T) {
		code, stdout, _ := runLimited(t, bin, work, []string{"version", "--json"})
		var obj map[string]any
		if code != 0 || json.Unmarshal([]byte(stdout), &obj) != nil || obj["highs"] == "" || obj["mineralplan"] == nil {
			t.Errorf("version --json: exit %d, stdout %s", code, stdout)
		}
	})
	t.Run("compare", func(t *testing.T) {
		code, stdout, stderr := runLimited(t, bin, work, []string{"compare", "toy-run", "toy-run", "--json"})
		var obj map[string]any
		if code != 0 || json.Unmarshal([]byte(stdout), &obj) != nil {
			t.Fatalf("compare --json: exit %d, stdout not one object:\n%s\n%s", code, stdout, stderr)
		}
		if _, ok := obj["runs"]; !ok {
			t.Errorf("compare --json: want the comparison, got keys %v", keys(obj))
		}
	})
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
