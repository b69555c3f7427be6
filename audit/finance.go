package audit

import (
	"fmt"
	"math"
	"sort"

	"github.com/mineralplan/mineralplan/scenarios"
)

// money is one calendar year's cash flow terms, USD.
type money struct {
	revenue, incentives, feedstock, imports, opex, transport, disposal, penalty, capex, subsidies, terminal float64
	depreciation, taxable, setOff, tax                                                                      float64
	drawn, interest, principal, outstanding                                                                 float64
}

func (m money) operating() float64 {
	return m.revenue + m.incentives - m.feedstock - m.imports - m.opex - m.transport - m.disposal - m.penalty
}

// discount is δ(y) = (1+r)^−(y−y₀).
func (a *auditor) discount(y int) float64 {
	return math.Pow(1+a.s.DiscountRate, -float64(y-a.s.Horizon.FirstYear))
}

// method is finance.terminal_value, book when unset.
func (a *auditor) method() string {
	if a.s.Finance.TerminalValue == "" {
		return "book"
	}
	return a.s.Finance.TerminalValue
}

// continuingYears is R of docs/model.md ("Terminal value"): the least, over the
// technologies allowed at some site, of lifetime − (e − (first year + lead
// time)), at least 0.
func (a *auditor) continuingYears() int {
	s := a.s
	r, found := 0, false
	for _, tech := range s.Technologies {
		ok := false
		for i := range s.Sites {
			site := &s.Sites[i]
			if allowed(site, tech.ID) {
				ok = true
			}
			for _, e := range site.Existing {
				if e.Technology == tech.ID {
					ok = true
				}
			}
		}
		if !ok {
			continue
		}
		life := tech.Lifetime
		if life <= 0 {
			life = 20
		}
		rem := life - (a.end - s.Horizon.FirstYear - tech.LeadTime)
		if rem < 0 {
			rem = 0
		}
		if !found || rem < r {
			r, found = rem, true
		}
	}
	return r
}

// salvageShare is sal_t(o) at the end of the horizon for a module online from o
// (0 unless the terminal value is book).
func (a *auditor) salvageShare(tech *scenarios.Technology, online int) float64 {
	if a.method() != "book" {
		return 0
	}
	life := tech.Lifetime
	if life <= 0 {
		life = 20
	}
	return math.Max(0, 1-float64(a.end-online)/float64(life))
}

// yearly computes the terms of one calendar year of modelled year y's period
// (capex, subsidies and terminal value excluded): docs/model.md, "Cash flow by calendar year".
func (a *auditor) yearly(y int, tc *transport) money {
	s := a.s
	var m money
	for _, f := range a.flows {
		if f.year != y {
			continue
		}
		if tau, ok := tc.cost(f); ok {
			m.transport += tau * f.q
		}
		switch f.fromKind {
		case "feedstock":
			m.feedstock += findFeedstock(s, f.from).Cost.At(y) * f.q
		case "import":
			m.imports += findImport(s, f.from).Price.At(y) * f.q
		}
		if f.toKind == "market" {
			m.revenue += findMarket(s, f.to).Price.At(y) * f.q
		}
	}
	for k, x := range a.tput {
		if k.year != y {
			continue
		}
		tech := s.TechnologyByID(k.tech)
		m.opex += tech.VariableOpex.USD * x
		for _, id := range tech.Incentives {
			for _, inc := range s.Policy.Incentives {
				if b, ok := tech.Outputs[inc.Material]; ok && inc.ID == id {
					m.incentives += b * inc.PerUnit.At(y) * x
				}
			}
		}
	}
	for _, p := range a.plantsList {
		if p.online > y {
			continue
		}
		site, tech := s.SiteByID(p.site), s.TechnologyByID(p.tech)
		size := sizeOf(tech, p.size)
		fo := size.FixedOpex.USD
		for _, o := range site.Overrides {
			if o.Technology == tech.ID && o.Size == size.ID && o.FixedOpex != nil {
				fo = o.FixedOpex.USD
			}
		}
		m.opex += float64(p.count) * fo
	}
	for k, g := range a.disposed {
		if k.year == y {
			m.disposal += s.MaterialByID(k.material).DisposalCost.USD * g
		}
	}
	if s.Policy.ShortfallPenalty != nil {
		for k, h := range a.short {
			if k.year == y {
				m.penalty += s.Policy.ShortfallPenalty.USD * h
			}
		}
	}
	return m
}

