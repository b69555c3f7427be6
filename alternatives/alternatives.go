// Package alternatives finds near-optimal alternatives of a scenario's plan
// (modelling to generate alternatives): plans whose NPV is within a slack of the
// optimum and whose (site, technology) choices differ from the optimum and from
// each other as much as possible. It answers "which site choices are forced,
// which are free?". It sits above model: it solves, model builds.
package alternatives

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// Options control the search.
type Options struct {
	// Slack is the NPV an alternative may give up, as a share of |optimum| (≥ 0).
	Slack float64
	// Count is the most alternatives returned (≥ 1).
	Count int
	Solve model.Options
}

// Alternative is one near-optimal plan.
type Alternative struct {
	// Name is alt-1, alt-2, … in the order found.
	Name string
	Plan *model.Plan
	// Pairs are the (site, technology) pairs it builds at.
	Pairs []model.SiteTech
	// Distance is the smallest Hamming distance of its pairs to the optimum's and
	// every earlier alternative's (what the search maximised); ToOptimum the
	// distance to the optimum's.
	Distance, ToOptimum int
}

// Result is the optimum and its alternatives.
type Result struct {
	Scenario *scenarios.Scenario
	Optimum  *model.Plan
	Pairs    []model.SiteTech // the optimum's
	// Floor is the NPV every alternative reaches: optimum − Slack·|optimum| (USD).
	Floor        float64
	Slack        float64
	Alternatives []Alternative
	// Choices are the optimum's pairs, in its order, each forced or not.
	Choices []Choice
	// Stopped, when not empty, says why the search for a further alternative
	// ended before deciding whether there is one (a time limit).
	Stopped string
}

// Incomplete lists what the result leaves unproven, one line each: an optimum
// or alternative whose search stopped (at a time limit) before its proof, a
// search that stopped with no plan, a choice left undecided. It is empty when
// every figure is proven.
func (r *Result) Incomplete() []string {
	var out []string
	if r.Optimum.Status != model.StatusOptimal {
		out = append(out, fmt.Sprintf("optimum: the solve ended %s, so the floor is measured from the best plan found", r.Optimum.Status))
	}
	for _, a := range r.Alternatives {
		if a.Plan.Status != model.StatusOptimal {
			out = append(out, fmt.Sprintf("%s: the search ended %s, so its distance %d is the largest found, not proven the largest", a.Name, a.Plan.Status, a.Distance))
		}
	}
	if r.Stopped != "" {
		out = append(out, r.Stopped)
	}
	for _, c := range r.Choices {
		if c.Undecided {
			out = append(out, fmt.Sprintf("%s/%s: the search for a plan without it ended before deciding whether it is forced", c.Pair.Site, c.Pair.Technology))
		}
	}
	return out
}

// Choice is one of the optimum's (site, technology) pairs and whether some plan
// within the slack does without it.
type Choice struct {
	Pair model.SiteTech
	// Forced is true when every plan within the slack builds it: no alternative
	// does without it, and no plan without it reaches the floor (model.Problem.
	// Without proves there is none).
	Forced bool
	// Without names a plan within the slack that does without it when it is not
	// forced: the first alternative that does, else "search" (the plan that
	// Without found); empty when forced. WithoutNPV is that plan's NPV (USD).
	Without    string
	WithoutNPV float64
	// Undecided is true when the search for a plan without it ended (at the
	// time limit) before deciding; Forced is then false and Without empty.
	Undecided bool
}

