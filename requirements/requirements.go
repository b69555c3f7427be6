// Package requirements prices a plan's hard requirements: for each market
// minimum, recovery target, China-share cap and minimum security the scenario
// imposes, the NPV the plan gives up to meet it, from a re-solve of the scenario
// without it (docs/model.md, "Cost of the hard requirements"). It solves several
// scenarios, so it sits above package model.
package requirements

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// Requirement is one hard requirement of a scenario and the --set that removes it.
type Requirement struct {
	Kind    string // required, recovery, china_share or min_security
	Subject string // market, recovery target or material id; "security"
	Without string // the --set that removes it
}

// Hard lists the scenario's hard requirements that make rows in the model,
// sorted by kind and subject:
//   - required: a market with a required minimum above 0 in some modelled year,
//     unless policy.shortfall_penalty makes minimums soft;
//   - recovery: every recovery target with a share above 0 in some modelled year;
//   - china_share: a cap on a material that some import of China origin offers
//     (without one, the cap makes no row and cannot bind);
//   - min_security: objective.min_security, when set.
func Hard(s *scenarios.Scenario) []Requirement {
	var out []Requirement
	years := s.Years()
	positive := func(at func(int) float64) bool {
		for _, y := range years {
			if at(y) > 0 {
				return true
			}
		}
		return false
	}
	if s.Policy.ShortfallPenalty == nil {
		for _, m := range s.Markets {
			if m.Required != nil && positive(m.Required.At) {
				out = append(out, Requirement{"required", m.ID, fmt.Sprintf("markets[%s].required=null", m.ID)})
			}
		}
	}
	for _, r := range s.Policy.RecoveryTargets {
		if positive(r.Share.At) {
			out = append(out, Requirement{"recovery", r.ID, fmt.Sprintf("policy.recovery_targets[%s]=null", r.ID)})
		}
	}
	for m := range s.Policy.ChinaShareMax {
		china := false
		for _, im := range s.Imports {
			china = china || (im.Material == m && model.IsChinaOrigin(im.Origin))
		}
		if china {
			out = append(out, Requirement{"china_share", m, fmt.Sprintf("policy.china_share_max.%s=null", m)})
		}
	}
	if s.Objective.MinSecurity != nil {
		out = append(out, Requirement{"min_security", "security", "objective.min_security=null"})
	}
	slices.SortFunc(out, func(a, b Requirement) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Subject, b.Subject))
	})
	return out
}

// Costs re-solves scenario s without each of its hard requirements and returns
// what each costs plan, the optimal NPV plan of s. Each re-solve starts from the
// plan's plants with the best flows for them, which stay feasible without the
// requirement, so NPVWithout is at least the plan's NPV up to the solver's gap.
// The plans are checked like every other (model.Problem.Solve). s must have been
// loaded from YAML (scenarios.Scenario.With); opt is the plan's solve options
// (Progress and Marginals are not used). A time limit in opt is for all the
// re-solves together: each gets an equal share of what is left, and when none
// is left the requirements not yet priced are left out of the result.
func Costs(ctx context.Context, s *scenarios.Scenario, plan *model.Plan, opt model.Options) ([]model.RequirementCost, error) {
	if plan.ObjectiveKind != "npv" {
		return nil, fmt.Errorf("requirement costs are NPV given up; the objective is %s", plan.ObjectiveKind)
	}
	opt.Progress, opt.Marginals = nil, false
	var deadline time.Time
	if opt.TimeLimit > 0 {
		deadline = time.Now().Add(opt.TimeLimit)
	}
	out := []model.RequirementCost{}
	hard := Hard(s)
	for i, r := range hard {
		if !deadline.IsZero() {
			left := time.Until(deadline)
			if left <= 0 {
				break
			}
			opt.TimeLimit = left / time.Duration(len(hard)-i)
		}
		without, ds, err := s.With(r.Without)
		if err != nil {
			return nil, fmt.Errorf("removing %s %s: %s", r.Kind, r.Subject, strings.TrimSpace(ds.Error()))
		}
		prob, err := model.Build(without)
		if err != nil {
			return nil, fmt.Errorf("without %s %s: %w", r.Kind, r.Subject, err)
		}
		o := opt
		o.WarmStart = nil
		if x, err := prob.BuildValues(plan.Builds()); err == nil {
			if o.WarmStart, err = prob.BestFlows(ctx, x, o); err != nil {
				return nil, fmt.Errorf("without %s %s: %w", r.Kind, r.Subject, err)
			}
		}
		p, _, err := prob.Solve(ctx, o)
		var none *model.NoPlanError
		if errors.As(err, &none) && none.Status == model.StatusTimeLimit {
			break // out of time: this and the rest are not priced
		}
		if err != nil {
			return nil, fmt.Errorf("without %s %s: %w", r.Kind, r.Subject, err)
		}
		if p.Status != model.StatusOptimal && p.Status != model.StatusTimeLimit {
			return nil, fmt.Errorf("without %s %s: the re-solve ended %s", r.Kind, r.Subject, p.Status)
		}
		out = append(out, model.RequirementCost{Kind: r.Kind, Subject: r.Subject, Without: r.Without,
			NPVWithout: p.NPV, Cost: p.NPV - plan.NPV, Status: p.Status})
	}
	return out, nil
}
