package study

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

func TestLoadToyStudy(t *testing.T) {
	st, ds, err := Load("testdata/toy-study.yaml")
	if err != nil {
		t.Fatalf("Load: %v\n%v", err, ds)
	}
	if st.Name != "toy-boom-or-bust" || len(st.Futures) != 3 || st.DecideBy != 0 {
		t.Fatalf("study %s with %d futures, decide_by %d", st.Name, len(st.Futures), st.DecideBy)
	}
	if got := st.Futures[0].Scenario.Markets[0].Price.At(2026); got != 600 {
		t.Errorf("boom price %v, want 600 (400 × 1.5)", got)
	}
	if got := st.Futures[2].Scenario.Feedstocks[0].Cost.At(2026); got != 150 {
		t.Errorf("bust ore cost at a %v, want 150", got)
	}
	if got := st.Futures[1].Scenario.Markets[0].Price.At(2026); got != 400 {
		t.Errorf("base price %v, want 400", got)
	}
	if st.Risk == nil || st.Risk.Alpha != 0.6 || st.Risk.Weight != 0.5 {
		t.Errorf("risk %+v", st.Risk)
	}
	if !st.SharedYear(2099) {
		t.Error("without decide_by every build is shared")
	}
}

func TestLoadLibraryStudy(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "s.yaml")
	os.WriteFile(file, []byte(`study: curbs
scenario: india-japan-2026
decide_by: 2028
futures:
  - {id: as-planned, probability: 0.5}
  - {id: curbs, probability: 0.5, extends: china-export-curbs}
`), 0o644)
	st, ds, err := Load(file)
	if err != nil {
		t.Fatalf("Load: %v\n%v", err, ds)
	}
	if st.Futures[1].Scenario.Name != "china-export-curbs" || !st.SharedYear(2028) || st.SharedYear(2029) {
		t.Errorf("future %s, decide_by %d", st.Futures[1].Scenario.Name, st.DecideBy)
	}
	// A future that extends a scenario not built on the base is refused.
	os.WriteFile(file, []byte(`study: curbs
scenario: budget-100m
futures:
  - {id: curbs, probability: 1, extends: china-export-curbs}
`), 0o644)
	_, ds, err = Load(file)
	if err == nil || !strings.Contains(ds.Error(), "s.yaml:4:42: future curbs: china-export-curbs does not build on") {
		t.Errorf("want a positioned refusal, got %v", ds)
	}
}

// TestInvalidStudies pins each mistake's message and file:line:col.
func TestInvalidStudies(t *testing.T) {
	for file, want := range map[string][]string{
		"sum.yaml":        {"sum.yaml:4:3: the futures' probabilities sum to 0.9, not 1"},
		"candidates.yaml": {"candidates.yaml:5:38: future two changes what may be built: a/refine/small built in 2026 is a candidate of the base but not of this future"},
		"badset.yaml":     {`badset.yaml:5:48: "markets[mm].price=*2": markets has no entry with id "mm"`},
		"modules.yaml":    {"modules.yaml:5:38: future two changes what may be built: technologies[refine].max_modules is 1 in the base but 2 in this future"},
		"extends.yaml":    {"extends.yaml:4:40: extends is empty"},
		"kind.yaml":       {"kind.yaml:5:38: future two has objective kind cost; a study compares plans by their NPV in every future"},
		// A number that is no number is one fault, not also one out of range.
		"numbers.yaml": {
			`numbers.yaml:4:28: probability must be a number, found ".nan"`,
			`numbers.yaml:5:30: alpha must be a number, found "often"`,
			`numbers.yaml:5:45: weight must be a number, found ".inf"`,
		},
		"keys.yaml": {
			`keys.yaml:3:12: decide_by must be a whole number, found "soon"`,
			"keys.yaml:5:28: probability 1.5 is not in (0, 1]",
			`keys.yaml:5:33: unknown key "colour" in a future`,
			`keys.yaml:6:17: unknown risk measure "var"`,
			"keys.yaml:6:29: alpha 1 is not in (0, 1)",
		},
	} {
		st, ds, err := Load(filepath.Join("testdata/invalid", file))
		if err == nil || st != nil {
			t.Errorf("%s: loaded", file)
			continue
		}
		if len(ds) != len(want) {
			t.Errorf("%s: %d diagnostics, want %d:\n%v", file, len(ds), len(want), ds)
		}
		for _, w := range want {
			if !strings.Contains(ds.Error(), w) {
				t.Errorf("%s: no %q in\n%v", file, w, ds)
			}
		}
	}
}

func TestProbabilitiesWithinTolerance(t *testing.T) {
	dir := t.TempDir()
	data, _ := os.ReadFile("testdata/toy.yaml")
	os.WriteFile(filepath.Join(dir, "toy.yaml"), data, 0o644)
	for _, c := range []struct {
		p3 string
		ok bool
	}{{"0.3333333333333333", true}, {"0.33333334", false}} {
		file := filepath.Join(dir, "s.yaml")
		os.WriteFile(file, []byte("study: thirds\nscenario: toy.yaml\nfutures:\n  - {id: a, probability: 0.3333333333333333}\n  - {id: b, probability: 0.3333333333333334}\n  - {id: c, probability: "+c.p3+"}\n"), 0o644)
		_, _, err := Load(file)
		if (err == nil) != c.ok {
			t.Errorf("third probability %s: error %v", c.p3, err)
		}
	}
}

func TestWithFutures(t *testing.T) {
	st, _, err := Load("testdata/toy-study.yaml")
	if err != nil {
		t.Fatal(err)
	}
	g, err := st.WithFutures([]string{"s1", "s2"}, [][]string{{"markets[m].price=*0.5"}, {"markets[m].price=*2"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Futures) != 2 || g.Futures[0].Probability != 0.5 || g.Futures[1].Scenario.Markets[0].Price.At(2026) != 800 {
		t.Errorf("generated futures %+v", g.Futures)
	}
	if _, err := st.WithFutures([]string{"s1"}, [][]string{{"technologies[refine].lead_time=1"}}); err == nil {
		t.Error("a generated future that changes the candidates was accepted")
	}
}

// TestSchema checks the valid studies against docs/study.schema.json and that the
// schema refuses a study with a misspelt key.
func TestSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	f, err := os.Open("../docs/study.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("study.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("study.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	asJSON := func(yml string) any {
		var v any
		if err := yaml.Unmarshal([]byte(yml), &v); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(v)
		out, _ := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
		return out
	}
	data, _ := os.ReadFile("testdata/toy-study.yaml")
	if err := sch.Validate(asJSON(string(data))); err != nil {
		t.Errorf("toy study: %v", err)
	}
	if err := sch.Validate(asJSON("study: x\nscenario: y\nfutures: [{id: a, probabilty: 1}]\n")); err == nil {
		t.Error("the schema accepts a misspelt key")
	}
}
