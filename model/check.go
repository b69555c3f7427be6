package model

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/mineralplan/mineralplan/scenarios"
)

// checkTol is the relative tolerance of Check: a violation counts when it exceeds
// checkTol × max(1, the magnitude of the terms involved).
const checkTol = 1e-6

// CheckError lists every violation Check found.
type CheckError struct {
	Violations []string
}

func (e *CheckError) Error() string {
	n := len(e.Violations)
	shown := e.Violations
	if n > 10 {
		shown = shown[:10]
	}
	msg := fmt.Sprintf("%d violation(s): %s", n, strings.Join(shown, "; "))
	if n > 10 {
		msg += fmt.Sprintf("; and %d more", n-10)
	}
	return msg
}

// Check verifies a plan against its scenario without trusting the solver: it
// recomputes from the plan's plants, throughput, flows, disposals and shortfalls
// the budget, partner caps, plant limits, capacities and utilisation, mass
// balances, supplies, import limits, demands and requirements, China-share caps,
// recovery targets, the objective value and the corporate tax of every year
// (simulated from the rules, not read from the model's tax rows), and reports every violation beyond
// checkTol relative. It returns nil or a *CheckError.
func Check(s *scenarios.Scenario, plan *Plan) error {
	c := &checker{s: s, plan: plan, ix: newIndex(s), years: ScenarioYears(s)}
	c.plants()
	c.budget()
	c.capacity()
	c.balance()
	c.supplyAndDemand()
	c.policy()
	c.objective()
	c.tax()
	c.debt()
	c.partners()
	if len(c.v) > 0 {
		return &CheckError{Violations: c.v}
	}
	return nil
}

type checker struct {
	s     *scenarios.Scenario
	plan  *Plan
	ix    index
	years []int
	v     []string
}

func (c *checker) fail(format string, args ...any) {
	c.v = append(c.v, fmt.Sprintf(format, args...))
}

// exceeds reports whether lhs > rhs beyond the tolerance.
func exceeds(lhs, rhs float64) bool {
	return lhs-rhs > checkTol*math.Max(1, math.Max(math.Abs(lhs), math.Abs(rhs)))
}

func (c *checker) inHorizon(y int) bool { return slices.Contains(c.years, y) }

func (c *checker) plants() {
	s := c.s
	perSite := map[string]int{}
	perSize := map[[3]string]int{}
	for _, pl := range c.plan.Plants {
		i, ok := c.ix.site[pl.Site]
		t, ok2 := c.ix.tech[pl.Technology]
		if !ok || !ok2 {
			c.fail("plant %s/%s names an unknown site or technology", pl.Site, pl.Technology)
			continue
		}
		tech := s.Technologies[t]
		k := sizeIndex(tech, pl.Size)
		if k < 0 {
			c.fail("plant %s/%s has unknown size %s", pl.Site, pl.Technology, pl.Size)
			continue
		}
		if pl.Count < 1 {
			c.fail("plant %s/%s/%s has count %d", pl.Site, pl.Technology, pl.Size, pl.Count)
		}
		perSite[pl.Site] += pl.Count
		if pl.Existing {
			continue
		}
		perSize[[3]string{pl.Site, pl.Technology, pl.Size}] += pl.Count
		if site := s.Sites[i]; len(site.Technologies) > 0 && !slices.Contains(site.Technologies, tech.ID) {
			c.fail("plant %s at site %s: the site does not allow that technology", tech.ID, site.ID)
		}
		if !c.inHorizon(pl.BuildYear) || pl.OnlineYear != pl.BuildYear+tech.LeadTime || pl.OnlineYear > s.Horizon.LastYear {
			c.fail("plant %s/%s built %d online %d: lead time is %d years and the horizon %d–%d",
				pl.Site, tech.ID, pl.BuildYear, pl.OnlineYear, tech.LeadTime, s.Horizon.FirstYear, s.Horizon.LastYear)
		}
		mc := moduleCost(s, i, t, k)
		n := float64(pl.Count)
		if exceeds(math.Abs(pl.CapexNet-n*mc.Net), 0) || math.Abs(pl.Capacity-n*tech.Sizes[k].Capacity) > checkTol*pl.Capacity {
			c.fail("plant %s/%s/%s: capex %g or capacity %g do not match the scenario (%g, %g)",
				pl.Site, tech.ID, pl.Size, pl.CapexNet, pl.Capacity, n*mc.Net, n*tech.Sizes[k].Capacity)
		}
	}
	for _, site := range s.Sites {
		if site.MaxPlants > 0 && perSite[site.ID] > site.MaxPlants {
			c.fail("site %s has %d plants; max_plants is %d", site.ID, perSite[site.ID], site.MaxPlants)
		}
	}
	for key, n := range perSize {
		if mm := maxModules(s.Technologies[c.ix.tech[key[1]]]); n > mm {
			c.fail("site %s has %d new %s/%s modules; max_modules is %d", key[0], n, key[1], key[2], mm)
		}
	}
}

