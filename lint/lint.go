// Package lint judges a loaded scenario the way an analyst reviewing it would:
// physical and economic sanity checks that a structurally valid scenario can still
// fail. Validation (package scenarios) says whether a scenario can be planned;
// lint says whether its numbers make sense.
//
// Each rule looks at the scenario as loaded (extends and --set applied, defaults
// filled, money in USD) and reports findings at the position where the offending
// value was written. The rules are:
//
//   - mass-balance: no technology makes more of an element, per tonne of
//     throughput, than its inputs hold, where the materials declare their metal
//     content (a recovery above 100 % or metal made from nothing);
//   - capex-scale: capex per tonne of capacity falls or stays flat as a
//     technology's modules grow;
//   - price-band: the prices of one material at its markets and imports, in each
//     modelled year, lie within a stated band of each other;
//   - gate-fee: a feedstock paid a gate fee (negative cost) is not worth more,
//     processed, than its processing costs;
//   - incentive-eligibility: no size of a technology claims an incentive whose
//     eligibility threshold, as the scenario states it, that size does not meet;
//   - dead-data: every lane, market, feedstock and import can be used by some
//     plant the scenario allows.
package lint

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/mineralplan/mineralplan/scenarios"
)

// Rule names a check.
type Rule string

// The rules, in the order Check runs them.
const (
	MassBalance          Rule = "mass-balance"
	CapexScale           Rule = "capex-scale"
	PriceBand            Rule = "price-band"
	GateFee              Rule = "gate-fee"
	IncentiveEligibility Rule = "incentive-eligibility"
	DeadData             Rule = "dead-data"
)

// Rules lists every rule, in the order Check runs them.
var Rules = []Rule{MassBalance, CapexScale, PriceBand, GateFee, IncentiveEligibility, DeadData}

// DefaultPriceBand is the widest relative spread the price-band rule allows by
// default between the highest and the lowest price of one material in one year:
// 0.5, so the highest is at most 1.5 × the lowest.
const DefaultPriceBand = 0.5

// Options tune the rules.
type Options struct {
	// PriceBand is the widest allowed spread between the highest and lowest
	// price of one material among its markets and imports in a modelled year, as
	// a fraction of the lowest (0: DefaultPriceBand).
	PriceBand float64
}

// Finding is one rule's judgement of one value in a scenario.
type Finding struct {
	Rule Rule
	// Path is the --set path of the value judged, such as
	// "technologies[hydromet].outputs.niso4"; Pos is where it was written.
	Path string
	Pos  scenarios.Position
	// Msg says what is wrong and why; Fix how to put it right.
	Msg, Fix string
}

// Diagnostic returns the finding as a diagnostic of the given severity, its
// message led by the rule's name.
func (f Finding) Diagnostic(sev scenarios.Severity) scenarios.Diagnostic {
	return scenarios.Diagnostic{Pos: f.Pos, Severity: sev, Msg: string(f.Rule) + ": " + f.Msg, Fix: f.Fix}
}

// Check runs every rule on s and returns the findings ordered by position, then
// rule. A scenario that breaks no rule gives none.
func Check(s *scenarios.Scenario, opt Options) []Finding {
	if opt.PriceBand <= 0 {
		opt.PriceBand = DefaultPriceBand
	}
	c := &checker{s: s, opt: opt}
	c.massBalance()
	c.capexScale()
	c.priceBand()
	c.gateFee()
	c.incentiveEligibility()
	c.deadData()
	slices.SortStableFunc(c.out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Msg, b.Msg))
	})
	return c.out
}

type checker struct {
	s   *scenarios.Scenario
	opt Options
	out []Finding
}

func (c *checker) add(rule Rule, path, fix, format string, args ...any) {
	c.out = append(c.out, Finding{Rule: rule, Path: path, Pos: c.s.Position(path), Msg: fmt.Sprintf(format, args...), Fix: fix})
}

// tonnes is the mass in tonnes of one unit of material m (0.001 for kg).
func (c *checker) tonnes(m string) float64 {
	if mat := c.s.MaterialByID(m); mat != nil && mat.Unit == "kg" {
		return 0.001
	}
	return 1
}

