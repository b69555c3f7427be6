// Package audit recomputes a run folder from the scenario it solved and the
// definitions in docs/model.md alone, and reports every figure that does not
// hold. It reads only what a reviewer has: scenario.resolved.yaml, the CSV
// tables and summary.json. It shares no code with package model: each rule —
// capex and subsidies, online capacity, what a site may receive and ship,
// transport costs from coordinates, the cash flow of every calendar year, the
// NPV, supply security and China shares — is written out here again from the
// documentation, so that a defect in the model, in the tables or in the
// documentation shows up as a disagreement.
package audit

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/mineralplan/mineralplan/scenarios"
)

var nan = math.NaN()

// Result is what an audit of one run folder found.
type Result struct {
	// Findings are the figures that do not hold, each saying where (file:line
	// or file and field) and by how much. Empty when the folder holds.
	Findings []string
	// Compared counts the figures recomputed and compared.
	Compared int
}

// Ok reports whether the audit found nothing.
func (r *Result) Ok() bool { return len(r.Findings) == 0 }

// Folder audits the run folder dir: written by `mineralplan run --out` with
// the csv and json formats. An error means the folder could not be read as a
// run folder (a file or column missing); what does not hold is in the Result.
func Folder(dir string) (*Result, error) {
	s, _, err := scenarios.LoadFile(filepath.Join(dir, "scenario.resolved.yaml"), nil)
	if err != nil {
		return nil, err
	}
	a := &auditor{s: s, res: &Result{}}
	if err := a.read(dir); err != nil {
		return nil, err
	}
	if a.sum.Status != "optimal" && a.sum.Status != "time_limit" {
		return nil, fmt.Errorf("%s: status %q has no plan to audit", dir, a.sum.Status)
	}
	a.horizon()
	a.plants()
	a.budget()
	a.throughput()
	a.sites()
	a.limits()
	a.finance()
	a.security()
	a.totals()
	a.requirementCosts()
	return a.res, nil
}

// auditor holds a run folder being audited.
type auditor struct {
	s   *scenarios.Scenario
	res *Result
	sum *summary

	plantRows, tputRows, flowRows, dispRows, shortRows, finRows, secRows, partRows *rows

	years  []int       // modelled years
	length map[int]int // calendar years of each modelled year's period
	end    int         // the first year after the horizon

	plantsList []plant
	tput       map[siteTechYear]float64
	flows      []flow
	disposed   map[siteMatYear]float64
	short      map[idYear]float64

	npv, revenue  float64 // recomputed NPV and discounted revenue, USD
	securityTotal float64 // recomputed Security, t
}

type plant struct {
	site, tech, size      string
	count, build, online  int
	existing              bool
	gross, sub, land, net float64
	capacity, jobs        float64
	where                 string
}

type flow struct {
	year                     int
	material, fromKind, from string
	toKind, to, origin       string
	q, unitCost              float64
	where                    string
}

type siteTechYear struct {
	site, tech string
	year       int
}

type siteMatYear struct {
	site, material string
	year           int
}

type idYear struct {
	id   string
	year int
}

// fail records a finding.
func (a *auditor) fail(where, format string, args ...any) {
	a.res.Findings = append(a.res.Findings, where+": "+fmt.Sprintf(format, args...))
}

// same compares a recomputed figure with a reported one: they agree when they
// differ by at most abs plus 10⁻⁶ of the larger. NaN agrees only with NaN.
func (a *auditor) same(where, what string, reported, want, abs float64) {
	a.res.Compared++
	if math.IsNaN(reported) || math.IsNaN(want) {
		if math.IsNaN(reported) != math.IsNaN(want) {
			a.fail(where, "%s is %s; recomputed %s", what, show(reported), show(want))
		}
		return
	}
	if math.Abs(reported-want) > abs+1e-6*math.Max(math.Abs(reported), math.Abs(want)) {
		a.fail(where, "%s is %s; recomputed %s", what, show(reported), show(want))
	}
}

// atMost checks lhs ≤ rhs within abs plus 10⁻⁶ of the larger.
func (a *auditor) atMost(where, what string, lhs, rhs, abs float64) {
	a.res.Compared++
	if lhs-rhs > abs+1e-6*math.Max(math.Abs(lhs), math.Abs(rhs)) {
		a.fail(where, "%s: %s exceeds %s", what, show(lhs), show(rhs))
	}
}

