// Package stochastic plans under uncertainty: it solves a study (package study)
// as a two-stage stochastic program in extensive form (model.BuildExtensive), each
// future alone (wait-and-see) and the expected-value problem, and reports the plan
// every future shares, its NPV in each future, the regret against each future's
// own optimum, EVPI and VSS. It sits above model, as sweep does: it solves many
// problems and never builds one itself.
package stochastic

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
	"github.com/mineralplan/mineralplan/study"
)

// Options control a stochastic solve.
type Options struct {
	// Objective is model.ExpectedNPV, model.MeanCVaR or model.MinMaxRegret;
	// empty means MeanCVaR when the study has a risk, else ExpectedNPV.
	Objective string
	// Solve are the solver options of every solve (the extensive form, each
	// future alone, the expected-value problem).
	Solve model.Options
	// Workers is how many independent solves (each future alone, each
	// future's plan with the stochastic builds, the regret matrix's cells) run
	// at once; < 1 means GOMAXPROCS. Results do not depend on it.
	Workers int
}

// Future is one future's outcome under the stochastic plan.
type Future struct {
	ID          string
	Probability float64
	// NPV is the future's NPV in USD with the stochastic plan's builds and the
	// best operations for them; WaitAndSee its NPV with its own optimal plan;
	// Regret = WaitAndSee − NPV.
	NPV, WaitAndSee, Regret float64
	// Plan is the checked plan of the future (shared builds, its own later
	// builds, re-optimised operations); Own is its wait-and-see plan.
	Plan, Own *model.Plan
	// Later are the future's builds after the shared years.
	Later []model.ModuleBuild
}

// Result is a solved study.
type Result struct {
	Study     *study.Study
	Objective string
	// Status is the extensive form's solver status (optimal or time_limit).
	Status string
	// ObjectiveValue is the objective recomputed from the futures' NPVs, in USD:
	// E[NPV], (1−w)·E[NPV] + w·CVaR, or minus the largest regret.
	ObjectiveValue float64
	// SolverObjective, DualBound and MIPGap are the extensive form's as HiGHS
	// reports them (USD).
	SolverObjective, DualBound, MIPGap float64
	ExpectedNPV                        float64
	// CVaR is CVaR_α of the NPV distribution (USD), when the study has a risk.
	CVaR *float64
	// WaitAndSee is Σ p_f · (future f's own optimal NPV), USD.
	WaitAndSee float64
	// EVPI = WaitAndSee − ExpectedNPV (USD).
	EVPI float64
	// EEV is the expected NPV of the expected-value plan's shared builds with the
	// best later builds and operations in each future; VSS = ExpectedNPV − EEV.
	// Both are nil when the expected-value problem cannot be formed or its plan
	// cannot be operated in every future; VSSNote says why.
	EEV, VSS *float64
	VSSNote  string
	// EVBuilds are the expected-value problem's shared builds.
	EVBuilds []model.ModuleBuild
	// Shared are the builds of the shared years, the same in every future.
	Shared    []model.ModuleBuild
	Futures   []Future
	MaxRegret float64
	Stats     model.Stats
	// SolveSeconds is the extensive form's solve time.
	SolveSeconds float64
	// evUnproven are the expected-value solves that stopped before their proof.
	evUnproven []string
}

// Unproven lists, one line each, the solves that stopped (at a time limit)
// before proving their plan optimal, and the figures that rest on them: the
// stochastic plan (expected NPV, CVaR, regrets, EVPI, VSS), a future's own plan
// (its wait-and-see NPV and regret, the EVPI), the expected-value problem and
// its plan (EEV, VSS). With any of them the figures are those of the best plans
// found and need not obey EVPI ≥ 0 or VSS ≥ 0. It is empty when every solve
// was proven.
func (res *Result) Unproven() []string {
	var out []string
	if res.Status != model.StatusOptimal {
		out = append(out, fmt.Sprintf("the stochastic plan: the solve ended %s at a gap of %.3g%%, so its expected NPV, regrets, EVPI and VSS are those of the best plan found", res.Status, 100*res.MIPGap))
	}
	for _, fu := range res.Futures {
		if fu.Own != nil && fu.Own.Status != model.StatusOptimal {
			out = append(out, fmt.Sprintf("%s on its own: the solve ended %s, so its wait-and-see NPV, its regret and the EVPI rest on the best plan found", fu.ID, fu.Own.Status))
		}
	}
	return append(out, res.evUnproven...)
}