// finance recomputes finance.csv row by row, the NPV and the payback year.
func (a *auditor) finance() {
	s := a.s
	tc := newTransport(s)
	want := map[int]money{}
	for _, y := range a.years {
		m := a.yearly(y, tc)
		for c := range a.length[y] {
			want[y+c] = m
		}
	}
	last := s.Horizon.LastYear
	for _, p := range a.plantsList {
		if p.existing {
			continue
		}
		m := want[p.build]
		m.capex += p.net
		m.subsidies += p.sub
		want[p.build] = m
		m = want[last]
		m.terminal += p.net * a.salvageShare(s.TechnologyByID(p.tech), p.online)
		want[last] = m
	}
	// A continuing value: the last year's cash flow before incentives, at the
	// start of each of R years from e, valued at e.
	contYears, contRevenue := 0, 0.0
	if a.method() == "continuing" {
		contYears = a.continuingYears()
		m := want[last]
		annuity := 0.0
		for k := range contYears {
			annuity += math.Pow(1+s.DiscountRate, -float64(k))
		}
		m.terminal = (m.operating() - m.incentives) * annuity
		contRevenue = m.revenue * annuity * a.discount(a.end)
		want[last] = m
	}
	a.tax(want)
	a.debt(want)
	if a.sum.TerminalValueMethod != a.method() {
		a.fail("summary.json", "terminal_value_method is %q; the scenario's finance.terminal_value is %q", a.sum.TerminalValueMethod, a.method())
	}
	a.same("summary.json", "continuing_years", float64(a.sum.ContinuingYears), float64(contYears), 0)
	var ops, term, inc, sub, taxes float64
	// flows[t] is paid at the start of first_year + t; the terminal value at e.
	flows := make([]float64, a.end-s.Horizon.FirstYear+1)
	equityFlows := make([]float64, len(flows))
	seen := map[int]bool{}
	npv, cum := 0.0, 0.0
	minDSCR := 0.0
	for _, l := range s.Finance.Debt {
		minDSCR = math.Max(minDSCR, l.MinDSCR)
	}
	leastDSCR, dscrSeen := 0.0, false
	payback, spent := 0, false
	err := a.finRows.each(func(r row) {
		y := r.int("year")
		seen[y] = true
		m, ok := want[y]
		if !ok {
			a.fail(r.where(), "year %d is not a calendar year of the horizon", y)
			return
		}
		period := y
		for _, py := range a.years {
			if py <= y {
				period = py
			}
		}
		a.same(r.where(), "period", r.num("period"), float64(period), 0)
		tol := func(v float64) float64 { return centTol + 1e-6*math.Abs(v) }
		cols := []struct {
			name string
			v    float64
		}{
			{"revenue_usd", m.revenue}, {"incentives_usd", m.incentives}, {"feedstock_usd", m.feedstock},
			{"imports_usd", m.imports}, {"opex_usd", m.opex}, {"transport_usd", m.transport},
			{"disposal_usd", m.disposal}, {"penalty_usd", m.penalty}, {"capex_usd", m.capex}, {"subsidies_usd", m.subsidies}, {"terminal_value_usd", m.terminal},
			{"depreciation_usd", m.depreciation}, {"taxable_income_usd", m.taxable}, {"loss_set_off_usd", m.setOff}, {"tax_usd", m.tax},
		}
		for _, c := range cols {
			a.same(r.where(), c.name, r.num(c.name), c.v, tol(c.v))
		}
		cash := m.operating() - m.tax - m.capex + m.terminal
		disc := (m.operating()-m.tax-m.capex)*a.discount(y) + m.terminal*a.discount(a.end)
		a.same(r.where(), "cash_flow_usd", r.num("cash_flow_usd"), cash, tol(m.revenue+m.capex+math.Abs(m.terminal)))
		a.same(r.where(), "discounted_usd", r.num("discounted_usd"), disc, tol(m.revenue+m.capex+math.Abs(m.terminal)))
		equity := cash + m.drawn - m.interest - m.principal - m.outstanding
		for _, c := range []struct {
			name string
			v    float64
		}{{"debt_drawn_usd", m.drawn}, {"interest_usd", m.interest}, {"principal_usd", m.principal},
			{"debt_outstanding_usd", m.outstanding}, {"equity_cash_flow_usd", equity}} {
			a.same(r.where(), c.name, r.num(c.name), c.v, tol(math.Abs(c.v)+m.capex))
		}
		if ds := m.interest + m.principal; ds > 0 {
			cover := (m.operating() - m.tax) / ds
			a.same(r.where(), "dscr", r.num("dscr"), cover, 1e-4+1e-6*math.Abs(cover))
			if minDSCR > 0 && cover < minDSCR*(1-1e-6) {
				a.fail(r.where(), "dscr %.4g is below finance.debt's min_dscr %g", cover, minDSCR)
			}
			if !dscrSeen || cover < leastDSCR {
				leastDSCR, dscrSeen = cover, true
			}
		} else if r.str("dscr") != "" {
			a.fail(r.where(), "dscr is %q in a year without debt service; want it empty", r.str("dscr"))
		}
		if t := y - s.Horizon.FirstYear; t >= 0 && t < len(equityFlows) {
			equityFlows[t] += equity - m.terminal + m.outstanding
			equityFlows[len(equityFlows)-1] += m.terminal - m.outstanding
		}
		if t := y - s.Horizon.FirstYear; t >= 0 && t < len(flows) {
			flows[t] += cash - m.terminal
			flows[len(flows)-1] += m.terminal
		}
		inc += m.incentives * a.discount(y)
		sub += m.subsidies * a.discount(y)
		taxes += m.tax * a.discount(y)
		term += m.terminal * a.discount(a.end)
		ops += (m.revenue - m.feedstock - m.imports - m.opex - m.transport - m.disposal - m.penalty - m.capex - m.subsidies) * a.discount(y)
		npv += disc
		cum += cash
		spent = spent || m.capex > 0
		if spent && payback == 0 && cum >= 0 {
			payback = y
		}
	})
	if err != nil {
		a.fail("finance.csv", "%v", err)
	}
	for y := s.Horizon.FirstYear; y <= last; y++ {
		if !seen[y] {
			a.fail("finance.csv", "no row for calendar year %d", y)
		}
	}
	a.same("summary.json", "npv", a.sum.NPV, npv, 1+1e-6*math.Abs(npv))
	a.equityIRR(equityFlows)
	a.partners(equityFlows)
	switch {
	case dscrSeen && a.sum.MinDSCR == nil:
		a.fail("summary.json", "min_dscr is null; the years with debt service give %.4g", leastDSCR)
	case dscrSeen:
		a.same("summary.json", "min_dscr", *a.sum.MinDSCR, leastDSCR, 1e-4+1e-6*leastDSCR)
	case a.sum.MinDSCR != nil:
		a.fail("summary.json", "min_dscr is %g without debt service; want null", *a.sum.MinDSCR)
	}
	a.same("summary.json", "npv_pre_tax", a.sum.NPVPreTax, npv+taxes, 1+1e-6*math.Abs(npv+taxes))
	sp := a.sum.NPVSplit
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"npv_split.operations", sp.Operations, ops}, {"npv_split.terminal_value", sp.TerminalValue, term},
		{"npv_split.incentives", sp.Incentives, inc}, {"npv_split.subsidies", sp.Subsidies, sub}, {"npv_split.tax", sp.Tax, -taxes}} {
		a.same("summary.json", c.name, c.got, c.want, 1+1e-6*math.Abs(c.want))
	}
	parts := sp.Operations + sp.TerminalValue + sp.Incentives + sp.Subsidies + sp.Tax
	a.same("summary.json", "npv_split parts summed against npv", parts, a.sum.NPV, 1e-6*math.Max(1, math.Abs(a.sum.NPV)))
	a.same("summary.json", "payback_year", float64(a.sum.PaybackYear), float64(payback), 0)
	a.npv = npv
	a.projectIRR(flows)
	revenue := 0.0
	for y, m := range want {
		revenue += m.revenue * a.discount(y)
	}
	a.revenue = revenue + contRevenue
}

