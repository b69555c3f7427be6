package model

import (
	"github.com/mineralplan/mineralplan/highs"
	"github.com/mineralplan/mineralplan/scenarios"
)

// taxRate is finance.tax.rate in calendar year y, 0 when the scenario has no tax.
func taxRate(s *scenarios.Scenario, y int) float64 {
	if s.Finance.Tax == nil {
		return 0
	}
	return s.Finance.Tax.Rate.At(y)
}

// depreciableCost is the tax basis of one module, USD: gross capex less the
// state's capital subsidy (land is not depreciated).
func depreciableCost(mc ModuleCost) float64 { return mc.Gross - mc.Subsidy }

// depreciationFraction is the share of a new plant's depreciable cost of
// technology t, online from calendar year online, written off in calendar year
// y; 0 without tax.
func depreciationFraction(s *scenarios.Scenario, t, online, y int) float64 {
	if s.Finance.Tax == nil {
		return 0
	}
	return s.Finance.Tax.Depreciation.Rule(s.Technologies[t].ID).Fraction(y - online)
}

// applyTax fills the tax columns of the finance rows fy (in calendar order) by
// simulating the rules year by year, independently of the model's tax rows:
//
//	Depreciation_y  = Σ_new plants (CapexGross − Subsidy) × fraction(y − online)
//	TaxableIncome_y = operating_y − Depreciation_y
//
// In a holiday year the tax is 0 and a loss is not kept. Otherwise, with
// unlimited carry-forward, a loss (TaxableIncome_y < 0) joins the pool and
// income is first set off against the pool (LossSetOff_y); Tax_y = rate_y ×
// (TaxableIncome_y − LossSetOff_y), or rate_y × max(0, TaxableIncome_y)
// without carry-forward. Without tax all four are 0.
func applyTax(s *scenarios.Scenario, plan *Plan, fy []FinanceYear) {
	t := s.Finance.Tax
	if t == nil {
		return
	}
	ix := newIndex(s)
	pool := 0.0
	for j := range fy {
		r := &fy[j]
		for _, pl := range plan.Plants {
			if pl.Existing {
				continue
			}
			r.Depreciation += (pl.CapexGross - pl.Subsidy) * depreciationFraction(s, ix.tech[pl.Technology], pl.OnlineYear, r.Year)
		}
		r.TaxableIncome = operating(r) - r.Depreciation
		switch {
		case t.Exempt(s, r.Year):
		case r.TaxableIncome < 0:
			if t.Unlimited() {
				pool -= r.TaxableIncome
			}
		default:
			r.LossSetOff = min(pool, r.TaxableIncome)
			pool -= r.LossSetOff
			r.Tax = taxRate(s, r.Year) * (r.TaxableIncome - r.LossSetOff)
		}
	}
}

