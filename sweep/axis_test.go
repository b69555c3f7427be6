package sweep

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestParseVary(t *testing.T) {
	tests := []struct {
		flag string
		want Axis
	}{
		{"budget.total=100e6:400e6:100e6", Axis{Path: "budget.total", Values: []string{"100000000", "200000000", "300000000", "400000000"}}},
		{"budget.total=100e6:350e6:100e6", Axis{Path: "budget.total", Values: []string{"100000000", "200000000", "300000000"}}},
		{"markets[japan-li].price=*0.8:*1.2:*0.1", Axis{Path: "markets[japan-li].price", Values: []string{"*0.8", "*0.9", "*1", "*1.1", "*1.2"}}},
		{"markets[japan-li].price=*0.8:*1.2:0.1", Axis{Path: "markets[japan-li].price", Values: []string{"*0.8", "*0.9", "*1", "*1.1", "*1.2"}}},
		{"discount_rate=0.06:0.1:0.01", Axis{Path: "discount_rate", Values: []string{"0.06", "0.07", "0.08", "0.09", "0.1"}}},
		{"objective.kind=npv,security", Axis{Path: "objective.kind", Values: []string{"npv", "security"}}},
		{"budget.total = 1e8, 2e8 ,*1.5", Axis{Path: "budget.total", Values: []string{"1e8", "2e8", "*1.5"}}},
		{"markets[a].price={2026: 1, 2030: 2},3", Axis{Path: "markets[a].price", Values: []string{"{2026: 1, 2030: 2}", "3"}}},
		{"solver.mip_gap=1e-9:3e-9:1e-9", Axis{Path: "solver.mip_gap", Values: []string{"1e-09", "2e-09", "3e-09"}}},
		{"x=5", Axis{Path: "x", Values: []string{"5"}}},
	}
	for _, tt := range tests {
		got, err := ParseVary(tt.flag)
		if err != nil {
			t.Errorf("ParseVary(%q): %v", tt.flag, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreUnexported(Axis{})); diff != "" {
			t.Errorf("ParseVary(%q) (-want +got):\n%s", tt.flag, diff)
		}
	}
}

func TestParseVaryErrors(t *testing.T) {
	tests := []struct{ flag, want string }{
		{"budget.total", "has no ="},
		{"=1,2", "path before = is empty"},
		{"budget.total=", "nothing after ="},
		{"budget.total=1:2", "three parts"},
		{"budget.total=1:2:3:4", "three parts"},
		{"budget.total=*1:2:0.1", "both ends as factors"},
		{"budget.total=1:2:*0.1", "drop the *"},
		{"budget.total=a:2:1", `the low end "a" is not a number`},
		{"budget.total=1:2:0", "step must be positive"},
		{"budget.total=2:1:0.5", "below the low end"},
		{"budget.total=0:1e9:1", "more than 100000"},
		{"budget.total=1,,2", "value 2 of the list is empty"},
		{"budget.total=1,2,1", "listed twice"},
		{"my path=1", "has a space"},
	}
	for _, tt := range tests {
		_, err := ParseVary(tt.flag)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseVary(%q) = %v; want an error containing %q", tt.flag, err, tt.want)
		}
	}
}

func TestExpandGrid(t *testing.T) {
	axes := []Axis{{Path: "a", Values: []string{"1", "2"}}, {Path: "b", Values: []string{"x", "y", "z"}}}
	got, err := expandGrid(axes)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"a=1", "b=x"}, {"a=1", "b=y"}, {"a=1", "b=z"},
		{"a=2", "b=x"}, {"a=2", "b=y"}, {"a=2", "b=z"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("expandGrid (-want +got):\n%s", diff)
	}
	big := []Axis{{Path: "a", Values: make([]string, 1000)}, {Path: "b", Values: make([]string, 1000)}, {Path: "c", Values: make([]string, 2)}}
	if _, err := expandGrid(big); err == nil || !strings.Contains(err.Error(), "more than 1000000 cases") {
		t.Errorf("a 2,000,000-case grid: %v; want an error", err)
	}
}

func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{250e6: "250000000", 0.9: "0.9", 1e-7: "1e-07", 0: "0", -3.5: "-3.5", 2e15: "2e+15"} {
		if got := formatNumber(v); got != want {
			t.Errorf("formatNumber(%v) = %q; want %q", v, got, want)
		}
	}
}

// TestAxisColumn maps columns of the set made from an axis value back into the
// --vary text: within the path, within a listed value, or at a range.
func TestAxisColumn(t *testing.T) {
	list, err := ParseVary("budget.total = 1e8, 2e8 ,*1.5")
	if err != nil {
		t.Fatal(err)
	}
	// The set "budget.total=*1.5": column 3 is in the path, 14 the value's first.
	for _, tt := range []struct{ col, i, want int }{{3, 2, 3}, {14, 2, 26}, {15, 2, 27}, {14, 0, 16}} {
		if got := list.column(tt.col, tt.i); got != tt.want {
			t.Errorf("list: column(%d, %d) = %d; want %d", tt.col, tt.i, got, tt.want)
		}
	}
	rng, err := ParseVary("markets[a].price=*0.8:*1.2:*0.1")
	if err != nil {
		t.Fatal(err)
	}
	if got := rng.column(9, 3); got != 9 {
		t.Errorf("range: column(9, 3) = %d; want 9 (in the path)", got)
	}
	if got := rng.column(19, 3); got != 18 {
		t.Errorf("range: column(19, 3) = %d; want 18, where the range starts", got)
	}
}
