package sweep

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// Case is one variant of the base scenario.
type Case struct {
	// Index is the case's position in the sweep, from 0; cases.csv is sorted by it
	// and shards split by it.
	Index int `json:"index"`
	// ID names the case in tables and messages: c0000, c0001, ...
	ID string `json:"id"`
	// Labels are the case's entries in the manifest's Columns: the varied values
	// as written, or what the sweep kind records (see each kind).
	Labels []string `json:"labels"`
	// Sets are the overrides applied to the base scenario, PATH=VALUE.
	Sets []string `json:"sets"`
	// Hash names the case folder cases/<Hash>: the first 12 hex digits of the
	// resolved scenario's hash. It is empty until the case has been resolved, and
	// in a shard's manifest for the cases of other shards.
	Hash string `json:"hash,omitempty"`
}

// caseID is the ID of the case with the given index.
func caseID(index int) string { return fmt.Sprintf("c%04d", index) }

// Name is the case as messages name it: its ID and its sets.
func (c Case) Name() string {
	if len(c.Sets) == 0 {
		return c.ID + " (the base scenario)"
	}
	return c.ID + " (" + strings.Join(c.Sets, ", ") + ")"
}

// Methods of a result.
const (
	MethodMIP    = "mip"    // the case's own MILP solve
	MethodProved = "proved" // proved from solved cases of its grid line
)

// Statuses of a case beyond the plan statuses of package model.
const (
	// StatusInvalid is a case whose scenario does not load with its sets (a
	// sampled value out of its allowed range, say).
	StatusInvalid = "invalid"
)

// Result is a finished case: result.json in its folder. Money in USD, security in
// tonnes of critical material delivered from domestic plants over the horizon,
// Seconds of wall time to resolve, build, solve and write the case.
type Result struct {
	// ScenarioHash is the resolved scenario's full hash (empty for an invalid case).
	ScenarioHash string `json:"scenario_hash"`
	// Status is a plan status (optimal, time_limit, infeasible, unbounded, error)
	// or invalid.
	Status string `json:"status"`
	// Error says why a case has no optimal plan (empty when it has one).
	Error string `json:"error,omitempty"`
	// NoPlan is true when the solve stopped (at the time limit, or
	// interrupted) before it found any plan: the case has no figures.
	NoPlan    bool    `json:"no_plan,omitempty"`
	Objective float64 `json:"objective"` // in the objective's unit: USD for npv and cost, t for security
	NPV       float64 `json:"npv"`
	Capex     float64 `json:"capex"` // net capex of new plants
	Security  float64 `json:"security"`
	MIPGap    float64 `json:"mip_gap"` // relative gap the solve ended with, or the proof gave
	// DualBound is the proven bound on Objective, in its unit: from the case's
	// own solve, or from the solves a proof used.
	DualBound float64 `json:"dual_bound"`
	// Method says how the plan was found and proved: "mip" (solved) or "proved"
	// (from solved cases of its line, ProvedBy; see Options.Reuse).
	Method   string   `json:"method,omitempty"`
	ProvedBy []string `json:"proved_by,omitempty"`
	// Plants lists the new modules built, as site/technology/size/year (the build
	// year), with xN appended when N modules are built together, in the plan's
	// order: site, technology, size, year.
	Plants []string `json:"plants"`
	// Nodes is the number of branch-and-bound nodes of the case's solve (0 for a
	// proved case), and StartGap how far the plan it started from fell short of
	// the optimum (model.Plan.StartGap; nil without a start): 0 means the solve
	// only had to prove its start optimal.
	Nodes    int64    `json:"nodes"`
	StartGap *float64 `json:"start_gap,omitempty"`
	Seconds  float64  `json:"seconds"`
	// ProjectIRR and EquityIRR are the plan's internal rates of return (a
	// share a year) when unique, and absent otherwise (none, or several);
	// EquityIRR also without debt.
	ProjectIRR *float64 `json:"project_irr,omitempty"`
	EquityIRR  *float64 `json:"equity_irr,omitempty"`
	// PartnerNPV is each partner's NPV at its own hurdle rate, USD, by partner
	// id; partners without a hurdle rate are left out.
	PartnerNPV map[string]float64 `json:"partner_npv,omitempty"`
}

// Optimal reports whether the case solved to optimality (within the MIP gap).
func (r *Result) Optimal() bool { return r != nil && r.Status == model.StatusOptimal }

// Metrics are the plan figures that tornado tables and charts can report: npv
// and capex in USD, security in t, objective in the objective's own unit, the
// project's and the equity's IRR as a share a year; and partner_npv:ID, the NPV
// of partner ID of budget.partners at its hurdle rate, USD.
var Metrics = []string{"npv", "capex", "security", "objective", "project_irr", "equity_irr", partnerMetric + "ID"}

// partnerMetric starts the metric of a partner's NPV at its hurdle rate.
const partnerMetric = "partner_npv:"

// metric returns the named figure of the result (see Metrics); NaN for an IRR
// the plan does not have or a partner without a hurdle rate.
func (r *Result) metric(name string) float64 {
	opt := func(v *float64) float64 {
		if v == nil {
			return math.NaN()
		}
		return *v
	}
	switch name {
	case "capex":
		return r.Capex
	case "security":
		return r.Security
	case "objective":
		return r.Objective
	case "project_irr":
		return opt(r.ProjectIRR)
	case "equity_irr":
		return opt(r.EquityIRR)
	}
	if id, ok := strings.CutPrefix(name, partnerMetric); ok {
		if v, ok := r.PartnerNPV[id]; ok {
			return v
		}
		return math.NaN()
	}
	return r.NPV
}

