package sweep

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseVary(t *testing.T) {
	tests := []struct {
		flag string
		want Axis
	}{
		{"budget.total=100e6:400e6:100e6", Axis{"budget.total", []string{"100000000", "200000000", "300000000", "400000000"}}},
		{"budget.total=100e6:350e6:100e6", Axis{"budget.total", []string{"100000000", "200000000", "300000000"}}},
		{"markets[japan-li].price=*0.8:*1.2:*0.1", Axis{"markets[japan-li].price", []string{"*0.8", "*0.9", "*1", "*1.1", "*1.2"}}},
		{"markets[japan-li].price=*0.8:*1.2:0.1", Axis{"markets[japan-li].price", []string{"*0.8", "*0.9", "*1", "*1.1", "*1.2"}}},
		{"discount_rate=0.06:0.1:0.01", Axis{"discount_rate", []string{"0.06", "0.07", "0.08", "0.09", "0.1"}}},
		{"objective.kind=npv,security", Axis{"objective.kind", []string{"npv", "security"}}},
		{"budget.total = 1e8, 2e8 ,*1.5", Axis{"budget.total", []string{"1e8", "2e8", "*1.5"}}},
		{"markets[a].price={2026: 1, 2030: 2},3", Axis{"markets[a].price", []string{"{2026: 1, 2030: 2}", "3"}}},
		{"solver.mip_gap=1e-9:3e-9:1e-9", Axis{"solver.mip_gap", []string{"1e-09", "2e-09", "3e-09"}}},
		{"x=5", Axis{"x", []string{"5"}}},
	}
	for _, tt := range tests {
		got, err := ParseVary(tt.flag)
		if err != nil {
			t.Errorf("ParseVary(%q): %v", tt.flag, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
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
	axes := []Axis{{"a", []string{"1", "2"}}, {"b", []string{"x", "y", "z"}}}
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
	big := []Axis{{"a", make([]string, 1000)}, {"b", make([]string, 1000)}, {"c", make([]string, 2)}}
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
