package scenarios

import (
	"encoding/json"

	"github.com/invopop/jsonschema"
)

// JSONSchema returns the JSON Schema (draft 2020-12) of a complete scenario,
// generated from the Go types, as indented JSON: every key, which keys are
// required, the allowed words of enumerations and the defaults. It describes what
// LoadFile reads before validation: numbers and references are checked by the
// loader, not by the schema. A file that extends another may leave out required
// keys and use null to remove them; the schema describes the resolved scenario
// (see Scenario.YAML), not such a file.
func JSONSchema() ([]byte, error) {
	r := &jsonschema.Reflector{}
	s := r.Reflect(&Scenario{})
	s.Title = "mineralplan scenario"
	s.Description = "A critical-mineral facility planning scenario: sites, technologies, materials, feedstocks, markets, budget and policy. Money in USD unless written as a string such as \"450 crore INR\"; mass in tonnes (kg for materials with unit: kg); years are calendar years."
	for t, kds := range defaults {
		def := s.Definitions[t.Name()]
		for _, kd := range kds {
			if p, ok := def.Properties.Get(kd.key); ok {
				p.Default = kd.value
			}
		}
	}
	return json.MarshalIndent(s, "", "  ")
}

// JSONSchema describes Money for the JSON Schema: a number (USD) or a string with
// a number, an optional scale and an optional currency.
func (Money) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: `An amount of money: a number in USD, or a string such as "12.5 M USD", "450 crore INR", "₹75 lakh" or "$2bn" (scales k, M, bn, lakh, crore; lakh and crore need INR).`,
		OneOf: []*jsonschema.Schema{
			{Type: "number"},
			{Type: "string", Pattern: "[0-9]"},
		},
	}
}

// yearKeys is the pattern of the keys of a year series.
const yearKeys = "^[0-9]{4}$"

// JSONSchema describes Series for the JSON Schema: a number, or a map of year to
// number.
func (Series) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "A quantity by year: a number (every year), or a map of year to number, interpolated linearly between the years given and held flat outside them.",
		OneOf: []*jsonschema.Schema{
			{Type: "number"},
			yearMap(&jsonschema.Schema{Type: "number"}),
		},
	}
}

// JSONSchema describes MoneySeries for the JSON Schema: an amount, or a map of year
// to amount.
func (MoneySeries) JSONSchema() *jsonschema.Schema {
	m := Money{}.JSONSchema()
	m.Description = ""
	return &jsonschema.Schema{
		Description: "An amount of money by year: an amount (every year), or a map of year to amount, interpolated linearly between the years given and held flat outside them.",
		OneOf:       append(m.OneOf, yearMap(m)),
	}
}

func yearMap(value *jsonschema.Schema) *jsonschema.Schema {
	one := uint64(1)
	return &jsonschema.Schema{
		Type:                 "object",
		PatternProperties:    map[string]*jsonschema.Schema{yearKeys: value},
		AdditionalProperties: jsonschema.FalseSchema,
		MinProperties:        &one,
	}
}