func (c *checker) budget() {
	s := c.s
	total := 0.0
	byYear := map[int]float64{}
	for _, pl := range c.plan.Plants {
		if !pl.Existing {
			total += pl.CapexNet
			byYear[pl.BuildYear] += pl.CapexNet
		}
	}
	if exceeds(total, s.Budget.Total.USD) {
		c.fail("net capex %.0f USD exceeds budget.total %.0f USD", total, s.Budget.Total.USD)
	}
	if s.Budget.PerYear != nil {
		for _, y := range c.years {
			if exceeds(byYear[y], s.Budget.PerYear.At(y)) {
				c.fail("net capex %.0f USD in %d exceeds budget.per_year %.0f USD", byYear[y], y, s.Budget.PerYear.At(y))
			}
		}
	}
	for _, p := range s.Budget.Partners {
		if p.Cap != nil && exceeds(p.Share*total, p.Cap.USD) {
			c.fail("partner %s would pay %.0f USD; its cap is %.0f USD", p.ID, p.Share*total, p.Cap.USD)
		}
	}
}

func (c *checker) capacity() {
	s := c.s
	cap := capacityByYear(s, c.plan.Plants, c.years)
	for _, th := range c.plan.Throughput {
		t, ok := c.ix.tech[th.Technology]
		if !ok || !c.inHorizon(th.Year) {
			c.fail("throughput of %s at %s in %d: unknown technology or year", th.Technology, th.Site, th.Year)
			continue
		}
		if th.Tonnes < -checkTol {
			c.fail("negative throughput %g at %s/%s in %d", th.Tonnes, th.Site, th.Technology, th.Year)
		}
		tech := s.Technologies[t]
		online := cap[capKey{th.Site, th.Technology, th.Year}]
		if exceeds(th.Tonnes, maxUtilisation(tech)*online) {
			c.fail("%s at %s processes %.3f t in %d; online capacity %.3f t × utilisation %.2f", tech.ID, th.Site, th.Tonnes, th.Year, online, maxUtilisation(tech))
		}
	}
	if len(c.plan.Throughput) == 0 {
		return
	}
	done := map[capKey]float64{}
	for _, th := range c.plan.Throughput {
		done[capKey{th.Site, th.Technology, th.Year}] += th.Tonnes
	}
	for key, online := range cap {
		t := c.ix.tech[key.tech]
		if mu := s.Technologies[t].MinUtilisation; mu > 0 && exceeds(mu*online, done[key]) {
			c.fail("%s at %s processes %.3f t in %d; minimum utilisation needs %.3f t", key.tech, key.site, done[key], key.year, mu*online)
		}
	}
}

// balance checks, per site, material and year, that the site handles material
// only through its plants: every tonne that arrives is consumed by the plants
// there (inflow ≤ Σ_t in[t,m]·throughput), every tonne that leaves or is disposed
// of was made there (outflow + disposal ≤ Σ_t out[t,m]·throughput), and the two
// sides balance (inflow + made = consumed + outflow + disposal).
func (c *checker) balance() {
	s := c.s
	type key struct {
		site, material string
		year           int
	}
	type account struct{ in, out, made, used, disposed float64 }
	acc := map[key]*account{}
	at := func(k key) *account {
		a := acc[k]
		if a == nil {
			a = &account{}
			acc[k] = a
		}
		return a
	}
	for _, f := range c.plan.Flows {
		if f.Quantity < -checkTol {
			c.fail("negative flow %g of %s from %s to %s in %d", f.Quantity, f.Material, f.From, f.To, f.Year)
		}
		if f.ToKind == "site" {
			at(key{f.To, f.Material, f.Year}).in += f.Quantity
		}
		if f.FromKind == "site" {
			at(key{f.From, f.Material, f.Year}).out += f.Quantity
		}
		c.checkEndpoint(f)
	}
	for _, th := range c.plan.Throughput {
		tech := s.Technologies[c.ix.tech[th.Technology]]
		for m, q := range tech.Outputs {
			at(key{th.Site, m, th.Year}).made += q * th.Tonnes
		}
		for m, q := range tech.Inputs {
			at(key{th.Site, m, th.Year}).used += q * th.Tonnes
		}
	}
	for _, d := range c.plan.Disposals {
		if s.Materials[c.ix.material[d.Material]].DisposalCost == nil {
			c.fail("%s disposed of at %s in %d, but the material allows no disposal", d.Material, d.Site, d.Year)
		}
		at(key{d.Site, d.Material, d.Year}).disposed += d.Quantity
	}
	keys := make([]key, 0, len(acc))
	for k := range acc {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		ka, kb := keys[a], keys[b]
		if ka.site != kb.site {
			return ka.site < kb.site
		}
		if ka.material != kb.material {
			return ka.material < kb.material
		}
		return ka.year < kb.year
	})
	for _, k := range keys {
		a := acc[k]
		unit := unitOf(s, k.material)
		if exceeds(a.in, a.used) {
			c.fail("%.6g %s of %s arrive at %s in %d, but its plants consume only %.6g %s: material may not pass through a site unprocessed",
				a.in, unit, k.material, k.site, k.year, a.used, unit)
		}
		if exceeds(a.out+a.disposed, a.made) {
			c.fail("%.6g %s of %s leave %s in %d, but its plants make only %.6g %s: material may not pass through a site unprocessed",
				a.out+a.disposed, unit, k.material, k.site, k.year, a.made, unit)
		}
		net := a.in + a.made - a.used - a.out - a.disposed
		mag := math.Max(math.Max(a.in, a.made), math.Max(a.used, a.out+a.disposed))
		if math.Abs(net) > checkTol*math.Max(1, mag) {
			c.fail("mass balance of %s at %s in %d is off by %g %s", k.material, k.site, k.year, net, unit)
		}
	}
}

