package model

import (
	"context"
	"fmt"
	"maps"
	"os"
	"strings"
	"time"

	"github.com/mineralplan/mineralplan/highs"
	"github.com/mineralplan/mineralplan/scenarios"
)

// Options control a solve. Zero values take the scenario's solver settings.
type Options struct {
	TimeLimit time.Duration // 0: the scenario's time_limit (0 there: none)
	MIPGap    float64       // 0: the scenario's mip_gap (default 1e-4)
	// Threads for HiGHS; 0: the scenario's threads, and 1 when that is 0 too, so
	// that a plan is the same on every machine.
	Threads int
	// Progress receives HiGHS's improving MIP solutions (optional).
	Progress func(highs.Progress)
	// Marginals re-solves the LP with the integer decisions fixed and reports
	// the duals of the limits in scenario terms.
	Marginals bool
	// WarmStart, when it has one value per column of the built model, is given to
	// HiGHS as a starting solution, and HiGHS's sub-MIP heuristics are switched
	// off where the linked HiGHS can (see seededMIPOptions).
	WarmStart []float64
	// Deadline, when set, bounds every HiGHS call of the solve — the MIP, the LP
	// with the plants fixed, the marginal values, an infeasibility's explanation
	// — to the time left before it (at least a millisecond each). Solve sets it
	// from the time limit, so that the limit holds for the whole solve.
	Deadline time.Time
}

// Status words reported in plans.
const (
	StatusOptimal   = "optimal"
	StatusTimeLimit = "time_limit"
	// StatusInterrupted: the solve was stopped by Ctrl-C or SIGTERM; like
	// time_limit, a plan with this status is the best found so far.
	StatusInterrupted = "interrupted"
	StatusInfeasible  = "infeasible"
	StatusUnbounded   = "unbounded"
	StatusError       = "error"
)

// InfeasibleError is returned when a scenario has no feasible plan. Conflicts
// names the requirements that cannot all be met, in scenario terms.
type InfeasibleError struct {
	Scenario  string
	Conflicts []Conflict
}

func (e *InfeasibleError) Error() string {
	msg := fmt.Sprintf("scenario %s has no feasible plan", e.Scenario)
	if len(e.Conflicts) == 0 {
		return msg
	}
	msg += ":"
	for _, c := range e.Conflicts {
		msg += "\n  " + c.String()
	}
	return msg
}

// HasPlan reports whether a plan with this status carries a feasible plan
// (optimal, or the best found before a time limit or an interruption).
func HasPlan(status string) bool {
	return status == StatusOptimal || status == StatusTimeLimit || status == StatusInterrupted
}

// NoPlanError is returned when a solve stopped (at its time limit, or
// interrupted) before it found any feasible plan. It is not a failure of the
// model: a longer time limit may find one.
type NoPlanError struct {
	Scenario string
	Status   string // StatusTimeLimit or StatusInterrupted
}

func (e *NoPlanError) Error() string {
	if e.Status == StatusInterrupted {
		return fmt.Sprintf("scenario %s: interrupted before any feasible plan was found", e.Scenario)
	}
	return fmt.Sprintf("scenario %s: the time limit was reached before any feasible plan was found; raise --time-limit", e.Scenario)
}

// Limit is the time limit of a solve of s with these options: TimeLimit, else
// the scenario's solver.time_limit; 0 for none.
func (opt Options) Limit(s *scenarios.Scenario) time.Duration {
	if opt.TimeLimit == 0 && s.Solver.TimeLimit > 0 {
		return time.Duration(s.Solver.TimeLimit * float64(time.Second))
	}
	return opt.TimeLimit
}