// Solve solves the study. A future that is infeasible on its own returns the
// model's *InfeasibleError for it, which explains the conflict.
func Solve(ctx context.Context, st *study.Study, opt Options) (*Result, error) {
	if opt.Objective == "" {
		opt.Objective = model.ExpectedNPV
		if st.Risk != nil {
			opt.Objective = model.MeanCVaR
		}
	}
	if opt.Objective == model.MeanCVaR && st.Risk == nil {
		return nil, errors.New("the cvar objective needs the study's risk: {measure: cvar, alpha: A, weight: W}")
	}
	opt.Solve.Marginals = false
	res := &Result{Study: st, Objective: opt.Objective}
	ids := make([]string, len(st.Futures))
	probs := st.Probabilities()
	res.Futures = make([]Future, len(st.Futures))
	for f, fu := range st.Futures {
		ids[f] = fu.ID
		res.Futures[f] = Future{ID: fu.ID, Probability: fu.Probability}
	}
	waitAndSee := func(f int) error {
		fu := st.Futures[f]
		own, err := model.Solve(ctx, fu.Scenario, opt.Solve)
		if err != nil {
			return fmt.Errorf("future %s on its own: %w", fu.ID, err)
		}
		res.Futures[f].WaitAndSee, res.Futures[f].Own = own.NPV, own
		return nil
	}
	var (
		ext *model.Extensive
		sol *model.ExtensiveResult
	)
	// extensive builds and solves the extensive form, started from the
	// expected-value plan evaluated in every future (a plan of the extensive
	// form); best are the futures' own optimal NPVs, which only the regret
	// objective reads.
	extensive := func(best []float64) error {
		spec := model.ExtensiveSpec{Objective: opt.Objective, Best: best, Shared: st.SharedYear}
		if st.DecideBy == 0 {
			spec.Shared = nil
		}
		if st.Risk != nil {
			spec.Alpha, spec.Weight = st.Risk.Alpha, st.Risk.Weight
		}
		var err error
		if ext, err = model.BuildExtensive(futureScenarios(st), ids, probs, spec); err != nil {
			return err
		}
		eev := res.expectedValue(ctx, st, ids, probs, opt.Solve)
		seeded := opt.Solve
		if eev != nil {
			seeded.WarmStart = ext.StartFrom(eev)
		}
		sol, err = ext.Solve(ctx, seeded)
		return err
	}
	if opt.Objective == model.MinMaxRegret {
		// The regret objective needs every future's own optimum first.
		if err := forEach(len(st.Futures), opt.Workers, waitAndSee); err != nil {
			return nil, err
		}
		if err := extensive(res.ownNPVs()); err != nil {
			return nil, err
		}
	} else {
		// The extensive form, the longest solve, runs alongside the futures'
		// own solves, handed out first. A future's own error (which explains
		// an infeasible future) is reported before the extensive form's.
		var extErr error
		err := forEach(len(st.Futures)+1, opt.Workers, func(i int) error {
			if i == 0 {
				extErr = extensive(nil)
				return nil
			}
			return waitAndSee(i - 1)
		})
		if err != nil {
			return nil, err
		}
		if extErr != nil {
			return nil, extErr
		}
	}
	for _, fu := range res.Futures {
		res.WaitAndSee += fu.Probability * fu.WaitAndSee
	}
	res.Status, res.SolverObjective, res.DualBound, res.MIPGap = sol.Status, sol.Objective, sol.DualBound, sol.MIPGap
	res.Stats, res.SolveSeconds = sol.Stats, sol.SolveSeconds
	res.Shared = ext.SharedBuilds(sol.Builds[0])
	for f := range res.Futures {
		if got := ext.SharedBuilds(sol.Builds[f]); !slices.Equal(got, res.Shared) {
			return nil, fmt.Errorf("internal error: future %s's shared builds %v differ from future %s's %v", ids[f], got, ids[0], res.Shared)
		}
	}
	err := forEach(len(res.Futures), opt.Workers, func(f int) error {
		fu := &res.Futures[f]
		for _, b := range sol.Builds[f] {
			if !st.SharedYear(b.Year) {
				fu.Later = append(fu.Later, b)
			}
		}
		plan, err := operate(ctx, ext.Futures[f], sol.Builds[f], fu.Own.DualBound, opt.Solve)
		if err != nil {
			return fmt.Errorf("future %s with the stochastic plan: %w", fu.ID, err)
		}
		fu.Plan, fu.NPV = plan, plan.NPV
		fu.Regret = fu.WaitAndSee - fu.NPV
		return nil
	})
	if err != nil {
		return nil, err
	}
	npv := res.npvs()
	res.ExpectedNPV = Expectation(npv, probs)
	res.EVPI = res.WaitAndSee - res.ExpectedNPV
	for _, fu := range res.Futures {
		res.MaxRegret = max(res.MaxRegret, fu.Regret)
	}
	if st.Risk != nil {
		c := CVaR(npv, probs, st.Risk.Alpha)
		res.CVaR = &c
	}
	switch opt.Objective {
	case model.ExpectedNPV:
		res.ObjectiveValue = res.ExpectedNPV
	case model.MeanCVaR:
		res.ObjectiveValue = (1-st.Risk.Weight)*res.ExpectedNPV + st.Risk.Weight**res.CVaR
	case model.MinMaxRegret:
		res.ObjectiveValue = -res.MaxRegret
	}
	if res.EEV != nil {
		vss := res.ExpectedNPV - *res.EEV
		res.VSS = &vss
	}
	return res, nil
}

