package results

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaDoc is the schema's copy in docs/.
var schemaDoc = filepath.Join("..", "docs", "summary.schema.json")

// TestSummarySchema: docs/summary.schema.json is the schema SummaryJSON gives
// (go test ./results -update rewrites it), and summaries of real plans are
// valid against it, a summary with a missing or mistyped field is not.
func TestSummarySchema(t *testing.T) {
	got, err := SummarySchema()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(schemaDoc, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(schemaDoc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is not the schema of SummaryJSON; go test ./results -update rewrites it", schemaDoc)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("summary.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("summary.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	validate := func(b []byte) error {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return err
		}
		return sch.Validate(v)
	}
	infeasible := smallPlan()
	infeasible.Status, infeasible.Objective, infeasible.MIPGap = "infeasible", math.NaN(), math.NaN()
	for _, p := range []struct {
		name string
		b    func() ([]byte, error)
	}{
		{"small", func() ([]byte, error) { return summaryBytes(smallPlan()) }},
		{"realistic", func() ([]byte, error) { return summaryBytes(realisticPlan()) }},
		{"infeasible (null objective and gap)", func() ([]byte, error) { return summaryBytes(infeasible) }},
	} {
		b, err := p.b()
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(b); err != nil {
			t.Errorf("%s: summary.json is not valid against the schema: %v", p.name, err)
		}
	}
	for name, bad := range map[string]string{
		"status missing": `{"scenario": "x"}`,
		"npv a string":   string(bytes.Replace(mustSummary(t), []byte(`"npv": `), []byte(`"npv": "x", "npv_old": `), 1)),
	} {
		if err := validate([]byte(bad)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func mustSummary(t *testing.T) []byte {
	b, err := summaryBytes(smallPlan())
	if err != nil {
		t.Fatal(err)
	}
	return b
}
