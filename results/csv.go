package results

import (
	"github.com/mineralplan/mineralplan/model"
	"math"
)

// dataTables returns the run folder's CSV tables, in file-name order. Each is
// tidy (one fact per row), sorted by its leading key columns, with units in its
// column names.
func dataTables(p *model.Plan) []table {
	return []table{
		contributionsTable(p),
		disposalsTable(p),
		financeTable(p),
		flowsTable(p),
		importsTable(p),
		marginalValuesTable(p),
		partnersTable(p),
		plantsTable(p),
		productionTable(p),
		securityTable(p),
		shortfallsTable(p),
		throughputTable(p),
	}
}

// plantsHeader is the header of plants.csv, which Compare reads back.
var plantsHeader = []string{"site", "state", "technology", "size", "count", "existing", "build_year", "online_year",
	"capacity_t_per_year", "capex_gross_usd", "subsidy_usd", "land_usd", "capex_net_usd", "jobs"}

func plantsTable(p *model.Plan) table {
	t := table{name: "plants.csv", header: plantsHeader}
	for _, pl := range sortedBy(p.Plants, comparePlants) {
		existing := "false"
		if pl.Existing {
			existing = "true"
		}
		t.rows = append(t.rows, []string{pl.Site, pl.State, pl.Technology, pl.Size, integer(pl.Count), existing,
			yearCell(pl.BuildYear), integer(pl.OnlineYear), qty(pl.Capacity), money(pl.CapexGross), money(pl.Subsidy),
			money(pl.Land), money(pl.CapexNet), num(pl.Jobs, 1)})
	}
	return t
}

func comparePlants(a, b model.Plant) int {
	return compareKeys(cmpStr(a.Site, b.Site), cmpStr(a.Technology, b.Technology), cmpStr(a.Size, b.Size),
		cmpInt(a.BuildYear, b.BuildYear))
}

// flowsHeader is the header of flows.csv, which Compare reads back.
var flowsHeader = []string{"year", "period_years", "material", "from_kind", "from", "to_kind", "to", "origin",
	"quantity_per_year", "unit", "transport_usd_per_unit", "transport_usd_per_year"}

func flowsTable(p *model.Plan) table {
	t := table{name: "flows.csv", header: flowsHeader}
	for _, f := range sortedBy(p.Flows, compareFlows) {
		t.rows = append(t.rows, []string{integer(f.Year), integer(p.PeriodYears(f.Year)), f.Material, f.FromKind, f.From,
			f.ToKind, f.To, f.Origin, qty(f.Quantity), f.Unit, num(f.UnitCost, rateDecimals), money(f.Transport)})
	}
	return t
}

func compareFlows(a, b model.Flow) int {
	return compareKeys(cmpInt(a.Year, b.Year), cmpStr(a.Material, b.Material), cmpStr(a.FromKind, b.FromKind),
		cmpStr(a.From, b.From), cmpStr(a.ToKind, b.ToKind), cmpStr(a.To, b.To))
}

// importsHeader is the header of imports.csv, which Compare reads back.
var importsHeader = []string{"year", "period_years", "material", "import", "origin", "to_kind", "to",
	"quantity_per_year", "unit", "transport_usd_per_unit", "transport_usd_per_year"}

// importsTable lists the flows whose from_kind is import.
func importsTable(p *model.Plan) table {
	t := table{name: "imports.csv", header: importsHeader}
	for _, f := range sortedBy(p.Flows, compareFlows) {
		if f.FromKind != "import" {
			continue
		}
		t.rows = append(t.rows, []string{integer(f.Year), integer(p.PeriodYears(f.Year)), f.Material, f.From, f.Origin,
			f.ToKind, f.To, qty(f.Quantity), f.Unit, num(f.UnitCost, rateDecimals), money(f.Transport)})
	}
	return t
}

func productionTable(p *model.Plan) table {
	t := table{name: "production.csv", header: []string{"year", "period_years", "site", "material", "quantity_per_year", "unit"}}
	rows := sortedBy(p.Production, func(a, b model.Production) int {
		return compareKeys(cmpInt(a.Year, b.Year), cmpStr(a.Site, b.Site), cmpStr(a.Material, b.Material))
	})
	for _, r := range rows {
		t.rows = append(t.rows, []string{integer(r.Year), integer(p.PeriodYears(r.Year)), r.Site, r.Material, qty(r.Quantity), r.Unit})
	}
	return t
}

func throughputTable(p *model.Plan) table {
	t := table{name: "throughput.csv", header: []string{"site", "technology", "year", "period_years", "throughput_t_per_year",
		"capacity_t_per_year", "utilisation"}}
	rows := sortedBy(p.Throughput, func(a, b model.Throughput) int {
		return compareKeys(cmpStr(a.Site, b.Site), cmpStr(a.Technology, b.Technology), cmpInt(a.Year, b.Year))
	})
	for _, r := range rows {
		t.rows = append(t.rows, []string{r.Site, r.Technology, integer(r.Year), integer(p.PeriodYears(r.Year)), qty(r.Tonnes),
			qty(r.Capacity), share(r.Utilisation)})
	}
	return t
}