// checkEndpoint verifies a flow's material matches what its ends handle.
func (c *checker) checkEndpoint(f Flow) {
	s := c.s
	switch f.FromKind {
	case "feedstock":
		if i, ok := c.ix.feedstock[f.From]; !ok || s.Feedstocks[i].Material != f.Material {
			c.fail("flow of %s from feedstock %s, which supplies something else", f.Material, f.From)
		}
	case "import":
		if i, ok := c.ix.imp[f.From]; !ok || s.Imports[i].Material != f.Material {
			c.fail("flow of %s from import %s, which supplies something else", f.Material, f.From)
		}
	}
	if f.ToKind == "market" {
		if i, ok := c.ix.market[f.To]; !ok || s.Markets[i].Material != f.Material {
			c.fail("flow of %s to market %s, which buys something else", f.Material, f.To)
		}
	}
}

func (c *checker) supplyAndDemand() {
	s := c.s
	type key struct {
		id   string
		year int
	}
	out := map[key]float64{}
	in := map[key]float64{}
	for _, f := range c.plan.Flows {
		if f.FromKind == "feedstock" || f.FromKind == "import" {
			out[key{f.From, f.Year}] += f.Quantity
		}
		if f.ToKind == "market" {
			in[key{f.To, f.Year}] += f.Quantity
		}
	}
	short := map[key]float64{}
	for _, sh := range c.plan.Shortfalls {
		short[key{sh.Market, sh.Year}] += sh.Quantity
	}
	if len(c.plan.Shortfalls) > 0 && s.Policy.ShortfallPenalty == nil {
		c.fail("the plan has shortfalls but the scenario sets no shortfall_penalty")
	}
	for _, y := range c.years {
		for _, f := range s.Feedstocks {
			if exceeds(out[key{f.ID, y}], f.Availability.At(y)) {
				c.fail("feedstock %s supplies %.3f in %d; availability is %.3f", f.ID, out[key{f.ID, y}], y, f.Availability.At(y))
			}
		}
		for _, im := range s.Imports {
			if im.Limit != nil && exceeds(out[key{im.ID, y}], im.Limit.At(y)) {
				c.fail("import %s brings %.3f in %d; its limit is %.3f", im.ID, out[key{im.ID, y}], y, im.Limit.At(y))
			}
		}
		for _, mk := range s.Markets {
			got := in[key{mk.ID, y}]
			if mk.Demand != nil && exceeds(got, mk.Demand.At(y)) {
				c.fail("market %s receives %.3f in %d; demand is %.3f", mk.ID, got, y, mk.Demand.At(y))
			}
			if mk.Required != nil && exceeds(mk.Required.At(y), got+short[key{mk.ID, y}]) {
				c.fail("market %s receives %.3f in %d; %.3f is required", mk.ID, got, y, mk.Required.At(y))
			}
		}
	}
}