func show(v float64) string {
	if math.IsNaN(v) {
		return "empty"
	}
	return fmt.Sprintf("%.10g", v)
}

// Rounding of the tables: money to the cent, quantities to 10⁻⁶ of a unit,
// rates to 10⁻⁴ USD, shares to 10⁻⁶.
const (
	centTol  = 0.006
	qtyTol   = 6e-7
	rateTol  = 6e-5
	shareTol = 6e-7
)

func (a *auditor) read(dir string) error {
	var err error
	if a.sum, err = readSummary(dir); err != nil {
		return err
	}
	tables := []struct {
		dst  **rows
		name string
		cols []string
	}{
		{&a.plantRows, "plants.csv", []string{"site", "technology", "size", "count", "existing", "build_year", "online_year",
			"capacity_t_per_year", "capex_gross_usd", "subsidy_usd", "land_usd", "capex_net_usd", "jobs"}},
		{&a.tputRows, "throughput.csv", []string{"site", "technology", "year", "period_years", "throughput_t_per_year", "capacity_t_per_year"}},
		{&a.flowRows, "flows.csv", []string{"year", "period_years", "material", "from_kind", "from", "to_kind", "to", "origin",
			"quantity_per_year", "unit", "transport_usd_per_unit", "transport_usd_per_year"}},
		{&a.dispRows, "disposals.csv", []string{"year", "period_years", "site", "material", "quantity_per_year"}},
		{&a.shortRows, "shortfalls.csv", []string{"market", "year", "period_years", "quantity_per_year"}},
		{&a.finRows, "finance.csv", []string{"year", "period", "revenue_usd", "incentives_usd", "feedstock_usd", "imports_usd",
			"opex_usd", "transport_usd", "disposal_usd", "penalty_usd", "capex_usd", "subsidies_usd", "terminal_value_usd",
			"depreciation_usd", "taxable_income_usd", "loss_set_off_usd", "tax_usd", "cash_flow_usd", "discounted_usd",
			"debt_drawn_usd", "interest_usd", "principal_usd", "debt_outstanding_usd", "equity_cash_flow_usd", "dscr"}},
		{&a.partRows, "partners.csv", []string{"partner", "year", "cash_flow_usd", "discounted_at_hurdle_usd"}},
		{&a.secRows, "security.csv", []string{"material", "year", "period_years", "unit", "made_per_year", "delivered_per_year",
			"imports_per_year", "china_imports_per_year", "supply_per_year", "demand_per_year", "china_share_before",
			"china_share_after", "china_share_cap"}},
	}
	for _, t := range tables {
		if *t.dst, err = readTable(dir, t.name, t.cols...); err != nil {
			return err
		}
	}
	return nil
}

// horizon lays out the modelled years and their periods as docs/model.md
// (Sets, Y) defines them, and checks each table's years and period lengths.
func (a *auditor) horizon() {
	h := a.s.Horizon
	step := max(h.Step, 1)
	a.length = map[int]int{}
	for y := h.FirstYear; y <= h.LastYear; y += step {
		a.years = append(a.years, y)
		a.length[y] = min(step, h.LastYear-y+1)
	}
	a.end = h.LastYear + 1
	for _, t := range []*rows{a.tputRows, a.flowRows, a.dispRows, a.shortRows, a.secRows} {
		_ = t.each(func(r row) {
			y := r.int("year")
			n, ok := a.length[y]
			if !ok {
				a.fail(r.where(), "year %d is not a modelled year", y)
				return
			}
			a.same(r.where(), "period_years", r.num("period_years"), float64(n), 0)
		})
	}
}

// moduleCost is one module's gross capex, subsidy and land at a site, as the
// Parameters table of docs/model.md defines them.
func (a *auditor) moduleCost(site *scenarios.Site, tech *scenarios.Technology, size *scenarios.Size) (gross, sub, land float64) {
	capex := size.Capex.USD
	for _, o := range site.Overrides {
		if o.Technology == tech.ID && o.Size == size.ID && o.Capex != nil {
			capex = o.Capex.USD
		}
	}
	factor := site.CapexFactor
	if factor == 0 {
		factor = 1
	}
	gross = capex * factor
	if len(site.SubsidyTechnologies) == 0 || slices.Contains(site.SubsidyTechnologies, tech.ID) {
		sub = gross * site.CapitalSubsidy
		if site.SubsidyCap != nil {
			sub = math.Min(sub, site.SubsidyCap.USD)
		}
	}
	return gross, sub, site.LandCost.USD
}