func (c *checker) unit(m string) string {
	if c.tonnes(m) < 1 {
		return "kg"
	}
	return "t"
}

// massBalance checks each technology whose inputs all declare their metal
// content: per tonne of throughput, the outputs hold no more of any element than
// the inputs.
func (c *checker) massBalance() {
	for _, t := range c.s.Technologies {
		declared := len(t.Inputs) > 0
		for m := range t.Inputs {
			if mat := c.s.MaterialByID(m); mat == nil || mat.MetalContent == nil {
				declared = false
			}
		}
		if !declared {
			continue
		}
		in, out := map[string]float64{}, map[string]float64{}
		// most[el] is the output carrying most of the element, where a finding is put.
		most, mostQty := map[string]string{}, map[string]float64{}
		for _, m := range sortedKeys(t.Inputs) {
			for el, f := range c.s.MaterialByID(m).MetalContent {
				in[el] += t.Inputs[m] * c.tonnes(m) * f
			}
		}
		for _, m := range sortedKeys(t.Outputs) {
			mat := c.s.MaterialByID(m)
			if mat == nil {
				continue
			}
			for el, f := range mat.MetalContent {
				q := t.Outputs[m] * c.tonnes(m) * f
				out[el] += q
				if q > mostQty[el] {
					most[el], mostQty[el] = m, q
				}
			}
		}
		for _, el := range sortedKeys(out) {
			got, have := out[el], in[el]
			if got <= have*(1+1e-6)+1e-12 {
				continue
			}
			path := "technologies[" + t.ID + "].outputs." + most[el]
			fix := "lower the yields of " + el + " so that they recover at most 100% of what the inputs hold, or correct the metal_content of the materials"
			if have == 0 {
				c.add(MassBalance, path, fix, "technology %s makes %s t of %s per t of throughput from inputs that hold none: metal made from nothing",
					t.ID, sig(got), el)
				continue
			}
			c.add(MassBalance, path, fix, "technology %s makes %s t of %s per t of throughput from inputs that hold %s t: a recovery of %.1f%%, above 100%%",
				t.ID, sig(got), el, sig(have), 100*got/have)
		}
	}
}

// capexScale checks that, size by size in increasing capacity, capex per tonne of
// capacity does not rise.
func (c *checker) capexScale() {
	for _, t := range c.s.Technologies {
		sizes := slices.Clone(t.Sizes)
		slices.SortStableFunc(sizes, func(a, b scenarios.Size) int { return cmp.Compare(a.Capacity, b.Capacity) })
		for i := 1; i < len(sizes); i++ {
			small, large := sizes[i-1], sizes[i]
			if small.Capacity <= 0 || large.Capacity <= small.Capacity {
				continue
			}
			perSmall, perLarge := small.Capex.USD/small.Capacity, large.Capex.USD/large.Capacity
			if perLarge <= perSmall*(1+1e-9) {
				continue
			}
			c.add(CapexScale, "technologies["+t.ID+"].sizes["+large.ID+"].capex",
				"lower the larger size's capex to at most "+money(perSmall*large.Capacity)+", or give the reason for the diseconomy of scale and raise the smaller size's",
				"size %s of %s costs %s per t/yr of capacity, more than the smaller size %s (%s per t/yr): capex per tonne should fall or stay flat as modules grow",
				large.ID, t.ID, money(perLarge), small.ID, money(perSmall))
		}
	}
}

// priced is one market or import price of a material in a year.
type priced struct {
	path  string // of the price
	what  string // "market x" or "import y"
	price float64
}