// Solve builds the scenario's MILP, solves it with HiGHS, checks the plan
// independently and returns it. A plan with Status time_limit is the best found;
// for an infeasible scenario Solve returns the plan (Status infeasible) and an
// *InfeasibleError that explains the conflict.
func Solve(ctx context.Context, s *scenarios.Scenario, opt Options) (*Plan, error) {
	t0 := time.Now()
	p, err := Build(s)
	if err != nil {
		return nil, err
	}
	buildTime := time.Since(t0)
	// A time limit is the whole command's: building the model counts, so HiGHS
	// gets what is left (at least a millisecond, so it stops at once with what
	// it has).
	limit := opt.Limit(s)
	if limit > 0 {
		opt.TimeLimit = max(limit-buildTime, time.Millisecond)
		if d := t0.Add(limit); opt.Deadline.IsZero() || d.Before(opt.Deadline) {
			opt.Deadline = d
		}
	}
	plan, sol, err := p.Solve(ctx, opt)
	if plan != nil {
		plan.BuildSeconds = buildTime.Seconds()
	}
	if err != nil {
		return plan, err
	}
	if opt.Marginals && plan.Status == StatusOptimal && (p.objectiveKind == "npv" || p.objectiveKind == "cost") {
		m, err := p.marginalValues(ctx, sol, opt)
		if err != nil {
			return plan, fmt.Errorf("marginal values: %w", err)
		}
		plan.Marginals = m
	}
	return plan, nil
}

// multiPeriodOptions are the HiGHS options a MIP with more than one modelled
// year is solved with (docs/model.md, "Solving", gives the measurements behind
// the rule).
//
// mip_allow_restart=false: HiGHS restarts its root node when reduced-cost fixing
// has fixed enough integer columns, and then repeats presolve, cut rounds and root
// heuristics. In a multi-period plan a plant built in one year is linked to its
// modules in every later year, so fixing columns rarely shrinks the model much,
// and the repetition costs more than it saves. A one-period model (a facility-
// location instance, where fixing a warehouse closed removes its whole
// assignment block) gains from the restart and keeps HiGHS's default.
//
// HiGHS's mip_root_presolve_only is deliberately not used: with it, HiGHS 1.10
// declares some feasible models infeasible at the root (TestRootPresolveOnlyCase).
var multiPeriodOptions = map[string]any{"mip_allow_restart": false}

// mipOptions returns the options p's MIP is solved with beyond the solve's own
// (gap, threads, seed, time limit): multiPeriodOptions when p has more than one
// modelled year, none otherwise.
func (p *Problem) mipOptions() map[string]any {
	if len(p.Years) > 1 {
		return maps.Clone(multiPeriodOptions)
	}
	return map[string]any{}
}

// seededMIPOptions switch off HiGHS's sub-MIP primal heuristics (reduced-cost
// fixing and RENS at the root, RINS and RENS in dives) for a solve that is handed
// a starting plan. Those sub-MIPs search for good plans; given one — in a sweep,
// the plan of a solved neighbour, often the optimum itself — they mostly rediscover
// it, and they take most of the solve, because HiGHS grants them a fixed 10,000
// LP iterations before its effort budget applies. The options exist in HiGHS
// releases after 1.10 and in the patched 1.10.0 that scripts/install-highs.sh
// builds; with a HiGHS that lacks them, the solve runs as before.
var seededMIPOptions = []string{"mip_heuristic_run_root_reduced_cost", "mip_heuristic_run_rens", "mip_heuristic_run_rins"}

// switchOffSubMIPHeuristics switches off, in the HiGHS options extra, the seededMIPOptions the
// linked HiGHS has.
func switchOffSubMIPHeuristics(extra map[string]any) {
	for _, name := range seededMIPOptions {
		if highs.HasOption(name) {
			extra[name] = false
		}
	}
}

