package model

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/mineralplan/mineralplan/highs"
	"github.com/mineralplan/mineralplan/scenarios"
)

// Extensive is the extensive form of a two-stage stochastic program over several
// futures of one scenario: one MILP that holds every future's problem (as Build
// makes it) side by side, with the build columns of shared years made one column
// for all futures (the first stage) and every other column per future (the
// second stage: operations, and builds after the shared years). docs/model.md,
// "Decisions under uncertainty", states the objectives.
//
// Column and row names are those of the futures' problems; a column or row of
// one future only carries "@ID" after its name, ID the future's.
type Extensive struct {
	Futures []*Problem
	IDs     []string
	// Probabilities are the futures' probabilities, summing to 1.
	Probabilities []float64
	Model         highs.Model

	spec ExtensiveSpec
	// cols[f][j] is the column of the extensive model holding column j of future f.
	cols [][]int
	// shared[b] reports whether build b (an index into a future's builds) is
	// shared; the futures' builds are in the same order.
	shared []bool
	// eta and tail are the CVaR columns (η, u_f); theta the regret column; -1
	// when absent.
	eta   int
	tail  []int
	theta int
}

// Objective kinds of an extensive form.
const (
	ExpectedNPV  = "expected"
	MeanCVaR     = "cvar"
	MinMaxRegret = "regret"
)

// ExtensiveSpec says what the extensive form optimises and what the futures share.
type ExtensiveSpec struct {
	// Objective is ExpectedNPV (default), MeanCVaR or MinMaxRegret.
	Objective string
	// Alpha and Weight set the mean–CVaR objective (1−Weight)·E[NPV] +
	// Weight·CVaR_Alpha[NPV]; 0 < Alpha < 1, 0 ≤ Weight ≤ 1.
	Alpha, Weight float64
	// Best are the futures' own optimal NPVs in USD (wait-and-see), which
	// MinMaxRegret needs.
	Best []float64
	// Shared reports whether builds in calendar year y are shared by every
	// future; nil shares every build.
	Shared func(y int) bool
}

// BuildExtensive builds the extensive form of the futures (resolved scenarios
// with the same candidate builds, see Candidates) with the given probabilities.
// Each future's objective must be npv.
func BuildExtensive(futures []*scenarios.Scenario, ids []string, probs []float64, spec ExtensiveSpec) (*Extensive, error) {
	if len(futures) == 0 || len(futures) != len(ids) || len(futures) != len(probs) {
		return nil, fmt.Errorf("extensive form: %d futures, %d ids and %d probabilities", len(futures), len(ids), len(probs))
	}
	if spec.Objective == "" {
		spec.Objective = ExpectedNPV
	}
	switch spec.Objective {
	case ExpectedNPV:
	case MeanCVaR:
		if !(spec.Alpha > 0 && spec.Alpha < 1) || !(spec.Weight >= 0 && spec.Weight <= 1) {
			return nil, fmt.Errorf("mean–CVaR needs 0 < alpha < 1 and 0 ≤ weight ≤ 1, not alpha %g, weight %g", spec.Alpha, spec.Weight)
		}
	case MinMaxRegret:
		if len(spec.Best) != len(futures) {
			return nil, fmt.Errorf("min–max regret needs each future's optimal NPV: %d for %d futures", len(spec.Best), len(futures))
		}
	default:
		return nil, fmt.Errorf("objective %q: use expected, cvar or regret", spec.Objective)
	}
	e := &Extensive{IDs: ids, Probabilities: probs, spec: spec, eta: -1, theta: -1}
	for f, s := range futures {
		p, err := Build(s)
		if err != nil {
			return nil, fmt.Errorf("future %s: %w", ids[f], err)
		}
		if p.objectiveKind != "npv" {
			return nil, fmt.Errorf("future %s: objective %s; a stochastic study optimises NPV, so give every future objective kind npv", ids[f], p.objectiveKind)
		}
		e.Futures = append(e.Futures, p)
	}
	base := e.Futures[0]
	for f, p := range e.Futures[1:] {
		if len(p.builds) != len(base.builds) || !slices.Equal(p.Years, base.Years) {
			return nil, fmt.Errorf("future %s can build other modules than future %s; futures must share their candidates", ids[f+1], ids[0])
		}
		for b := range p.builds {
			if base.moduleOf(base.builds[b]) != p.moduleOf(p.builds[b]) {
				return nil, fmt.Errorf("future %s can build other modules than future %s; futures must share their candidates", ids[f+1], ids[0])
			}
		}
	}
	e.shared = make([]bool, len(base.builds))
	for b, bv := range base.builds {
		e.shared[b] = spec.Shared == nil || spec.Shared(base.Years[bv.Year])
	}
	e.assemble()
	if err := e.Model.Validate(); err != nil {
		return nil, fmt.Errorf("internal error: the extensive form is malformed: %w", err)
	}
	return e, nil
}