// priceBand checks, per material and modelled year, the spread between the
// highest and lowest price among its markets and imports; each material is
// reported once, at its first year out of band.
func (c *checker) priceBand() {
	band := c.opt.PriceBand
	byMaterial := map[string][]func(int) priced{}
	for _, m := range c.s.Markets {
		byMaterial[m.Material] = append(byMaterial[m.Material], func(y int) priced {
			return priced{c.seriesPath("markets["+m.ID+"].price", y), "market " + m.ID, m.Price.At(y)}
		})
	}
	for _, im := range c.s.Imports {
		byMaterial[im.Material] = append(byMaterial[im.Material], func(y int) priced {
			return priced{c.seriesPath("imports["+im.ID+"].price", y), "import " + im.ID, im.Price.At(y)}
		})
	}
	for _, mat := range sortedKeys(byMaterial) {
		entries := byMaterial[mat]
		if len(entries) < 2 {
			continue
		}
		for _, y := range c.s.Years() {
			ps := make([]priced, len(entries))
			for i, e := range entries {
				ps[i] = e(y)
			}
			lo := slices.MinFunc(ps, func(a, b priced) int { return cmp.Compare(a.price, b.price) })
			hi := slices.MaxFunc(ps, func(a, b priced) int { return cmp.Compare(a.price, b.price) })
			if lo.price <= 0 || hi.price <= lo.price*(1+band)*(1+1e-9) {
				continue
			}
			c.add(PriceBand, hi.path,
				fmt.Sprintf("bring the prices of %s within %.0f%% of each other, or say why they differ and widen the band with --price-band", mat, 100*band),
				"in %d %s prices %s at %s per %s, %.2f× the %s of %s: more than the %.0f%% band apart",
				y, hi.what, mat, money(hi.price), c.unit(mat), hi.price/lo.price, money(lo.price), lo.what, 100*band)
			break
		}
	}
}

// seriesPath is the path of year y of a series when that year was written, and
// of the series otherwise.
func (c *checker) seriesPath(path string, y int) string {
	yp := fmt.Sprintf("%s.%d", path, y)
	if c.s.Position(yp) != c.s.Position(path) {
		return yp
	}
	return path
}

// gateFee checks each feedstock with a negative cost: in a year where it is paid a
// gate fee, no technology the scenario allows may turn it into outputs worth more
// at their best market than the processing costs.
func (c *checker) gateFee() {
	allowed := c.allowedTechnologies()
	for _, f := range c.s.Feedstocks {
		for _, y := range c.s.Years() {
			fee := f.Cost.At(y)
			if fee >= 0 {
				continue
			}
			var best *scenarios.Technology
			bestValue, bestCost := 0.0, 0.0
			for i := range c.s.Technologies {
				t := &c.s.Technologies[i]
				q, ok := t.Inputs[f.Material]
				if !ok || q <= 0 || !allowed[t.ID] {
					continue
				}
				value, cost := c.valueAndCost(t, f.Material, y)
				value, cost = value/q, cost/q
				if best == nil || value-cost > bestValue-bestCost {
					best, bestValue, bestCost = t, value, cost
				}
			}
			if best == nil || bestValue <= bestCost {
				continue
			}
			c.add(GateFee, c.seriesPath("feedstocks["+f.ID+"].cost", y),
				"charge what the material is worth to a processor (a positive cost), or give the reason it is paid to be taken away",
				"feedstock %s is paid a gate fee of %s per %s in %d, yet %s turns it into %s of %s per %s at their best markets for %s of processing: material worth more than its processing is bought, not given away",
				f.ID, money(-fee), c.unit(f.Material), y, best.ID, money(bestValue), strings.Join(sortedKeys(best.Outputs), ", "), c.unit(f.Material), money(bestCost))
			break
		}
	}
}

// valueAndCost returns, per tonne of throughput of t in year y, the value of its
// outputs at their best markets and its processing cost: variable opex, fixed
// opex of its cheapest size per tonne at full utilisation, and the inputs other
// than material at their cheapest feedstock or import.
func (c *checker) valueAndCost(t *scenarios.Technology, material string, y int) (value, cost float64) {
	for m, q := range t.Outputs {
		value += q * c.bestPrice(m, y)
	}
	cost = t.VariableOpex.USD
	fixed := math.Inf(1)
	for _, sz := range t.Sizes {
		if sz.Capacity > 0 {
			fixed = math.Min(fixed, sz.FixedOpex.USD/(sz.Capacity*max(t.MaxUtilisation, 1e-9)))
		}
	}
	if !math.IsInf(fixed, 1) {
		cost += fixed
	}
	for m, q := range t.Inputs {
		if m != material {
			cost += q * c.cheapestSource(m, y)
		}
	}
	return value, cost
}

// bestPrice is the highest market price of m in year y, 0 without a market.
func (c *checker) bestPrice(m string, y int) float64 {
	best := 0.0
	for _, mk := range c.s.Markets {
		if mk.Material == m {
			best = math.Max(best, mk.Price.At(y))
		}
	}
	return best
}

