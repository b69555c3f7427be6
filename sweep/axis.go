package sweep

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// maxAxisValues caps the values of one axis, and maxCases the cases of a grid, so a
// typo in a step does not start a sweep that never ends.
const (
	maxAxisValues = 100_000
	maxCases      = 1_000_000
)

// Axis is one varied parameter of a grid: a scenario path in --set syntax and the
// values it takes, each written as a --set value (a YAML value, or *F for F times
// the base value). Values are distinct and in the order they are swept.
type Axis struct {
	Path   string   `json:"path"`
	Values []string `json:"values"`

	// src is the --vary text the axis was read from, with the 1-based columns of
	// its path and of each value in it (a range's values all take the column of
	// the range), so that errors point into it; zero for an axis built in Go.
	src axisSource
}

type axisSource struct {
	text      string
	pathCol   int
	valueCols []int
	isRange   bool // the values are computed from LO:HI:STEP, not written out
}

// ParseVary reads a --vary flag, PATH=SPEC, where SPEC is either an inclusive range
// LO:HI:STEP of numbers (budget.total=100e6:400e6:25e6) or of factors of the base
// value (markets[japan-li].price=*0.8:*1.2:*0.1), or a list V1,V2,... of --set
// values (objective.kind=npv,security). A range's values are LO, LO+STEP, ... up
// to HI, rounded to 12 significant digits so that 0.1 steps stay exact.
func ParseVary(flag string) (Axis, error) {
	path, spec, err := splitAssign(flag, "--vary", "PATH=LO:HI:STEP or PATH=V1,V2,...")
	if err != nil {
		return Axis{}, err
	}
	src := axisSource{text: flag, pathCol: strings.Index(flag, path) + 1}
	specCol := strings.LastIndex(flag, spec) + 1
	parts := splitTop(spec, ':')
	switch len(parts) {
	case 1:
		vals, err := parseList(spec)
		if err != nil {
			return Axis{}, fmt.Errorf("--vary %s: %w", flag, err)
		}
		for _, off := range splitTopOffsets(spec, ',') {
			src.valueCols = append(src.valueCols, specCol+off)
		}
		return Axis{Path: path, Values: vals, src: src}, nil
	case 3:
		vals, err := parseRange(parts[0], parts[1], parts[2])
		if err != nil {
			return Axis{}, fmt.Errorf("--vary %s: %w", flag, err)
		}
		for range vals {
			src.valueCols = append(src.valueCols, specCol)
		}
		src.isRange = true
		return Axis{Path: path, Values: vals, src: src}, nil
	}
	return Axis{}, fmt.Errorf("--vary %s: a range is LO:HI:STEP with three parts, such as 100e6:400e6:25e6 or *0.8:*1.2:*0.1", flag)
}

// column returns the column in the axis's --vary text of column col of the set
// PATH=VALUE made from its i-th value: within the path, or within that value.
func (a Axis) column(col, i int) int {
	if a.src.text == "" {
		return col
	}
	if col <= len(a.Path)+1 {
		return a.src.pathCol + col - 1
	}
	if i >= len(a.src.valueCols) {
		return col
	}
	if a.src.isRange {
		return a.src.valueCols[i]
	}
	return a.src.valueCols[i] + col - len(a.Path) - 2
}

// text returns the --vary text of the axis, or one made from it.
func (a Axis) text() string {
	if a.src.text != "" {
		return a.src.text
	}
	return a.Path + "=" + strings.Join(a.Values, ",")
}

// splitAssign splits PATH=VALUE at the first = outside brackets.
func splitAssign(s, flag, form string) (path, value string, err error) {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			depth--
		case '=':
			if depth != 0 {
				continue
			}
			path, value = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
			switch {
			case path == "":
				return "", "", fmt.Errorf("%s %q: the path before = is empty; write %s", flag, s, form)
			case strings.ContainsAny(path, " \t"):
				return "", "", fmt.Errorf("%s %q: the path %q has a space in it; write %s", flag, s, path, form)
			case value == "":
				return "", "", fmt.Errorf("%s %q: nothing after =; write %s", flag, s, form)
			}
			return path, value, nil
		}
	}
	return "", "", fmt.Errorf("%s %q has no =; write %s", flag, s, form)
}

// splitTop splits s at sep where it is outside brackets, braces and quotes, so
// that YAML flow values such as {2026: 1, 2030: 2} stay whole.
func splitTop(s string, sep byte) []string {
	parts, _ := splitTopAt(s, sep)
	return parts
}