// allowed reports whether technology t may operate at site: listed by the site
// (or the site lists none), or one of its existing plants.
func allowed(site *scenarios.Site, t string) bool {
	if len(site.Technologies) == 0 || slices.Contains(site.Technologies, t) {
		return true
	}
	return slices.ContainsFunc(site.Existing, func(e scenarios.ExistingPlant) bool { return e.Technology == t })
}

func sizeOf(t *scenarios.Technology, id string) *scenarios.Size {
	for i := range t.Sizes {
		if t.Sizes[i].ID == id {
			return &t.Sizes[i]
		}
	}
	return nil
}

func (a *auditor) plants() {
	s := a.s
	modules := map[[3]string]int{}
	perSite := map[string]int{}
	existing := map[[3]string]int{}
	err := a.plantRows.each(func(r row) {
		p := plant{site: r.str("site"), tech: r.str("technology"), size: r.str("size"), count: r.int("count"),
			build: r.int("build_year"), online: r.int("online_year"), existing: r.str("existing") == "true",
			gross: r.num("capex_gross_usd"), sub: r.num("subsidy_usd"), land: r.num("land_usd"), net: r.num("capex_net_usd"),
			capacity: r.num("capacity_t_per_year"), jobs: r.num("jobs"), where: r.where()}
		site, tech := s.SiteByID(p.site), s.TechnologyByID(p.tech)
		if site == nil || tech == nil || sizeOf(tech, p.size) == nil {
			a.fail(p.where, "plant %s/%s/%s names an unknown site, technology or size", p.site, p.tech, p.size)
			return
		}
		size := sizeOf(tech, p.size)
		perSite[p.site] += p.count
		a.same(p.where, "capacity", p.capacity, float64(p.count)*size.Capacity, qtyTol)
		a.same(p.where, "jobs", p.jobs, float64(p.count)*size.Jobs, 0.06)
		if p.existing {
			existing[[3]string{p.site, p.tech, p.size}] += p.count
			a.same(p.where, "capex_net of an existing plant", p.net, 0, centTol)
		} else {
			modules[[3]string{p.site, p.tech, p.size}] += p.count
			if !allowed(site, p.tech) {
				a.fail(p.where, "site %s does not allow %s", p.site, p.tech)
			}
			if _, ok := a.length[p.build]; !ok {
				a.fail(p.where, "build year %d is not a modelled year", p.build)
			}
			if p.online != p.build+tech.LeadTime || p.online > a.years[len(a.years)-1] {
				a.fail(p.where, "built %d, online %d: the lead time is %d and the last modelled year %d",
					p.build, p.online, tech.LeadTime, a.years[len(a.years)-1])
			}
			g, sub, land := a.moduleCost(site, tech, size)
			n := float64(p.count)
			a.same(p.where, "capex_gross_usd", p.gross, n*g, centTol)
			a.same(p.where, "subsidy_usd", p.sub, n*sub, centTol)
			a.same(p.where, "land_usd", p.land, n*land, centTol)
			a.same(p.where, "capex_net_usd", p.net, n*(g-sub+land), centTol)
		}
		a.plantsList = append(a.plantsList, p)
	})
	if err != nil {
		a.fail("plants.csv", "%v", err)
	}
	for _, site := range s.Sites {
		for _, e := range site.Existing {
			k := [3]string{site.ID, e.Technology, e.Size}
			existing[k] -= max(e.Count, 1)
		}
		if site.MaxPlants > 0 && perSite[site.ID] > site.MaxPlants {
			a.fail("plants.csv", "site %s has %d modules; max_plants is %d", site.ID, perSite[site.ID], site.MaxPlants)
		}
	}
	for k, n := range existing {
		if n != 0 {
			a.fail("plants.csv", "existing %s/%s/%s: %+d modules against the scenario's", k[0], k[1], k[2], n)
		}
	}
	for k, n := range modules {
		tech := s.TechnologyByID(k[1])
		if limit := max(tech.MaxModules, 1); n > limit {
			a.fail("plants.csv", "%d new %s/%s modules at %s; max_modules is %d", n, k[1], k[2], k[0], limit)
		}
	}
}

