package sweep

import (
	"math"
	"strings"
	"testing"
)

func TestParseDist(t *testing.T) {
	tests := []struct {
		flag     string
		path     string
		relative bool
		median   float64
	}{
		{"markets[japan-li].price=triangular(*0.8,*1,*1.2)", "markets[japan-li].price", true, 1},
		{"budget.total=uniform(100e6, 300e6)", "budget.total", false, 200e6},
		{"discount_rate=normal(0.08,0.01)", "discount_rate", false, 0.08},
		{"feedstocks[a].availability=normal(*1,*0.1)", "feedstocks[a].availability", true, 1},
		{"feedstocks[a].availability=normal(*1,0.1)", "feedstocks[a].availability", true, 1},
		{"markets[m].price=lognormal(*0,0.2)", "markets[m].price", true, 1},
		{"markets[m].price=Lognormal(9, 0.3)", "markets[m].price", false, math.Exp(9)},
	}
	for _, tt := range tests {
		d, err := ParseDist(tt.flag)
		if err != nil {
			t.Errorf("ParseDist(%q): %v", tt.flag, err)
			continue
		}
		if d.Path != tt.path || d.Relative != tt.relative {
			t.Errorf("ParseDist(%q) = path %q relative %v; want %q %v", tt.flag, d.Path, d.Relative, tt.path, tt.relative)
		}
		if got := d.Quantile(0.5); math.Abs(got-tt.median) > 1e-9*math.Max(1, tt.median) {
			t.Errorf("ParseDist(%q): median %v; want %v", tt.flag, got, tt.median)
		}
	}
}

func TestParseDistErrors(t *testing.T) {
	tests := []struct{ flag, want string }{
		{"x", "--dist \"x\" has no ="},
		{"x=triangular", "write a distribution as NAME(ARGS)"},
		{"x=triangle(1,2,3)", `unknown distribution "triangle": use triangular(lo,mode,hi), uniform(lo,hi), normal(mu,sd) or lognormal(mu,sigma)`},
		{"x=triangular(1,2)", "triangular takes 3 arguments (lo,mode,hi), not 2"},
		{"x=uniform(1,2,3)", "uniform takes 2 arguments (lo,hi), not 3"},
		{"x=triangular(3,2,1)", "triangular: lo 3 must be below hi 1"},
		{"x=triangular(1,5,3)", "triangular: the mode 5 must lie between lo 1 and hi 3"},
		{"x=uniform(2,2)", "uniform: lo 2 must be below hi 2"},
		{"x=normal(1,0)", "normal: the sd must be positive, not 0"},
		{"x=lognormal(1,-1)", "lognormal: the sigma must be positive, not -1"},
		{"x=uniform(*0.8,1.2)", "uniform: lo is a factor (*) but hi is not"},
		{"x=uniform(0.8,*1.2)", "uniform: hi is a factor (*) but lo is not"},
		{"x=normal(1,*0.1)", "normal: sd is a factor (*) but mu is not"},
		{"x=uniform(a,2)", `uniform lo "a" is not a number`},
		{"x=normal(NaN,1)", `normal mu "NaN" is not a number`},
	}
	for _, tt := range tests {
		_, err := ParseDist(tt.flag)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseDist(%q) = %v; want an error containing %q", tt.flag, err, tt.want)
		}
	}
}

func TestDistSetValue(t *testing.T) {
	rel, _ := ParseDist("x=uniform(*0.5,*1.5)")
	abs, _ := ParseDist("x=uniform(1e6,2e6)")
	if got := rel.setValue(1.23456789012345); got != "*1.23456789" {
		t.Errorf("relative set value %q; want *1.23456789", got)
	}
	if got := abs.setValue(1234567.891234); got != "1234567.891" {
		t.Errorf("absolute set value %q; want 1234567.891", got)
	}
}
