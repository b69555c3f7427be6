package results

import (
	"encoding/json"
	"math"

	"github.com/mineralplan/mineralplan/model"
)

// SummaryJSON is the one-object summary of a plan: summary.json in a run folder
// and what `mineralplan run --json` prints. Money in USD, mass in tonnes unless
// a field says otherwise, times in seconds.
type SummaryJSON struct {
	Scenario string `json:"scenario"`
	// Status is optimal, time_limit, infeasible, unbounded or error.
	Status string `json:"status"`
	// ObjectiveKind is npv, cost, security or weighted; Objective and
	// DualBound (the solver's best bound) are in ObjectiveUnit: USD for npv
	// and cost, t for security, "w_npv × $M of NPV + w_security × kt of
	// security" for weighted.
	ObjectiveKind string `json:"objective_kind"`
	ObjectiveUnit string `json:"objective_unit"`
	Objective     Float  `json:"objective"`
	DualBound     Float  `json:"dual_bound"`
	MIPGap        Float  `json:"mip_gap"` // relative gap, 0.01 = 1%

	NPV        float64 `json:"npv"`         // USD, discounted to the first year; after tax when finance.tax is set
	NPVPreTax  float64 `json:"npv_pre_tax"` // USD: npv plus the discounted corporate tax (= npv without finance.tax)
	Capex      float64 `json:"capex"`       // net capex of new plants, USD
	CapexGross float64 `json:"capex_gross"` // before state subsidies, USD
	Subsidies  float64 `json:"subsidies"`   // state capital subsidies, USD
	Land       float64 `json:"land"`        // land cost of new plants, USD: capex = capex_gross − subsidies + land
	Budget     float64 `json:"budget"`      // USD
	// PaybackYear is the first year the cumulative cash flow turns
	// non-negative, 0 when it does not within the horizon.
	PaybackYear int `json:"payback_year"`
	// NPVSplit is what carries the NPV, USD discounted to the first year; its
	// parts sum to NPV. TerminalValueMethod is finance.terminal_value and
	// ContinuingYears the years a continuing value runs (0 unless continuing).
	NPVSplit            model.NPVSplit `json:"npv_split"`
	TerminalValueMethod string         `json:"terminal_value_method"`
	ContinuingYears     int            `json:"continuing_years"`
	// RequirementCosts are what the plan gives up to meet each hard
	// requirement (absent when the scenario has none, or when they were not
	// computed: an objective other than npv, or --no-requirement-costs).
	// ProjectIRR is the internal rate of return of the plan's cash flows
	// (per year, 0.1 = 10 %), null unless unique; ProjectIRRStatus says what the
	// search found (unique, one_found, not_unique, no_sign_change, not_found)
	// and ProjectIRRRoots every rate at which the NPV is zero.
	ProjectIRR       Float     `json:"project_irr"`
	ProjectIRRStatus string    `json:"project_irr_status"`
	ProjectIRRRoots  []float64 `json:"project_irr_roots"`
	// EquityIRR is the IRR of the equity holders' cash flows with finance.debt
	// (docs/model.md, "Debt"), null unless unique or without debt;
	// EquityIRRStatus as ProjectIRRStatus ("" without debt). MinDSCR is the
	// least yearly debt-service coverage ratio, null without debt service.
	EquityIRR       Float  `json:"equity_irr"`
	EquityIRRStatus string `json:"equity_irr_status"`
	MinDSCR         Float  `json:"min_dscr"`
	// Partners are budget.partners' returns: share, hurdle rate, NPV of their
	// cash flows at it, equity paid in (docs/model.md, "Partners").
	Partners         []SummaryPartner        `json:"partners"`
	RequirementCosts []model.RequirementCost `json:"requirement_costs,omitempty"`
	Security         float64                 `json:"security"` // t of critical material delivered from domestic plants over the horizon
	Jobs             float64                 `json:"jobs"`     // direct jobs in the last year
	CO2              float64                 `json:"co2"`      // t of CO2 over the horizon

	Plants     []SummaryPlant `json:"plants"`
	ChinaShare []ChinaShare   `json:"china_share"`
	// Shortfall is the required market delivery not met, per unit (t or kg),
	// over all markets and years; absent when every requirement is met.
	Shortfall map[string]float64 `json:"shortfall,omitempty"`

	Model ModelSize `json:"model"`
	// Nodes and LPIterations are the branch-and-bound nodes and simplex
	// iterations HiGHS spent on the plan (model.Plan).
	Nodes        int64   `json:"nodes"`
	LPIterations int     `json:"lp_iterations"`
	BuildSeconds float64 `json:"build_seconds"`
	SolveSeconds float64 `json:"solve_seconds"`
}