// weight is the objective weight of future f's NPV in the extensive objective.
func (e *Extensive) weight(f int) float64 {
	switch e.spec.Objective {
	case MeanCVaR:
		return (1 - e.spec.Weight) * e.Probabilities[f]
	case MinMaxRegret:
		return 0
	}
	return e.Probabilities[f]
}

// assemble lays the futures' problems side by side, sharing the shared build
// columns, and adds the risk or regret columns and rows.
func (e *Extensive) assemble() {
	m := &e.Model
	m.Sense = highs.Maximize
	e.cols = make([][]int, len(e.Futures))
	sharedCol := map[int]bool{} // local column index → shared
	for b, bv := range e.Futures[0].builds {
		if e.shared[b] {
			sharedCol[bv.Col] = true
		}
	}
	for f, p := range e.Futures {
		pm := &p.Model
		w := e.weight(f)
		e.cols[f] = make([]int, pm.NumCols())
		for j := range pm.NumCols() {
			if f > 0 && sharedCol[j] {
				g := e.cols[0][j]
				e.cols[f][j] = g
				m.ColCost[g] += w * pm.ColCost[j]
				continue
			}
			nm := pm.ColNames[j]
			if !sharedCol[j] {
				nm += "@" + e.IDs[f]
			}
			e.cols[f][j] = m.AddCol(nm, w*pm.ColCost[j], pm.ColLower[j], pm.ColUpper[j], pm.ColType[j])
		}
		m.Offset += w * pm.Offset
		idx := []int{}
		for r := range pm.NumRows() {
			idx = idx[:0]
			for k := pm.AStart[r]; k < pm.AStart[r+1]; k++ {
				idx = append(idx, e.cols[f][pm.AIndex[k]])
			}
			m.AddRow(pm.RowNames[r]+"@"+e.IDs[f], pm.RowLower[r], pm.RowUpper[r], idx, pm.AValue[pm.AStart[r]:pm.AStart[r+1]])
		}
	}
	// npvRow adds lo ≤ Σ_j c_f,j x_j + extra ≤ hi: future f's NPV ($M, offset
	// left out) and the extra terms.
	npvRow := func(f int, name string, lo, hi float64, extraIdx []int, extraVal []float64) {
		pm := &e.Futures[f].Model
		sum := map[int]float64{}
		for j, c := range pm.ColCost {
			if c != 0 {
				sum[e.cols[f][j]] += c
			}
		}
		var idx []int
		var val []float64
		for _, g := range sortedInts(sum) {
			idx, val = append(idx, g), append(val, sum[g])
		}
		m.AddRow(name, lo, hi, append(idx, extraIdx...), append(val, extraVal...))
	}
	switch e.spec.Objective {
	case MeanCVaR:
		// CVaR_α = max_η η − 1/(1−α) Σ_f p_f u_f, u_f ≥ η − NPV_f, u_f ≥ 0.
		w, a := e.spec.Weight, e.spec.Alpha
		e.eta = m.AddCol("cvar_eta", w, -highs.Inf, highs.Inf, highs.Continuous)
		for f := range e.Futures {
			u := m.AddCol("cvar_tail@"+e.IDs[f], -w*e.Probabilities[f]/(1-a), 0, highs.Inf, highs.Continuous)
			e.tail = append(e.tail, u)
			// u_f − η + NPV_f ≥ 0, i.e. u_f − η + Σ c x ≥ −offset_f.
			npvRow(f, "cvar_tail@"+e.IDs[f], -e.Futures[f].Model.Offset, highs.Inf, []int{u, e.eta}, []float64{1, -1})
		}
	case MinMaxRegret:
		// maximise −θ, θ ≥ best_f − NPV_f.
		e.theta = m.AddCol("regret_max", -1, -highs.Inf, highs.Inf, highs.Continuous)
		for f := range e.Futures {
			npvRow(f, "regret@"+e.IDs[f], e.spec.Best[f]*moneyScale-e.Futures[f].Model.Offset, highs.Inf, []int{e.theta}, []float64{1})
		}
	}
}

func sortedInts(m map[int]float64) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// FixShared fixes the shared build columns at the counts in builds (modules of
// the shared years; others are ignored) and at 0 for every module builds leaves
// out. The expected result of the expected-value plan (EEV) is the extensive
// form with its shared builds fixed so.
func (e *Extensive) FixShared(builds []ModuleBuild) error {
	p := e.Futures[0]
	x, err := p.BuildValues(builds)
	if err != nil {
		return err
	}
	for b, bv := range p.builds {
		if e.shared[b] {
			g := e.cols[0][bv.Col]
			e.Model.ColLower[g], e.Model.ColUpper[g] = x[bv.Col], x[bv.Col]
		}
	}
	return nil
}