func financeTable(p *model.Plan) table {
	t := table{name: "finance.csv", header: []string{"year", "period", "revenue_usd", "incentives_usd", "feedstock_usd", "imports_usd",
		"opex_usd", "transport_usd", "disposal_usd", "penalty_usd", "capex_usd", "subsidies_usd", "terminal_value_usd",
		"depreciation_usd", "taxable_income_usd", "loss_set_off_usd", "tax_usd", "cash_flow_usd", "discounted_usd",
		"debt_drawn_usd", "interest_usd", "principal_usd", "debt_outstanding_usd", "equity_cash_flow_usd", "dscr"}}
	rows := sortedBy(p.Finance, func(a, b model.FinanceYear) int { return cmpInt(a.Year, b.Year) })
	for _, f := range rows {
		t.rows = append(t.rows, []string{integer(f.Year), integer(f.Period), money(f.Revenue), money(f.Incentives), money(f.Feedstock),
			money(f.Imports), money(f.Opex), money(f.Transport), money(f.Disposal), money(f.Penalty), money(f.Capex),
			money(f.Subsidies), money(f.TerminalValue), money(f.Depreciation), money(f.TaxableIncome), money(f.LossSetOff), money(f.Tax),
			money(f.CashFlow), money(f.Discounted), money(f.DebtDrawn), money(f.Interest), money(f.Principal),
			money(f.DebtOutstanding), money(f.EquityCashFlow), ratio(f)})
	}
	return t
}

func securityTable(p *model.Plan) table {
	t := table{name: "security.csv", header: []string{"material", "year", "period_years", "unit", "made_per_year",
		"delivered_per_year", "imports_per_year", "china_imports_per_year", "supply_per_year", "demand_per_year",
		"china_share_before", "china_share_after", "china_share_cap"}}
	rows := sortedBy(p.SecurityRows, func(a, b model.SecurityRow) int {
		return compareKeys(cmpStr(a.Material, b.Material), cmpInt(a.Year, b.Year))
	})
	for _, r := range rows {
		t.rows = append(t.rows, []string{r.Material, integer(r.Year), integer(r.PeriodYears), r.Unit, qty(r.Made),
			qty(r.Delivered), qty(r.Imports), qty(r.ChinaImports), qty(r.Supply), optional(r.Demand, qty),
			share(r.ChinaShareBefore), optional(r.ChinaShareAfter, share), optional(r.ChinaShareCap, share)})
	}
	return t
}

func marginalValuesTable(p *model.Plan) table {
	t := table{name: "marginal_values.csv", header: []string{"kind", "subject", "extra", "year", "value_usd_per_unit", "unit", "text"}}
	rows := sortedBy(p.Marginals, func(a, b model.MarginalValue) int {
		return compareKeys(cmpStr(a.Kind, b.Kind), cmpStr(a.Subject, b.Subject), cmpStr(a.Extra, b.Extra), cmpInt(a.Year, b.Year))
	})
	for _, m := range rows {
		t.rows = append(t.rows, []string{m.Kind, m.Subject, m.Extra, yearCell(m.Year), num(m.Value, rateDecimals), m.Unit, m.Text})
	}
	return t
}

func shortfallsTable(p *model.Plan) table {
	t := table{name: "shortfalls.csv", header: []string{"market", "year", "period_years", "quantity_per_year", "unit"}}
	rows := sortedBy(p.Shortfalls, func(a, b model.Shortfall) int {
		return compareKeys(cmpStr(a.Market, b.Market), cmpInt(a.Year, b.Year))
	})
	for _, s := range rows {
		t.rows = append(t.rows, []string{s.Market, integer(s.Year), integer(p.PeriodYears(s.Year)), qty(s.Quantity), s.Unit})
	}
	return t
}

func disposalsTable(p *model.Plan) table {
	t := table{name: "disposals.csv", header: []string{"year", "period_years", "site", "material", "quantity_per_year", "unit"}}
	rows := sortedBy(p.Disposals, func(a, b model.Disposal) int {
		return compareKeys(cmpInt(a.Year, b.Year), cmpStr(a.Site, b.Site), cmpStr(a.Material, b.Material))
	})
	for _, d := range rows {
		t.rows = append(t.rows, []string{integer(d.Year), integer(p.PeriodYears(d.Year)), d.Site, d.Material, qty(d.Quantity), d.Unit})
	}
	return t
}

// contributionsTable keeps the scenario's partner order, which the plan keeps.
func contributionsTable(p *model.Plan) table {
	t := table{name: "contributions.csv", header: []string{"partner", "share", "amount_usd"}}
	for _, c := range p.Contributions {
		t.rows = append(t.rows, []string{c.Partner, share(c.Share), money(c.Amount)})
	}
	return t
}

// ratio is a finance row's DSCR to 4 decimals, empty without debt service.
func ratio(f model.FinanceYear) string {
	if f.Interest+f.Principal == 0 {
		return ""
	}
	return num(f.DSCR, 4)
}

// partnersTable is partners.csv: each partner's share of the equity cash flows
// per calendar year, the last row (the year after the horizon) its share of the
// terminal value less the debt then outstanding, and their value discounted at
// the partner's hurdle rate (empty without one); then the same in the
// partner's own currency at that year's rate, and the value of its offtake
// (part of its cash flow).
func partnersTable(p *model.Plan) table {
	t := table{name: "partners.csv", header: []string{"partner", "year", "cash_flow_usd", "discounted_at_hurdle_usd",
		"currency", "cash_flow_local", "discounted_at_hurdle_local", "offtake_usd"}}
	first := 0
	if len(p.Finance) > 0 {
		first = p.Finance[0].Year
		for _, f := range p.Finance {
			first = min(first, f.Year)
		}
	}
	for _, r := range p.Partners {
		for i, v := range r.CashFlows {
			disc, discLocal := "", ""
			if r.HurdleRate != nil {
				d := math.Pow(1+*r.HurdleRate, -float64(i))
				disc, discLocal = money(v*d), money(r.CashFlowsLocal[i]*d)
			}
			t.rows = append(t.rows, []string{r.ID, integer(first + i), money(v), disc, r.Currency, money(r.CashFlowsLocal[i]), discLocal, money(r.Offtake[i])})
		}
	}
	return t
}