func (a *auditor) budget() {
	s := a.s
	total := 0.0
	byYear := map[int]float64{}
	for _, p := range a.plantsList {
		if !p.existing {
			total += p.net
			byYear[p.build] += p.net
		}
	}
	a.atMost("plants.csv", "net capex against budget.total", total, s.Budget.Total.USD, centTol*float64(len(a.plantsList)))
	if s.Budget.PerYear != nil {
		for _, y := range a.years {
			a.atMost("plants.csv", fmt.Sprintf("net capex in %d against budget.per_year", y), byYear[y], s.Budget.PerYear.At(y), centTol)
		}
	}
	for _, p := range s.Budget.Partners {
		if p.Cap != nil {
			a.atMost("plants.csv", "partner "+p.ID+"'s share of net capex against its cap", p.Share*total, p.Cap.USD, centTol)
		}
	}
}

// online is the nameplate capacity (t/yr) of technology t at a site in
// modelled year y: every plant whose online year is at most y.
func (a *auditor) online(site, tech string, y int) float64 {
	c := 0.0
	for _, p := range a.plantsList {
		if p.site == site && p.tech == tech && p.online <= y {
			c += p.capacity
		}
	}
	return c
}

func (a *auditor) throughput() {
	s := a.s
	a.tput = map[siteTechYear]float64{}
	err := a.tputRows.each(func(r row) {
		k := siteTechYear{r.str("site"), r.str("technology"), r.int("year")}
		x := r.num("throughput_t_per_year")
		a.tput[k] += x
		tech := s.TechnologyByID(k.tech)
		if tech == nil {
			a.fail(r.where(), "unknown technology %s", k.tech)
			return
		}
		cp := a.online(k.site, k.tech, k.year)
		a.same(r.where(), "capacity_t_per_year", r.num("capacity_t_per_year"), cp, qtyTol)
		umax := tech.MaxUtilisation
		if umax == 0 {
			umax = 1
		}
		a.atMost(r.where(), fmt.Sprintf("%s at %s in %d: throughput against online capacity × max_utilisation", k.tech, k.site, k.year),
			x, umax*cp, qtyTol)
		a.atMost(r.where(), "throughput below zero", 0, x, qtyTol)
	})
	if err != nil {
		a.fail("throughput.csv", "%v", err)
	}
	for _, site := range s.Sites {
		for _, tech := range s.Technologies {
			if tech.MinUtilisation == 0 {
				continue
			}
			for _, y := range a.years {
				if cp := a.online(site.ID, tech.ID, y); cp > 0 {
					a.atMost("throughput.csv", fmt.Sprintf("%s at %s in %d: min_utilisation × online capacity against throughput", tech.ID, site.ID, y),
						tech.MinUtilisation*cp, a.tput[siteTechYear{site.ID, tech.ID, y}], qtyTol)
				}
			}
		}
	}
}