// securityFigures recomputes, for material m and modelled year y, the
// supply-security figures docs/model.md defines.
type securityFigures struct {
	made, delivered, imports, china, supply, demand float64
	before, after, cap                              float64 // NaN when undefined
}

func (a *auditor) securityOf(m *scenarios.Material, y int) securityFigures {
	s := a.s
	f := securityFigures{made: a.made(m.ID, y), before: m.ChinaRefiningShare, after: nan, cap: nan, demand: nan}
	for _, fl := range a.flows {
		if fl.year != y || fl.material != m.ID {
			continue
		}
		if fl.fromKind == "site" && fl.toKind == "market" {
			f.delivered += fl.q
		}
		if fl.fromKind == "import" {
			f.imports += fl.q
			if isChina(fl.origin) {
				f.china += fl.q
			}
		}
	}
	f.supply = f.imports + f.made
	if f.supply > 0 {
		f.after = f.china / f.supply
	}
	if c, ok := s.Policy.ChinaShareMax[m.ID]; ok {
		f.cap = c.At(y)
	}
	sum, capped, any := 0.0, true, false
	for _, mk := range s.Markets {
		if mk.Material != m.ID {
			continue
		}
		any = true
		if mk.Demand == nil {
			capped = false
		} else {
			sum += mk.Demand.At(y)
		}
	}
	if any && capped {
		f.demand = sum
	}
	return f
}