// ExtensiveResult is a solved extensive form: the builds of each future (the
// shared ones identical in all) and the solver's figures.
type ExtensiveResult struct {
	Status string
	// Objective is the extensive objective in USD (for MinMaxRegret, minus the
	// largest regret); DualBound the solver's proven bound on it; MIPGap relative.
	Objective, DualBound, MIPGap float64
	// Builds[f] are future f's new modules, shared and later.
	Builds [][]ModuleBuild
	// NPV[f] is future f's NPV in USD in the extensive solution.
	NPV []float64
	// Values are the solution's column values, a warm start for another solve
	// of the same extensive form.
	Values       []float64
	Stats        Stats
	SolveSeconds float64
	Nodes        int64
}

// Stats returns the size of the extensive form.
func (e *Extensive) Stats() Stats {
	st := Stats{Columns: e.Model.NumCols(), Rows: e.Model.NumRows(), Nonzeros: e.Model.NumNonzeros()}
	for _, t := range e.Model.ColType {
		if t == highs.Integer {
			st.Integers++
		}
	}
	return st
}

// Solve solves the extensive form with the first future's solver settings and
// opt, except that HiGHS's restarts stay on when there are several futures. A WarmStart with one value per column of the extensive form (the Values of
// another solve of it, such as with fixed shared builds) starts HiGHS from that
// plan, with its sub-MIP heuristics off as for a seeded Problem.Solve. An infeasible extensive form (some future cannot be operated with any
// shared plan) returns an error naming the status; the futures' own solves
// explain their conflicts.
func (e *Extensive) Solve(ctx context.Context, opt Options) (*ExtensiveResult, error) {
	start := opt.WarmStart
	opt.WarmStart = nil
	o := e.Futures[0].highsOptions(opt)
	seeded := len(start) == e.Model.NumCols()
	if seeded {
		switchOffSubMIPHeuristics(o.Extra) // highsOptions saw no start: the extensive form's columns are not a future's
	}
	if len(e.Futures) > 1 {
		// Restarts stay on (HiGHS's default) for several futures: a shared
		// build column that reduced-cost fixing fixes empties its plant's
		// operations in every future at once, so the restarted model is much
		// smaller (docs/model.md, "Decisions under uncertainty").
		delete(o.Extra, "mip_allow_restart")
	}
	sv, err := highs.NewSolver(&e.Model, o)
	if err != nil {
		return nil, err
	}
	defer sv.Close()
	if seeded {
		if err := sv.SetSolution(start); err != nil {
			return nil, err
		}
	}
	t0 := time.Now()
	sol, err := sv.Solve(ctx)
	if err != nil {
		return nil, err
	}
	res := &ExtensiveResult{Status: statusWord(sol.Status), Stats: e.Stats(), SolveSeconds: time.Since(t0).Seconds(), Nodes: max(sol.Nodes, 0)}
	if !sol.HasPrimal {
		if sol.Status == highs.Interrupt && ctx.Err() != nil {
			return res, ctx.Err()
		}
		return res, fmt.Errorf("the stochastic program ended %s with no feasible plan", sol.Status)
	}
	res.Objective, res.DualBound, res.MIPGap = sol.Objective/moneyScale, sol.DualBound/moneyScale, sol.MIPGap
	if res.Stats.Integers == 0 || (res.Status == StatusOptimal && res.MIPGap < 0) {
		res.MIPGap, res.DualBound = 0, res.Objective
	}
	res.Values = sol.ColValue
	for f, p := range e.Futures {
		x := make([]float64, p.Model.NumCols())
		for j := range x {
			x[j] = sol.ColValue[e.cols[f][j]]
		}
		res.Builds = append(res.Builds, p.buildsOf(x))
		res.NPV = append(res.NPV, p.Model.ObjectiveValue(x)/moneyScale)
	}
	return res, nil
}

// SharedBuilds returns the builds among builds that fall in shared years.
func (e *Extensive) SharedBuilds(builds []ModuleBuild) []ModuleBuild {
	var out []ModuleBuild
	for _, b := range builds {
		if e.spec.Shared == nil || e.spec.Shared(b.Year) {
			out = append(out, b)
		}
	}
	return out
}

