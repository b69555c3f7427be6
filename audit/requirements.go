package audit

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// hardRequirements lists, as "kind subject without", the scenario's hard
// requirements that docs/model.md ("Cost of the hard requirements") prices.
func (a *auditor) hardRequirements() []string {
	s := a.s
	var out []string
	positive := func(at func(int) float64) bool {
		for _, y := range a.years {
			if at(y) > 0 {
				return true
			}
		}
		return false
	}
	if s.Policy.ShortfallPenalty == nil {
		for _, m := range s.Markets {
			if m.Required != nil && positive(m.Required.At) {
				out = append(out, fmt.Sprintf("required %s markets[%s].required=null", m.ID, m.ID))
			}
		}
	}
	for _, r := range s.Policy.RecoveryTargets {
		if positive(r.Share.At) {
			out = append(out, fmt.Sprintf("recovery %s policy.recovery_targets[%s]=null", r.ID, r.ID))
		}
	}
	for m := range s.Policy.ChinaShareMax {
		for _, im := range s.Imports {
			if im.Material == m && isChina(im.Origin) {
				out = append(out, fmt.Sprintf("china_share %s policy.china_share_max.%s=null", m, m))
				break
			}
		}
	}
	if s.Objective.MinSecurity != nil {
		out = append(out, "min_security security objective.min_security=null")
	}
	slices.Sort(out)
	return out
}

// requirementCosts checks summary.json's requirement_costs, when it has them:
// one entry for each hard requirement of the scenario, in kind and subject
// order, each cost the re-solve's NPV less the plan's, and none negative beyond
// the re-solve's MIP gap (a plan without a requirement can do all the plan does).
// The re-solves themselves are not repeated here.
func (a *auditor) requirementCosts() {
	rc := a.sum.RequirementCosts
	if rc == nil {
		return
	}
	if a.sum.ObjectiveKind != "npv" {
		a.fail("summary.json", "requirement_costs with objective %s; they are NPV given up, for npv only", a.sum.ObjectiveKind)
	}
	var got []string
	for _, c := range rc {
		got = append(got, strings.Join([]string{c.Kind, c.Subject, c.Without}, " "))
	}
	want := a.hardRequirements()
	if !slices.Equal(got, want) {
		a.fail("summary.json", "requirement_costs lists %q; the scenario's hard requirements are %q", got, want)
	}
	gap := a.s.Solver.MIPGap
	for _, c := range rc {
		what := "requirement_costs " + c.Kind + " " + c.Subject
		a.same("summary.json", what+" cost", c.Cost, c.NPVWithout-a.sum.NPV, 1e-6*math.Max(1, math.Abs(c.NPVWithout)))
		if c.Status != "optimal" && c.Status != "time_limit" {
			a.fail("summary.json", "%s: status %q", what, c.Status)
		}
		if slack := gap*math.Max(1, math.Abs(c.NPVWithout)) + 1; c.Cost < -slack {
			a.fail("summary.json", "%s: cost %.2f is negative; removing a requirement cannot lose more than the MIP gap (%.2f)", what, c.Cost, slack)
		}
	}
}