// security checks security.csv, the China-share caps, summary.json's
// china_share and the Security total.
func (a *auditor) security() {
	s := a.s
	total := 0.0
	rowsSeen := map[idYear]bool{}
	err := a.secRows.each(func(r row) {
		m := s.MaterialByID(r.str("material"))
		y := r.int("year")
		if m == nil {
			a.fail(r.where(), "unknown material %s", r.str("material"))
			return
		}
		rowsSeen[idYear{m.ID, y}] = true
		f := a.securityOf(m, y)
		for _, c := range []struct {
			col string
			v   float64
			tol float64
		}{
			{"made_per_year", f.made, qtyTol * 8}, {"delivered_per_year", f.delivered, qtyTol * 8},
			{"imports_per_year", f.imports, qtyTol * 8}, {"china_imports_per_year", f.china, qtyTol * 8},
			{"supply_per_year", f.supply, qtyTol * 8}, {"demand_per_year", f.demand, qtyTol},
			{"china_share_before", f.before, shareTol}, {"china_share_after", f.after, shareTol * 4},
			{"china_share_cap", f.cap, shareTol},
		} {
			a.same(r.where(), c.col, r.num(c.col), c.v, c.tol)
		}
	})
	if err != nil {
		a.fail("security.csv", "%v", err)
	}
	for _, m := range s.Materials {
		_, capped := s.Policy.ChinaShareMax[m.ID]
		for _, y := range a.years {
			f := a.securityOf(&m, y)
			if (m.Critical || capped) && !rowsSeen[idYear{m.ID, y}] {
				a.fail("security.csv", "no row for %s in %d", m.ID, y)
			}
			if capped && f.china > 0 {
				a.atMost("security.csv", fmt.Sprintf("China-origin %s in %d against china_share_max × supply", m.ID, y),
					f.china, f.cap*f.supply, qtyTol*8)
			}
			if m.Critical {
				total += float64(a.length[y]) * tonnesPerUnit(&m) * f.delivered
			}
		}
	}
	a.same("summary.json", "security", a.sum.Security, total, 1e-5)
	a.securityTotal = total
	last := a.years[len(a.years)-1]
	for _, cs := range a.sum.ChinaShare {
		m := s.MaterialByID(cs.Material)
		if m == nil || cs.Year != last {
			a.fail("summary.json", "china_share names %s in %d; want materials of the last modelled year %d", cs.Material, cs.Year, last)
			continue
		}
		f := a.securityOf(m, last)
		a.same("summary.json", "china_share "+m.ID+" before", orNaN(cs.Before), f.before, 1e-12)
		a.same("summary.json", "china_share "+m.ID+" after", orNaN(cs.After), f.after, 1e-9)
		a.same("summary.json", "china_share "+m.ID+" cap", orNaN(cs.Cap), f.cap, 1e-12)
	}
	if eps := s.Objective.MinSecurity; eps != nil {
		a.atMost("summary.json", "objective.min_security against security", *eps, total, 1e-6)
	}
}

func orNaN(v *float64) float64 {
	if v == nil {
		return nan
	}
	return *v
}

