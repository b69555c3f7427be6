package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// binary returns the mineralplan binary under test: $MINERALPLAN_BIN (make test
// sets it to bin/mineralplan), or one built into a temporary folder.
func binary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		if p := os.Getenv("MINERALPLAN_BIN"); p != "" {
			binPath = p
			return
		}
		dir, err := os.MkdirTemp("", "mineralplan-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "mineralplan")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = errors.New(string(out))
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// mp runs the binary and returns stdout, stderr and the exit code.
func mp(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), code
}

type summary struct {
	Status    string  `json:"status"`
	Objective float64 `json:"objective"`
	NPV       float64 `json:"npv"`
}

func TestRunJSONOnToy(t *testing.T) {
	out, errOut, code := mp(t, "run", "testdata/toy.yaml", "--json", "--no-out")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var s summary
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, out)
	}
	if s.Status != "optimal" || math.Abs(s.NPV-36000) > 1e-6*36000 {
		t.Fatalf("summary %+v; want optimal with NPV 36000", s)
	}
}

// timing matches the JSON fields that may differ between two runs.
var timing = regexp.MustCompile(`"(build|solve)_seconds": [0-9.e+-]+`)

func TestRunIsDeterministic(t *testing.T) {
	a, _, code1 := mp(t, "run", "testdata/toy.yaml", "--json", "--no-out")
	b, _, code2 := mp(t, "run", "testdata/toy.yaml", "--json", "--no-out")
	if code1 != 0 || code2 != 0 {
		t.Fatalf("exits %d, %d", code1, code2)
	}
	if timing.ReplaceAllString(a, "") != timing.ReplaceAllString(b, "") {
		t.Fatalf("two runs differ:\n%s\n%s", a, b)
	}
}

func TestInfeasibleExplainsWithFileLine(t *testing.T) {
	_, errOut, code := mp(t, "run", "testdata/toy-infeasible.yaml", "--no-out")
	want := "testdata/toy-infeasible.yaml:6:15: market m requires 600 t in 2026; at most 400 t can be delivered by then"
	if code != 1 || !strings.Contains(errOut, want) {
		t.Fatalf("exit %d, stderr %q; want exit 1 and %q", code, errOut, want)
	}
}

func TestBadInputExitsTwo(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("name: x\nhorizon: {first_year: 2026, last_year: 2026}\nbudgett: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"run", bad, "--no-out"},
		{"run", "testdata/no-such-file.yaml"},
		{"run", "testdata/toy.yaml", "--set", "budget.totl=5"},
		{"run", "--format", "pdf"},
		{"export", "testdata/toy.yaml"},
		{"frobnicate"},
	} {
		_, errOut, code := mp(t, args...)
		if code != 2 {
			t.Errorf("%v: exit %d (stderr %q); want 2", args, code, errOut)
		}
	}
}

func TestFlagsAfterArguments(t *testing.T) {
	out, errOut, code := mp(t, "run", "testdata/toy.yaml", "--set", "markets[m].price=*2", "--json", "--no-out")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var s summary
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	// Price 800: 400×800 − 24,000 − 100,000.
	if math.Abs(s.NPV-196000) > 1e-3 {
		t.Fatalf("NPV %v; want 196000", s.NPV)
	}
}

// orlibOptima are OR-Library's published optima (shared/benchmarks/orlib, copied
// into orlib/testdata).
var orlibOptima = map[string]float64{"cap41": 1040444.375, "cap71": 932615.750, "cap101": 796648.437, "cap131": 793439.562}

func TestORLibThroughImportAndRun(t *testing.T) {
	dir := t.TempDir()
	for name, want := range orlibOptima {
		t.Run(name, func(t *testing.T) {
			scen := filepath.Join(dir, name+".yaml")
			if _, errOut, code := mp(t, "import", "orlib-cap", filepath.Join("..", "..", "orlib", "testdata", name+".txt"), "-o", scen); code != 0 {
				t.Fatalf("import: exit %d: %s", code, errOut)
			}
			out, errOut, code := mp(t, "run", scen, "--json", "--no-out")
			if code != 0 {
				t.Fatalf("run: exit %d: %s", code, errOut)
			}
			var s summary
			if err := json.Unmarshal([]byte(out), &s); err != nil {
				t.Fatal(err)
			}
			if rel := math.Abs(s.Objective-want) / want; rel > 1e-6 {
				t.Fatalf("cost %.3f; published optimum %.3f", s.Objective, want)
			}
		})
	}
}

// TestExportMatchesHighsBinary re-solves the exported MPS with the highs
// command-line solver that the install script builds ($HIGHS_BIN).
func TestExportMatchesHighsBinary(t *testing.T) {
	hb := os.Getenv("HIGHS_BIN")
	if hb == "" {
		t.Fatal("HIGHS_BIN is not set: run the tests through 'make test', which reads build/highs.env")
	}
	dir := t.TempDir()
	for _, name := range []string{"toy", "cap41"} {
		t.Run(name, func(t *testing.T) {
			scen := "testdata/toy.yaml"
			if name == "cap41" {
				scen = filepath.Join(dir, "cap41.yaml")
				if _, e, code := mp(t, "import", "orlib-cap", "../../orlib/testdata/cap41.txt", "-o", scen); code != 0 {
					t.Fatal(e)
				}
			}
			mps := filepath.Join(dir, name+".mps")
			if _, e, code := mp(t, "export", "--mps", mps, scen); code != 0 {
				t.Fatalf("export: %s", e)
			}
			out, _, code := mp(t, "run", scen, "--json", "--no-out")
			if code != 0 {
				t.Fatal("run failed")
			}
			var s summary
			if err := json.Unmarshal([]byte(out), &s); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(hb, "--options_file", writeOptions(t, dir), mps)
			cmd.Dir = dir
			res, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("highs: %v\n%s", err, res)
			}
			m := regexp.MustCompile(`(?m)^\s*(\S+) \(objective\)`).FindSubmatch(res)
			if m == nil {
				t.Fatalf("no objective in the highs output:\n%s", res)
			}
			v, err := strconv.ParseFloat(string(m[1]), 64)
			if err != nil {
				t.Fatal(err)
			}
			// The model is in $M; the plan in USD.
			if rel := math.Abs(v*1e6-s.Objective) / math.Max(1, math.Abs(s.Objective)); rel > 1e-6 {
				t.Fatalf("highs binary: %v $M; mineralplan: %v USD", v, s.Objective)
			}
		})
	}
}

func writeOptions(t *testing.T, dir string) string {
	p := filepath.Join(dir, "highs.opt")
	if err := os.WriteFile(p, []byte("mip_rel_gap = 1e-9\nthreads = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