// splitTopOffsets returns the 0-based offsets in s of the parts splitTop returns
// (after their leading spaces).
func splitTopOffsets(s string, sep byte) []int {
	_, offs := splitTopAt(s, sep)
	return offs
}

// splitTopAt is splitTop with the offset of each (trimmed) part.
func splitTopAt(s string, sep byte) ([]string, []int) {
	var parts []string
	var offs []int
	depth, start := 0, 0
	var quote byte
	add := func(end int) {
		part := s[start:end]
		trimmed := strings.TrimSpace(part)
		parts = append(parts, trimmed)
		offs = append(offs, start+len(part)-len(strings.TrimLeft(part, " \t\n\r\v\f")))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		case c == sep && depth == 0:
			add(i)
			start = i + 1
		}
	}
	add(len(s))
	return parts, offs
}

// parseList reads V1,V2,...: non-empty, distinct values.
func parseList(spec string) ([]string, error) {
	vals := splitTop(spec, ',')
	seen := map[string]bool{}
	for i, v := range vals {
		if v == "" {
			return nil, fmt.Errorf("value %d of the list is empty", i+1)
		}
		if seen[v] {
			return nil, fmt.Errorf("the value %s is listed twice", v)
		}
		seen[v] = true
	}
	return vals, nil
}

// parseRange reads LO:HI:STEP, absolute or relative (*).
func parseRange(lo, hi, step string) ([]string, error) {
	relLo, relHi := strings.HasPrefix(lo, "*"), strings.HasPrefix(hi, "*")
	if relLo != relHi {
		return nil, fmt.Errorf("write both ends as factors (*0.8:*1.2:*0.1) or both as numbers (100e6:400e6:25e6), not one of each")
	}
	relStep := strings.HasPrefix(step, "*")
	if relStep && !relLo {
		return nil, fmt.Errorf("the step %s is a factor but the ends are numbers; drop the *", step)
	}
	a, err := parseNumber(strings.TrimPrefix(lo, "*"), "the low end")
	if err != nil {
		return nil, err
	}
	b, err := parseNumber(strings.TrimPrefix(hi, "*"), "the high end")
	if err != nil {
		return nil, err
	}
	d, err := parseNumber(strings.TrimPrefix(step, "*"), "the step")
	if err != nil {
		return nil, err
	}
	switch {
	case d <= 0:
		return nil, fmt.Errorf("the step must be positive, not %s", step)
	case b < a:
		return nil, fmt.Errorf("the high end %s is below the low end %s", hi, lo)
	}
	n := math.Floor((b-a)/d+1e-9) + 1
	if n > maxAxisValues {
		return nil, fmt.Errorf("%s:%s:%s gives %.0f values, more than %d; use a larger step", lo, hi, step, n, maxAxisValues)
	}
	prefix := ""
	if relLo {
		prefix = "*"
	}
	vals := make([]string, int(n))
	for i := range vals {
		vals[i] = prefix + formatNumber(roundSig(a+float64(i)*d, 12))
	}
	return vals, nil
}

// parseNumber reads a finite number such as 100e6 or 0.8.
func parseNumber(s, what string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%s %q is not a number; write numbers such as 100e6, 0.8 or *1.2", what, s)
	}
	return v, nil
}

// roundSig rounds v to n significant digits.
func roundSig(v float64, n int) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', n, 64), 64)
	return r
}

// formatNumber writes v in the shortest form that reads back exactly and that
// YAML and --set read as a number: plain decimals (250000000, 0.9) between 1e-4
// and 1e15, exponents (1e-07) outside.
func formatNumber(v float64) string {
	if a := math.Abs(v); a == 0 || (a >= 1e-4 && a < 1e15) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// expandGrid returns every combination of the axes' values as --set lists, the
// first axis varying slowest (as nested loops in the order given).
func expandGrid(axes []Axis) ([][]string, error) {
	total := 1
	for _, a := range axes {
		total *= len(a.Values)
		if total > maxCases {
			return nil, fmt.Errorf("the grid has more than %d cases; use fewer values or a Monte Carlo sample", maxCases)
		}
	}
	out := make([][]string, 0, total)
	idx := make([]int, len(axes))
	for range total {
		sets := make([]string, len(axes))
		for j, a := range axes {
			sets[j] = a.Path + "=" + a.Values[idx[j]]
		}
		out = append(out, sets)
		for j := len(axes) - 1; j >= 0; j-- {
			idx[j]++
			if idx[j] < len(axes[j].Values) {
				break
			}
			idx[j] = 0
		}
	}
	return out, nil
}

// finite reports whether every value is a finite number.
func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