// totals checks summary.json's capital, jobs, CO₂ and objective.
func (a *auditor) totals() {
	s := a.s
	var capex, gross, sub, land, jobs float64
	last := a.years[len(a.years)-1]
	for _, p := range a.plantsList {
		if !p.existing {
			capex += p.net
			gross += p.gross
			sub += p.sub
			land += p.land
		}
		if p.online <= last {
			jobs += p.jobs
		}
	}
	n := float64(len(a.plantsList)) * centTol
	a.same("summary.json", "capex", a.sum.Capex, capex, n)
	a.same("summary.json", "capex_gross", a.sum.CapexGross, gross, n)
	a.same("summary.json", "subsidies", a.sum.Subsidies, sub, n)
	a.same("summary.json", "land", a.sum.Land, land, n)
	a.same("summary.json", "capex_gross − subsidies + land", a.sum.CapexGross-a.sum.Subsidies+a.sum.Land, a.sum.Capex, n)
	a.same("summary.json", "budget", a.sum.Budget, s.Budget.Total.USD, centTol)
	a.same("summary.json", "jobs", a.sum.Jobs, jobs, 0.1)
	co2 := 0.0
	for k, x := range a.tput {
		co2 += float64(a.length[k.year]) * s.TechnologyByID(k.tech).CO2PerTonne * x
	}
	a.same("summary.json", "co2", a.sum.CO2, co2, 1e-3)
	if a.sum.Objective == nil {
		a.fail("summary.json", "objective is null for a plan")
		return
	}
	var want float64
	switch a.sum.ObjectiveKind {
	case "npv":
		want = a.npv
	case "cost":
		want = a.revenue - a.npv
	case "security":
		want = a.securityTotal
	case "weighted":
		want = s.Objective.NPVWeight*a.npv*1e-6 + s.Objective.SecurityWeight*a.securityTotal*1e-3
	default:
		a.fail("summary.json", "unknown objective_kind %q", a.sum.ObjectiveKind)
		return
	}
	a.same("summary.json", "objective ("+a.sum.ObjectiveKind+")", *a.sum.Objective, want, 1+1e-6*math.Abs(want))
}

// presentValue is Σ_t cf[t] (1+r)^−t.
func presentValue(cf []float64, r float64) float64 {
	v := 0.0
	for t, c := range cf {
		v += c * math.Pow(1+r, -float64(t))
	}
	return v
}

// projectIRR checks summary.json's project IRR against the project's cash flows
// cf (finance.csv, the terminal value a year after the last row): each root
// reported makes their present value zero, a unique rate is one where it
// changes sign, and a status of no_sign_change or unique says what the signs of
// the cash flows allow. It does not search for roots itself.
func (a *auditor) projectIRR(cf []float64) {
	scale := 0.0
	changes, last := 0, 0.0
	for _, c := range cf {
		scale += math.Abs(c)
		if c != 0 {
			if last != 0 && (c > 0) != (last > 0) {
				changes++
			}
			last = c
		}
	}
	st, roots := a.sum.ProjectIRRStatus, a.sum.ProjectIRRRoots
	for _, r := range roots {
		if v := presentValue(cf, r); math.Abs(v) > 1e-6*scale {
			a.fail("summary.json", "project_irr_roots: %.6g leaves a present value of %.2f USD, not 0", r, v)
		}
	}
	switch st {
	case "no_sign_change":
		if changes != 0 || len(roots) != 0 || a.sum.ProjectIRR != nil {
			a.fail("summary.json", "project_irr_status no_sign_change, but the cash flows change sign %d times (roots %v)", changes, roots)
		}
	case "unique":
		r := a.sum.ProjectIRR
		if r == nil || len(roots) != 1 || *r != roots[0] {
			a.fail("summary.json", "project_irr %v with status unique and roots %v", r, roots)
			return
		}
		lo, hi := presentValue(cf, *r-1e-6), presentValue(cf, *r+1e-6)
		if (lo > 0) == (hi > 0) {
			a.fail("summary.json", "project_irr %.6g: the present value does not change sign there", *r)
		}
		// Unique only by Descartes (one sign change) or, for a positive rate,
		// by Norström (running sums start negative, change sign once, end ≠ 0).
		if changes != 1 && !(*r > 0 && runningSumsCrossOnce(cf)) {
			a.fail("summary.json", "project_irr %.6g called unique, but the cash flows change sign %d times and no rule proves it", *r, changes)
		}
	case "one_found", "not_unique", "not_found":
		if a.sum.ProjectIRR != nil {
			a.fail("summary.json", "project_irr %v with status %s; it is null unless unique", *a.sum.ProjectIRR, st)
		}
		if changes == 0 {
			a.fail("summary.json", "project_irr_status %s, but the cash flows never change sign", st)
		}
		if want := map[string]int{"one_found": 1, "not_found": 0}[st]; st != "not_unique" && len(roots) != want {
			a.fail("summary.json", "project_irr_status %s with %d roots", st, len(roots))
		}
		if st == "not_unique" && len(roots) < 2 {
			a.fail("summary.json", "project_irr_status not_unique with %d roots", len(roots))
		}
	default:
		a.fail("summary.json", "project_irr_status %q is not a status", st)
	}
}

