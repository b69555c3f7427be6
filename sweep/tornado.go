package sweep

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/mineralplan/mineralplan/scenarios"
)

// TornadoParam is one parameter of a tornado: a scenario path in --set syntax and
// its low and high values, each a --set value (absolute, or *F for F times the
// base value).
type TornadoParam struct {
	Path string `json:"path"`
	Low  string `json:"low"`
	High string `json:"high"`
}

// TornadoSpec is a one-at-a-time sensitivity study: each parameter is set to its
// low and then its high value with every other value at the base, and the swing of
// Metric between the two is reported, largest first.
type TornadoSpec struct {
	// Metric is the plan figure whose swing is reported (see Metrics).
	Metric string         `json:"metric"`
	Params []TornadoParam `json:"params"`
}

// ParsePercent reads a --tornado range such as 20% (or 20): the share, 0.2, by
// which each parameter is moved down and up. It must lie in (0, 100) percent.
func ParsePercent(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
	if err != nil || !(v > 0 && v < 100) {
		return 0, fmt.Errorf("--tornado %q: write a percentage between 0 and 100, such as 20%%", s)
	}
	return v / 100, nil
}

// PercentRange returns the low and high values of a ±share range as factors of
// the base value: 0.2 gives *0.8 and *1.2.
func PercentRange(share float64) (low, high string) {
	return "*" + formatNumber(roundSig(1-share, 12)), "*" + formatNumber(roundSig(1+share, 12))
}

// ParseTornadoParam reads a --tornado-param flag, PATH=LO:HI, where LO and HI are
// --set values: numbers (budget.total=150e6:350e6) or factors
// (markets[japan-li].price=*0.7:*1.4).
func ParseTornadoParam(flag string) (TornadoParam, error) {
	path, spec, err := splitAssign(flag, "--tornado-param", "PATH=LO:HI")
	if err != nil {
		return TornadoParam{}, err
	}
	parts := splitTop(spec, ':')
	if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		return TornadoParam{}, fmt.Errorf("--tornado-param %s: write PATH=LO:HI, such as budget.total=150e6:350e6 or 'markets[japan-li].price=*0.7:*1.4'", flag)
	}
	if parts[0] == parts[1] {
		return TornadoParam{}, fmt.Errorf("--tornado-param %s: the low and high values are the same", flag)
	}
	return TornadoParam{Path: path, Low: parts[0], High: parts[1]}, nil
}

// defaultTornadoPath matches the values a tornado varies when no parameter is
// named: the budget, every market price and every feedstock availability.
var defaultTornadoPath = regexp.MustCompile(`^(budget\.total|markets\[[^\]]+\]\.price|feedstocks\[[^\]]+\]\.availability)$`)

// DefaultTornadoPaths returns the parameters a tornado varies when none is named:
// budget.total, then every market's price, then every feedstock's availability,
// each group in the order the scenario writes them.
func DefaultTornadoPaths(s *scenarios.Scenario) []string {
	var budget, prices, avail []string
	for _, p := range s.NumericPaths() {
		switch {
		case !defaultTornadoPath.MatchString(p):
		case p == "budget.total":
			budget = append(budget, p)
		case strings.HasPrefix(p, "markets["):
			prices = append(prices, p)
		default:
			avail = append(avail, p)
		}
	}
	return slices.Concat(budget, prices, avail)
}

// TornadoParams combines the named parameters (paths, varied by ±share) with those
// given their own range (ranged), which come after them unless already named. A
// path named in both takes its own range. share 0 means no ±share range: every
// named path must then have its own.
func TornadoParams(paths []string, share float64, ranged []TornadoParam) ([]TornadoParam, error) {
	own := map[string]TornadoParam{}
	for _, r := range ranged {
		if _, dup := own[r.Path]; dup {
			return nil, fmt.Errorf("--tornado-param: %s is given twice", r.Path)
		}
		own[r.Path] = r
	}
	var out []TornadoParam
	seen := map[string]bool{}
	for _, p := range paths {
		if seen[p] {
			return nil, fmt.Errorf("--param: %s is given twice", p)
		}
		seen[p] = true
		if r, ok := own[p]; ok {
			out = append(out, r)
			continue
		}
		if share == 0 {
			return nil, fmt.Errorf("--param %s has no range: give --tornado 20%% or --tornado-param %s=LO:HI", p, p)
		}
		lo, hi := PercentRange(share)
		out = append(out, TornadoParam{Path: p, Low: lo, High: hi})
	}
	for _, r := range ranged {
		if !seen[r.Path] {
			out = append(out, r)
		}
	}
	return out, nil
}
