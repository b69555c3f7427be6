package synth

import (
	"math"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestWordsEstimate: Validate's estimate of the words and brackets of the
// generated YAML (what the loader counts against scenarios.MaxTokens) is within
// 2% of the count, give or take 300 for the fixed part, on sizes across the
// parameters.
func TestWordsEstimate(t *testing.T) {
	for _, p := range []Params{
		{Sites: 1, Technologies: 1, Sources: 1, Markets: 1, Years: 1, TechsPerSite: 1},
		{Sites: 20, Technologies: 6, Sources: 10, Markets: 10, Years: 10},
		{Sites: 500, Technologies: 10, Sources: 1, Markets: 1, Years: 5, TechsPerSite: 10},
		{Sites: 3, Technologies: 150, Sources: 700, Markets: 300, Years: 50},
		{Sites: 5000, Technologies: 20, Sources: 2000, Markets: 2000, Years: 10, TechsPerSite: 5},
	} {
		s, err := Generate(p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := yaml.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		got, est := words(b), p.words()
		if math.Abs(float64(est-got)) > 0.02*float64(got)+300 {
			t.Errorf("%+v: estimate %d words and brackets, the YAML has %d", p, est, got)
		}
	}
}

// words counts as the loader does: each flow indicator, and each run of other
// non-space characters.
func words(b []byte) int {
	n, sep := 0, true
	for _, c := range b {
		space := c == ' ' || c == '\t' || c == '\n' || c == '\r'
		flow := c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
		if flow || (!space && sep) {
			n++
		}
		sep = space || flow
	}
	return n
}
