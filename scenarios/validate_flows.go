package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// location checks that a place gives exactly one of a site and a lat/lon pair.
func (v *validator) location(p string, l Location) {
	switch {
	case l.Site != "" && (l.Lat != nil || l.Lon != nil):
		at := v.later(joinKey(p, "site"), joinKey(p, "lat"), joinKey(p, "lon"))
		v.errorf(at, "keep one: site: ID, or lat: and lon:", "%s gives both a site and coordinates", p)
	case l.Site != "":
		v.ref(joinKey(p, "site"), "site", l.Site, v.sites[l.Site])
	case l.Lat == nil && l.Lon == nil:
		v.errorf(p, "add site: ID (one of the sites) or lat: and lon: in degrees", "%s has no location", p)
	case l.Lat == nil:
		v.errorf(joinKey(p, "lon"), "add lat: in degrees north", "%s gives lon but no lat", p)
	case l.Lon == nil:
		v.errorf(joinKey(p, "lat"), "add lon: in degrees east", "%s gives lat but no lon", p)
	default:
		v.coords(p, *l.Lat, *l.Lon)
	}
}

// later returns the path, among those written, whose value was written last: in
// a --set, or in the file extending the others. A mistake made by combining values
// is reported there.
func (v *validator) later(paths ...string) string {
	rank := func(path string) int {
		pos, ok := v.s.pos[path]
		if !ok {
			return len(v.s.Files) + 1
		}
		if i := slices.Index(v.s.Files, pos.File); i >= 0 {
			return i
		}
		return -1 // --set
	}
	best := paths[0]
	for _, p := range paths[1:] {
		if rank(p) < rank(best) {
			best = p
		}
	}
	return best
}

func (v *validator) checkFlows() {
	for _, f := range v.s.Feedstocks {
		p := joinIndex("feedstocks", f.ID)
		v.checkID(p, f.ID)
		v.ref(joinKey(p, "material"), "material", f.Material, v.materials[f.Material] != nil)
		v.location(p, f.Location)
		v.seriesAtLeast(joinKey(p, "availability"), f.Availability, 0, "give the most that can be collected per year, 0 or more")
	}
	for _, m := range v.s.Markets {
		p := joinIndex("markets", m.ID)
		v.checkID(p, m.ID)
		v.ref(joinKey(p, "material"), "material", m.Material, v.materials[m.Material] != nil)
		v.location(p, m.Location)
		v.moneyAtLeast0(joinKey(p, "price"), m.Price, "give the price the market pays per unit, 0 or more; a fee for taking in waste is a feedstock's negative cost, and the cost of getting rid of a material its disposal cost")
		if m.Demand != nil {
			v.seriesAtLeast(joinKey(p, "demand"), *m.Demand, 0, "give the most that may be sold per year, 0 or more")
		}
		if m.Required == nil {
			continue
		}
		v.seriesAtLeast(joinKey(p, "required"), *m.Required, 0, "give the least that must be delivered per year, 0 or more")
		if m.Demand == nil {
			continue
		}
		for _, y := range v.years {
			if r, d := m.Required.At(y), m.Demand.At(y); r > d {
				v.errorf(joinKey(p, "required"), "lower required or raise demand", "%s.required is %s in %d, above the demand of %s", p, num(r), y, num(d))
				break
			}
		}
	}
	for _, im := range v.s.Imports {
		p := joinIndex("imports", im.ID)
		v.checkID(p, im.ID)
		v.ref(joinKey(p, "material"), "material", im.Material, v.materials[im.Material] != nil)
		// A negative landed price would pay the venture to import: a free lunch
		// it could take without processing anything.
		v.moneyAtLeast0(joinKey(p, "price"), im.Price, "give the landed price per unit, 0 or more")
		if im.Origin == "" && v.s.written(joinKey(p, "origin")) {
			v.errorf(joinKey(p, "origin"), "name the exporting country, such as china or australia", "%s.origin is empty", p)
		}
		v.location(p, im.Location)
		if im.Limit != nil {
			v.seriesAtLeast(joinKey(p, "limit"), *im.Limit, 0, "give the most that may be imported per year, 0 or more")
		}
	}
}