// cheapestSource is the lowest feedstock cost or import price of m in year y, 0
// when neither exists.
func (c *checker) cheapestSource(m string, y int) float64 {
	best := math.Inf(1)
	for _, f := range c.s.Feedstocks {
		if f.Material == m {
			best = math.Min(best, f.Cost.At(y))
		}
	}
	for _, im := range c.s.Imports {
		if im.Material == m {
			best = math.Min(best, im.Price.At(y))
		}
	}
	if math.IsInf(best, 1) {
		return 0
	}
	return best
}

// incentiveEligibility checks every size of every technology that claims an
// incentive with an eligibility threshold.
func (c *checker) incentiveEligibility() {
	for _, inc := range c.s.Policy.Incentives {
		e := inc.Eligibility
		if e == nil {
			continue
		}
		ip := "policy.incentives[" + inc.ID + "].eligibility"
		for _, t := range c.s.Technologies {
			if !slices.Contains(t.Incentives, inc.ID) {
				continue
			}
			for _, sz := range t.Sizes {
				sp := "technologies[" + t.ID + "].sizes[" + sz.ID + "]"
				fix := "remove " + inc.ID + " from " + t.ID + "'s incentives, drop or enlarge the size, or lower the threshold at " + ip + " with the scheme's reason"
				if sz.Capacity < e.MinCapacity {
					c.add(IncentiveEligibility, sp+".capacity", fix,
						"size %s of %s (%s t/yr) claims %s, whose threshold is %s t/yr per module (%s.min_capacity): the model would pay it to a plant the scheme excludes",
						sz.ID, t.ID, sig(sz.Capacity), inc.ID, sig(e.MinCapacity), ip)
				}
				if e.MinCapex != nil && sz.Capex.USD < e.MinCapex.USD {
					c.add(IncentiveEligibility, sp+".capex", fix,
						"size %s of %s (capex %s) claims %s, whose threshold is %s per module (%s.min_capex): the model would pay it to a plant the scheme excludes",
						sz.ID, t.ID, money(sz.Capex.USD), inc.ID, money(e.MinCapex.USD), ip)
				}
			}
		}
	}
}

// siteTechnologies returns, per site id, the technologies that may operate there:
// those it allows (every one when it lists none) and those of its existing plants.
func (c *checker) siteTechnologies() map[string][]*scenarios.Technology {
	out := map[string][]*scenarios.Technology{}
	for _, site := range c.s.Sites {
		ok := map[string]bool{}
		for _, id := range site.Technologies {
			ok[id] = true
		}
		for _, e := range site.Existing {
			ok[e.Technology] = true
		}
		for i := range c.s.Technologies {
			t := &c.s.Technologies[i]
			if len(site.Technologies) == 0 || ok[t.ID] {
				out[site.ID] = append(out[site.ID], t)
			}
		}
	}
	return out
}

// allowedTechnologies is the set of technologies some site allows.
func (c *checker) allowedTechnologies() map[string]bool {
	out := map[string]bool{}
	for _, ts := range c.siteTechnologies() {
		for _, t := range ts {
			out[t.ID] = true
		}
	}
	return out
}