// taxRows adds the corporate tax when the scenario has one (docs/model.md,
// "Tax"): the new plants' fixed opex fo_yi and depreciation stocks, a free
// column operating_yi (model money a year) per modelled year with the row
//
//	operating_yi − Σ_cols op coefficient × col + fo_yi = −fixed opex of existing plants
//
// and, for every taxed calendar year y (in the horizon, not in the holiday),
// taxable income T_y = operating_yi(y) − dep_y and a column base_y ≥ 0 (the
// income taxed) costing rate_y × δ(y). Without carry-forward the row is
// base_y − T_y ≥ 0. With unlimited carry-forward a column pool_y ≥ 0 (losses
// not yet set off at the end of y) joins, with the row
//
//	base_y − pool_y + pool_y' − T_y = 0   (y' the taxed year before y; no pool_y' for the first)
//
// Validation keeps rate × δ non-increasing over the taxed years, so the
// NPV-maximising base_y sets losses off as early as possible: the simulated
// rule of applyTax.
func (p *Problem) taxRows(c *coefs) {
	s := p.Scenario
	t := s.Finance.Tax
	if t == nil {
		return
	}
	opCol := p.operatingColumns(c)
	depreciation := p.depreciation
	type taxedYear struct{ year, yi int }
	var years []taxedYear
	for yi, pd := range p.Periods {
		for y := pd.Year; y < pd.Year+pd.Length; y++ {
			if !t.Exempt(s, y) {
				years = append(years, taxedYear{y, yi})
			}
		}
	}
	// income adds −T_y to e: −operating + depreciation of the builds.
	income := func(e *expr, ty taxedYear) {
		e.add(opCol[ty.yi], -1)
		depreciation(e, ty.year)
	}
	info := func(y int) rowInfo {
		return rowInfo{Kind: RowTax, Subject: "tax", Year: y, Path: "finance.tax.rate", ToUnit: 1 / moneyScale, Unit: "USD of taxable income"}
	}
	if !t.Unlimited() {
		for _, ty := range years {
			col := p.Model.AddCol(name("tax_base", ty.year), 0, 0, highs.Inf, highs.Continuous)
			p.taxBase = append(p.taxBase, yearCol{ty.year, col})
			c.set(col, -taxRate(s, ty.year)*p.discount(ty.year), 0, 0)
			var e expr
			e.add(col, 1)
			income(&e, ty)
			p.addRow(info(ty.year), 0, highs.Inf, &e, "base", ty.year)
		}
		return
	}
	prevPool := -1
	for _, ty := range years {
		base := p.Model.AddCol(name("tax_base", ty.year), 0, 0, highs.Inf, highs.Continuous)
		p.taxBase = append(p.taxBase, yearCol{ty.year, base})
		pool := p.Model.AddCol(name("loss_pool", ty.year), 0, 0, highs.Inf, highs.Continuous)
		c.set(base, -taxRate(s, ty.year)*p.discount(ty.year), 0, 0)
		var e expr
		e.add(base, 1)
		e.add(pool, -1)
		if prevPool >= 0 {
			e.add(prevPool, 1)
		}
		income(&e, ty)
		p.addRow(info(ty.year), 0, 0, &e, "pool", ty.year)
		prevPool = pool
	}
}

// depreciationColumns adds, for each depreciation rule g used by a
// technology with build columns and each calendar year y of the horizon, a
// column a_{g,y} ≥ 0 with the row
//
//	a_{g,y} − Σ_{builds of rule g online in y} D × build = 0            (straight_line)
//	a_{g,y} − (1 − d) a_{g,y−1} − Σ_{builds of g online in y} D × build = 0 (written_down)
//
// (a is the depreciable cost added in y, or the written-down value at the
// start of y), and returns the function that adds the year's depreciation
// Σ_g dep_{g,y} to a row: (1/N) Σ_{k=y−N+1}^{y} a_{g,k} or d × a_{g,y}. Each
// build column so enters one row instead of one per year it depreciates.
func (p *Problem) depreciationColumns() func(e *expr, y int) {
	s := p.Scenario
	first, last := s.Horizon.FirstYear, s.Horizon.LastYear
	type group struct {
		rule scenarios.DepreciationRule
		cols []int // by calendar year − first
	}
	var groups []*group
	at := map[scenarios.DepreciationRule]*group{}
	online := map[*group]map[int][]buildVar{}
	for _, b := range p.builds {
		r := s.Finance.Tax.Depreciation.Rule(s.Technologies[b.Tech].ID)
		g := at[r]
		if g == nil {
			g = &group{rule: r}
			at[r] = g
			groups = append(groups, g)
			online[g] = map[int][]buildVar{}
		}
		y := p.Years[b.Year] + s.Technologies[b.Tech].LeadTime
		online[g][y] = append(online[g][y], b)
	}
	for gi, g := range groups {
		for y := first; y <= last; y++ {
			col := p.Model.AddCol(name("depreciable", gi, y), 0, 0, highs.Inf, highs.Continuous)
			g.cols = append(g.cols, col)
			var e expr
			e.add(col, 1)
			if g.rule.Method == "written_down" && y > first {
				e.add(g.cols[y-first-1], -(1 - g.rule.Rate))
			}
			for _, b := range online[g][y] {
				e.add(b.Col, -depreciableCost(moduleCost(s, b.Site, b.Tech, b.Size))*moneyScale)
			}
			p.addRow(rowInfo{Kind: RowTax, Subject: "depreciation", Year: y, Path: "finance.tax.depreciation", ToUnit: 1 / moneyScale, Unit: "USD of depreciable cost"},
				0, 0, &e, "depreciable", gi, y)
		}
	}
	return func(e *expr, y int) {
		for _, g := range groups {
			switch g.rule.Method {
			case "written_down":
				e.add(g.cols[y-first], g.rule.Rate)
			case "straight_line":
				for k := max(first, y-g.rule.Years+1); k <= y; k++ {
					e.add(g.cols[k-first], 1/float64(g.rule.Years))
				}
			}
		}
	}
}

