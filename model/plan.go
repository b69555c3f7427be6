package model

import (
	"math"

	"github.com/mineralplan/mineralplan/scenarios"
)

// Plan is a solved scenario in scenario terms: which plants are built where and
// when, what flows where, and what it earns. Money is in USD, mass in the unit of
// each material (t, or kg where the material says so), years are calendar years.
// Slices are sorted deterministically (see each type).
type Plan struct {
	Scenario string `json:"scenario"`
	// Status is optimal, time_limit, infeasible, unbounded or error.
	Status string `json:"status"`
	// Objective is the optimised value in ObjectiveUnit: USD for npv and cost,
	// t for security, and for weighted w_npv × NPV in $M + w_security ×
	// Security in kt.
	Objective     float64 `json:"objective"`
	ObjectiveKind string  `json:"objective_kind"`
	ObjectiveUnit string  `json:"objective_unit"`
	// DualBound is the best bound on Objective proven by the solver.
	DualBound float64 `json:"dual_bound"`
	MIPGap    float64 `json:"mip_gap"`

	NPV        float64 `json:"npv"`         // USD, discounted to the first year, after tax when finance.tax is set
	NPVPreTax  float64 `json:"npv_pre_tax"` // USD: NPV plus the discounted tax (= NPV without finance.tax)
	Capex      float64 `json:"capex"`       // net capex of new plants, USD (what the budget counts)
	CapexGross float64 `json:"capex_gross"` // before state subsidies, USD
	Subsidies  float64 `json:"subsidies"`   // state capital subsidies, USD
	Land       float64 `json:"land"`        // land cost of new plants, USD: Capex = CapexGross − Subsidies + Land
	Budget     float64 `json:"budget"`      // the budget total, USD
	// PaybackYear is the first calendar year at whose end the cumulative
	// undiscounted cash flow (finance rows, salvage included) is non-negative
	// after new capex, 0 when it never is within the horizon.
	PaybackYear int `json:"payback_year"`
	// Split is what carries the NPV: its parts sum to NPV.
	Split NPVSplit `json:"npv_split"`
	// TerminalMethod is finance.terminal_value (book, continuing or none), and
	// ContinuingYears the years R a continuing value runs (0 otherwise).
	TerminalMethod  string `json:"terminal_value_method"`
	ContinuingYears int    `json:"continuing_years"`
	// ProjectIRR is the internal rate of return of ProjectCashFlows (package
	// irr): the rate, when unique, at which the NPV of the plan is zero.
	ProjectIRR IRR `json:"project_irr"`
	// EquityIRR is the internal rate of return of EquityCashFlows, and
	// MinDSCR the least yearly DSCR (nil without debt service).
	EquityIRR IRR      `json:"equity_irr"`
	MinDSCR   *float64 `json:"min_dscr"`
	// Partners are the returns of budget.partners (docs/model.md, "Partners").
	Partners []PartnerReturn `json:"partners"`
	Security float64         `json:"security"` // tonnes of critical material delivered from domestic plants over the horizon
	Jobs     float64         `json:"jobs"`     // direct jobs in the last year
	CO2      float64         `json:"co2"`      // tonnes of CO2 over the horizon

	// Periods are the horizon's modelled years and the calendar years each
	// stands for: a row of Throughput, Flows, Production, SecurityRows,
	// Shortfalls or Disposals is per calendar year and repeats in every year of
	// its period.
	Periods []scenarios.Period `json:"periods"`

	Plants        []Plant         `json:"plants"`
	Throughput    []Throughput    `json:"throughput"`
	Flows         []Flow          `json:"flows"`
	Production    []Production    `json:"production"`
	Finance       []FinanceYear   `json:"finance"`
	SecurityRows  []SecurityRow   `json:"supply_security"`
	Shortfalls    []Shortfall     `json:"shortfalls"`
	Disposals     []Disposal      `json:"disposals"`
	Contributions []Contribution  `json:"contributions"`
	Marginals     []MarginalValue `json:"marginal_values"`
	// RequirementCosts are what the plan gives up to meet each hard requirement,
	// filled by package requirements (nil when not computed).
	RequirementCosts []RequirementCost `json:"requirement_costs,omitempty"`

	Stats Stats `json:"model"`
	// Nodes is the number of branch-and-bound nodes HiGHS explored for the plan,
	// and LPIterations the simplex iterations it spent (branch and bound with its
	// heuristics, then the LP with the plants fixed); Nodes is 0 for a pure LP, and
	// both are 0 for a plan read from an LP of given plants (Problem.SolveWithBuilds).
	// With one HiGHS thread they depend only on the model and the start, like the
	// plan itself.
	Nodes        int64 `json:"nodes"`
	LPIterations int   `json:"lp_iterations"`
	// StartObjective is the objective of the starting plan HiGHS was handed
	// (Options.WarmStart), in Objective's unit; nil when it was handed none.
	StartObjective *float64 `json:"start_objective,omitempty"`
	BuildSeconds   float64  `json:"build_seconds"`
	SolveSeconds   float64  `json:"solve_seconds"`
}

