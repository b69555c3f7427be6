package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// docFile is a file documented in docs/outputs.md: its columns or fields,
// each with whether it may be absent.
type docFile struct {
	name    string
	pattern *regexp.Regexp // the name with <placeholders> as wildcards
	entries map[string]bool
}

// readOutputsDoc reads docs/outputs.md: every "### `file`" heading and the
// first cell of the table rows under it.
func readOutputsDoc(t *testing.T) []*docFile {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "docs", "outputs.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	heading := regexp.MustCompile("^### `([^`]+)`")
	row := regexp.MustCompile("^\\| `([^`]+)`( \\(optional\\))? \\|")
	var files []*docFile
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if m := heading.FindStringSubmatch(line); m != nil {
			files = append(files, &docFile{name: m[1], pattern: placeholder(m[1]), entries: map[string]bool{}})
			continue
		}
		if strings.HasPrefix(line, "## ") && len(files) > 0 {
			files = append(files, &docFile{name: "", pattern: regexp.MustCompile(`^$`), entries: map[string]bool{}}) // a new section ends the last table
			continue
		}
		if m := row.FindStringSubmatch(line); m != nil && len(files) > 0 {
			files[len(files)-1].entries[m[1]] = m[2] != ""
		}
	}
	var out []*docFile
	for _, d := range files {
		if d.name != "" {
			out = append(out, d)
		}
	}
	return out
}

// placeholder turns a documented name such as npv-<path>.svg into a pattern.
func placeholder(name string) *regexp.Regexp {
	parts := regexp.MustCompile(`<[^>]+>`).Split(name, -1)
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".+") + "$")
}

// written is what the commands wrote: per documented file, the entries seen.
type written struct {
	t     *testing.T
	docs  []*docFile
	files map[*docFile]map[string]bool
	// top, when set, goes before the names of a folder's top-level files: the
	// files of a stochastic folder are documented as <out>/name.
	top string
}

// file records a file by its name relative to its folder (cases/<hash>/x
// for a case folder's), and returns its documentation.
//
// Files of the same name in different kinds of folder (report.md of a study and
// of an alternatives folder) have a section each; a file written counts for every
// section of its name, and its columns are checked against the first.
func (w *written) file(name string) *docFile {
	w.t.Helper()
	var first *docFile
	for _, d := range w.docs {
		if d.pattern.MatchString(name) {
			if w.files[d] == nil {
				w.files[d] = map[string]bool{}
			}
			if first == nil {
				first = d
			}
		}
	}
	if first == nil {
		w.t.Errorf("%s is written but docs/outputs.md does not describe it", name)
	}
	return first
}

// entry records a column or field of a documented file; params are the
// sweep's varied paths, which <path> columns stand for.
func (w *written) entry(d *docFile, name string, params []string) {
	w.t.Helper()
	if d == nil {
		return
	}
	key := name
	for _, p := range params {
		switch name {
		case p:
			key = "<path>"
		case p + ":factor":
			key = "<path>:factor"
		}
	}
	if _, ok := d.entries[key]; !ok {
		w.t.Errorf("%s has %q, which docs/outputs.md does not describe", d.name, name)
	}
	w.files[d][key] = true
}

// folder records every file under dir: CSV headers, JSON fields and GeoJSON
// properties. Files in case folders that are run-folder files count as such.
func (w *written) folder(dir string, params []string) {
	w.t.Helper()
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		name := filepath.ToSlash(rel)
		if parts := strings.Split(name, "/"); len(parts) == 3 && parts[0] == "cases" {
			if parts[2] != "result.json" && parts[2] != "error.txt" {
				name = parts[2] // a run-folder file of the case
			}
		} else if len(parts) == 3 && (parts[0] == "futures" || w.top != "") {
			name = parts[2] // a run folder of a stochastic future, or of a plan evaluated in a scenario
		} else if len(parts) == 2 && !strings.HasPrefix(name, "cases/") {
			name = parts[1] // a batch's run folder
		} else if len(parts) == 1 && name == "manifest.json" && (isFile(filepath.Join(dir, "sweep.json")) || isFile(filepath.Join(dir, "batch.csv"))) {
			name = "folder/" + name // a sweep's or batch's list of files: <out>/manifest.json
		} else if len(parts) == 1 {
			name = w.top + name
		}
		d := w.file(name)
		b, err := os.ReadFile(path)
		if err != nil || d == nil {
			return err
		}
		switch {
		case strings.HasSuffix(name, ".csv"):
			head, err := csv.NewReader(strings.NewReader(string(b))).Read()
			if err != nil {
				w.t.Errorf("%s: %v", path, err)
			}
			for _, h := range head {
				w.entry(d, h, params)
			}
		case strings.HasSuffix(name, ".geojson"):
			var fc struct {
				Features []struct {
					Properties map[string]any `json:"properties"`
				} `json:"features"`
			}
			if err := json.Unmarshal(b, &fc); err != nil {
				w.t.Errorf("%s: %v", path, err)
			}
			for _, f := range fc.Features {
				for k := range f.Properties {
					w.entry(d, k, nil)
				}
			}
		case strings.HasSuffix(name, ".json"):
			var v any
			if err := json.Unmarshal(b, &v); err != nil {
				w.t.Errorf("%s: %v", path, err)
			}
			for _, p := range jsonPaths(v, "") {
				w.entry(d, p, nil)
			}
		}
		return nil
	})
	if err != nil {
		w.t.Fatal(err)
	}
}

// jsonPaths lists the fields of a JSON value: a.b for objects, a[].b inside
// arrays of objects. Maps keyed by data (shortfall by unit, options by flag,
// partner_npv by partner) are fields of their own without their keys.
func jsonPaths(v any, prefix string) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		if prefix == "shortfall" || prefix == "options" || prefix == "partner_npv" {
			return nil
		}
		for k, y := range x {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			out = append(out, p)
			out = append(out, jsonPaths(y, p)...)
		}
	case []any:
		for _, y := range x {
			out = append(out, jsonPaths(y, prefix+"[]")...)
		}
	}
	return out
}