// deadData finds feedstocks, imports and markets no allowed plant can use and
// lanes along which no material can ever move. Material moves only from a
// feedstock or import to a site whose technologies take it, between sites that
// make and take it, and from a site that makes it to a market for it.
func (c *checker) deadData() {
	techs := c.siteTechnologies()
	takes, emits := map[string]map[string]bool{}, map[string]map[string]bool{}
	anyTakes, anyEmits := map[string]bool{}, map[string]bool{}
	for _, site := range c.s.Sites {
		takes[site.ID], emits[site.ID] = map[string]bool{}, map[string]bool{}
		for _, t := range techs[site.ID] {
			for m := range t.Inputs {
				takes[site.ID][m], anyTakes[m] = true, true
			}
			for m := range t.Outputs {
				emits[site.ID][m], anyEmits[m] = true, true
			}
		}
	}
	for _, f := range c.s.Feedstocks {
		if !anyTakes[f.Material] {
			c.add(DeadData, "feedstocks["+f.ID+"]", "allow a technology that takes "+f.Material+" at some site, or remove the feedstock",
				"feedstock %s supplies %s, which no technology allowed at any site takes: it can never be used", f.ID, f.Material)
		}
	}
	for _, im := range c.s.Imports {
		if !anyTakes[im.Material] {
			c.add(DeadData, "imports["+im.ID+"]", "allow a technology that takes "+im.Material+" at some site, or remove the import",
				"import %s brings %s, which no technology allowed at any site takes: it can never be used", im.ID, im.Material)
		}
	}
	for _, mk := range c.s.Markets {
		if !anyEmits[mk.Material] {
			c.add(DeadData, "markets["+mk.ID+"]", "allow a technology that makes "+mk.Material+" at some site, or remove the market",
				"market %s buys %s, which no technology allowed at any site makes: it can never be served", mk.ID, mk.Material)
		}
	}

	// What each place can send (materials) and receive.
	kind := map[string]string{}
	sends := map[string]map[string]bool{}
	for _, site := range c.s.Sites {
		kind[site.ID], sends[site.ID] = "site", emits[site.ID]
	}
	for _, f := range c.s.Feedstocks {
		kind[f.ID], sends[f.ID] = "feedstock", map[string]bool{f.Material: true}
	}
	for _, im := range c.s.Imports {
		kind[im.ID], sends[im.ID] = "import", map[string]bool{im.Material: true}
	}
	buys := map[string]string{}
	for _, mk := range c.s.Markets {
		kind[mk.ID], buys[mk.ID] = "market", mk.Material
	}
	receives := func(to, m, from string) bool {
		switch kind[to] {
		case "site":
			return to != from && takes[to][m]
		case "market":
			return buys[to] == m && kind[from] == "site"
		}
		return false
	}
	for i, l := range c.s.Logistics.Lanes {
		if kind[l.From] == "" || kind[l.To] == "" {
			continue // an unknown end is validation's to report
		}
		var mats []string
		if l.Material != "" {
			mats = []string{l.Material}
		} else {
			mats = sortedKeys(sends[l.From])
		}
		live := false
		for _, m := range mats {
			if sends[l.From][m] && receives(l.To, m, l.From) {
				live = true
			}
		}
		if live {
			continue
		}
		what := "material"
		if l.Material != "" {
			what = l.Material
		}
		c.add(DeadData, fmt.Sprintf("logistics.lanes[%d]", i), "remove the lane, or allow at "+l.To+" a technology that takes what "+l.From+" sends",
			"lane from %s %s to %s %s never carries %s: %s", kind[l.From], l.From, kind[l.To], l.To, what, c.whyDead(l, kind, sends, takes, buys))
	}
}

// whyDead explains why no material can move along a lane.
func (c *checker) whyDead(l scenarios.Lane, kind map[string]string, sends, takes map[string]map[string]bool, buys map[string]string) string {
	switch {
	case l.Material != "" && !sends[l.From][l.Material]:
		return fmt.Sprintf("%s cannot send %s", l.From, l.Material)
	case kind[l.To] == "site" && l.Material != "":
		return fmt.Sprintf("no technology allowed at %s takes %s", l.To, l.Material)
	case kind[l.To] == "site":
		return fmt.Sprintf("no technology allowed at %s takes what %s sends", l.To, l.From)
	case kind[l.To] == "market" && kind[l.From] != "site":
		return "markets are served only from plants"
	case kind[l.To] == "market":
		return fmt.Sprintf("market %s buys %s, which %s cannot make", l.To, buys[l.To], l.From)
	}
	return fmt.Sprintf("nothing moves to a %s", kind[l.To])
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// sig formats a quantity: with thousands separators from 1,000 up, and with at
// most four significant digits below.
func sig(x float64) string {
	if math.Abs(x) >= 1000 {
		return strings.TrimPrefix(money(x), "$")
	}
	return fmt.Sprintf("%.4g", x)
}

// money formats US dollars with thousands separators and no cents.
func money(x float64) string {
	neg := x < 0
	s := fmt.Sprintf("%.0f", math.Abs(x))
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-$" + b.String()
	}
	return "$" + b.String()
}