func (v *validator) checkLogistics() {
	l := v.s.Logistics
	modes := sortedKeys(l.Modes)
	for _, m := range modes {
		mp := joinKey("logistics.modes", m)
		if !idRE.MatchString(m) {
			v.errorf(mp, writeAs(m, "rail"), "logistics mode %q may hold only letters, digits, - and _", m)
		}
		v.atLeast(mp, l.Modes[m].USD, 0, "give the cost per tonne-kilometre")
	}
	if _, ok := l.Modes[l.DefaultMode]; l.DefaultMode != "" && !ok {
		v.errorf("logistics.default_mode", didYouMean(l.DefaultMode, modes, "define it under logistics.modes"), "logistics.default_mode: unknown mode %q", l.DefaultMode)
	}
	v.atLeast("logistics.circuity", l.Circuity, 1, "give road or rail distance over great-circle distance, such as 1.3")
	for _, id := range sortedKeys(l.HazardousPremium) {
		hp := joinKey("logistics.hazardous_premium", id)
		v.ref(hp, "material", id, v.materials[id] != nil)
		v.atLeast(hp, l.HazardousPremium[id], 0, "give the extra share of transport cost, such as 0.2")
	}
	v.atLeast("logistics.hazardous_default", l.HazardousDefault, 0, "give the extra share of transport cost, such as 0.2")
	// What a feedstock or an import supplies, and what a market takes: a lane
	// from or to one of them carries that material only.
	supplies, takes := map[string]string{}, map[string]string{}
	for _, f := range v.s.Feedstocks {
		supplies[f.ID] = f.Material
	}
	for _, im := range v.s.Imports {
		supplies[im.ID] = im.Material
	}
	for _, m := range v.s.Markets {
		takes[m.ID] = m.Material
	}
	lanes := map[[3]string]string{}
	for i, ln := range l.Lanes {
		p := joinIndex("logistics.lanes", strconv.Itoa(i))
		v.ref(joinKey(p, "from"), "place", ln.From, v.places[ln.From])
		v.ref(joinKey(p, "to"), "place", ln.To, v.places[ln.To])
		if ln.Material != "" {
			v.ref(joinKey(p, "material"), "material", ln.Material, v.materials[ln.Material] != nil)
			if m, ok := supplies[ln.From]; ok && v.materials[ln.Material] != nil && m != ln.Material {
				v.errorf(joinKey(p, "material"), fmt.Sprintf("write material: %s, or name another source", m), "%s carries %s from %s, which supplies only %s, so the lane can never be used", p, ln.Material, ln.From, m)
			}
			if m, ok := takes[ln.To]; ok && v.materials[ln.Material] != nil && m != ln.Material {
				v.errorf(joinKey(p, "material"), fmt.Sprintf("write material: %s, or name another destination", m), "%s carries %s to market %s, which buys only %s, so the lane can never be used", p, ln.Material, ln.To, m)
			}
		}
		key := [3]string{ln.From, ln.To, ln.Material}
		if first, ok := lanes[key]; ok {
			v.errorf(p, "keep one of them", "%s is the same lane as %s (from %s to %s%s); which cost applies would be a guess", p, first, ln.From, ln.To, map[bool]string{true: "", false: ", " + ln.Material}[ln.Material == ""])
		} else {
			lanes[key] = p
		}
		v.atLeast(joinKey(p, "cost"), ln.Cost.USD, 0, "give the cost per unit of material moved")
	}
}

func (v *validator) checkBudget() {
	b := v.s.Budget
	v.positive("budget.total", b.Total.USD, "give the capital available over the horizon, such as 300e6 or \"2500 crore INR\"")
	if b.PerYear != nil {
		v.moneyAtLeast0("budget.per_year", *b.PerYear, "give the capital that may be spent each year")
	}
	sum := 0.0
	var shares []string
	for _, pt := range b.Partners {
		p := joinIndex("budget.partners", pt.ID)
		shares = append(shares, joinKey(p, "share"))
		v.checkID(p, pt.ID)
		v.within(joinKey(p, "share"), pt.Share, 0, 1, false, false, "give the partner's share of net capex as a fraction, such as 0.4")
		sum += pt.Share
		if pt.Cap != nil {
			v.atLeast(joinKey(p, "cap"), pt.Cap.USD, 0, "give the most this partner will contribute")
		}
		v.oneOf(joinKey(p, "currency"), pt.Currency, "USD", "INR", "JPY")
		for _, c := range []struct{ cur, path, eg string }{{"INR", "currency.inr_per_usd", "85"}, {"JPY", "currency.jpy_per_usd", "150"}} {
			if pt.Currency == c.cur && !v.s.written(c.path) {
				v.errorf(joinKey(p, "currency"), fmt.Sprintf("add %s with the yearly rate, such as %s, or report the partner in USD", c.path, c.eg),
					"%s.currency is %s but %s is not set", p, c.cur, c.path)
			}
		}
		if pt.HurdleRate != nil {
			v.within(joinKey(p, "hurdle_rate"), *pt.HurdleRate, 0, 1, false, true, "give the partner's hurdle rate per year as a fraction, such as 0.12")
		}
		if pt.MinNPVAtHurdle != nil {
			if pt.HurdleRate == nil {
				v.errorf(joinKey(p, "min_npv_at_hurdle"), "give the partner a hurdle_rate too", "%s.min_npv_at_hurdle is set but the partner has no hurdle_rate", p)
			}
			if v.s.Finance.TerminalValue == "continuing" {
				v.errorf(joinKey(p, "min_npv_at_hurdle"), "use finance.terminal_value book or none with a partner's minimum NPV",
					"%s.min_npv_at_hurdle cannot be held with a continuing terminal value, which the model values at the discount rate", p)
			}
		}
	}
	v.checkOfftake()
	if len(b.Partners) > 0 && math.Abs(sum-1) > 1e-6 {
		v.errorf(v.later(shares...), "adjust the shares so that they add up to 1", "budget.partners: the shares add up to %s, not 1", num(roundSig(sum)))
	}
}

