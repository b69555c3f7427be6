package results

import (
	"encoding/json"

	"github.com/invopop/jsonschema"
)

// SummarySchema is the JSON Schema (draft 2020-12) of summary.json and of
// `mineralplan run --json`, generated from SummaryJSON; docs/summary.schema.json
// is a copy that a test keeps equal to it.
func SummarySchema() ([]byte, error) {
	r := &jsonschema.Reflector{}
	s := r.Reflect(&SummaryJSON{})
	s.ID = "https://github.com/mineralplan/mineralplan/docs/summary.schema.json"
	s.Title = "mineralplan summary.json"
	s.Description = "The one-object summary of a plan: summary.json in a run folder and what `mineralplan run --json` prints. Money in USD, mass in tonnes unless a field says otherwise, times in seconds; docs/outputs.md describes every field."
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// JSONSchema describes a Float: a number, or null when the solver gave none.
func (Float) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{OneOf: []*jsonschema.Schema{{Type: "number"}, {Type: "null"}}}
}