// operatingColumns returns, building them on first use, the free columns
// operating_yi of each modelled year's operating cash flow a year (model
// money) with their rows, and the new plants' fixed opex stocks fo_yi they use
// (docs/model.md, "Tax").
func (p *Problem) operatingColumns(c *coefs) []int {
	if p.opCols != nil {
		return p.opCols
	}
	s := p.Scenario
	byYear := make([][]opTerm, len(p.Years))
	for _, o := range c.op {
		byYear[o.Year] = append(byYear[o.Year], o)
	}
	// foCol[yi] is the fixed opex a year of the new plants online in modelled
	// year yi: fo_yi = fo_{yi−1} + Σ_{builds coming online after year yi−1, by yi} FO × build.
	foCol := make([]int, len(p.Years))
	for yi, y := range p.Years {
		foCol[yi] = p.Model.AddCol(name("fixed_opex", y), 0, 0, highs.Inf, highs.Continuous)
		var e expr
		e.add(foCol[yi], 1)
		if yi > 0 {
			e.add(foCol[yi-1], -1)
		}
		for _, b := range p.builds {
			online := p.Years[b.Year] + s.Technologies[b.Tech].LeadTime
			if online <= y && (yi == 0 || online > p.Years[yi-1]) {
				e.add(b.Col, -fixedOpex(s, b.Site, b.Tech, b.Size)*moneyScale)
			}
		}
		p.addRow(rowInfo{Kind: RowTax, Subject: "fixed_opex", Year: y, Path: "finance.tax", ToUnit: 1 / moneyScale, Unit: "USD of fixed opex"},
			0, 0, &e, "fixed_opex", y)
	}
	if s.Finance.Tax != nil {
		// Built here, between the fixed opex and the operating columns: the
		// column order HiGHS sees affects its search (docs/model.md, "Tax").
		p.depreciation = p.depreciationColumns()
	}
	opCol := make([]int, len(p.Years))
	for yi, pd := range p.Periods {
		// The constant part of the operating cash flow: existing plants' fixed opex.
		constant := 0.0
		for i := range s.Sites {
			for _, tt := range p.techs[i] {
				for k := range s.Technologies[tt].Sizes {
					if n := existingCount(s, i, tt, k, pd.Year); n > 0 {
						constant -= float64(n) * fixedOpex(s, i, tt, k) * moneyScale
					}
				}
			}
		}
		col := p.Model.AddCol(name("operating", pd.Year), 0, -highs.Inf, highs.Inf, highs.Continuous)
		opCol[yi] = col
		var e expr
		e.add(col, 1)
		for _, o := range byYear[yi] {
			e.add(o.Col, -o.Coef)
		}
		e.add(foCol[yi], 1)
		p.addRow(rowInfo{Kind: RowTax, Subject: "operating", Year: pd.Year, Path: "finance.tax", ToUnit: 1 / moneyScale, Unit: "USD of operating cash flow"},
			constant, constant, &e, "operating", pd.Year)
	}
	p.opCols = opCol
	return opCol
}