// runningSumsCrossOnce reports whether the running sums of cf start negative,
// change sign exactly once (zeros skipped) and end non-zero.
func runningSumsCrossOnce(cf []float64) bool {
	sum, first, last, changes := 0.0, 0.0, 0.0, 0
	for _, c := range cf {
		sum += c
		if sum == 0 {
			continue
		}
		if first == 0 {
			first = sum
		}
		if last != 0 && (sum > 0) != (last > 0) {
			changes++
		}
		last = sum
	}
	return first < 0 && sum != 0 && changes == 1
}

// tax fills the corporate tax terms of every calendar year of want
// (docs/model.md, "Tax"), in calendar order: the depreciation of the new
// plants in plants.csv, taxable income = operating cash flow − depreciation;
// outside the holiday a loss joins the pool when losses are carried forward,
// income is set off against the pool, and tax = rate × what is left. Without
// finance.tax they stay 0.
func (a *auditor) tax(want map[int]money) {
	t := a.s.Finance.Tax
	if t == nil {
		return
	}
	start := t.HolidayStart
	if start == 0 {
		start = a.s.Horizon.FirstYear
	}
	years := make([]int, 0, len(want))
	for y := range want {
		years = append(years, y)
	}
	sort.Ints(years)
	pool := 0.0
	for _, y := range years {
		m := want[y]
		for _, p := range a.plantsList {
			if p.existing || y < p.online {
				continue
			}
			method, life, rate := t.Depreciation.Method, t.Depreciation.Years, t.Depreciation.Rate
			if r, ok := t.Depreciation.Technologies[p.tech]; ok {
				method, life, rate = r.Method, r.Years, r.Rate
			}
			basis, k := p.gross-p.sub, y-p.online
			switch method {
			case "straight_line":
				if k < life {
					m.depreciation += basis / float64(life)
				}
			case "written_down":
				// The value left after k years of write-off, times the rate.
				left := basis
				for range k {
					left -= rate * left
				}
				m.depreciation += rate * left
			}
		}
		m.taxable = m.operating() - m.depreciation
		holiday := y >= start && y < start+t.HolidayYears
		switch {
		case holiday:
		case m.taxable < 0:
			if t.LossCarryForward == "unlimited" {
				pool += -m.taxable
			}
		default:
			m.setOff = math.Min(pool, m.taxable)
			pool -= m.setOff
			m.tax = t.Rate.At(y) * (m.taxable - m.setOff)
		}
		want[y] = m
	}
}

// debt fills the loan terms of every calendar year of want (docs/model.md,
// "Debt") from plants.csv: each lender lends its share of a new plant's net
// capex in the build year; interest is added to the balance until service
// starts, the year after the build year or the online year, whichever is
// later; from then the balance earns interest at the lender's rate, is repaid
// after the grace years in equal parts (equal_principal) or by a level payment
// (annuity) until the tenor, and what is left at the end of the horizon is
// booked as outstanding in the last year.
func (a *auditor) debt(want map[int]money) {
	last := a.s.Horizon.LastYear
	for _, l := range a.s.Finance.Debt {
		n := l.Tenor - l.GraceYears
		level := 1 / float64(n)
		if l.InterestRate > 0 {
			level = l.InterestRate / (1 - math.Pow(1+l.InterestRate, -float64(n)))
		}
		for _, p := range a.plantsList {
			if p.existing {
				continue
			}
			m := want[p.build]
			m.drawn += l.Share * p.net
			want[p.build] = m
			start := max(p.build+1, p.online)
			balance := l.Share * p.net
			for y := p.build + 1; y < start && y <= last; y++ {
				balance *= 1 + l.InterestRate
			}
			loan := balance
			for y := start; y <= last && y < start+l.Tenor; y++ {
				k := y - start + 1
				m := want[y]
				in := l.InterestRate * balance
				pr := 0.0
				switch {
				case k == l.Tenor:
					pr = balance
				case k <= l.GraceYears:
				case l.Repayment == "equal_principal":
					pr = loan / float64(n)
				default:
					pr = level*loan - in
				}
				m.interest += in
				m.principal += pr
				balance -= pr
				want[y] = m
			}
			if start+l.Tenor-1 > last {
				m := want[last]
				m.outstanding += balance
				want[last] = m
			}
		}
	}
}