// SummaryPlant is one row of the plan's plants.
type SummaryPlant struct {
	Site       string  `json:"site"`
	State      string  `json:"state"`
	Technology string  `json:"technology"`
	Size       string  `json:"size"`
	Count      int     `json:"count"`       // modules
	Year       int     `json:"year"`        // build year (capex spent); 0 for existing plants
	OnlineYear int     `json:"online_year"` // first year of operation
	Capacity   float64 `json:"capacity"`    // t of throughput per year, all modules
	Capex      float64 `json:"capex"`       // net capex, USD
	Existing   bool    `json:"existing"`
}

// ChinaShare is the China-origin share of one material's supply in the last
// modelled year, as security.csv and docs/model.md define it: Before is the
// material's world refining share held by China, After the share of the plan's
// supply (imports + domestic output) that is China-origin imports — the share
// policy.china_share_max caps — null when the plan has no supply of it; Cap is
// the cap, null when none is set. Shares in [0, 1].
type ChinaShare struct {
	Material string `json:"material"`
	Year     int    `json:"year"`
	Before   Float  `json:"before"`
	After    Float  `json:"after"`
	Cap      Float  `json:"cap"`
}

// ModelSize is the size of the MILP that was solved.
type ModelSize struct {
	Columns  int `json:"columns"`
	Rows     int `json:"rows"`
	Nonzeros int `json:"nonzeros"`
	Integers int `json:"integers"`
}

// Float is a float64 that is written to JSON as null when it is not finite
// (an objective or gap the solver could not give) and read back from null as NaN.
type Float float64

// MarshalJSON writes f as a JSON number, or null when it is NaN or infinite.
func (f Float) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(v)
}

// UnmarshalJSON reads a JSON number, or null as NaN.
func (f *Float) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*f = Float(math.NaN())
		return nil
	}
	var v float64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*f = Float(v)
	return nil
}

