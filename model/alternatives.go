package model

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/mineralplan/mineralplan/highs"
)

// SiteTech is a (site, technology) pair by ID: the unit in which near-optimal
// alternatives differ.
type SiteTech struct{ Site, Technology string }

// SiteTechs returns the (site, technology) pairs at which builds build new
// modules, sorted and without repeats.
func SiteTechs(builds []ModuleBuild) []SiteTech {
	var out []SiteTech
	for _, b := range builds {
		if b.Count > 0 {
			out = append(out, SiteTech{b.Site, b.Technology})
		}
	}
	slices.SortFunc(out, func(a, b SiteTech) int {
		if a.Site != b.Site {
			return cmpString(a.Site, b.Site)
		}
		return cmpString(a.Technology, b.Technology)
	})
	return slices.Compact(out)
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Hamming is the number of (site, technology) pairs built in exactly one of a
// and b: the difference between plans that NearOptimal maximises.
func Hamming(a, b []SiteTech) int {
	in := map[SiteTech]int{}
	for _, x := range a {
		in[x] |= 1
	}
	for _, x := range b {
		in[x] |= 2
	}
	n := 0
	for _, v := range in {
		if v != 3 {
			n++
		}
	}
	return n
}

// NearOptimal returns the checked plan of p (objective npv) whose NPV is at least
// floor (USD) and whose (site, technology) build pairs differ as much as possible
// from those of every plan in avoid: it maximises d subject to
// d ≤ Hamming(y, R_k) and Hamming(y, R_k) ≥ 1 (a no-good cut) for every avoided
// pair set R_k, with binary y_it = 1 exactly when some module of technology t is
// built at site i in any year; ties are broken towards higher NPV as far as the
// search goes. bound is a proven upper bound on the NPV of p's plans (USD, the
// optimal plan's dual bound), so that the tie-break spans at most 0.1 over the
// plans above floor. The plan's flows are then re-optimised for its builds
// (SolveWithBuilds), so its NPV is the best its builds allow; its DualBound is
// bound and its MIPGap its relative distance to it; its Status is HiGHS's
// status when the search stopped (at a time limit) before proving the distance
// the largest. It returns nil, nil when no such plan exists, and ErrUndecided
// when the search stopped with no plan.
//
// most, when positive, is a distance no plan can exceed: the proven distance of
// a search with a subset of avoid (its feasible plans include these, so its
// largest distance is at least as large). It bounds d, so a search that finds a
// plan at that distance stops at once.
// docs/model.md, "Near-optimal alternatives", states the model.
func (p *Problem) NearOptimal(ctx context.Context, bound, floor float64, avoid [][]SiteTech, most int, opt Options) (*Plan, error) {
	if p.objectiveKind != "npv" {
		return nil, fmt.Errorf("alternatives need objective kind npv, not %s", p.objectiveKind)
	}
	m := p.nearOptimalModel(bound, floor, avoid, most)
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("internal error: the alternatives model is malformed: %w", err)
	}
	o := p.highsOptions(opt)
	o.Progress = nil
	switchOffSubMIPHeuristics(o.Extra)
	// The distance is an integer and the tie-break moves the objective by at
	// most 0.1 over the feasible plans, so a gap under 1 − 0.1 proves the
	// largest distance: the search stops there (docs/model.md).
	o.Extra["mip_abs_gap"] = nearOptimalAbsGap
	sol, err := p.search(ctx, &m, o, opt, "the search")
	if sol == nil || err != nil {
		return nil, err
	}
	builds := p.buildsOf(sol.ColValue)
	plan, _, err := p.SolveWithBuilds(ctx, builds, bound, opt)
	if err != nil {
		return nil, err
	}
	if sol.Status != highs.Optimal {
		plan.Status = statusWord(sol.Status)
	}
	return plan, nil
}

// nearOptimalAbsGap is the absolute gap at which a near-optimal search stops:
// below 1 (a unit of distance) less the tie-break's range of 0.1.
const nearOptimalAbsGap = 0.89