// checkOfftake checks budget.partners[].offtake: a known material and a
// market that buys it, a share in [0, 1], and the partners' shares of each
// material and market summing to 1 or less.
func (v *validator) checkOfftake() {
	markets := map[string]*Market{}
	for i := range v.s.Markets {
		markets[v.s.Markets[i].ID] = &v.s.Markets[i]
		v.ids["market"] = append(v.ids["market"], v.s.Markets[i].ID)
	}
	sum := map[[2]string]float64{}
	last := map[[2]string]string{}
	var keys [][2]string
	for _, pt := range v.s.Budget.Partners {
		for i, o := range pt.Offtake {
			p := joinIndex(joinKey(joinIndex("budget.partners", pt.ID), "offtake"), strconv.Itoa(i))
			v.ref(joinKey(p, "material"), "material", o.Material, v.materials[o.Material] != nil)
			if m := markets[o.Market]; m == nil {
				v.ref(joinKey(p, "market"), "market", o.Market, false)
			} else if m.Material != o.Material && v.materials[o.Material] != nil {
				v.errorf(joinKey(p, "market"), fmt.Sprintf("name a market that buys %s, or the material %s", o.Material, m.Material),
					"%s: market %s buys %s, not %s", p, o.Market, m.Material, o.Material)
			}
			v.within(joinKey(p, "share"), o.Share, 0, 1, false, false, "give the partner's share of the sales as a fraction, such as 0.3")
			k := [2]string{o.Material, o.Market}
			if _, ok := sum[k]; !ok {
				keys = append(keys, k)
			}
			sum[k] += o.Share
			last[k] = joinKey(p, "share")
			if o.Share > 1 {
				sum[k] = math.Inf(-1) // said at the share; the sum would repeat it
			}
		}
	}
	for _, k := range keys {
		if sum[k] > 1+1e-9 {
			v.errorf(last[k], "let the partners' offtake shares of one material and market sum to 1 or less",
				"budget.partners: the offtake shares of %s at market %s add up to %s, more than 1", k[0], k[1], num(roundSig(sum[k])))
		}
	}
}

func (v *validator) checkPolicy() {
	pol := v.s.Policy
	for _, inc := range pol.Incentives {
		p := joinIndex("policy.incentives", inc.ID)
		v.checkID(p, inc.ID)
		v.ref(joinKey(p, "material"), "material", inc.Material, v.materials[inc.Material] != nil)
		if e := inc.Eligibility; e != nil {
			ep := joinKey(p, "eligibility")
			v.atLeast(joinKey(ep, "min_capacity"), e.MinCapacity, 0, "give the least module capacity in t/yr of the technology's main input, 0 or more")
			if e.MinCapex != nil {
				v.atLeast(joinKey(ep, "min_capex"), e.MinCapex.USD, 0, "give the least module capex, 0 or more")
			}
		}
	}
	for _, id := range sortedKeys(pol.ChinaShareMax) {
		cp := joinKey("policy.china_share_max", id)
		v.ref(cp, "material", id, v.materials[id] != nil)
		v.seriesWithin(cp, pol.ChinaShareMax[id], 0, 1, false, false, "give the largest China-origin share as a fraction, such as 0.5")
	}
	for _, rt := range pol.RecoveryTargets {
		p := joinIndex("policy.recovery_targets", rt.ID)
		v.checkID(p, rt.ID)
		if rt.Material == "" && len(rt.Feedstocks) == 0 {
			v.errorf(p, "add material: ID (every source of it) or feedstocks: [ID, …]", "%s names neither a material nor feedstocks", p)
		}
		if rt.Material != "" {
			v.ref(joinKey(p, "material"), "material", rt.Material, v.materials[rt.Material] != nil)
		}
		for i, id := range rt.Feedstocks {
			fp := joinIndex(joinKey(p, "feedstocks"), strconv.Itoa(i))
			f := v.feedstocks[id]
			v.ref(fp, "feedstock", id, f != nil)
			if f != nil && rt.Material != "" && f.Material != rt.Material {
				v.errorf(fp, "list only feedstocks of "+rt.Material+", or drop material", "%s: feedstock %s supplies %s, not %s", p, id, f.Material, rt.Material)
			}
		}
		v.seriesWithin(joinKey(p, "share"), rt.Share, 0, 1, false, false, "give the share of available feedstock to process, such as 0.7")
	}
	if pol.ShortfallPenalty != nil {
		v.atLeast("policy.shortfall_penalty", pol.ShortfallPenalty.USD, 0, "give the cost per unit short, 0 or more")
	}
}