// operate returns the checked plan of problem p with exactly builds and the best
// operations for them (model.Problem.SolveWithBuilds); bound is the future's
// proven bound on its NPV.
func operate(ctx context.Context, p *model.Problem, builds []model.ModuleBuild, bound float64, opt model.Options) (*model.Plan, error) {
	plan, _, err := p.SolveWithBuilds(ctx, builds, bound, opt)
	return plan, err
}

func futureScenarios(st *study.Study) []*scenarios.Scenario {
	out := make([]*scenarios.Scenario, len(st.Futures))
	for f, fu := range st.Futures {
		out[f] = fu.Scenario
	}
	return out
}

// expectedValue solves the expected-value problem and evaluates its shared
// builds in every future (EEV, the expected-NPV extensive form with those builds
// fixed), setting EVBuilds and EEV, or VSSNote when it cannot. It returns the
// solution of that evaluation.
func (res *Result) expectedValue(ctx context.Context, st *study.Study, ids []string, probs []float64, opt model.Options) *model.ExtensiveResult {
	spec := model.ExtensiveSpec{Shared: st.SharedYear}
	if st.DecideBy == 0 {
		spec.Shared = nil
	}
	fixed, err := model.BuildExtensive(futureScenarios(st), ids, probs, spec)
	if err != nil {
		res.VSSNote = "the expected-value problem was not built: " + err.Error()
		return nil
	}
	ev, status, err := fixed.SolveMean(ctx, opt)
	if err != nil {
		res.VSSNote = "the expected-value problem was not solved: " + err.Error()
		return nil
	}
	if status != model.StatusOptimal {
		res.evUnproven = append(res.evUnproven, fmt.Sprintf("the expected-value problem: the solve ended %s, so its plan is the best found", status))
	}
	res.EVBuilds = fixed.SharedBuilds(ev)
	if err := fixed.FixShared(res.EVBuilds); err != nil {
		res.VSSNote = "the expected-value plan could not be fixed: " + err.Error()
		return nil
	}
	sol, err := fixed.Solve(ctx, opt)
	if err != nil {
		res.VSSNote = "the expected-value plan cannot be operated in every future: " + err.Error()
		return nil
	}
	if sol.Status != model.StatusOptimal {
		res.evUnproven = append(res.evUnproven, fmt.Sprintf("the expected-value plan in every future: the solve ended %s, so the EEV is the best found", sol.Status))
	}
	eev := Expectation(sol.NPV, probs)
	res.EEV = &eev
	return sol
}

// ownNPVs are the futures' own optimal NPVs (wait-and-see), USD.
func (res *Result) ownNPVs() []float64 {
	out := make([]float64, len(res.Futures))
	for f, fu := range res.Futures {
		out[f] = fu.WaitAndSee
	}
	return out
}

func (res *Result) npvs() []float64 {
	out := make([]float64, len(res.Futures))
	for f, fu := range res.Futures {
		out[f] = fu.NPV
	}
	return out
}

// Expectation returns Σ p_i v_i.
func Expectation(v, p []float64) float64 {
	s := 0.0
	for i := range v {
		s += p[i] * v[i]
	}
	return s
}

// CVaR returns the conditional value at risk at level alpha of the discrete
// distribution of v with probabilities p: the expected value of the worst
// (lowest) 1−alpha of probability, a fraction of an outcome's probability
// counted where the tail boundary splits it. It equals
// max_η η − Σ p_i (η − v_i)⁺ / (1−alpha), the form the extensive model uses.
func CVaR(v, p []float64, alpha float64) float64 {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	tail := 1 - alpha
	left, sum := tail, 0.0
	for _, i := range idx {
		take := math.Min(p[i], left)
		sum += take * v[i]
		left -= take
		if left <= 0 {
			break
		}
	}
	return sum / tail
}

// Scenario returns the future's scenario in the study.
func (fu Future) Scenario(st *study.Study) *scenarios.Scenario {
	for _, f := range st.Futures {
		if f.ID == fu.ID {
			return f.Scenario
		}
	}
	return nil
}

// fmtBuilds writes builds as site/technology/size@year×count, comma-separated.
func fmtBuilds(bs []model.ModuleBuild) string {
	s := ""
	for i, b := range bs {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s/%s/%s@%d×%d", b.Site, b.Technology, b.Size, b.Year, b.Count)
	}
	if s == "" {
		return "nothing"
	}
	return s
}