// solveConfirmed solves m with o, and an infeasibility found with options
// changed from HiGHS's defaults (o.Extra) again with the defaults, as Solve
// confirms one, within what is left of opt's deadline.
func (p *Problem) solveConfirmed(ctx context.Context, m *highs.Model, o highs.Options, opt Options) (*highs.Solution, error) {
	sol, err := solveModel(ctx, m, o)
	if err == nil && sol.Status == highs.Infeasible && len(o.Extra) > 0 {
		o.Extra = nil
		o.TimeLimit = p.highsOptions(opt).TimeLimit
		sol, err = solveModel(ctx, m, o)
	}
	return sol, err
}

// search solves m with o (solveConfirmed) for a plan: it returns the solution
// when HiGHS found one, nil when m is infeasible, and otherwise an error naming
// what (the search): ErrUndecided when it stopped at a limit, ctx's error when
// it was interrupted.
func (p *Problem) search(ctx context.Context, m *highs.Model, o highs.Options, opt Options, what string) (*highs.Solution, error) {
	sol, err := p.solveConfirmed(ctx, m, o, opt)
	switch {
	case err != nil:
		return nil, err
	case sol.HasPrimal:
		return sol, nil
	case sol.Status == highs.Infeasible:
		return nil, nil
	case ctx.Err() != nil:
		return nil, fmt.Errorf("%s was stopped before it found a plan: %w", what, ctx.Err())
	}
	return nil, fmt.Errorf("%w: %s ended %s with no plan", ErrUndecided, what, sol.Status)
}

// solveModel solves m with o.
func solveModel(ctx context.Context, m *highs.Model, o highs.Options) (*highs.Solution, error) {
	sv, err := highs.NewSolver(m, o)
	if err != nil {
		return nil, err
	}
	defer sv.Close()
	return sv.Solve(ctx)
}

// nearOptimalModel is the MILP NearOptimal solves: p's columns and rows, the
// NPV floor, the pair indicators y_it and the distance d with its rows against
// every plan in avoid (docs/model.md, "Near-optimal alternatives").
func (p *Problem) nearOptimalModel(bound, floor float64, avoid [][]SiteTech, most int) highs.Model {
	// NPV ≥ floor, and the tie-break: ε·NPV with ε such that NPV's range from
	// the floor to the bound moves the objective by 0.1, under one unit of d.
	m := p.floorModel(floor)
	m.Sense, m.Offset = highs.Maximize, 0
	span := math.Max((bound-floor)*moneyScale, 1e-6)
	for j, c := range p.Model.ColCost {
		m.ColCost[j] = 0.1 * c / span
	}

	// y_it: u·y_it ≥ z for each of the pair's build columns z, and y_it ≤ Σ z.
	y := map[SiteTech]int{}
	var pairs []SiteTech
	for _, key := range sortedPairs(p.buildsAt) {
		s := p.Scenario
		st := SiteTech{s.Sites[key[0]].ID, s.Technologies[key[1]].ID}
		col := m.AddCol(name("built", st.Site, st.Technology), 0, 0, 1, highs.Integer)
		y[st], pairs = col, append(pairs, st)
		var zi []int
		var zv []float64
		for _, b := range p.buildsAt[key] {
			bv := p.builds[b]
			zi, zv = append(zi, bv.Col), append(zv, 1)
			// u·y_it ≥ z for each build column z (upper bound u): the same
			// integer points as one row M·y_it ≥ Σ z, and a tighter relaxation.
			mb := p.moduleOf(bv)
			m.AddRow(name("built_upper", st.Site, st.Technology, mb.Size, mb.Year), 0, highs.Inf,
				[]int{col, bv.Col}, []float64{p.Model.ColUpper[bv.Col], -1})
		}
		m.AddRow(name("built_lower", st.Site, st.Technology), 0, highs.Inf, append(zi, col), append(zv, -1))
	}
	dMax := len(pairs)
	if most > 0 {
		dMax = min(dMax, most)
	}
	d := m.AddCol("distance", 1, 0, float64(dMax), highs.Continuous)
	for k, r := range avoid {
		inR := map[SiteTech]bool{}
		for _, x := range r {
			inR[x] = true
		}
		// Hamming(y, R) = |R| + Σ_{∉R} y − Σ_{∈R} y.
		var hi []int
		var hv []float64
		for _, st := range pairs {
			if inR[st] {
				hi, hv = append(hi, y[st]), append(hv, -1)
			} else {
				hi, hv = append(hi, y[st]), append(hv, 1)
			}
		}
		n := float64(len(r))
		m.AddRow(fmt.Sprintf("no_good[%d]", k), 1-n, highs.Inf, hi, hv)
		m.AddRow(fmt.Sprintf("distance[%d]", k), -n, highs.Inf, append(slices.Clone(hi), d), append(slices.Clone(hv), -1))
	}
	return m
}