// equityIRR checks summary.json's equity IRR against the equity cash flows of
// finance.csv, laid out as the project's (the terminal value less the debt
// outstanding a year after the last row): a rate reported makes their present
// value zero and changes its sign; without finance.debt there is none.
func (a *auditor) equityIRR(cf []float64) {
	r := a.sum.EquityIRR
	if len(a.s.Finance.Debt) == 0 {
		if r != nil || a.sum.EquityIRRStatus != "" {
			a.fail("summary.json", "equity_irr %v (status %q) without finance.debt; want null and \"\"", r, a.sum.EquityIRRStatus)
		}
		return
	}
	if r == nil {
		return
	}
	scale := 0.0
	for _, c := range cf {
		scale += math.Abs(c)
	}
	if v := presentValue(cf, *r); math.Abs(v) > 1e-6*scale {
		a.fail("summary.json", "equity_irr %.6g leaves the equity cash flows a present value of %.2f USD, not 0", *r, v)
	}
	if lo, hi := presentValue(cf, *r-1e-6), presentValue(cf, *r+1e-6); (lo > 0) == (hi > 0) {
		a.fail("summary.json", "equity_irr %.6g: the present value of the equity cash flows does not change sign there", *r)
	}
}

// offtake is each partner's offtake value (by id) and their total in each of
// the n years of the equity cash flows, USD, from flows.csv's sales to markets
// at the scenario's prices: share × quantity per year × price of the modelled
// year, in every calendar year of the flow's period.
func (a *auditor) offtake(n int) (map[string][]float64, []float64) {
	s := a.s
	own := map[string][]float64{}
	total := make([]float64, n)
	step := max(s.Horizon.Step, 1)
	for _, pt := range s.Budget.Partners {
		own[pt.ID] = make([]float64, n)
		for _, o := range pt.Offtake {
			var price *scenarios.MoneySeries
			for i := range s.Markets {
				if s.Markets[i].ID == o.Market {
					price = &s.Markets[i].Price
				}
			}
			for _, f := range a.flows {
				if f.toKind != "market" || f.to != o.Market || f.material != o.Material || price == nil {
					continue
				}
				v := o.Share * f.q * price.At(f.year)
				for y := f.year; y < f.year+step && y <= s.Horizon.LastYear; y++ {
					if t := y - s.Horizon.FirstYear; t >= 0 && t < n {
						own[pt.ID][t] += v
						total[t] += v
					}
				}
			}
		}
	}
	return own, total
}

// partnerCurrency is a partner's currency (USD when unset) and its units per
// US dollar in year y, read from the scenario's currency paths.
func partnerCurrency(s *scenarios.Scenario, pt scenarios.Partner, y int) (string, float64) {
	switch pt.Currency {
	case "INR":
		return "INR", s.Currency.INRPerUSD.At(y)
	case "JPY":
		return "JPY", s.Currency.JPYPerUSD.At(y)
	}
	return "USD", 1
}

