package scenarios

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// compiledSchema compiles JSONSchema() with an independent validator.
func compiledSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	out, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	const url = "https://mineralplan.test/scenario.json"
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return sch
}

// jsonValue turns a YAML document into the value JSON would give: map keys are
// strings (years too) and numbers are float64.
func jsonValue(t *testing.T, name string, data []byte) any {
	t.Helper()
	root, err := newParser().parseValue(name, data)
	if err != nil || root == nil {
		t.Fatalf("%s does not parse", name)
	}
	var conv func(n *yaml.Node) any
	conv = func(n *yaml.Node) any {
		switch n.Kind {
		case yaml.MappingNode:
			m := map[string]any{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				m[n.Content[i].Value] = conv(n.Content[i+1])
			}
			return m
		case yaml.SequenceNode:
			l := []any{}
			for _, c := range n.Content {
				l = append(l, conv(c))
			}
			return l
		}
		switch n.Tag {
		case "!!int", "!!float":
			v, _ := scalarNumber(n)
			return json.Number(formatFloat(v))
		case "!!bool":
			return n.Value == "true"
		case "!!null":
			return nil
		}
		return n.Value
	}
	return conv(root)
}

// TestSchemaAcceptsScenarios validates every shipped scenario and every test
// scenario against the JSON Schema: as written when it extends nothing, and
// resolved.
func TestSchemaAcceptsScenarios(t *testing.T) {
	sch := compiledSchema(t)
	shipped, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	valid, err := filepath.Glob(filepath.Join("testdata", "valid", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(shipped, valid...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if v := jsonValue(t, f, data); !strings.Contains(string(data), "\nextends:") && !strings.HasPrefix(string(data), "extends:") {
			if err := sch.Validate(v); err != nil {
				t.Errorf("%s as written: %v", f, err)
			}
		}
		resolved, err := mustLoad(t, f).YAML()
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(jsonValue(t, f, resolved)); err != nil {
			t.Errorf("%s resolved: %v", f, err)
		}
	}
}

func TestSchemaRejects(t *testing.T) {
	sch := compiledSchema(t)
	base, err := os.ReadFile("testdata/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(jsonValue(t, "base", base)); err != nil {
		t.Fatalf("the base scenario is rejected: %v", err)
	}
	for _, c := range []struct{ name, from, to string }{
		{"unknown key", "discount_rate: 0.08", "discount_rate: 0.08\nbudjet: 1"},
		{"wrong type", "discount_rate: 0.08", "discount_rate: high"},
		{"missing key", "name: base\n", ""},
		{"unknown objective", "discount_rate: 0.08", "discount_rate: 0.08\nobjective: {kind: npvv}"},
		{"series key not a year", "availability: 3000", "availability: {soon: 3000}"},
		{"money as a list", "capex: 40e6", "capex: [40e6]"},
		{"unit not t or kg", "unit: kg", "unit: tonnes"},
	} {
		doc := strings.Replace(string(base), c.from, c.to, 1)
		if doc == string(base) {
			t.Fatalf("%s: %q is not in the base scenario", c.name, c.from)
		}
		if err := sch.Validate(jsonValue(t, c.name, []byte(doc))); err == nil {
			t.Errorf("%s: accepted", c.name)
		}
	}
}

func TestSchemaDefaults(t *testing.T) {
	out, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Defs map[string]struct {
			Properties map[string]struct {
				Default any `json:"default"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		def, key string
		want     any
	}{{"Technology", "lifetime", 20.0}, {"Logistics", "circuity", 1.3}, {"Objective", "kind", "npv"}, {"Horizon", "step", 1.0}} {
		if got := s.Defs[c.def].Properties[c.key].Default; got != c.want {
			t.Errorf("%s.%s default = %v, want %v", c.def, c.key, got, c.want)
		}
	}
}
