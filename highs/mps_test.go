package highs

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// mpsModel is a small MIP that uses every feature WriteMPS writes: maximising,
// an objective constant, equality, ≤, ≥, ranged and free rows, free, fixed,
// negative and infinite bounds, integer columns among continuous ones, and
// numbers with seventeen significant digits.
func mpsModel() *Model {
	var m Model
	m.Sense = Maximize
	m.Offset = 0.1 + 0.2 // 0.30000000000000004
	x := m.AddCol("x", 1.0/3, 0, 10, Continuous)
	y := m.AddCol("y", 2.0/7, -5, Inf, Integer)
	z := m.AddCol("z", -0.5, math.Inf(-1), 4, Continuous)
	w := m.AddCol("w", 0.1, 2, 2, Continuous)
	f := m.AddCol("f", 0, math.Inf(-1), Inf, Continuous)
	k := m.AddCol("k", 3, 0, 1, Integer)
	m.AddRow("cap", math.Inf(-1), 12.345678901234567, []int{x, y, k}, []float64{1, 1, 2})
	m.AddRow("low", -3, Inf, []int{z, y}, []float64{1, -1.0 / 9})
	m.AddRow("eq", 1.5, 1.5, []int{f, z}, []float64{1, 1})
	m.AddRow("range", -1, 7.25, []int{x, z, w}, []float64{0.5, 1, 1})
	m.AddRow("free", math.Inf(-1), Inf, []int{x, f}, []float64{1, 1})
	return &m
}

// TestWriteMPSExact checks that every number WriteMPS writes reads back as the
// same float64.
func TestWriteMPSExact(t *testing.T) {
	var buf bytes.Buffer
	if err := mpsModel().WriteMPS(&buf, "test model"); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	for _, want := range []float64{1.0 / 3, 2.0 / 7, -1.0 / 9, 12.345678901234567, -(0.1 + 0.2)} {
		s := strconv.FormatFloat(want, 'g', -1, 64)
		if !strings.Contains(text, "  "+s+"\n") {
			t.Errorf("%s (%v) is not written exactly:\n%s", s, want, text)
		}
	}
	for _, want := range []string{"NAME test_model\n", "OBJSENSE\n    MAX\n", " E  eq\n", " G  low\n", " L  range\n", "    RNG  range  8.25\n",
		" FR BND  f\n", " FX BND  w  2\n", " MI BND  z\n", " UP BND  z  4\n", " LO BND  y  -5\n", " PL BND  y\n", "'INTORG'", "'INTEND'", "ENDATA\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in:\n%s", want, text)
		}
	}
}

// TestWriteMPSSolvesAlike solves the model in process and, from the file
// WriteMPS wrote, with the highs command line ($HIGHS_BIN), and compares the
// optima.
func TestWriteMPSSolvesAlike(t *testing.T) {
	hb := os.Getenv("HIGHS_BIN")
	if hb == "" {
		t.Fatal("HIGHS_BIN is not set: run the tests through 'make test', which reads build/highs.env")
	}
	m := mpsModel()
	sv, err := NewSolver(m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sv.Close()
	sol, err := sv.Solve(context.Background())
	if err != nil || sol.Status != Optimal {
		t.Fatalf("in process: %v, %v", sol.Status, err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "m.mps")
	var buf bytes.Buffer
	if err := m.WriteMPS(&buf, "m"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(hb, "--model_file", path).CombinedOutput()
	if err != nil {
		t.Fatalf("highs: %v\n%s", err, out)
	}
	got := regexp.MustCompile(`(?m)^\s*(\S+) \(objective\)`).FindSubmatch(out)
	if got == nil {
		t.Fatalf("no objective in:\n%s", out)
	}
	v, err := strconv.ParseFloat(string(got[1]), 64)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(v-sol.Objective) > 1e-9*math.Max(1, math.Abs(v)) {
		t.Errorf("highs command line %v, in process %v", v, sol.Objective)
	}
}

// TestWriteMPSRefuses checks the names and column types WriteMPS cannot write.
func TestWriteMPSRefuses(t *testing.T) {
	for name, m := range map[string]*Model{
		"space": func() *Model { m := mpsModel(); m.ColNames[0] = "a b"; return m }(),
		"semi":  func() *Model { m := mpsModel(); m.ColType[0] = SemiContinuous; return m }(),
		"OBJ":   func() *Model { m := mpsModel(); m.ColNames[1] = "OBJ"; return m }(),
	} {
		if err := m.WriteMPS(&bytes.Buffer{}, "m"); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