// NPVSplit divides the NPV, USD discounted to the first year, into what carries
// it: Operations (revenue less running costs, gross capex and land), the
// TerminalValue, Incentives (output-linked policy support), Subsidies (state
// capital subsidies) and Tax (the discounted corporate tax, ≤ 0).
// Operations + TerminalValue + Incentives + Subsidies + Tax = NPV.
type NPVSplit struct {
	Operations    float64 `json:"operations"`
	TerminalValue float64 `json:"terminal_value"`
	Incentives    float64 `json:"incentives"`
	Subsidies     float64 `json:"subsidies"`
	// Tax is minus the discounted corporate tax (0 without finance.tax).
	Tax float64 `json:"tax"`
}

// IRR is an internal rate of return and how it was found. Rate is nil unless
// Status is unique; Roots are every rate found in irr.MinRate … irr.MaxRate at
// which the NPV is zero. Status is unique, one_found, not_unique,
// no_sign_change or not_found (package irr).
type IRR struct {
	Rate   *float64  `json:"rate"`
	Status string    `json:"status"`
	Roots  []float64 `json:"roots"`
}

// ProjectCashFlows are the plan's yearly cash flows as the NPV counts them,
// USD: element t is paid at the start of calendar year first_year + t, for t up
// to the last year's (cash flow without terminal value), and a last element, t
// = EndYear − first_year, holds the terminal value. Discounted at the scenario's
// rate they sum to the NPV.
func (p *Plan) ProjectCashFlows() []float64 {
	cf := make([]float64, 0, len(p.Finance)+1)
	terminal := 0.0
	for _, f := range p.Finance {
		cf = append(cf, f.CashFlow-f.TerminalValue)
		terminal += f.TerminalValue
	}
	return append(cf, terminal)
}

// Plant is a module built (or existing) at a site. Sorted by site, technology,
// size, build year.
type Plant struct {
	Site       string  `json:"site"`
	State      string  `json:"state"`
	Technology string  `json:"technology"`
	Size       string  `json:"size"`
	Count      int     `json:"count"`       // modules of this size built in BuildYear
	BuildYear  int     `json:"build_year"`  // year capex is spent (0 for existing plants)
	OnlineYear int     `json:"online_year"` // first year of operation
	Capacity   float64 `json:"capacity"`    // t of throughput per year, all Count modules
	CapexGross float64 `json:"capex_gross"` // USD
	Subsidy    float64 `json:"subsidy"`     // USD
	Land       float64 `json:"land"`        // USD
	CapexNet   float64 `json:"capex_net"`   // USD
	Existing   bool    `json:"existing"`
	Jobs       float64 `json:"jobs"`
}

// Throughput is a plant's processing in a year. Sorted by site, technology, year.
type Throughput struct {
	Site        string  `json:"site"`
	Technology  string  `json:"technology"`
	Year        int     `json:"year"`
	Tonnes      float64 `json:"tonnes"`      // t of throughput in the year
	Capacity    float64 `json:"capacity"`    // t per year online
	Utilisation float64 `json:"utilisation"` // Tonnes ÷ Capacity
}

// Flow is a movement of material in a year. Sorted by year, material, from, to.
type Flow struct {
	Year     int     `json:"year"`
	Material string  `json:"material"`
	FromKind string  `json:"from_kind"` // feedstock, import, site
	From     string  `json:"from"`
	ToKind   string  `json:"to_kind"` // site, market
	To       string  `json:"to"`
	Quantity float64 `json:"quantity"` // units of the material (t or kg)
	Unit     string  `json:"unit"`
	// UnitCost is the transport cost per unit, USD; Transport the total.
	UnitCost  float64 `json:"unit_cost"`
	Transport float64 `json:"transport"`
	// Origin is the import's country for flows from imports.
	Origin string `json:"origin,omitempty"`
}