// MeanModel returns the expected-value problem of the futures: the model whose
// objective, bounds and matrix entries are the probability-weighted means of the
// futures' (a missing matrix entry counts as 0). The futures must have the same
// columns by name; rows are matched by name, and a row that some future lacks is
// free (−∞, +∞) in that future, so its mean bounds are infinite and it drops out —
// the mean of a limit and no limit is no limit. The rows that differ between
// futures are those a number switches on or off (a limit given in one future
// only, a valid inequality that holds for some data only).
func (e *Extensive) MeanModel() (*highs.Model, error) {
	base := &e.Futures[0].Model
	for f, p := range e.Futures[1:] {
		if !slices.Equal(p.Model.ColNames, base.ColNames) {
			return nil, fmt.Errorf("futures %s and %s have different columns", e.IDs[0], e.IDs[f+1])
		}
	}
	rowOf := map[string]int{}
	var names []string
	for _, p := range e.Futures {
		for _, n := range p.Model.RowNames {
			if _, ok := rowOf[n]; !ok {
				rowOf[n] = len(names)
				names = append(names, n)
			}
		}
	}
	out := &highs.Model{Sense: base.Sense, ColType: slices.Clone(base.ColType), ColNames: base.ColNames}
	nc, nr := base.NumCols(), len(names)
	out.ColCost, out.ColLower, out.ColUpper = make([]float64, nc), make([]float64, nc), make([]float64, nc)
	lower, upper := make([]float64, nr), make([]float64, nr)
	present := make([]float64, nr) // probability of the futures that have the row
	rows := make([]map[int]float64, nr)
	for r := range rows {
		rows[r] = map[int]float64{}
	}
	for f, p := range e.Futures {
		pm, w := &p.Model, e.Probabilities[f]
		out.Offset += w * pm.Offset
		for j := range nc {
			out.ColCost[j] += w * pm.ColCost[j]
			out.ColLower[j] += w * pm.ColLower[j]
			out.ColUpper[j] += w * pm.ColUpper[j]
		}
		for r := range pm.NumRows() {
			g := rowOf[pm.RowNames[r]]
			lower[g] += w * pm.RowLower[r]
			upper[g] += w * pm.RowUpper[r]
			present[g] += w
			for k := pm.AStart[r]; k < pm.AStart[r+1]; k++ {
				rows[g][pm.AIndex[k]] += w * pm.AValue[k]
			}
		}
	}
	for g, n := range names {
		if present[g] < 1-1e-12 {
			continue // free in some future: no limit on average
		}
		var idx []int
		var val []float64
		for _, j := range sortedInts(rows[g]) {
			idx, val = append(idx, j), append(val, rows[g][j])
		}
		out.AddRow(n, lower[g], upper[g], idx, val)
	}
	if err := out.Validate(); err != nil {
		return nil, fmt.Errorf("internal error: the expected-value model is malformed: %w", err)
	}
	return out, nil
}

// SolveMean solves the expected-value problem (MeanModel) and returns the
// modules its optimum builds, read through the first future's build columns,
// and the solve's status (StatusOptimal, or StatusTimeLimit with the best plan
// found).
func (e *Extensive) SolveMean(ctx context.Context, opt Options) ([]ModuleBuild, string, error) {
	mm, err := e.MeanModel()
	if err != nil {
		return nil, "", err
	}
	p := e.Futures[0]
	sv, err := highs.NewSolver(mm, p.highsOptions(opt))
	if err != nil {
		return nil, "", err
	}
	defer sv.Close()
	sol, err := sv.Solve(ctx)
	if err != nil {
		return nil, "", err
	}
	if !sol.HasPrimal {
		return nil, "", fmt.Errorf("the expected-value problem ended %s with no plan", sol.Status)
	}
	return p.buildsOf(sol.ColValue), statusWord(sol.Status), nil
}

// StartFrom returns a warm start for e from the solution r of an extensive form
// of the same futures and shared years (any objective): r's column values for
// the futures' columns, and the risk or regret columns set from r's NPVs — η at
// the (1−α)-quantile of the NPVs and each u_f = (η − NPV_f)⁺ for mean–CVaR,
// θ = the largest regret for min–max regret. It returns nil when r does not fit.
func (e *Extensive) StartFrom(r *ExtensiveResult) []float64 {
	n := 0
	for f := range e.Futures {
		for _, g := range e.cols[f] {
			n = max(n, g+1)
		}
	}
	if len(r.Values) < n || len(r.NPV) != len(e.Futures) {
		return nil
	}
	x := make([]float64, e.Model.NumCols())
	copy(x, r.Values[:n])
	npv := make([]float64, len(r.NPV))
	for f, v := range r.NPV {
		npv[f] = v * moneyScale
	}
	switch e.spec.Objective {
	case MeanCVaR:
		order := make([]int, len(npv))
		for f := range order {
			order[f] = f
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(npv[a], npv[b]) })
		mass, eta := 0.0, npv[order[len(order)-1]]
		for _, f := range order {
			mass += e.Probabilities[f]
			if mass >= 1-e.spec.Alpha {
				eta = npv[f]
				break
			}
		}
		x[e.eta] = eta
		for f, u := range e.tail {
			x[u] = math.Max(eta-npv[f], 0)
		}
	case MinMaxRegret:
		theta := math.Inf(-1)
		for f := range npv {
			theta = math.Max(theta, e.spec.Best[f]*moneyScale-npv[f])
		}
		x[e.theta] = theta
	}
	return x
}
