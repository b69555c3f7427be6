package sweep

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/mineralplan/mineralplan/scenarios"
)

// Study is a fixed list of cases and how to analyse them: a grid, a tornado or a
// Monte Carlo sample. NewGrid, NewTornado and NewMonteCarlo build one and check
// every value against the base scenario, so that a mistyped path or value is
// reported before anything is solved.
type Study struct {
	m Manifest // Kind, the kind's settings, Columns and Cases
}

// Cases returns the study's cases, in index order.
func (st *Study) Cases() []Case { return st.m.Cases }

// MonteCarloSpec is a Monte Carlo study: Samples draws of the distributions from
// a generator seeded with Seed, as a Latin hypercube when LHS is set.
type MonteCarloSpec struct {
	Samples int    `json:"samples"`
	Seed    uint64 `json:"seed"`
	LHS     bool   `json:"lhs"`
	Dists   []Dist `json:"dists"`
	// Candidates are the plants (site/technology) whose probability of being
	// built is reported; NewMonteCarlo fills them from the base scenario.
	Candidates []string `json:"candidates"`
}

// NewGrid returns the full grid of the axes: one case per combination of their
// values, the first axis varying slowest. Labels are the values, one column per
// axis path.
func NewGrid(base *scenarios.Scenario, axes []Axis) (*Study, error) {
	if len(axes) == 0 {
		return nil, errors.New("a grid needs at least one --vary PATH=LO:HI:STEP or PATH=V1,V2,...")
	}
	// The grid's size is checked first: checking a value against the scenario
	// takes a load, and a mistyped step can give 100,000 values.
	total := 1
	for _, a := range axes {
		total *= len(a.Values)
		if total > maxCases {
			return nil, fmt.Errorf("the grid has more than %d cases; use fewer values or a Monte Carlo sample", maxCases)
		}
	}
	seen := map[string]bool{}
	st := &Study{m: Manifest{Kind: KindGrid, Grid: axes}}
	for n, a := range axes {
		if seen[a.Path] {
			return nil, fmt.Errorf("--vary: %s is given twice; give all its values in one --vary", a.Path)
		}
		seen[a.Path] = true
		for _, i := range checkedValues(len(a.Values)) {
			if err := checkVary(base, n, a, i); err != nil {
				return nil, err
			}
		}
		st.m.Columns = append(st.m.Columns, a.Path)
	}
	st.m.Params = describeParams(base, st.m.Columns)
	combos, err := expandGrid(axes)
	if err != nil {
		return nil, err
	}
	for i, sets := range combos {
		labels := make([]string, len(axes))
		for j, a := range axes {
			labels[j] = sets[j][len(a.Path)+1:]
		}
		st.m.Cases = append(st.m.Cases, Case{Index: i, ID: caseID(i), Labels: labels, Sets: sets})
	}
	return st, nil
}

// NewTornado returns a tornado: case c0000 is the base scenario, then each
// parameter's low and high case. Columns are parameter, side (base, low or high)
// and value.
func NewTornado(base *scenarios.Scenario, spec TornadoSpec) (*Study, error) {
	if len(spec.Params) == 0 {
		return nil, errors.New("a tornado needs parameters: name them with --param PATH, or let the scenario's prices, budget and availabilities be used")
	}
	if err := checkMetric(spec.Metric, base); err != nil {
		return nil, err
	}
	st := &Study{m: Manifest{Kind: KindTornado, Tornado: &spec, Columns: []string{"parameter", "side", "value"}}}
	var paths []string
	for _, p := range spec.Params {
		paths = append(paths, p.Path)
	}
	st.m.Params = describeParams(base, paths)
	st.m.Cases = append(st.m.Cases, Case{Index: 0, ID: caseID(0), Labels: []string{"", "base", ""}, Sets: []string{}})
	for _, p := range spec.Params {
		for _, side := range []struct{ name, value string }{{"low", p.Low}, {"high", p.High}} {
			set := p.Path + "=" + side.value
			if _, _, err := base.With(set); err != nil {
				// A parameter comes from --param, --tornado-param or the defaults:
				// name it by its path and side.
				return nil, relocate(err, set, p.Path+" ("+side.name+": "+side.value+")", func(int) scenarios.Position {
					return scenarios.Position{File: "--tornado " + p.Path}
				})
			}
			i := len(st.m.Cases)
			st.m.Cases = append(st.m.Cases, Case{Index: i, ID: caseID(i), Labels: []string{p.Path, side.name, side.value}, Sets: []string{set}})
		}
	}
	return st, nil
}

