package model

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/mineralplan/mineralplan/highs"
	"github.com/mineralplan/mineralplan/scenarios"
)

// Problems built from variants of one scenario can be compared through their
// outlines: when two have the same constraints, a plan of one is a plan of the
// other; when their objectives differ only along a segment, the optimum is a
// convex function along it; when one has only wider bounds, its optimum bounds
// the other's. Package sweep uses these facts to prove cases optimal from the
// solves of their neighbours. Every comparison is exact (bit for bit, or by a
// SHA-256 digest of the matrix), so that it never claims more than holds.

// ModuleBuild is a set of new modules in a plan: Count modules of Size of Technology at
// Site, built in Year.
type ModuleBuild struct {
	Site, Technology, Size string
	Year, Count            int
}

// Builds returns the plan's new modules (existing plants left out), in the plan's
// order.
func (plan *Plan) Builds() []ModuleBuild {
	var out []ModuleBuild
	for _, pl := range plan.Plants {
		if !pl.Existing {
			out = append(out, ModuleBuild{Site: pl.Site, Technology: pl.Technology, Size: pl.Size, Year: pl.BuildYear, Count: pl.Count})
		}
	}
	return out
}

// BuildValues returns a vector over the problem's columns with each build column
// at its count in builds and every other column 0. It is an error for a build to
// name a module this problem cannot build.
func (p *Problem) BuildValues(builds []ModuleBuild) ([]float64, error) {
	s := p.Scenario
	col := make(map[ModuleBuild]int, len(p.builds))
	for _, b := range p.builds {
		col[p.moduleOf(b)] = b.Col
	}
	x := make([]float64, p.Model.NumCols())
	for _, b := range builds {
		key := b
		key.Count = 0
		j, ok := col[key]
		if !ok {
			return nil, fmt.Errorf("scenario %s cannot build %s/%s/%s in %d", s.Name, b.Site, b.Technology, b.Size, b.Year)
		}
		x[j] += float64(b.Count)
	}
	return x, nil
}

// moduleOf names the modules a build column builds: its site, technology, size
// and year, by ID (Count 0).
func (p *Problem) moduleOf(b buildVar) ModuleBuild {
	s := p.Scenario
	tech := s.Technologies[b.Tech]
	return ModuleBuild{Site: s.Sites[b.Site].ID, Technology: tech.ID, Size: tech.Sizes[b.Size].ID, Year: p.Years[b.Year]}
}

// buildsOf reads the modules built from x, one value per column of p's model:
// every build column at 1 or more once rounded, in column order.
func (p *Problem) buildsOf(x []float64) []ModuleBuild {
	var out []ModuleBuild
	for _, bv := range p.builds {
		if n := math.Round(x[bv.Col]); n >= 1 {
			mb := p.moduleOf(bv)
			mb.Count = int(n)
			out = append(out, mb)
		}
	}
	return out
}

// Outline is what comparing two problems takes, without the problems: the
// objective, the bounds, and a SHA-256 digest of the columns, rows, integrality
// and matrix. Package sweep keeps the outlines of solved cases, which are a
// small part of their problems.
type Outline struct {
	kind     string
	maximize bool
	gap      float64
	// toScenario converts a model objective into the plan's unit.
	toScenario                             float64
	offset                                 float64
	cost                                   []float64
	colLower, colUpper, rowLower, rowUpper []float64
	structure                              [sha256.Size]byte
}

// Outline returns the problem's outline.
func (p *Problem) Outline() *Outline {
	m := &p.Model
	h := sha256.New()
	var buf [8]byte
	num := func(v float64) { binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v)); h.Write(buf[:]) }
	count := func(n int) { binary.LittleEndian.PutUint64(buf[:], uint64(n)); h.Write(buf[:]) }
	for _, names := range [][]string{m.ColNames, m.RowNames} {
		count(len(names))
		for _, n := range names {
			count(len(n))
			h.Write([]byte(n))
		}
	}
	count(len(m.ColType))
	for _, t := range m.ColType {
		count(int(t))
	}
	for _, v := range m.AStart {
		count(v)
	}
	count(len(m.AIndex))
	for k, j := range m.AIndex {
		count(j)
		num(m.AValue[k])
	}
	o := &Outline{kind: p.objectiveKind, maximize: m.Sense == highs.Maximize, gap: p.relativeGap(),
		toScenario: p.objectiveToScenario(1), offset: m.Offset, cost: slices.Clone(m.ColCost),
		colLower: slices.Clone(m.ColLower), colUpper: slices.Clone(m.ColUpper),
		rowLower: slices.Clone(m.RowLower), rowUpper: slices.Clone(m.RowUpper)}
	h.Sum(o.structure[:0])
	return o
}

// ObjectiveValue is the objective of the column values x, offset included, in the
// plan's unit (USD for npv and cost, t for security).
func (o *Outline) ObjectiveValue(x []float64) float64 {
	v := o.offset
	for j, c := range o.cost {
		v += c * x[j]
	}
	return v * o.toScenario
}