// highsOptions turns solve options and the scenario's settings into HiGHS's.
func (p *Problem) highsOptions(opt Options) highs.Options {
	s := p.Scenario.Solver
	o := highs.Options{TimeLimit: opt.Limit(p.Scenario), MIPRelGap: opt.MIPGap, Threads: opt.Threads,
		RandomSeed: s.Seed, Progress: opt.Progress, Extra: p.mipOptions()}
	if len(opt.WarmStart) == p.Model.NumCols() {
		switchOffSubMIPHeuristics(o.Extra)
	}
	if !opt.Deadline.IsZero() {
		left := max(time.Until(opt.Deadline), time.Millisecond)
		if o.TimeLimit == 0 || left < o.TimeLimit {
			o.TimeLimit = left
		}
	}
	if o.MIPRelGap == 0 {
		o.MIPRelGap = s.MIPGap
	}
	if o.Threads == 0 {
		o.Threads = max(s.Threads, 1)
	}
	return o
}

// Solve solves a built problem and returns the checked plan and the HiGHS
// solution it was read from: for a MIP, that of the LP with the plants fixed (see
// polish), which also carries the duals.
func (p *Problem) Solve(ctx context.Context, opt Options) (*Plan, *highs.Solution, error) {
	o := p.highsOptions(opt)
	t0 := time.Now()
	sol, err := p.solveMIP(ctx, o, opt.WarmStart)
	if err != nil {
		return nil, nil, err
	}
	if sol.Status == highs.Infeasible && len(o.Extra) > 0 {
		// An infeasibility found with options changed from HiGHS's defaults is
		// confirmed with the defaults before it is reported or explained: a
		// wrong "infeasible" would otherwise reach the user as a conflict that
		// cannot be found.
		o.Extra = nil
		o.TimeLimit = p.highsOptions(opt).TimeLimit
		if sol, err = p.solveMIP(ctx, o, nil); err != nil {
			return nil, nil, err
		}
	}
	if sol.Status == highs.Infeasible {
		// HiGHS 1.10's presolve declares some feasible models infeasible
		// (TestPresolveInfeasibleCase), with its defaults too; an infeasibility
		// stands only when the MIP without presolve finds it as well.
		o.Extra = map[string]any{"presolve": "off"}
		o.TimeLimit = p.highsOptions(opt).TimeLimit
		if sol, err = p.solveMIP(ctx, o, nil); err != nil {
			return nil, nil, err
		}
	}
	solveTime := time.Since(t0)

	status := statusWord(sol.Status)
	if sol.Status == highs.Interrupt && ctx.Err() != nil {
		status = StatusInterrupted
	}
	plan := &Plan{Scenario: p.Scenario.Name, Status: status, ObjectiveKind: p.objectiveKind, ObjectiveUnit: ObjectiveUnit(p.objectiveKind),
		Budget: p.Scenario.Budget.Total.USD, Stats: p.Stats(), SolveSeconds: solveTime.Seconds(),
		Nodes: max(sol.Nodes, 0), LPIterations: sol.SimplexIterations}
	if len(opt.WarmStart) == p.Model.NumCols() {
		v := p.objectiveToScenario(p.Model.ObjectiveValue(opt.WarmStart))
		plan.StartObjective = &v
	}
	switch {
	case status == StatusInfeasible:
		conflicts, err := p.explainInfeasible(ctx, opt)
		if err != nil {
			return plan, sol, fmt.Errorf("scenario %s has no feasible plan, and explaining why failed: %w", p.Scenario.Name, err)
		}
		return plan, sol, &InfeasibleError{Scenario: p.Scenario.Name, Conflicts: conflicts}
	case status == StatusUnbounded:
		return plan, sol, fmt.Errorf("scenario %s is unbounded: some profit has no limit; give markets a demand cap or feedstocks an availability", p.Scenario.Name)
	case !sol.HasPrimal:
		if status == StatusTimeLimit || status == StatusInterrupted {
			return plan, sol, &NoPlanError{Scenario: p.Scenario.Name, Status: status}
		}
		return plan, sol, fmt.Errorf("HiGHS stopped with status %s and no feasible plan", sol.Status)
	}
	final, err := p.polish(ctx, sol, opt)
	if err != nil {
		return plan, sol, err
	}
	got, err := p.extract(final.ColValue)
	if err != nil {
		return plan, final, err
	}
	got.Status, got.Stats, got.SolveSeconds = status, plan.Stats, time.Since(t0).Seconds()
	got.Nodes, got.LPIterations, got.StartObjective = plan.Nodes, plan.LPIterations, plan.StartObjective
	if final != sol {
		got.LPIterations += final.SimplexIterations
	}
	got.Objective = p.objectiveToScenario(final.Objective)
	got.DualBound = p.objectiveToScenario(sol.DualBound)
	got.MIPGap = sol.MIPGap
	if got.Stats.Integers == 0 || (status == StatusOptimal && got.MIPGap < 0) {
		// A pure LP (every plant already exists) has no MIP gap or bound.
		got.MIPGap, got.DualBound = 0, got.Objective
	}
	if err := Check(p.Scenario, got); err != nil {
		return got, final, fmt.Errorf("the plan HiGHS returned fails the independent check: %w", err)
	}
	return got, final, nil
}

