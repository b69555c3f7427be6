package results

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var csvFiles = []string{"contributions.csv", "disposals.csv", "finance.csv", "flows.csv", "imports.csv", "marginal_values.csv",
	"partners.csv", "plants.csv", "production.csv", "security.csv", "shortfalls.csv", "throughput.csv"}

func smallRun() Run {
	return Run{Plan: smallPlan(), Scenario: smallScenario(), ResolvedYAML: []byte("name: small\n"),
		Manifest: Manifest{ScenarioFile: "small.yaml", ToolVersion: "test", HiGHSVersion: "1.10.0", Options: map[string]string{"format": "all"}}}
}

func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

func TestWriteRunGolden(t *testing.T) {
	dir := t.TempDir()
	if err := WriteRun(dir, smallRun(), nil); err != nil {
		t.Fatal(err)
	}
	files := readDir(t, dir)
	want := append(slices.Clone(csvFiles), "manifest.json", "report.html", "report.md", "scenario.resolved.yaml", "summary.json",
		IAMCFile, PlantsGeoJSON, FlowsGeoJSON)
	slices.Sort(want)
	var got []string
	for name := range files {
		got = append(got, name)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("run folder has %v, want %v", got, want)
	}
	for _, name := range append(slices.Clone(csvFiles), "summary.json", "report.md", IAMCFile, PlantsGeoJSON, FlowsGeoJSON) {
		checkGolden(t, name, files[name])
	}
	if string(files["scenario.resolved.yaml"]) != "name: small\n" {
		t.Errorf("scenario.resolved.yaml = %q", files["scenario.resolved.yaml"])
	}

	var man struct {
		ScenarioHash string `json:"scenario_hash"`
		ScenarioFile string `json:"scenario_file"`
		Status       string `json:"status"`
		Files        []struct {
			Name   string `json:"name"`
			Bytes  int    `json:"bytes"`
			SHA256 string `json:"sha256"`
		} `json:"files"`
	}
	if err := json.Unmarshal(files["manifest.json"], &man); err != nil {
		t.Fatal(err)
	}
	if man.ScenarioHash != sha256Hex([]byte("name: small\n")) || man.ScenarioFile != "small.yaml" || man.Status != "optimal" {
		t.Errorf("manifest = %+v", man)
	}
	if len(man.Files) != len(files)-1 {
		t.Errorf("manifest lists %d files, the folder has %d besides it", len(man.Files), len(files)-1)
	}
	for _, f := range man.Files {
		if b := files[f.Name]; len(b) != f.Bytes || sha256Hex(b) != f.SHA256 {
			t.Errorf("manifest entry %s does not match the file", f.Name)
		}
	}
}

// TestWriteRunDeterministic writes the same plan twice, the second time with
// every slice shuffled: the files must be byte-identical.
func TestWriteRunDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := WriteRun(a, smallRun(), nil); err != nil {
		t.Fatal(err)
	}
	in := smallRun()
	rng := rand.New(rand.NewPCG(1, 2))
	shuffle := func(n int, swap func(i, j int)) { rng.Shuffle(n, swap) }
	p := in.Plan
	shuffle(len(p.Plants), func(i, j int) { p.Plants[i], p.Plants[j] = p.Plants[j], p.Plants[i] })
	shuffle(len(p.Flows), func(i, j int) { p.Flows[i], p.Flows[j] = p.Flows[j], p.Flows[i] })
	shuffle(len(p.Production), func(i, j int) { p.Production[i], p.Production[j] = p.Production[j], p.Production[i] })
	shuffle(len(p.SecurityRows), func(i, j int) { p.SecurityRows[i], p.SecurityRows[j] = p.SecurityRows[j], p.SecurityRows[i] })
	shuffle(len(p.Finance), func(i, j int) { p.Finance[i], p.Finance[j] = p.Finance[j], p.Finance[i] })
	shuffle(len(p.Throughput), func(i, j int) { p.Throughput[i], p.Throughput[j] = p.Throughput[j], p.Throughput[i] })
	shuffle(len(p.Marginals), func(i, j int) { p.Marginals[i], p.Marginals[j] = p.Marginals[j], p.Marginals[i] })
	if err := WriteRun(b, in, nil); err != nil {
		t.Fatal(err)
	}
	fa, fb := readDir(t, a), readDir(t, b)
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between two writes of the same plan", name)
		}
	}
}

func TestWriteRunFormats(t *testing.T) {
	dir := t.TempDir()
	if err := WriteRun(dir, smallRun(), []string{"json", "MD"}); err != nil {
		t.Fatal(err)
	}
	files := readDir(t, dir)
	for _, name := range []string{"summary.json", "report.md", "manifest.json", "scenario.resolved.yaml"} {
		if files[name] == nil {
			t.Errorf("format json,md: %s missing", name)
		}
	}
	for _, name := range []string{"plants.csv", "report.html"} {
		if files[name] != nil {
			t.Errorf("format json,md: %s written", name)
		}
	}
	if err := WriteRun(t.TempDir(), smallRun(), []string{"csv", "pdf"}); err == nil || !strings.Contains(err.Error(), `"pdf"`) {
		t.Errorf("format pdf: error %v, want one naming it", err)
	}
	if err := WriteRun(t.TempDir(), Run{Scenario: smallScenario()}, nil); err == nil {
		t.Error("no plan: no error")
	}
}

// TestWriteRunReplacesAtomically rewrites a folder and checks no temporary
// file is left and the old manifest is replaced.
func TestWriteRunReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	if err := WriteRun(dir, smallRun(), nil); err != nil {
		t.Fatal(err)
	}
	in := smallRun()
	in.Plan.Status = "time_limit"
	if err := WriteRun(dir, in, []string{"csv"}); err != nil {
		t.Fatal(err)
	}
	files := readDir(t, dir)
	for name := range files {
		if strings.Contains(name, ".tmp-") {
			t.Errorf("temporary file %s left behind", name)
		}
	}
	if !bytes.Contains(files["manifest.json"], []byte(`"status": "time_limit"`)) {
		t.Errorf("manifest.json not replaced:\n%s", files["manifest.json"])
	}
	if bytes.Contains(files["manifest.json"], []byte("report.html")) {
		t.Error("manifest.json lists report.html, which this run did not write")
	}
}

func TestWriteFileAtomicError(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFileAtomic(filepath.Join(dir, "missing", "x.csv"), []byte("a")); err == nil {
		t.Fatal("writing into a missing folder: no error")
	}
	if len(readDir(t, dir)) != 0 {
		t.Error("a failed write left files")
	}
}