// Production is a material made at a site in a year. Sorted by year, material, site.
type Production struct {
	Year     int     `json:"year"`
	Site     string  `json:"site"`
	Material string  `json:"material"`
	Quantity float64 `json:"quantity"`
	Unit     string  `json:"unit"`
}

// FinanceYear is the plan's money in one calendar year of the horizon, USD,
// undiscounted except Discounted. Sorted by year.
type FinanceYear struct {
	Year int `json:"year"`
	// Period is the modelled year whose flows and prices the year repeats.
	Period     int     `json:"period"`
	Revenue    float64 `json:"revenue"`
	Incentives float64 `json:"incentives"`
	Feedstock  float64 `json:"feedstock"`
	Imports    float64 `json:"imports"`
	Opex       float64 `json:"opex"` // variable and fixed
	Transport  float64 `json:"transport"`
	Disposal   float64 `json:"disposal"`
	Penalty    float64 `json:"penalty"` // shortfall penalties
	Capex      float64 `json:"capex"`   // net capex spent
	// Subsidies are the state capital subsidies on the plants built in the
	// year; Capex is already net of them.
	Subsidies float64 `json:"subsidies"`
	// TerminalValue is the plants' value at the end of the horizon by the
	// scenario's finance.terminal_value method, booked in its last calendar
	// year and discounted from the start of the year after it.
	TerminalValue float64 `json:"terminal_value"`
	// Depreciation is the tax depreciation of the new plants in the year,
	// TaxableIncome the operating cash flow less it, LossSetOff the earlier
	// years' losses set off against it, and Tax the corporate tax, rate ×
	// (TaxableIncome − LossSetOff) outside the holiday when positive; all 0
	// without finance.tax (docs/model.md, "Tax").
	Depreciation  float64 `json:"depreciation"`
	TaxableIncome float64 `json:"taxable_income"`
	LossSetOff    float64 `json:"loss_set_off"`
	Tax           float64 `json:"tax"`
	// DebtDrawn is the lenders' share of the net capex spent in the year,
	// Interest and Principal the debt service, DebtOutstanding (last year
	// only) the balance left at the end of the horizon, repaid from the
	// terminal value, and EquityCashFlow = CashFlow + DebtDrawn − Interest −
	// Principal − DebtOutstanding; DSCR = (operating cash flow − Tax) ÷
	// (Interest + Principal), 0 without debt service. All 0 without
	// finance.debt (docs/model.md, "Debt").
	DebtDrawn       float64 `json:"debt_drawn"`
	Interest        float64 `json:"interest"`
	Principal       float64 `json:"principal"`
	DebtOutstanding float64 `json:"debt_outstanding"`
	EquityCashFlow  float64 `json:"equity_cash_flow"`
	DSCR            float64 `json:"dscr"`
	CashFlow        float64 `json:"cash_flow"`
	Discounted      float64 `json:"discounted"`
}

// SecurityRow is the supply position of one material (critical, or with a
// China-share cap) in a modelled year, per calendar year of its period, in the
// material's unit. Sorted by material, year. docs/model.md ("Reported figures")
// defines each field; ChinaShareAfter is the share policy.china_share_max caps.
type SecurityRow struct {
	Material    string `json:"material"`
	Year        int    `json:"year"`
	PeriodYears int    `json:"period_years"` // calendar years the modelled year stands for
	Unit        string `json:"unit"`
	// Made is the domestic output: what Indian plants make of the material per
	// year, whether they sell it or use it themselves.
	Made float64 `json:"made"`
	// Delivered is what Indian plants deliver to markets per year; it is what
	// Security counts.
	Delivered float64 `json:"delivered"`
	// Imports is what the plants buy from abroad per year, ChinaImports the
	// China-origin part of it.
	Imports      float64 `json:"imports"`
	ChinaImports float64 `json:"china_imports"`
	// Supply is Imports + Made: the material the plan's plants handle.
	Supply float64 `json:"supply"`
	// ChinaShareBefore is the material's world refining share held by China
	// (materials[m].china_refining_share): the China-origin share of Supply had it
	// all been bought abroad. ChinaShareAfter is ChinaImports ÷ Supply, nil when
	// Supply is 0. ChinaShareCap is the cap σ(y), nil when none is set.
	ChinaShareBefore float64  `json:"china_share_before"`
	ChinaShareAfter  *float64 `json:"china_share_after"`
	ChinaShareCap    *float64 `json:"china_share_cap"`
	// Demand is the sum of the material's market demand caps per year, nil when
	// it has no market or one without a cap.
	Demand *float64 `json:"demand"`
}