// Find solves the scenario, then up to opt.Count alternatives, each maximising
// its smallest distance to the plans found before it (model.Problem.NearOptimal).
// It stops early when no further plan within the slack differs from all found.
// Every alternative is checked here: within the slack, and different from every
// earlier plan.
func Find(ctx context.Context, s *scenarios.Scenario, opt Options) (*Result, error) {
	if opt.Slack < 0 || opt.Count < 1 {
		return nil, errors.New("alternatives need --slack ≥ 0 and --count ≥ 1")
	}
	opt.Solve.Marginals = false
	p, err := model.Build(s)
	if err != nil {
		return nil, err
	}
	best, _, err := p.Solve(ctx, opt.Solve)
	if err != nil {
		return nil, err
	}
	if best.ObjectiveKind != "npv" {
		return nil, fmt.Errorf("alternatives need objective kind npv, not %s", best.ObjectiveKind)
	}
	res := &Result{Scenario: s, Optimum: best, Pairs: model.SiteTechs(best.Builds()), Slack: opt.Slack}
	res.Floor = best.NPV - opt.Slack*math.Abs(best.NPV)
	found := [][]model.SiteTech{res.Pairs}
	// most is the largest distance the next alternative can reach: each search
	// adds plans to avoid, so its largest distance is at most the previous one's
	// when that one was proven (status optimal); 0 while unknown.
	most := 0
	for k := 1; k <= opt.Count; k++ {
		plan, err := p.NearOptimal(ctx, math.Max(best.NPV, best.DualBound), res.Floor, found, most, opt.Solve)
		if errors.Is(err, model.ErrUndecided) && ctx.Err() == nil {
			res.Stopped = fmt.Sprintf("alt-%d: %s, so whether a further alternative exists is undecided", k, strings.TrimPrefix(err.Error(), model.ErrUndecided.Error()+": "))
			break
		}
		if err != nil {
			return nil, fmt.Errorf("alternative %d: %w", k, err)
		}
		if plan == nil {
			break
		}
		pairs := model.SiteTechs(plan.Builds())
		if plan.NPV < res.Floor-1e-6*math.Max(1, math.Abs(res.Floor)) {
			return nil, fmt.Errorf("internal error: alternative %d has NPV %.2f, below the floor %.2f", k, plan.NPV, res.Floor)
		}
		a := Alternative{Name: fmt.Sprintf("alt-%d", k), Plan: plan, Pairs: pairs, Distance: math.MaxInt, ToOptimum: model.Hamming(pairs, res.Pairs)}
		for _, f := range found {
			a.Distance = min(a.Distance, model.Hamming(pairs, f))
		}
		if a.Distance < 1 {
			return nil, fmt.Errorf("internal error: alternative %d repeats an earlier plan's site and technology choices", k)
		}
		if most > 0 && a.Distance > most {
			return nil, fmt.Errorf("internal error: alternative %d is at distance %d, beyond the proven largest %d", k, a.Distance, most)
		}
		if plan.Status == model.StatusOptimal {
			most = a.Distance
		}
		res.Alternatives = append(res.Alternatives, a)
		found = append(found, pairs)
	}
	if err := res.classify(ctx, p, math.Max(best.NPV, best.DualBound), opt.Solve); err != nil {
		return nil, err
	}
	return res, nil
}

// classify decides, for each of the optimum's pairs, whether it is forced: a
// pair that some alternative does without is not; for any other, p.Without
// searches for a plan within the slack without it. Every plan it finds is
// checked here: within the slack, and without the pair. A search stopped by its
// time limit leaves the pair undecided; one stopped by ctx (an interrupt) is an
// error, as in the alternatives' searches.
func (r *Result) classify(ctx context.Context, p *model.Problem, bound float64, opt model.Options) error {
	for _, pair := range r.Pairs {
		c := Choice{Pair: pair, Forced: true}
		for _, a := range r.Alternatives {
			if !slices.Contains(a.Pairs, pair) {
				c.Forced, c.Without, c.WithoutNPV = false, a.Name, a.Plan.NPV
				break
			}
		}
		if c.Forced {
			plan, err := p.Without(ctx, pair, bound, r.Floor, opt)
			if errors.Is(err, model.ErrUndecided) && ctx.Err() == nil {
				c.Forced, c.Undecided = false, true
				r.Choices = append(r.Choices, c)
				continue
			}
			if err != nil {
				return fmt.Errorf("a plan without %s/%s: %w", pair.Site, pair.Technology, err)
			}
			if plan != nil {
				if plan.NPV < r.Floor-1e-6*math.Max(1, math.Abs(r.Floor)) || slices.Contains(model.SiteTechs(plan.Builds()), pair) {
					return fmt.Errorf("internal error: the plan found without %s/%s has NPV %.2f (floor %.2f) and pairs %v", pair.Site, pair.Technology, plan.NPV, r.Floor, model.SiteTechs(plan.Builds()))
				}
				c.Forced, c.Without, c.WithoutNPV = false, "search", plan.NPV
			}
		}
		r.Choices = append(r.Choices, c)
	}
	return nil
}
