package sweep

import (
	"errors"
	"fmt"

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
	for _, a := range axes {
		if seen[a.Path] {
			return nil, fmt.Errorf("--vary: %s is given twice; give all its values in one --vary", a.Path)
		}
		seen[a.Path] = true
		for _, v := range checkedValues(a.Values) {
			if err := checkSet(base, "--vary", a.Path+"="+v); err != nil {
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
	if err := checkMetric(spec.Metric); err != nil {
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
			if err := checkSet(base, "--tornado", set); err != nil {
				return nil, err
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
	for _, d := range spec.Dists {
		if seen[d.Path] {
			return nil, fmt.Errorf("--dist: %s has two distributions; give one", d.Path)
		}
		seen[d.Path] = true
		if err := checkSet(base, "--dist", d.Path+"="+d.setValue(d.Quantile(0.5))); err != nil {
			return nil, err
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

// checkSet applies one set to the base scenario and reports the first problem,
// naming the flag it came from.
func checkSet(base *scenarios.Scenario, flag, set string) error {
	if _, _, err := base.With(set); err != nil {
		return fmt.Errorf("%s %s: %w", flag, set, err)
	}
	return nil
}

// checkedValues are the values of an axis checked against the base scenario
// before a sweep starts: all of a short axis, and the two ends and a sample of
// a long one (a range's values lie between its ends); a case with a value
// that fails later is reported as an invalid case.
func checkedValues(values []string) []string {
	const most = 64
	if len(values) <= most {
		return values
	}
	out := make([]string, 0, most)
	for i := range most {
		out = append(out, values[i*(len(values)-1)/(most-1)])
	}
	return out
}