// sites reads the flows and disposals and checks, for every site, material and
// year, that what arrives is consumed by the site's plants and what leaves or
// is disposed of was made there, that the two sides balance, that every flow
// runs where the network allows, and that its transport cost is the one the
// Parameters table defines.
func (a *auditor) sites() {
	s := a.s
	tc := newTransport(s)
	err := a.flowRows.each(func(r row) {
		f := flow{year: r.int("year"), material: r.str("material"), fromKind: r.str("from_kind"), from: r.str("from"),
			toKind: r.str("to_kind"), to: r.str("to"), origin: r.str("origin"), q: r.num("quantity_per_year"),
			unitCost: r.num("transport_usd_per_unit"), where: r.where()}
		a.flows = append(a.flows, f)
		a.atMost(f.where, "negative flow", 0, f.q, qtyTol)
		a.checkEnds(f)
		if tau, ok := tc.cost(f); ok {
			a.same(f.where, "transport_usd_per_unit", f.unitCost, tau, rateTol)
		} else {
			a.fail(f.where, "cannot place %s %s or %s %s", f.fromKind, f.from, f.toKind, f.to)
		}
		a.same(f.where, "transport_usd_per_year", r.num("transport_usd_per_year"), f.q*f.unitCost, centTol+rateTol*f.q)
		if mat := s.MaterialByID(f.material); mat != nil && r.str("unit") != unitOf(mat) {
			a.fail(f.where, "unit %s; %s is in %s", r.str("unit"), f.material, unitOf(mat))
		}
	})
	if err != nil {
		a.fail("flows.csv", "%v", err)
	}
	a.disposed = map[siteMatYear]float64{}
	err = a.dispRows.each(func(r row) {
		k := siteMatYear{r.str("site"), r.str("material"), r.int("year")}
		a.disposed[k] += r.num("quantity_per_year")
		if m := s.MaterialByID(k.material); m == nil || m.DisposalCost == nil {
			a.fail(r.where(), "%s is disposed of, but the scenario gives it no disposal_cost", k.material)
		}
	})
	if err != nil {
		a.fail("disposals.csv", "%v", err)
	}

	type account struct{ in, out, made, used float64 }
	acc := map[siteMatYear]*account{}
	at := func(k siteMatYear) *account {
		if acc[k] == nil {
			acc[k] = &account{}
		}
		return acc[k]
	}
	for _, f := range a.flows {
		if f.toKind == "site" {
			at(siteMatYear{f.to, f.material, f.year}).in += f.q
		}
		if f.fromKind == "site" {
			at(siteMatYear{f.from, f.material, f.year}).out += f.q
		}
	}
	for k, x := range a.tput {
		tech := s.TechnologyByID(k.tech)
		if tech == nil {
			continue
		}
		for m, b := range tech.Outputs {
			at(siteMatYear{k.site, m, k.year}).made += b * x
		}
		for m, in := range tech.Inputs {
			at(siteMatYear{k.site, m, k.year}).used += in * x
		}
	}
	for k := range a.disposed {
		at(k)
	}
	keys := make([]siteMatYear, 0, len(acc))
	for k := range acc {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
	for _, k := range keys {
		c := acc[k]
		d := a.disposed[k]
		where := fmt.Sprintf("site %s, %s, %d", k.site, k.material, k.year)
		a.atMost(where, "what arrives against what the site's plants consume (no pass-through)", c.in, c.used, qtyTol*4)
		a.atMost(where, "what leaves or is disposed of against what the site's plants make (no pass-through)", c.out+d, c.made, qtyTol*4)
		a.same(where, "mass balance (arrives + made − consumed − leaves − disposed)", c.in+c.made-c.used-c.out-d, 0,
			1e-6*math.Max(1, math.Max(c.in+c.made, c.used+c.out+d)))
	}
}

// checkEnds checks a flow runs on an arc of the network: from a feedstock or
// import of its material, or from a site with a technology that emits it; to a
// market of its material, or to another site with a technology that takes it.
func (a *auditor) checkEnds(f flow) {
	s := a.s
	emits := func(site, m string) bool {
		st := s.SiteByID(site)
		if st == nil {
			return false
		}
		for _, t := range s.Technologies {
			if _, ok := t.Outputs[m]; ok && allowed(st, t.ID) {
				return true
			}
		}
		return false
	}
	takes := func(site, m string) bool {
		st := s.SiteByID(site)
		if st == nil {
			return false
		}
		for _, t := range s.Technologies {
			if _, ok := t.Inputs[m]; ok && allowed(st, t.ID) {
				return true
			}
		}
		return false
	}
	ok := true
	switch f.fromKind {
	case "feedstock":
		fs := findFeedstock(s, f.from)
		ok = fs != nil && fs.Material == f.material
	case "import":
		im := findImport(s, f.from)
		ok = im != nil && im.Material == f.material && im.Origin == f.origin
	case "site":
		ok = emits(f.from, f.material)
	default:
		ok = false
	}
	switch f.toKind {
	case "market":
		mk := findMarket(s, f.to)
		ok = ok && mk != nil && mk.Material == f.material
	case "site":
		ok = ok && takes(f.to, f.material) && !(f.fromKind == "site" && f.from == f.to)
	default:
		ok = false
	}
	if !ok {
		a.fail(f.where, "no arc carries %s from %s %s to %s %s", f.material, f.fromKind, f.from, f.toKind, f.to)
	}
}

// limits checks supplies, import limits, demand caps and requirements,
// China-share caps, recovery targets and min_security.
func (a *auditor) limits() {
	s := a.s
	out, in := map[idYear]float64{}, map[idYear]float64{}
	for _, f := range a.flows {
		if f.fromKind == "feedstock" || f.fromKind == "import" {
			out[idYear{f.from, f.year}] += f.q
		}
		if f.toKind == "market" {
			in[idYear{f.to, f.year}] += f.q
		}
	}
	a.short = map[idYear]float64{}
	err := a.shortRows.each(func(r row) {
		a.short[idYear{r.str("market"), r.int("year")}] += r.num("quantity_per_year")
	})
	if err != nil {
		a.fail("shortfalls.csv", "%v", err)
	}
	if len(a.short) > 0 && s.Policy.ShortfallPenalty == nil {
		a.fail("shortfalls.csv", "shortfalls without a policy.shortfall_penalty")
	}
	for _, y := range a.years {
		for _, f := range s.Feedstocks {
			a.atMost("flows.csv", fmt.Sprintf("feedstock %s in %d against its availability", f.ID, y), out[idYear{f.ID, y}], f.Availability.At(y), qtyTol*8)
		}
		for _, im := range s.Imports {
			if im.Limit != nil {
				a.atMost("flows.csv", fmt.Sprintf("import %s in %d against its limit", im.ID, y), out[idYear{im.ID, y}], im.Limit.At(y), qtyTol*8)
			}
		}
		for _, mk := range s.Markets {
			got := in[idYear{mk.ID, y}]
			if mk.Demand != nil {
				a.atMost("flows.csv", fmt.Sprintf("market %s in %d against its demand", mk.ID, y), got, mk.Demand.At(y), qtyTol*8)
			}
			if mk.Required != nil {
				a.atMost("flows.csv", fmt.Sprintf("market %s in %d: required against delivered + shortfall", mk.ID, y),
					mk.Required.At(y), got+a.short[idYear{mk.ID, y}], qtyTol*8)
			}
		}
		for _, rt := range s.Policy.RecoveryTargets {
			avail, done := 0.0, 0.0
			for _, f := range s.Feedstocks {
				if slices.Contains(rt.Feedstocks, f.ID) || (len(rt.Feedstocks) == 0 && f.Material == rt.Material) {
					avail += f.Availability.At(y)
					done += out[idYear{f.ID, y}]
				}
			}
			a.atMost("flows.csv", fmt.Sprintf("recovery target %s in %d: share × availability against processed", rt.ID, y),
				rt.Share.At(y)*avail, done, qtyTol*8)
		}
	}
}

// made is Σ_{i,t} b_tm x_ity for material m in modelled year y.
func (a *auditor) made(m string, y int) float64 {
	total := 0.0
	for k, x := range a.tput {
		if k.year == y {
			if tech := a.s.TechnologyByID(k.tech); tech != nil {
				total += tech.Outputs[m] * x
			}
		}
	}
	return total
}

func unitOf(m *scenarios.Material) string {
	if m.Unit == "kg" {
		return "kg"
	}
	return "t"
}

func tonnesPerUnit(m *scenarios.Material) float64 {
	if m.Unit == "kg" {
		return 1e-3
	}
	return 1
}

func isChina(origin string) bool {
	switch strings.ToLower(origin) {
	case "china", "cn", "chn":
		return true
	}
	return false
}

func findFeedstock(s *scenarios.Scenario, id string) *scenarios.Feedstock {
	for i := range s.Feedstocks {
		if s.Feedstocks[i].ID == id {
			return &s.Feedstocks[i]
		}
	}
	return nil
}

func findImport(s *scenarios.Scenario, id string) *scenarios.Import {
	for i := range s.Imports {
		if s.Imports[i].ID == id {
			return &s.Imports[i]
		}
	}
	return nil
}

func findMarket(s *scenarios.Scenario, id string) *scenarios.Market {
	for i := range s.Markets {
		if s.Markets[i].ID == id {
			return &s.Markets[i]
		}
	}
	return nil
}