// metricName is how tables and charts name a metric.
func metricName(name string) string {
	switch name {
	case "capex":
		return "Net capex"
	case "security":
		return "Supply security"
	case "objective":
		return "Objective"
	case "project_irr":
		return "Project IRR"
	case "equity_irr":
		return "Equity IRR"
	}
	if id, ok := strings.CutPrefix(name, partnerMetric); ok {
		return "NPV of " + id + " at its hurdle rate"
	}
	return "NPV"
}

// metricLabel is a metric's name with the unit metricScale converts it to.
func metricLabel(name string) string {
	switch {
	case name == "npv" || name == "capex" || strings.HasPrefix(name, partnerMetric):
		return metricName(name) + " ($M)"
	case name == "security":
		return metricName(name) + " (t)"
	case isRate(name):
		return metricName(name) + " (%)"
	}
	return metricName(name)
}

// isRate reports whether a metric is a rate of return.
func isRate(name string) bool { return name == "project_irr" || name == "equity_irr" }

// metricScale converts a metric into the unit metricLabel names.
func metricScale(name string) float64 {
	switch {
	case name == "npv" || name == "capex" || strings.HasPrefix(name, partnerMetric):
		return 1e-6
	case isRate(name):
		return 100
	}
	return 1
}

// checkMetric rejects a metric Metrics does not list, and a partner metric
// that names no partner of base with a hurdle rate.
func checkMetric(name string, base *scenarios.Scenario) error {
	if id, ok := strings.CutPrefix(name, partnerMetric); ok {
		var ids []string
		for _, p := range base.Budget.Partners {
			if p.HurdleRate != nil {
				if p.ID == id {
					return nil
				}
				ids = append(ids, p.ID)
			}
		}
		if len(ids) == 0 {
			return fmt.Errorf("--metric %q: the scenario has no partner with a hurdle_rate in budget.partners", name)
		}
		return fmt.Errorf("--metric %q: no partner %q with a hurdle rate; use %s%s", name, id, partnerMetric, strings.Join(ids, " or "+partnerMetric))
	}
	if !slices.Contains(Metrics[:len(Metrics)-1], name) {
		return fmt.Errorf("--metric %q: use one of %s", name, strings.Join(Metrics, ", "))
	}
	return nil
}

// planResult turns a solved plan into a result.
func planResult(plan *model.Plan) Result {
	r := Result{Status: plan.Status, Objective: plan.Objective, NPV: plan.NPV, Capex: plan.Capex,
		Security: plan.Security, MIPGap: plan.MIPGap, DualBound: plan.DualBound, Method: MethodMIP, Plants: []string{},
		Nodes: plan.Nodes}
	if g, ok := plan.StartGap(); ok {
		r.StartGap = &g
	}
	r.ProjectIRR, r.EquityIRR = plan.ProjectIRR.Rate, plan.EquityIRR.Rate
	for _, p := range plan.Partners {
		if p.NPVAtHurdle != nil {
			if r.PartnerNPV == nil {
				r.PartnerNPV = map[string]float64{}
			}
			r.PartnerNPV[p.ID] = *p.NPVAtHurdle
		}
	}
	for _, p := range plan.Plants {
		if p.Existing {
			continue
		}
		s := fmt.Sprintf("%s/%s/%s/%d", p.Site, p.Technology, p.Size, p.BuildYear)
		if p.Count > 1 {
			s += fmt.Sprintf("x%d", p.Count)
		}
		r.Plants = append(r.Plants, s)
	}
	return r
}

// builds returns the new modules of a result's Plants (site/technology/size/year,
// xN for N modules) in the form package model takes them.
func (r *Result) builds() ([]model.ModuleBuild, error) {
	out := make([]model.ModuleBuild, 0, len(r.Plants))
	for _, p := range r.Plants {
		b := model.ModuleBuild{Count: 1}
		if i := strings.LastIndexByte(p, 'x'); i > strings.LastIndexByte(p, '/') {
			n, err := strconv.Atoi(p[i+1:])
			if err != nil {
				return nil, fmt.Errorf("plant %q: %w", p, err)
			}
			b.Count, p = n, p[:i]
		}
		parts := strings.Split(p, "/")
		if len(parts) != 4 {
			return nil, fmt.Errorf("plant %q is not site/technology/size/year", p)
		}
		year, err := strconv.Atoi(parts[3])
		if err != nil {
			return nil, fmt.Errorf("plant %q: %w", p, err)
		}
		b.Site, b.Technology, b.Size, b.Year = parts[0], parts[1], parts[2], year
		out = append(out, b)
	}
	return out, nil
}

// plantSet returns the plants of a result without their build years, modules of
// one site, technology and size counted together (site/technology/size, xN when
// N > 1), sorted: what a budget frontier compares.
func plantSet(r *Result) []string {
	builds, _ := r.builds() // planResult wrote the Plants, so they read back
	count := map[string]int{}
	for _, b := range builds {
		count[b.Site+"/"+b.Technology+"/"+b.Size] += b.Count
	}
	out := make([]string, 0, len(count))
	for k, n := range count {
		if n > 1 {
			k += fmt.Sprintf("x%d", n)
		}
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
