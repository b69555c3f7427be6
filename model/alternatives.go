package model

import (
	"context"
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
// floor (USD, below optimum, the NPV of p's optimal plan) and whose (site, technology) build pairs differ as much as possible
// from those of every plan in avoid: it maximises d subject to
// d ≤ Hamming(y, R_k) and Hamming(y, R_k) ≥ 1 (a no-good cut) for every avoided
// pair set R_k, with binary y_it = 1 exactly when some module of technology t is
// built at site i in any year; ties are broken towards higher NPV. The plan's
// flows are then re-optimised for its builds (SolveWithBuilds), so its NPV is
// the best its builds allow; its DualBound is optimum and its MIPGap the
// relative NPV loss. It returns nil, nil when no such plan exists.
// docs/model.md, "Near-optimal alternatives", states the model.
func (p *Problem) NearOptimal(ctx context.Context, optimum, floor float64, avoid [][]SiteTech, opt Options) (*Plan, error) {
	if p.objectiveKind != "npv" {
		return nil, fmt.Errorf("alternatives need objective kind npv, not %s", p.objectiveKind)
	}
	m := p.Model
	m.ColCost = make([]float64, p.Model.NumCols())
	m.ColLower, m.ColUpper = slices.Clone(m.ColLower), slices.Clone(m.ColUpper)
	m.ColType, m.ColNames = slices.Clone(m.ColType), slices.Clone(m.ColNames)
	m.RowLower, m.RowUpper, m.RowNames = slices.Clone(m.RowLower), slices.Clone(m.RowUpper), slices.Clone(m.RowNames)
	m.AStart, m.AIndex, m.AValue = slices.Clone(m.AStart), slices.Clone(m.AIndex), slices.Clone(m.AValue)
	m.Sense, m.Offset = highs.Maximize, 0

	// NPV ≥ floor, and the tie-break: ε·NPV with ε such that NPV's range from
	// the floor to the optimum moves the objective by 0.1, under one unit of d.
	var idx []int
	var val []float64
	for j, c := range p.Model.ColCost {
		if c != 0 {
			idx, val = append(idx, j), append(val, c)
		}
	}
	floorM := floor * moneyScale
	m.AddRow("npv_floor", floorM-p.Model.Offset, highs.Inf, idx, val)
	span := math.Max((optimum-floor)*moneyScale, 1e-6)
	for k, j := range idx {
		m.ColCost[j] = 0.1 * val[k] / span
	}

	// y_it: M·y_it ≥ Σ z and y_it ≤ Σ z over the pair's build columns.
	y := map[SiteTech]int{}
	var pairs []SiteTech
	for _, key := range sortedPairs(p.buildsAt) {
		s := p.Scenario
		st := SiteTech{s.Sites[key[0]].ID, s.Technologies[key[1]].ID}
		col := m.AddCol(name("built", st.Site, st.Technology), 0, 0, 1, highs.Integer)
		y[st], pairs = col, append(pairs, st)
		var zi []int
		var zv []float64
		big := 0.0
		for _, b := range p.buildsAt[key] {
			zi, zv = append(zi, p.builds[b].Col), append(zv, 1)
			big += p.Model.ColUpper[p.builds[b].Col]
		}
		m.AddRow(name("built_upper", st.Site, st.Technology), 0, highs.Inf, append(slices.Clone(zi), col), append(negate(zv), big))
		m.AddRow(name("built_lower", st.Site, st.Technology), 0, highs.Inf, append(zi, col), append(zv, -1))
	}
	d := m.AddCol("distance", 1, 0, float64(len(pairs)), highs.Continuous)
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
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("internal error: the alternatives model is malformed: %w", err)
	}
	sol, err := p.solveDerived(ctx, &m, opt)
	if err != nil {
		return nil, err
	}
	if !sol.HasPrimal {
		if sol.Status == highs.Infeasible {
			return nil, nil
		}
		return nil, fmt.Errorf("the alternatives model ended %s with no plan", sol.Status)
	}
	var builds []ModuleBuild
	for _, bv := range p.builds {
		if n := math.Round(sol.ColValue[bv.Col]); n >= 1 {
			mb := p.moduleOf(bv)
			mb.Count = int(n)
			builds = append(builds, mb)
		}
	}
	plan, _, err := p.SolveWithBuilds(ctx, builds, optimum, opt)
	if err != nil {
		return nil, err
	}
	if sol.Status != highs.Optimal {
		plan.Status = statusWord(sol.Status)
	}
	return plan, nil
}

func negate(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = -x
	}
	return out
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