// Maximizes reports whether the objective is maximised (npv, security, weighted)
// rather than minimised (cost).
func (o *Outline) Maximizes() bool { return o.maximize }

// RelativeGap is the relative MIP gap the scenario asks for (solver.mip_gap, or
// HiGHS's default 10⁻⁴).
func (o *Outline) RelativeGap() float64 { return o.gap }

// relativeGap is the relative MIP gap the scenario asks for.
func (p *Problem) relativeGap() float64 {
	if g := p.Scenario.Solver.MIPGap; g > 0 {
		return g
	}
	return 1e-4
}

// SameConstraints reports whether o and q have the same columns, integrality,
// bounds and rows: the same plans, whatever their objectives.
func (o *Outline) SameConstraints(q *Outline) bool {
	return o.structure == q.structure && slices.Equal(o.colLower, q.colLower) && slices.Equal(o.colUpper, q.colUpper) &&
		slices.Equal(o.rowLower, q.rowLower) && slices.Equal(o.rowUpper, q.rowUpper)
}

// Relaxes reports whether every plan of q is a plan of o with the same objective
// value: the same columns, integrality, matrix and objective, and every column and
// row bound of o at least as wide as q's. Then o's optimum bounds q's, and an
// optimal plan of o that is feasible for q is optimal for q.
func (o *Outline) Relaxes(q *Outline) bool {
	if o.structure != q.structure || o.kind != q.kind || o.maximize != q.maximize || o.offset != q.offset ||
		o.toScenario != q.toScenario || !slices.Equal(o.cost, q.cost) ||
		len(o.colLower) != len(q.colLower) || len(o.rowLower) != len(q.rowLower) {
		return false
	}
	for j := range o.colLower {
		if o.colLower[j] > q.colLower[j] || o.colUpper[j] < q.colUpper[j] {
			return false
		}
	}
	for i := range o.rowLower {
		if o.rowLower[i] > q.rowLower[i] || o.rowUpper[i] < q.rowUpper[i] {
			return false
		}
	}
	return true
}

// ObjectiveBetween reports whether o has the constraints of a and b and an
// objective on the segment between theirs: cost_o = α·cost_a + (1−α)·cost_b, and
// the same for the offset, with 0 ≤ α ≤ 1. It returns α. The optimum of a
// maximisation is then at most α·z_a + (1−α)·z_b (a maximum of functions linear
// in the objective is convex), and that of a minimisation at least that.
// Coefficients must fit to within 10⁻¹² of their size.
func (o *Outline) ObjectiveBetween(a, b *Outline) (float64, bool) {
	if o.kind != a.kind || o.kind != b.kind || o.maximize != a.maximize || o.maximize != b.maximize ||
		o.toScenario != a.toScenario || o.toScenario != b.toScenario || !o.SameConstraints(a) || !o.SameConstraints(b) {
		return 0, false
	}
	ca, cb, co := append(slices.Clone(a.cost), a.offset), append(slices.Clone(b.cost), b.offset), append(slices.Clone(o.cost), o.offset)
	// α from the coefficient that differs most between a and b.
	ref, spread := -1, 0.0
	for j := range ca {
		if d := math.Abs(ca[j] - cb[j]); d > spread {
			ref, spread = j, d
		}
	}
	alpha := 0.0
	if ref >= 0 {
		alpha = (co[ref] - cb[ref]) / (ca[ref] - cb[ref])
	}
	if !(alpha >= 0 && alpha <= 1) {
		return 0, false
	}
	for j := range co {
		want := alpha*ca[j] + (1-alpha)*cb[j]
		if math.Abs(co[j]-want) > 1e-12*math.Max(1, math.Max(math.Abs(ca[j]), math.Abs(cb[j]))) {
			return 0, false
		}
	}
	return alpha, true
}

// Feasible reports whether the column values x satisfy p's column bounds and rows
// to within HiGHS's primal feasibility tolerance, and its integer columns hold
// integers.
func (p *Problem) Feasible(x []float64) bool {
	m := &p.Model
	if len(x) != m.NumCols() {
		return false
	}
	for j, v := range x {
		if v < m.ColLower[j]-primalTol || v > m.ColUpper[j]+primalTol {
			return false
		}
		if m.ColType != nil && m.ColType[j] == highs.Integer && math.Abs(v-math.Round(v)) > 1e-9 {
			return false
		}
	}
	for i := range m.RowLower {
		act := 0.0
		for k := m.AStart[i]; k < m.AStart[i+1]; k++ {
			act += m.AValue[k] * x[m.AIndex[k]]
		}
		if act < m.RowLower[i]-primalTol || act > m.RowUpper[i]+primalTol {
			return false
		}
	}
	return true
}

