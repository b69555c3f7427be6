package sweep

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// TestVaryCurrencyPath: --vary 'currency.jpy_per_usd=*0.8:*1.2:*0.1' scales the
// whole yen path of a scenario with a partner counting in yen: five cases, the
// varied value reported as used (the 2026 rate) and as a factor, each case's
// scenario carrying the scaled path, so that the partner's NPV in yen scales
// with the factor while the plan and its USD figures stay.
func TestVaryCurrencyPath(t *testing.T) {
	b, err := os.ReadFile(tinyFile)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, []byte(`currency:
  jpy_per_usd: {2026: 150, 2028: 140}
`)...)
	base := filepath.Join(t.TempDir(), "tiny-jpy.yaml")
	sets := []string{`budget.partners=[{id: jp, share: 0.5, currency: JPY, hurdle_rate: 0.1}, {id: in, share: 0.5}]`}
	if err := os.WriteFile(base, b, 0o644); err != nil {
		t.Fatal(err)
	}
	s, ds, err := scenarios.LoadFile(base, sets)
	if err != nil {
		t.Fatalf("%v\n%v", err, ds)
	}
	ax, err := ParseVary("currency.jpy_per_usd=*0.8:*1.2:*0.1")
	if err != nil {
		t.Fatal(err)
	}
	st, err := NewGrid(s, []Axis{ax})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	cfg := Config{Base: s, BaseFile: base, BaseSets: sets, Out: out,
		Options: Options{Workers: 1, ToolVersion: "test", HiGHSVersion: "test"}}
	o, err := Run(context.Background(), cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Results) != 5 || len(o.Failed) != 0 {
		t.Fatalf("results %d, failed %v; want 5 optimal cases", len(o.Results), o.Failed)
	}
	rows := readCases(t, out)
	var npv0, local0 float64
	for i, r := range rows {
		f := 0.8 + 0.1*float64(i)
		got, err := strconv.ParseFloat(r["currency.jpy_per_usd:factor"], 64)
		if err != nil || math.Abs(got-f) > 1e-9 || r["status"] != "optimal" {
			t.Fatalf("case %d: %v; want factor %v, optimal", i, r, f)
		}
		// Re-solve the case's scenario: the path is scaled by f.
		cs, ds, err := scenarios.LoadFile(base, append(sets, "currency.jpy_per_usd=*"+strconv.FormatFloat(f, 'g', -1, 64)))
		if err != nil {
			t.Fatalf("%v\n%v", err, ds)
		}
		if a := cs.Currency.JPYPerUSD.At(2028); math.Abs(a-140*f) > 1e-9 {
			t.Fatalf("case %d: jpy_per_usd in 2028 is %v; want %v", i, a, 140*f)
		}
		plan, err := model.Solve(context.Background(), cs, model.Options{})
		if err != nil {
			t.Fatal(err)
		}
		jp := plan.Partners[0]
		if jp.Currency != "JPY" || jp.NPVAtHurdle == nil || jp.NPVAtHurdleLocal == nil {
			t.Fatalf("case %d: partner %+v", i, jp)
		}
		if math.Abs(plan.NPV-o.Results[i].NPV) > 1e-6*math.Max(1, math.Abs(plan.NPV)) {
			t.Errorf("case %d: NPV %v in the sweep, %v re-solved", i, o.Results[i].NPV, plan.NPV)
		}
		if i == 0 {
			npv0, local0 = *jp.NPVAtHurdle, *jp.NPVAtHurdleLocal
			continue
		}
		if math.Abs(*jp.NPVAtHurdle-npv0) > 1e-6*math.Abs(npv0) || math.Abs(*jp.NPVAtHurdleLocal-local0*f/0.8) > 1e-6*math.Abs(local0) {
			t.Errorf("case %d: partner NPV %v USD, %v JPY; want %v USD, %v JPY", i, *jp.NPVAtHurdle, *jp.NPVAtHurdleLocal, npv0, local0*f/0.8)
		}
	}
	if local0 == 0 {
		t.Fatal("the partner's NPV in yen is 0; the test needs a plan with cash flows")
	}
}
