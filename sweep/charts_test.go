package sweep

import "testing"

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