// Shortfall is required delivery not met. Sorted by market, year.
type Shortfall struct {
	Market   string  `json:"market"`
	Year     int     `json:"year"`
	Quantity float64 `json:"quantity"`
	Unit     string  `json:"unit"`
}

// Disposal is surplus material disposed of at a site. Sorted by year, site, material.
type Disposal struct {
	Year     int     `json:"year"`
	Site     string  `json:"site"`
	Material string  `json:"material"`
	Quantity float64 `json:"quantity"`
	Unit     string  `json:"unit"`
}

// Contribution is what a partner pays of the net capex. Sorted as the scenario
// lists partners.
type Contribution struct {
	Partner string  `json:"partner"`
	Share   float64 `json:"share"`
	Amount  float64 `json:"amount"` // USD
}

// MarginalValue is what one more unit of a limit is worth to the objective, with
// the integer decisions fixed: the dual of a constraint in scenario terms. Sorted
// by kind, subject, extra, year.
type MarginalValue struct {
	Kind    string  `json:"kind"`
	Subject string  `json:"subject"`
	Extra   string  `json:"extra,omitempty"`
	Year    int     `json:"year,omitempty"`
	Value   float64 `json:"value"` // USD of objective per unit of the limit
	Unit    string  `json:"unit"`
	Text    string  `json:"text"`
}

// RequirementCost is what the plan gives up to meet one hard requirement: the
// NPV of the best plan without it, less the plan's NPV (docs/model.md, "Cost of
// the hard requirements"). Sorted by kind, subject.
type RequirementCost struct {
	// Kind is required (a market's minimum delivery), recovery (a recovery
	// target), china_share (a cap on the China-origin share) or min_security.
	Kind string `json:"kind"`
	// Subject is the market, recovery target or material id; "security" for
	// min_security.
	Subject string `json:"subject"`
	// Without is the --set that removes the requirement from the scenario.
	Without string `json:"without"`
	// NPVWithout is the NPV of the re-solve without it, USD; Cost is NPVWithout
	// − the plan's NPV, USD (0 when the requirement costs nothing).
	NPVWithout float64 `json:"npv_without"`
	Cost       float64 `json:"cost"`
	// Status is the re-solve's status: optimal, or time_limit when it stopped
	// at the time limit (NPVWithout is then the best plan found).
	Status string `json:"status"`
}

// StartGap is how far the starting plan HiGHS was handed fell short of the plan
// found, relative to it as HiGHS measures its MIP gap: (Objective −
// StartObjective)/|Objective| when maximising, the reverse when minimising (kind
// cost), at least 0, with |Objective| taken as at least 1. It is 0 when the start
// was already the optimum, and ok is false when there was no start.
func (p *Plan) StartGap() (gap float64, ok bool) {
	if p.StartObjective == nil {
		return 0, false
	}
	d := p.Objective - *p.StartObjective
	if p.ObjectiveKind == "cost" {
		d = -d
	}
	return max(0, d/max(math.Abs(p.Objective), 1)), true
}

// ObjectiveUnit names the unit of an objective kind's value (Plan.Objective).
func ObjectiveUnit(kind string) string {
	switch kind {
	case "npv", "cost":
		return "USD"
	case "security":
		return "t"
	case "weighted":
		return "w_npv × $M of NPV + w_security × kt of security"
	}
	return ""
}

// PeriodYears is the number of calendar years the modelled year stands for: the
// factor from a yearly quantity of that modelled year to its period total. It
// is 1 for a year the plan does not model.
func (p *Plan) PeriodYears(year int) int {
	for _, pd := range p.Periods {
		if pd.Year == year {
			return pd.Length
		}
	}
	return 1
}