// TestOutputsDocumented runs every command that writes files on the toy
// scenario and compares what they write, file by file and column by column
// (JSON field by field), with docs/outputs.md, both ways.
func TestOutputsDocumented(t *testing.T) {
	docs := readOutputsDoc(t)
	if len(docs) < 30 {
		t.Fatalf("docs/outputs.md describes %d files; it must describe them all", len(docs))
	}
	w := &written{t: t, docs: docs, files: map[*docFile]map[string]bool{}}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		if _, errOut, code := mp(t, args...); code > 1 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
	}
	toy := "testdata/toy.yaml"
	run("run", toy, "--out", filepath.Join(dir, "run"))
	w.folder(filepath.Join(dir, "run"), nil)
	run("run", toy, "--out", filepath.Join(dir, "run-short"), "--set", "markets[m].required=500", "--set", "policy.shortfall_penalty=1")
	w.folder(filepath.Join(dir, "run-short"), nil)
	// A hard minimum, for the requirement costs.
	run("run", toy, "--out", filepath.Join(dir, "run-required"), "--set", "markets[m].required=100")
	w.folder(filepath.Join(dir, "run-required"), nil)
	// A partner with a hurdle rate, for summary.json's partners.
	run("run", toy, "--out", filepath.Join(dir, "run-partners"), "--set", "budget.partners=[{id: a, share: 1, hurdle_rate: 0.1}]")
	w.folder(filepath.Join(dir, "run-partners"), nil)
	// The default scenario, for flows between places apart.
	run("run", "--out", filepath.Join(dir, "run-default"), "--format", "csv", "--no-marginals")
	w.folder(filepath.Join(dir, "run-default"), nil)
	run("batch", toy, "--out", filepath.Join(dir, "batch"), "--quiet")
	w.folder(filepath.Join(dir, "batch"), nil)
	sweeps := [][]string{
		{"sweep", toy, "--vary", "markets[m].price=300:500:100", "--vary", "objective.min_security=1,1e9", "--case-format", "csv,json,md,html"},
		{"sweep", toy, "--tornado", "20%"},
		{"sweep", toy, "--samples", "6", "--dist", "markets[m].price=triangular(*0.8,*1,*1.2)"},
		{"pareto", toy, "--points", "3"},
		{"frontier", toy, "--from", "5e4", "--to", "2e5"},
		{"sweep", toy, "--vary", "budget.total=1e5,2e5", "--shard", "1/2"},
	}
	for i, args := range sweeps {
		out := filepath.Join(dir, "sweep"+strings.Repeat("x", i))
		run(append(args, "--out", out, "--quiet")...)
		b, err := os.ReadFile(filepath.Join(out, "sweep.json"))
		if err != nil {
			t.Fatal(err)
		}
		var m struct {
			Kind    string   `json:"kind"`
			Columns []string `json:"columns"`
		}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		var params []string // the columns named by varied paths
		if m.Kind == "grid" || m.Kind == "montecarlo" {
			params = m.Columns
		}
		w.folder(out, params)
	}
	run("stochastic", "../../study/testdata/toy-study.yaml", "--out", filepath.Join(dir, "stochastic"))
	w.top = "out/"
	w.folder(filepath.Join(dir, "stochastic"), nil)
	run("evaluate", "--plan", filepath.Join(dir, "run"), "--plan", filepath.Join(dir, "stochastic"), "--out", filepath.Join(dir, "evaluate"), toy, "testdata/toy-required.yaml", "../../study/testdata/toy-study.yaml")
	w.folder(filepath.Join(dir, "evaluate"), nil)
	run("alternatives", "../../study/testdata/toy.yaml", "--slack", "0.6", "--count", "2", "--out", filepath.Join(dir, "alternatives"))
	w.folder(filepath.Join(dir, "alternatives"), nil)
	w.top = ""
	run("sweep", toy, "--vary", "budget.total=1e5,2e5", "--out", filepath.Join(dir, "cluster"), "--slurm", filepath.Join(dir, "slurm"))
	run("sweep", toy, "--vary", "budget.total=1e5,2e5", "--out", filepath.Join(dir, "cluster"), "--k8s", filepath.Join(dir, "k8s"))
	w.folder(filepath.Join(dir, "slurm"), nil)
	w.folder(filepath.Join(dir, "k8s"), nil)
	out, errOut, code := mp(t, "compare", filepath.Join(dir, "run"), filepath.Join(dir, "run-short"), "--format", "csv")
	if code != 0 {
		t.Fatalf("compare: exit %d: %s", code, errOut)
	}
	if err := os.WriteFile(filepath.Join(dir, "compare.csv"), []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	cmpDir := filepath.Join(dir, "compare")
	os.MkdirAll(cmpDir, 0o755)
	os.Rename(filepath.Join(dir, "compare.csv"), filepath.Join(cmpDir, "compare.csv"))
	w.folder(cmpDir, nil)

	// Everything documented was written, apart from what may be absent.
	for _, d := range docs {
		seen, ok := w.files[d]
		if !ok {
			t.Errorf("docs/outputs.md describes %s, which no command wrote", d.name)
			continue
		}
		var missing []string
		for e, optional := range d.entries {
			if !optional && !seen[e] {
				missing = append(missing, e)
			}
		}
		slices.Sort(missing)
		if len(missing) > 0 {
			t.Errorf("docs/outputs.md describes %s with %v, which it does not have", d.name, missing)
		}
	}
}

// isFile reports whether path names an existing file.
func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}