// solveMIP solves p's model once with options o, from start when it has one
// value per column.
func (p *Problem) solveMIP(ctx context.Context, o highs.Options, start []float64) (*highs.Solution, error) {
	sv, err := highs.NewSolver(&p.Model, o)
	if err != nil {
		return nil, err
	}
	defer sv.Close()
	if len(start) == p.Model.NumCols() {
		if err := sv.SetSolution(start); err != nil {
			return nil, err
		}
	}
	return sv.Solve(ctx)
}

// polish returns the solution the plan is read from: for a MIP, the LP with every
// integer column fixed at its rounded value. HiGHS accepts an integer column up
// to its integrality tolerance (10⁻⁶) away from an integer, and the continuous
// columns may lean on that fraction: a plant rounded to 0 modules could still
// show a few grams of throughput. The fixed LP gives flows that fit the rounded
// plants exactly, and its duals are the plan's marginal values. When that LP has
// no optimal solution (the rounding broke a row by more than HiGHS's
// tolerances), HiGHS's MIP solution is returned and Check decides.
func (p *Problem) polish(ctx context.Context, sol *highs.Solution, opt Options) (*highs.Solution, error) {
	if len(p.builds) == 0 { // the build columns are the only integer ones
		return sol, nil
	}
	lp := p.fixedLP(sol.ColValue)
	fixed, err := p.solveDerived(ctx, &lp, opt)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("the LP with the plan's plants fixed: %w", err)
	}
	if fixed.Status != highs.Optimal || !fixed.HasPrimal {
		return sol, nil
	}
	return fixed, nil
}

// objectiveToScenario converts a HiGHS objective value into the plan's unit.
func (p *Problem) objectiveToScenario(v float64) float64 {
	switch p.objectiveKind {
	case "npv", "cost":
		return v / moneyScale
	case "security":
		return v * 1e3 // kt → t
	}
	return v
}

// statusWord maps HiGHS's model status to the words plans use.
func statusWord(st highs.ModelStatus) string {
	switch st {
	case highs.Optimal:
		return StatusOptimal
	case highs.Infeasible:
		return StatusInfeasible
	case highs.Unbounded, highs.UnboundedOrInfeasible:
		return StatusUnbounded
	case highs.TimeLimit, highs.IterationLimit, highs.SolutionLimit, highs.Interrupt:
		return StatusTimeLimit
	}
	return StatusError
}

// WriteModel writes the problem as an MPS (.mps) or LP (.lp) file with its names,
// for any other solver. MPS is written by highs.Model.WriteMPS, with every number
// exact, so a solver reading it solves the very model Solve hands HiGHS; LP by
// HiGHS, which rounds numbers to about ten significant digits.
func (p *Problem) WriteModel(path string) error {
	if strings.HasSuffix(path, ".mps") {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := p.Model.WriteMPS(f, p.Scenario.Name); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	sv, err := highs.NewSolver(&p.Model, highs.Options{})
	if err != nil {
		return err
	}
	defer sv.Close()
	return sv.WriteModel(path)
}