// SolveWithBuilds returns the checked plan that builds exactly builds, with the
// best flows for them: the LP with every build column fixed. bound is a proven
// bound on the problem's optimum, in the plan's unit, found elsewhere (package
// sweep derives it from neighbouring cases); the plan's DualBound is bound and its
// MIPGap the relative gap to it. A plan whose builds leave the LP infeasible (a
// requirement they cannot meet) is an error.
func (p *Problem) SolveWithBuilds(ctx context.Context, builds []ModuleBuild, bound float64, opt Options) (*Plan, *highs.Solution, error) {
	x, err := p.BuildValues(builds)
	if err != nil {
		return nil, nil, err
	}
	t0 := time.Now()
	lp := p.fixedLP(x)
	sol, err := p.solveDerived(ctx, &lp, opt)
	if err != nil {
		return nil, nil, err
	}
	if sol.Status != highs.Optimal || !sol.HasPrimal {
		return nil, sol, fmt.Errorf("the LP with the plants %v fixed ended %s", builds, sol.Status)
	}
	plan, err := p.extract(sol.ColValue)
	if err != nil {
		return nil, sol, err
	}
	plan.Status, plan.Stats, plan.SolveSeconds = StatusOptimal, p.Stats(), time.Since(t0).Seconds()
	plan.Objective = p.objectiveToScenario(sol.Objective)
	plan.DualBound = bound
	plan.MIPGap = math.Abs(bound-plan.Objective) / math.Max(math.Abs(plan.Objective), 1e-300)
	if err := Check(p.Scenario, plan); err != nil {
		return plan, sol, fmt.Errorf("the plan with fixed plants fails the independent check: %w", err)
	}
	return plan, sol, nil
}

// StartWithin returns the column values of the best plan of p that builds only
// modules (site, technology and size, in any year) that some plan in plans
// builds, or nil when none is feasible. It is the MIP with every other build
// column fixed at 0: a small one, whose optimum is a plan of p and a good start
// for p's own solve when plans are the optima of neighbouring problems that do
// not fit p as they are (a smaller budget, say).
func (p *Problem) StartWithin(ctx context.Context, plans [][]ModuleBuild, opt Options) ([]float64, error) {
	// Modules in any year: year and count left out.
	allowed := make(map[ModuleBuild]bool)
	for _, plan := range plans {
		for _, b := range plan {
			allowed[ModuleBuild{Site: b.Site, Technology: b.Technology, Size: b.Size}] = true
		}
	}
	if len(allowed) == 0 {
		return nil, nil
	}
	m := p.Model
	m.ColUpper = slices.Clone(m.ColUpper)
	for _, b := range p.builds {
		key := p.moduleOf(b)
		key.Year = 0
		if !allowed[key] {
			m.ColUpper[b.Col] = m.ColLower[b.Col]
		}
	}
	opt.WarmStart = nil
	sol, err := p.solveDerived(ctx, &m, opt)
	if err != nil {
		return nil, err
	}
	if !sol.HasPrimal {
		return nil, nil
	}
	return sol.ColValue, nil
}

// BestFlows returns the column values of the plan that builds what x builds
// (x's integer columns, rounded) with the best flows for it: the solution of the
// LP with those columns fixed. It returns nil when that LP has no optimal
// solution. A plan carried over from a neighbouring problem keeps its plants but
// not, in general, its best flows; BestFlows gives them back.
func (p *Problem) BestFlows(ctx context.Context, x []float64, opt Options) ([]float64, error) {
	if len(x) != p.Model.NumCols() {
		return nil, fmt.Errorf("BestFlows: %d values for %d columns", len(x), p.Model.NumCols())
	}
	lp := p.fixedLP(x)
	opt.WarmStart = nil
	sol, err := p.solveDerived(ctx, &lp, opt)
	if err != nil {
		return nil, err
	}
	if sol.Status != highs.Optimal || !sol.HasPrimal {
		return nil, nil
	}
	return sol.ColValue, nil
}

// Candidates returns every module the scenario's problem can build, one per build
// column (site, technology and size by ID, build year; Count 0), in column order.
// Two scenarios with equal Candidates have the same build columns, so a plan's
// builds can be carried from one to the other; package study uses it to refuse a
// future that changes what may be built.
func Candidates(s *scenarios.Scenario) []ModuleBuild {
	var out []ModuleBuild
	years := s.Years()
	if len(years) == 0 {
		return nil
	}
	last := years[len(years)-1]
	techs := siteTechs(s)
	for i, site := range s.Sites {
		for _, t := range techs[i] {
			tech := s.Technologies[t]
			for _, size := range tech.Sizes {
				for _, y := range years {
					if y+tech.LeadTime <= last {
						out = append(out, ModuleBuild{Site: site.ID, Technology: tech.ID, Size: size.ID, Year: y})
					}
				}
			}
		}
	}
	return out
}

// ExplainWithBuilds explains why the plan that builds exactly builds cannot be
// operated in p's scenario, as Solve explains an infeasible scenario: the
// requirements and limits (the budget among them) that cannot all hold with
// those plants, in scenario terms.
func (p *Problem) ExplainWithBuilds(ctx context.Context, builds []ModuleBuild, opt Options) ([]Conflict, error) {
	x, err := p.BuildValues(builds)
	if err != nil {
		return nil, err
	}
	q := *p
	q.Model = p.fixedLP(x)
	return q.explainInfeasible(ctx, opt)
}