// partners checks partners.csv and summary.json's partners against the
// scenario's shares of the equity cash flows eq (laid out as the project's:
// eq[t] at the start of first_year + t, the last at the end of the horizon),
// discounted at each partner's hurdle rate.
func (a *auditor) partners(eq []float64) {
	s := a.s
	own, total := a.offtake(len(eq))
	seen := map[string]bool{}
	err := a.partRows.each(func(r row) {
		id, y := r.str("partner"), r.int("year")
		var pt *scenarios.Partner
		for i := range s.Budget.Partners {
			if s.Budget.Partners[i].ID == id {
				pt = &s.Budget.Partners[i]
			}
		}
		t := y - s.Horizon.FirstYear
		if pt == nil || t < 0 || t >= len(eq) {
			a.fail(r.where(), "partner %q in %d is not a partner and year of the scenario", id, y)
			return
		}
		seen[fmt.Sprint(id, y)] = true
		off := own[id][t]
		cf := pt.Share*(eq[t]-total[t]) + off
		a.same(r.where(), "offtake_usd", r.num("offtake_usd"), off, centTol+1e-6*math.Abs(off))
		cur, rate := partnerCurrency(s, *pt, y)
		local := cf * rate
		a.same(r.where(), "cash_flow_usd", r.num("cash_flow_usd"), cf, centTol+1e-6*math.Abs(cf))
		if r.str("currency") != cur {
			a.fail(r.where(), "currency is %q; the partner's is %s", r.str("currency"), cur)
		}
		a.same(r.where(), "cash_flow_local", r.num("cash_flow_local"), local, centTol*rate+1e-6*math.Abs(local))
		if pt.HurdleRate != nil {
			f := math.Pow(1+*pt.HurdleRate, -float64(t))
			d := cf * f
			a.same(r.where(), "discounted_at_hurdle_usd", r.num("discounted_at_hurdle_usd"), d, centTol+1e-6*math.Abs(d))
			a.same(r.where(), "discounted_at_hurdle_local", r.num("discounted_at_hurdle_local"), local*f, centTol*rate+1e-6*math.Abs(local*f))
		} else if r.str("discounted_at_hurdle_usd") != "" || r.str("discounted_at_hurdle_local") != "" {
			a.fail(r.where(), "discounted_at_hurdle_usd or _local is given for a partner without a hurdle rate")
		}
	})
	if err != nil {
		a.fail("partners.csv", "%v", err)
	}
	if len(a.sum.Partners) != len(s.Budget.Partners) {
		a.fail("summary.json", "partners lists %d partners; the scenario has %d", len(a.sum.Partners), len(s.Budget.Partners))
		return
	}
	for i, pt := range s.Budget.Partners {
		for t := range eq {
			if !seen[fmt.Sprint(pt.ID, s.Horizon.FirstYear+t)] {
				a.fail("partners.csv", "no row for partner %s in %d", pt.ID, s.Horizon.FirstYear+t)
			}
		}
		got := a.sum.Partners[i]
		cf := make([]float64, len(eq))
		for t, v := range eq {
			cf[t] = pt.Share*(v-total[t]) + own[pt.ID][t]
		}
		// A rate reported makes the partner's flows worth 0 and changes the
		// sign of their present value.
		if r := got.IRR; r != nil {
			scale := 0.0
			for _, c := range cf {
				scale += math.Abs(c)
			}
			if v := presentValue(cf, *r); math.Abs(v) > 1e-6*scale {
				a.fail("summary.json", "partners[%s].irr %.6g leaves its cash flows a present value of %.2f USD, not 0", pt.ID, *r, v)
			}
			if lo, hi := presentValue(cf, *r-1e-6), presentValue(cf, *r+1e-6); (lo > 0) == (hi > 0) {
				a.fail("summary.json", "partners[%s].irr %.6g: the present value of its cash flows does not change sign there", pt.ID, *r)
			}
		}
		cur, rate0 := partnerCurrency(s, pt, s.Horizon.FirstYear)
		if got.Currency != cur {
			a.fail("summary.json", "partners[%s].currency is %q; the partner's is %s", pt.ID, got.Currency, cur)
		}
		if pt.HurdleRate == nil {
			if got.NPVAtHurdle != nil || got.NPVAtHurdleLocal != nil {
				a.fail("summary.json", "partners[%s].npv_at_hurdle or npv_at_hurdle_local is given without a hurdle rate; want null", pt.ID)
			}
			continue
		}
		npv, local := 0.0, 0.0
		for t, v := range eq {
			_, rate := partnerCurrency(s, pt, s.Horizon.FirstYear+t)
			f := math.Pow(1+*pt.HurdleRate, -float64(t))
			cf := pt.Share*(v-total[t]) + own[pt.ID][t]
			npv += cf * f
			local += cf * rate * f
		}
		if got.NPVAtHurdle == nil || got.NPVAtHurdleLocal == nil {
			a.fail("summary.json", "partners[%s].npv_at_hurdle or npv_at_hurdle_local is null; recomputed %.2f USD, %.2f %s", pt.ID, npv, local, cur)
			continue
		}
		a.same("summary.json", "partners["+pt.ID+"].npv_at_hurdle", *got.NPVAtHurdle, npv, 1+1e-6*math.Abs(npv))
		a.same("summary.json", "partners["+pt.ID+"].npv_at_hurdle_local", *got.NPVAtHurdleLocal, local, rate0+1e-6*math.Abs(local))
		// min_npv_at_hurdle is USD: the local NPV at the first year's rate.
		if pt.MinNPVAtHurdle != nil && local/rate0 < pt.MinNPVAtHurdle.USD-1-1e-6*math.Abs(npv) {
			a.fail("summary.json", "partner %s: NPV at its hurdle rate %.2f %s (%.2f USD at the first year's rate) is below min_npv_at_hurdle %.2f USD",
				pt.ID, local, cur, local/rate0, pt.MinNPVAtHurdle.USD)
		}
	}
}