// Summary returns the summary of a plan. Plants keep the plan's order (site,
// technology, size, build year).
func Summary(plan *model.Plan) SummaryJSON {
	s := SummaryJSON{
		Scenario: plan.Scenario, Status: plan.Status, ObjectiveKind: plan.ObjectiveKind, ObjectiveUnit: model.ObjectiveUnit(plan.ObjectiveKind),
		Objective: Float(plan.Objective), DualBound: Float(plan.DualBound), MIPGap: Float(plan.MIPGap),
		NPV: plan.NPV, NPVPreTax: plan.NPVPreTax, Capex: plan.Capex, CapexGross: plan.CapexGross, Subsidies: plan.Subsidies, Land: plan.Land, Budget: plan.Budget,
		PaybackYear: plan.PaybackYear, NPVSplit: plan.Split, TerminalValueMethod: plan.TerminalMethod,
		ContinuingYears: plan.ContinuingYears, RequirementCosts: plan.RequirementCosts,
		ProjectIRR: optionalFloat(plan.ProjectIRR.Rate), ProjectIRRStatus: plan.ProjectIRR.Status,
		ProjectIRRRoots: nonNil(plan.ProjectIRR.Roots),
		EquityIRR:       optionalFloat(plan.EquityIRR.Rate), EquityIRRStatus: plan.EquityIRR.Status, MinDSCR: optionalFloat(plan.MinDSCR), Security: plan.Security, Jobs: plan.Jobs, CO2: plan.CO2,
		Plants:     []SummaryPlant{},
		ChinaShare: chinaShares(plan),
		Partners:   summaryPartners(plan),
		Model: ModelSize{Columns: plan.Stats.Columns, Rows: plan.Stats.Rows, Nonzeros: plan.Stats.Nonzeros,
			Integers: plan.Stats.Integers},
		Nodes: plan.Nodes, LPIterations: plan.LPIterations,
		BuildSeconds: plan.BuildSeconds, SolveSeconds: plan.SolveSeconds,
	}
	for _, p := range sortedBy(plan.Plants, comparePlants) {
		s.Plants = append(s.Plants, SummaryPlant{Site: p.Site, State: p.State, Technology: p.Technology, Size: p.Size,
			Count: p.Count, Year: p.BuildYear, OnlineYear: p.OnlineYear, Capacity: p.Capacity, Capex: p.CapexNet,
			Existing: p.Existing})
	}
	for _, sf := range plan.Shortfalls {
		if s.Shortfall == nil {
			s.Shortfall = map[string]float64{}
		}
		s.Shortfall[sf.Unit] += sf.Quantity
	}
	return s
}

// chinaShares returns, per critical material in name order, the China-origin
// share before and after the plan in the last year the plan reports.
func chinaShares(plan *model.Plan) []ChinaShare {
	out := []ChinaShare{}
	for _, r := range lastSecurityRows(plan) {
		out = append(out, ChinaShare{Material: r.Material, Year: r.Year, Before: Float(r.ChinaShareBefore),
			After: optionalFloat(r.ChinaShareAfter), Cap: optionalFloat(r.ChinaShareCap)})
	}
	return out
}

// nonNil is v, or an empty slice (written as []) when v is nil.
func nonNil(v []float64) []float64 {
	if v == nil {
		return []float64{}
	}
	return v
}

// optionalFloat is *v, or NaN (written as null) when v is nil.
func optionalFloat(v *float64) Float {
	if v == nil {
		return Float(math.NaN())
	}
	return Float(*v)
}

// summaryBytes is summary.json: the indented summary and a final newline.
func summaryBytes(plan *model.Plan) ([]byte, error) {
	b, err := json.MarshalIndent(Summary(plan), "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// SummaryPartner is one partner's line of summary.json.
type SummaryPartner struct {
	ID          string  `json:"id"`
	Share       float64 `json:"share"`
	HurdleRate  Float   `json:"hurdle_rate"`
	NPVAtHurdle Float   `json:"npv_at_hurdle"` // USD
	Equity      float64 `json:"equity"`        // USD paid in
	IRR         Float   `json:"irr"`           // the IRR of its own cash flows (partners.csv); null unless unique
	Currency    string  `json:"currency"`      // the partner's own currency: USD, INR or JPY
	// NPVAtHurdleLocal is the NPV of the partner's flows in its own currency
	// (each year's USD flow times that year's rate) at its hurdle rate.
	NPVAtHurdleLocal Float `json:"npv_at_hurdle_local"`
}

func summaryPartners(plan *model.Plan) []SummaryPartner {
	out := []SummaryPartner{}
	for _, r := range plan.Partners {
		irr := optionalFloat(r.IRR.Rate)
		out = append(out, SummaryPartner{ID: r.ID, Share: r.Share, HurdleRate: optionalFloat(r.HurdleRate),
			NPVAtHurdle: optionalFloat(r.NPVAtHurdle), Equity: r.Equity, IRR: irr,
			Currency: r.Currency, NPVAtHurdleLocal: optionalFloat(r.NPVAtHurdleLocal)})
	}
	return out
}
