package scenarios

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// FuzzSet applies an arbitrary --set to testdata/base.yaml. It must never panic
// nor take seconds; a failure must be a Diagnostics error whose every entry has
// a position; a success must be a scenario that loads again from its resolved
// YAML. Seeds: testdata/fuzz/FuzzSet and the forms LoadFile documents.
func FuzzSet(f *testing.F) {
	base, err := os.ReadFile(filepath.Join("testdata", "base.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	s, _, err := LoadFS(fstest.MapFS{"base.yaml": {Data: base}}, "base.yaml", nil)
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		"budget.total=300e6", "budget.total=\"450 crore INR\"", "budget.total=*1.2", "budget=null",
		"sites[0].lat=1", "discount_rate=0.05", "name=other", "horizon.step=2",
		"markets[m].price={2026: 1, 2030: 2}", "markets[m].price.2030=5", "a.b[c=1", "=", "x",
		"budget.total=1e308", "budget.total=\"5,5 crore INR\"", "technologies[0].inputs={}",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		start := time.Now()
		got, ds, err := s.With(raw)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("applying %q took %v", raw, d)
		}
		for _, d := range ds {
			if d.Pos.File == "" || d.Pos.Line < 1 || d.Pos.Col < 1 {
				t.Errorf("%q: diagnostic without a position: %q", raw, d.String())
			}
		}
		if err != nil {
			if got != nil || !ds.hasErrors() {
				t.Fatalf("%q: failure without an error diagnostic: %v", raw, err)
			}
			return
		}
		if got.Budget.Total.USD <= 0 || math.Abs(got.Budget.Total.USD) > MaxMagnitude {
			t.Errorf("%q: accepted a budget of %v", raw, got.Budget.Total.USD)
		}
		y, err := got.YAML()
		if err != nil {
			t.Fatalf("%q: resolved YAML: %v", raw, err)
		}
		if _, _, err := LoadFS(fstest.MapFS{"r.yaml": {Data: y}}, "r.yaml", nil); err != nil && !strings.Contains(err.Error(), "warning") {
			t.Fatalf("%q: the resolved scenario does not load again: %v\n%s", raw, err, y)
		}
	})
}

// FuzzParseMoney parses arbitrary money strings. It must never panic; an
// amount it accepts is finite, within MaxMagnitude, in USD or INR, and its
// commas (if any) separate thousands.
func FuzzParseMoney(f *testing.F) {
	for _, seed := range []string{"12.5 M USD", "USD 3e6", "450 crore INR", "₹ 2 lakh", "Rs. 5 cr", "$1,500,000", "15,00,000 INR",
		"5,5 crore INR", "14.000,5 USD", "1e16", "12M", "3.5k", "-4 bn USD", "", "   ", "NaN", "1e400", "0x10", "1_000"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("%q: an error without a message", s)
			}
			return
		}
		if math.IsNaN(m.Amount) || math.IsInf(m.Amount, 0) || math.Abs(m.Amount) > MaxMagnitude {
			t.Fatalf("%q: accepted amount %v", s, m.Amount)
		}
		if m.Currency != "USD" && m.Currency != "INR" {
			t.Fatalf("%q: currency %q", s, m.Currency)
		}
		if m.Currency == "USD" && m.USD != m.Amount {
			t.Fatalf("%q: USD %v for an amount of %v USD", s, m.USD, m.Amount)
		}
		for _, f := range strings.Fields(s) {
			if strings.Contains(f, ",") && !thousandsOK(strings.Trim(f, "$₹")) && !strings.ContainsAny(f, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				t.Fatalf("%q: accepted the ambiguous number %q", s, f)
			}
		}
	})
}