// NewMonteCarlo returns spec.Samples cases, each with a value drawn from every
// distribution (see drawSamples). Columns are the distributions' paths, labels
// the values applied.
func NewMonteCarlo(base *scenarios.Scenario, spec MonteCarloSpec) (*Study, error) {
	switch {
	case spec.Samples < 1:
		return nil, errors.New("--samples must be at least 1")
	case spec.Samples > maxCases:
		return nil, fmt.Errorf("--samples %d: at most %d", spec.Samples, maxCases)
	case len(spec.Dists) == 0:
		return nil, errors.New("a Monte Carlo sweep needs at least one --dist PATH=" + distForms)
	}
	spec.Candidates = candidatePlants(base)
	st := &Study{m: Manifest{Kind: KindMonteCarlo, MonteCarlo: &spec}}
	seen := map[string]bool{}
	for j, d := range spec.Dists {
		if seen[d.Path] {
			return nil, fmt.Errorf("--dist: %s has two distributions; give one", d.Path)
		}
		seen[d.Path] = true
		// The median stands for every sample: a path or value it cannot take is
		// reported at the --dist's path or distribution.
		set := d.Path + "=" + d.setValue(d.Quantile(0.5))
		if _, _, err := base.With(set); err != nil {
			return nil, relocate(err, set, d.Path+"="+d.Spec, func(col int) scenarios.Position {
				return scenarios.Position{File: "--dist", Line: j + 1, Col: min(col, len(d.Path)+2)}
			})
		}
		st.m.Columns = append(st.m.Columns, d.Path)
	}
	st.m.Params = describeParams(base, st.m.Columns)
	for i, row := range drawSamples(spec.Dists, spec.Samples, spec.Seed, spec.LHS) {
		c := Case{Index: i, ID: caseID(i)}
		for j, d := range spec.Dists {
			v := d.setValue(row[j])
			c.Labels = append(c.Labels, v)
			c.Sets = append(c.Sets, d.Path+"="+v)
		}
		st.m.Cases = append(st.m.Cases, c)
	}
	return st, nil
}

// checkVary applies the i-th value of axis a, the n-th --vary (from 0), to the
// base scenario. Its problems are reported where they are in that --vary, as
// --vary:N:COL (the --vary's number among them and the column in its text), the
// way --set problems are.
func checkVary(base *scenarios.Scenario, n int, a Axis, i int) error {
	set := a.Path + "=" + a.Values[i]
	_, _, err := base.With(set)
	if err == nil {
		return nil
	}
	return relocate(err, set, a.text(), func(col int) scenarios.Position {
		return scenarios.Position{File: "--vary", Line: n + 1, Col: a.column(col, i)}
	})
}

// relocate rewrites the diagnostics of a set made from a sweep flag so that they
// name the flag (its text shown for the set's) at the position pos gives for a
// column of the set; an error that is not diagnostics is prefixed with the flag.
func relocate(err error, set, shown string, pos func(col int) scenarios.Position) error {
	var ds scenarios.Diagnostics
	if !errors.As(err, &ds) {
		return fmt.Errorf("%s %s: %w", pos(1).File, shown, err)
	}
	out := make(scenarios.Diagnostics, 0, len(ds))
	for _, d := range ds {
		if d.Pos.File == "--set" {
			d.Pos = pos(d.Pos.Col)
			d.Msg = strings.ReplaceAll(d.Msg, strconv.Quote(set), strconv.Quote(shown))
		}
		out = append(out, d)
	}
	return out.Err()
}

// checkedValues are the indices, among an axis's n values, of those checked
// against the base scenario before a sweep starts: all of a short axis, and the
// two ends and a sample of a long one (a range's values lie between its ends);
// a case with a value that fails later is reported as an invalid case.
func checkedValues(n int) []int {
	const most = 64
	out := make([]int, 0, min(n, most))
	if n <= most {
		for i := range n {
			out = append(out, i)
		}
		return out
	}
	for i := range most {
		out = append(out, i*(n-1)/(most-1))
	}
	return out
}