func (c *checker) policy() {
	s := c.s
	type key struct {
		m    string
		year int
	}
	china, imports, made := map[key]float64{}, map[key]float64{}, map[key]float64{}
	processed := map[string]map[int]float64{}
	for _, f := range c.plan.Flows {
		k := key{f.Material, f.Year}
		if f.FromKind == "import" {
			imports[k] += f.Quantity
			if isChina(f.Origin) {
				china[k] += f.Quantity
			}
		}
		if f.FromKind == "feedstock" {
			if processed[f.From] == nil {
				processed[f.From] = map[int]float64{}
			}
			processed[f.From][f.Year] += f.Quantity
		}
	}
	for _, th := range c.plan.Throughput {
		for m, q := range s.Technologies[c.ix.tech[th.Technology]].Outputs {
			made[key{m, th.Year}] += q * th.Tonnes
		}
	}
	for _, m := range sortedKeys(s.Policy.ChinaShareMax) {
		for _, y := range c.years {
			k := key{m, y}
			if china[k] > 0 && exceeds(china[k], s.Policy.ChinaShareMax[m].At(y)*(imports[k]+made[k])) {
				c.fail("China-origin %s is %.3f of %.3f supplied in %d; the cap is a share of %.3f", m, china[k], imports[k]+made[k], y, s.Policy.ChinaShareMax[m].At(y))
			}
		}
	}
	for _, rt := range s.Policy.RecoveryTargets {
		for _, y := range c.years {
			avail, done := 0.0, 0.0
			for _, f := range s.Feedstocks {
				if slices.Contains(rt.Feedstocks, f.ID) || (len(rt.Feedstocks) == 0 && f.Material == rt.Material) {
					avail += f.Availability.At(y)
					done += processed[f.ID][y]
				}
			}
			if exceeds(rt.Share.At(y)*avail, done) {
				c.fail("recovery target %s needs %.3f processed in %d; the plan processes %.3f", rt.ID, rt.Share.At(y)*avail, y, done)
			}
		}
	}
	if eps := s.Objective.MinSecurity; eps != nil {
		sec, _ := security(s, c.plan)
		if exceeds(*eps, sec) {
			c.fail("security %.3f t is below objective.min_security %.3f t", sec, *eps)
		}
	}
}

// objective recomputes the objective from the plan's quantities and compares it
// with the value the solver reported.
func (c *checker) objective() {
	s := c.s
	npv, revenue := 0.0, 0.0
	fy := finance(s, c.plan)
	for _, f := range fy {
		npv += f.Discounted
		revenue += f.Revenue * discountFactor(s, f.Year)
	}
	if len(fy) > 0 {
		// A continuing terminal value repeats the last year's revenue.
		revenue += fy[len(fy)-1].Revenue * continuingFactor(s)
	}
	sec, _ := security(s, c.plan)
	var want float64
	switch c.plan.ObjectiveKind {
	case "npv":
		want = npv
	case "cost":
		want = revenue - npv
	case "security":
		want = sec
	case "weighted":
		want = s.Objective.NPVWeight*npv*moneyScale + s.Objective.SecurityWeight*sec*1e-3
	default:
		c.fail("unknown objective kind %q", c.plan.ObjectiveKind)
		return
	}
	scale := math.Max(1, math.Abs(want))
	if d := math.Abs(c.plan.Objective - want); d > checkTol*scale {
		c.fail("the reported objective %.6g differs from the recomputed %.6g by %.3g", c.plan.Objective, want, d)
	}
}

// tax simulates finance.tax year by year from the plan's plants and operating
// cash flows (applyTax) and compares depreciation, taxable income, loss set
// off and tax with the plan's reported finance rows, and the reported NPV
// before tax with the recomputed one. The objective check already holds the
// solver's tax, through its objective, to the simulated one.
func (c *checker) tax() {
	if c.s.Finance.Tax == nil || c.plan.Finance == nil {
		return
	}
	fy := finance(c.s, c.plan)
	if len(fy) != len(c.plan.Finance) {
		c.fail("the plan reports %d finance years; the horizon has %d", len(c.plan.Finance), len(fy))
		return
	}
	taxes := 0.0
	for j, want := range fy {
		got := c.plan.Finance[j]
		for _, f := range []struct {
			name      string
			got, want float64
		}{{"depreciation", got.Depreciation, want.Depreciation}, {"taxable income", got.TaxableIncome, want.TaxableIncome},
			{"loss set off", got.LossSetOff, want.LossSetOff}, {"tax", got.Tax, want.Tax}} {
			if d := math.Abs(f.got - f.want); d > checkTol*math.Max(1, math.Abs(want.Revenue)+math.Abs(f.want)) {
				c.fail("%d: the reported %s %.6g differs from the simulated %.6g", want.Year, f.name, f.got, f.want)
			}
		}
		taxes += want.Tax * discountFactor(c.s, want.Year)
	}
	if d := math.Abs(c.plan.NPVPreTax - c.plan.NPV - taxes); d > checkTol*math.Max(1, math.Abs(c.plan.NPVPreTax)) {
		c.fail("the reported NPV before tax %.6g is not the NPV %.6g plus the discounted tax %.6g", c.plan.NPVPreTax, c.plan.NPV, taxes)
	}
}

// IsCheckError reports whether err is a violation found by Check.
func IsCheckError(err error) bool {
	var ce *CheckError
	return errors.As(err, &ce)
}
