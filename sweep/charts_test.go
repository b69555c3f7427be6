package sweep

import (
	"math"
	"testing"
)

// TestLegendNamesHiddenLines: a line with the same values as a later one is
// drawn under it; its legend entry says so, naming the covering line by what
// differs.
func TestLegendNamesHiddenLines(t *testing.T) {
	low := series{name: "Li price ×0.8 (13,968 USD/t)", pts: []point{{100, -42.5}, {150, -40.8}}}
	mid := series{name: "Li price ×1 (17,460 USD/t)", pts: []point{{100, -42.5}, {150, -40.8}}}
	high := series{name: "Li price ×1.2 (20,952 USD/t)", pts: []point{{100, -35.4}, {150, -35.2}}}
	got := seriesLegend([]series{low, mid, high})
	if want := "Li price ×0.8 (13,968 USD/t) — under the ×1 (17,460 USD/t) line, same values"; got[0].Label != want {
		t.Errorf("hidden line's label %q, want %q", got[0].Label, want)
	}
	if got[1].Label != mid.name || got[2].Label != high.name {
		t.Errorf("visible lines' labels %q, %q; want their names", got[1].Label, got[2].Label)
	}
}

// TestMetrics: the tornado's metrics read IRRs and partner NPVs from a case's
// result, missing ones as NaN, and name them in words with their units.
func TestMetrics(t *testing.T) {
	irr, npv := 0.125, 2.5e6
	r := &Result{NPV: 1e6, EquityIRR: &irr, PartnerNPV: map[string]float64{"jp": npv}}
	if got := r.metric("equity_irr") * metricScale("equity_irr"); got != 12.5 {
		t.Errorf("equity IRR = %v %%, want 12.5", got)
	}
	if got := r.metric("project_irr"); !math.IsNaN(got) {
		t.Errorf("project IRR of a result without one = %v, want NaN", got)
	}
	if got := r.metric("partner_npv:jp"); got != npv {
		t.Errorf("partner NPV = %v, want %v", got, npv)
	}
	if got := r.metric("partner_npv:in"); !math.IsNaN(got) {
		t.Errorf("NPV of an unknown partner = %v, want NaN", got)
	}
	if got := metricLabel("equity_irr"); got != "Equity IRR (%)" {
		t.Errorf("label %q", got)
	}
	if got := inText(metricName("equity_irr")); got != "equity IRR" {
		t.Errorf("in a sentence: %q", got)
	}
	if got := inText(metricName("npv")); got != "NPV" {
		t.Errorf("in a sentence: %q", got)
	}
}