func sortedPairs(m map[[2]int][]int) [][2]int {
	out := make([][2]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	})
	return out
}

// Without returns a checked plan of p (objective npv) that builds no new module
// of st's technology at st's site and reaches floor (USD), or nil, nil when no
// plan does: within floor, st is then forced. The search stops at the first
// such plan HiGHS finds, not the best, whose flows are then re-optimised for its
// builds (SolveWithBuilds); bound is as for NearOptimal.
// An infeasibility is confirmed with HiGHS's defaults, as Solve confirms one.
// docs/model.md, "Near-optimal alternatives", states the model.
func (p *Problem) Without(ctx context.Context, st SiteTech, bound, floor float64, opt Options) (*Plan, error) {
	if p.objectiveKind != "npv" {
		return nil, fmt.Errorf("alternatives need objective kind npv, not %s", p.objectiveKind)
	}
	m := p.floorModel(floor)
	found := false
	for key, bs := range p.buildsAt {
		if p.Scenario.Sites[key[0]].ID != st.Site || p.Scenario.Technologies[key[1]].ID != st.Technology {
			continue
		}
		found = true
		for _, b := range bs {
			col := p.builds[b].Col
			m.ColUpper[col] = m.ColLower[col]
		}
	}
	if !found {
		return nil, fmt.Errorf("%s/%s is no candidate of the scenario", st.Site, st.Technology)
	}
	o := p.highsOptions(opt)
	o.Progress = nil
	o.Extra["mip_max_improving_sols"] = 1
	sol, err := p.search(ctx, &m, o, opt, fmt.Sprintf("the search for a plan without %s/%s", st.Site, st.Technology))
	if sol == nil || err != nil {
		return nil, err
	}
	plan, _, err := p.SolveWithBuilds(ctx, p.buildsOf(sol.ColValue), bound, opt)
	return plan, err
}

// ErrUndecided is returned by NearOptimal and Without when their search ends
// (at a time limit) with neither a plan nor a proof that there is none.
var ErrUndecided = errors.New("undecided")

// floorModel is a copy of p's model, its objective kept, with the row
// NPV ≥ floor (floor in USD), that may be changed without changing p's.
func (p *Problem) floorModel(floor float64) highs.Model {
	m := p.Model
	m.ColCost = slices.Clone(m.ColCost)
	m.ColLower, m.ColUpper = slices.Clone(m.ColLower), slices.Clone(m.ColUpper)
	m.ColType, m.ColNames = slices.Clone(m.ColType), slices.Clone(m.ColNames)
	m.RowLower, m.RowUpper, m.RowNames = slices.Clone(m.RowLower), slices.Clone(m.RowUpper), slices.Clone(m.RowNames)
	m.AStart, m.AIndex, m.AValue = slices.Clone(m.AStart), slices.Clone(m.AIndex), slices.Clone(m.AValue)
	var idx []int
	var val []float64
	for j, c := range p.Model.ColCost {
		if c != 0 {
			idx, val = append(idx, j), append(val, c)
		}
	}
	m.AddRow("npv_floor", floor*moneyScale-p.Model.Offset, highs.Inf, idx, val)
	return m
}
