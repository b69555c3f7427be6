package model

import (
	"cmp"
	"math"

	"github.com/mineralplan/mineralplan/highs"
	"github.com/mineralplan/mineralplan/scenarios"
)

// RowPartnerHurdle is a partner's minimum NPV at its hurdle rate.
const RowPartnerHurdle RowKind = "partner_hurdle"

// PartnerReturn is what one partner of budget.partners gets from the plan:
// Share × the equity cash flows (EquityCashFlows), their NPV at the partner's
// hurdle rate (nil without one) and their IRR (the equity IRR, since every
// partner holds a fixed share of the same flows).
type PartnerReturn struct {
	ID          string   `json:"id"`
	Share       float64  `json:"share"`
	HurdleRate  *float64 `json:"hurdle_rate"`
	NPVAtHurdle *float64 `json:"npv_at_hurdle"` // USD, discounted to the first year at HurdleRate
	// Equity is what the partner pays in: minus the sum of its negative
	// CashFlows, USD.
	Equity float64 `json:"equity"`
	// CashFlows are Share × (EquityCashFlows − every partner's offtake) + its
	// own Offtake, USD: element t at the start of
	// first_year + t, the last at EndYear.
	CashFlows []float64 `json:"cash_flows"`
	// Offtake is the value of the partner's offtake (budget.partners[].offtake)
	// in each element's year, USD: its shares of the venture's sales at the
	// markets' prices; 0 at EndYear. It is part of CashFlows.
	Offtake []float64 `json:"offtake"`
	// IRR is the internal rate of return of CashFlows: the equity IRR for a
	// partner without offtake when anyone has one, its own otherwise.
	IRR IRR `json:"irr"`
	// Currency is the partner's own currency (USD, INR or JPY).
	Currency string `json:"currency"`
	// CashFlowsLocal are CashFlows in Currency: element t times that year's
	// rate (currency.inr_per_usd or jpy_per_usd at first_year + t; 1 for USD).
	CashFlowsLocal []float64 `json:"cash_flows_local"`
	// NPVAtHurdleLocal is Σ_t CashFlowsLocal[t] (1 + HurdleRate)^−t, in
	// Currency (nil without a hurdle rate). min_npv_at_hurdle bounds it
	// divided by the rate of the first year.
	NPVAtHurdleLocal *float64 `json:"npv_at_hurdle_local"`
}

// offtakeValues returns each partner's offtake value per element of the
// equity cash flows (n of them: calendar years from the first, then EndYear),
// USD, and their total over the partners: for every sale to a market in a
// modelled year, share × quantity × the market's price that year, in each
// calendar year of its period.
func offtakeValues(s *scenarios.Scenario, plan *Plan, n int) (own [][]float64, total []float64) {
	own = make([][]float64, len(s.Budget.Partners))
	for i := range own {
		own[i] = make([]float64, n)
	}
	total = make([]float64, n)
	length := map[int]int{}
	for _, pd := range s.Periods() {
		length[pd.Year] = pd.Length
	}
	price := map[string]scenarios.MoneySeries{}
	for _, m := range s.Markets {
		price[m.ID] = m.Price
	}
	for _, f := range plan.Flows {
		if f.ToKind != "market" {
			continue
		}
		for i, pt := range s.Budget.Partners {
			for _, o := range pt.Offtake {
				if o.Market != f.To || o.Material != f.Material {
					continue
				}
				v := o.Share * f.Quantity * price[f.To].At(f.Year)
				for y := f.Year; y < f.Year+length[f.Year]; y++ {
					if t := y - s.Horizon.FirstYear; t >= 0 && t < n {
						own[i][t] += v
						total[t] += v
					}
				}
			}
		}
	}
	return own, total
}

// PartnerRate is the units of currency cur per US dollar in year y: 1 for
// USD (or unset), else the scenario's currency path.
func PartnerRate(s *scenarios.Scenario, cur string, y int) float64 {
	switch cur {
	case "INR":
		return s.Currency.INRPerUSD.At(y)
	case "JPY":
		return s.Currency.JPYPerUSD.At(y)
	}
	return 1
}

// partnerFactor is the weight of a USD cash flow in year y in the partner's
// hurdle NPV as min_npv_at_hurdle bounds it: (1 + h)^−(y − y₀) × rate_y ÷
// rate_y₀, where rate is the partner's currency per USD. It is 1 × the
// hurdle factor for a USD partner.
func partnerFactor(s *scenarios.Scenario, pt scenarios.Partner, y int) float64 {
	y0 := s.Horizon.FirstYear
	return hurdleFactor(s, *pt.HurdleRate, y) * PartnerRate(s, pt.Currency, y) / PartnerRate(s, pt.Currency, y0)
}

// hurdleFactor is (1 + h)^−(y − first year).
func hurdleFactor(s *scenarios.Scenario, h float64, y int) float64 {
	return math.Pow(1+h, -float64(y-s.Horizon.FirstYear))
}

// partnerReturns computes each partner's return from the plan's equity cash
// flows.
func partnerReturns(s *scenarios.Scenario, plan *Plan) []PartnerReturn {
	eq := plan.EquityCashFlows()
	own, total := offtakeValues(s, plan, len(eq))
	var out []PartnerReturn
	for i, pt := range s.Budget.Partners {
		cur := cmp.Or(pt.Currency, "USD")
		r := PartnerReturn{ID: pt.ID, Share: pt.Share, HurdleRate: pt.HurdleRate, Currency: cur, Offtake: own[i],
			CashFlows: make([]float64, len(eq)), CashFlowsLocal: make([]float64, len(eq))}
		npv, local := 0.0, 0.0
		for t, v := range eq {
			r.CashFlows[t] = pt.Share*(v-total[t]) + own[i][t]
			r.CashFlowsLocal[t] = r.CashFlows[t] * PartnerRate(s, cur, s.Horizon.FirstYear+t)
			if r.CashFlows[t] < 0 {
				r.Equity -= r.CashFlows[t]
			}
			if pt.HurdleRate != nil {
				d := math.Pow(1+*pt.HurdleRate, -float64(t))
				npv += r.CashFlows[t] * d
				local += r.CashFlowsLocal[t] * d
			}
		}
		if pt.HurdleRate != nil {
			r.NPVAtHurdle, r.NPVAtHurdleLocal = &npv, &local
		}
		r.IRR = projectIRR(r.CashFlows)
		out = append(out, r)
	}
	return out
}

// partnerRows adds, for every partner with min_npv_at_hurdle, the row
// (docs/model.md, "Partners")
//
//	Σ_m w_h(m) op_m − Σ_y ρ_y δ_h(y) base_y + Σ_builds E_h × build ≥ min ÷ share
//
// where w_h(m) = Σ_{y in m's period} δ_h(y), δ_h(y) = (1 + h)^−(y − y₀) × r_y ÷
// r_y₀ with r_y the partner's currency per USD in year y (1 for USD), and E_h
// is a build column's equity value at h: −net capex δ_h(b) + debt drawn δ_h(b) −
// Σ_y debt service_y δ_h(y) + (book salvage − debt outstanding) δ_h(e).
func (p *Problem) partnerRows(c *coefs) {
	s := p.Scenario
	offtake := map[[2]string]float64{} // material, market → the partners' total share
	for _, pt := range s.Budget.Partners {
		for _, o := range pt.Offtake {
			offtake[[2]string{o.Material, o.Market}] += o.Share
		}
	}
	for _, pt := range s.Budget.Partners {
		if pt.MinNPVAtHurdle == nil || pt.HurdleRate == nil || (pt.Share == 0 && len(pt.Offtake) == 0) {
			continue
		}
		// The row is the partner's NPV ÷ k: its equity terms count once, its
		// offtake terms (own − share × total) ÷ k.
		k := pt.Share
		if k == 0 {
			k = 1
		}
		var e expr
		p.offtakeTerms(&e, pt, offtake, k)
		if pt.Share == 0 {
			p.addRow(rowInfo{Kind: RowPartnerHurdle, Subject: pt.ID, Path: joinPath("budget.partners", pt.ID, "min_npv_at_hurdle"),
				ToUnit: 1 / moneyScale, Unit: "USD of the partner's NPV at its hurdle rate"},
				pt.MinNPVAtHurdle.USD*moneyScale, highs.Inf, &e, pt.ID)
			continue
		}
		opCol := p.operatingColumns(c)
		for yi, pd := range p.Periods {
			w := 0.0
			for y := pd.Year; y < pd.Year+pd.Length; y++ {
				w += partnerFactor(s, pt, y)
			}
			e.add(opCol[yi], w)
		}
		for _, tb := range p.taxBase {
			e.add(tb.Col, -taxRate(s, tb.Year)*partnerFactor(s, pt, tb.Year))
		}
		share := 0.0
		for _, l := range s.Finance.Debt {
			share += l.Share
		}
		end, last := s.EndYear(), s.Horizon.LastYear
		for _, b := range p.builds {
			build := p.Years[b.Year]
			online := build + s.Technologies[b.Tech].LeadTime
			net := moduleCost(s, b.Site, b.Tech, b.Size).Net * moneyScale
			v := (share - 1) * partnerFactor(s, pt, build)
			for y := build + 1; y <= last; y++ {
				in, pr := debtService(s, build, online, y)
				v -= (in + pr) * partnerFactor(s, pt, y)
			}
			v += (salvageFraction(s, b.Tech, online, end) - debtOutstanding(s, build, online, last)) * partnerFactor(s, pt, end)
			e.add(b.Col, v*net)
		}
		p.addRow(rowInfo{Kind: RowPartnerHurdle, Subject: pt.ID, Path: joinPath("budget.partners", pt.ID, "min_npv_at_hurdle"),
			ToUnit: pt.Share / moneyScale, Unit: "USD of the partner's NPV at its hurdle rate"},
			pt.MinNPVAtHurdle.USD*moneyScale/pt.Share, highs.Inf, &e, pt.ID)
	}
}

// offtakeTerms adds to e, for every flow column to a market, the partner's
// gain from the offtake shares of its material and market, ÷ k: (own share −
// partner's equity share × all partners' shares) × price × the period's
// weights at the partner's hurdle and rates.
func (p *Problem) offtakeTerms(e *expr, pt scenarios.Partner, total map[[2]string]float64, k float64) {
	s := p.Scenario
	if len(total) == 0 {
		return
	}
	for _, f := range p.flows {
		ar := p.net.Arcs[f.Arc]
		to := p.net.Nodes[ar.To]
		if to.Kind != MarketNode {
			continue
		}
		key := [2]string{ar.Material, to.ID}
		tot, ok := total[key]
		if !ok {
			continue
		}
		g := -pt.Share * tot
		for _, o := range pt.Offtake {
			if o.Material == ar.Material && o.Market == to.ID {
				g += o.Share
			}
		}
		if g == 0 {
			continue
		}
		pd := p.Periods[f.Year]
		w := 0.0
		for y := pd.Year; y < pd.Year+pd.Length; y++ {
			w += partnerFactor(s, pt, y)
		}
		e.add(f.Col, g/k*s.Markets[to.Index].Price.At(pd.Year)*perUnit*w)
	}
}

// joinPath is path[id].field in --set syntax.
func joinPath(path, id, field string) string { return path + "[" + id + "]." + field }

// partners recomputes every partner's flows from the plan's equity cash flows
// and the currency paths, compares them with the plan's report, and checks
// min_npv_at_hurdle.
func (c *checker) partners() {
	if c.plan.Finance == nil {
		return
	}
	s := c.s
	if len(c.plan.Partners) != len(s.Budget.Partners) {
		c.fail("the plan reports %d partners; the scenario has %d", len(c.plan.Partners), len(s.Budget.Partners))
		return
	}
	eq := c.plan.EquityCashFlows()
	own, total := offtakeValues(s, c.plan, len(eq))
	for i, pt := range s.Budget.Partners {
		r := c.plan.Partners[i]
		cur := cmp.Or(pt.Currency, "USD")
		if r.ID != pt.ID || r.Currency != cur || len(r.CashFlowsLocal) != len(eq) || len(r.CashFlows) != len(eq) {
			c.fail("partner %s: the plan reports %s in %s with %d years; want %s in %s with %d", pt.ID, r.ID, r.Currency, len(r.CashFlowsLocal), pt.ID, cur, len(eq))
			continue
		}
		npv, local := 0.0, 0.0
		for t, v := range eq {
			usd := pt.Share*(v-total[t]) + own[i][t]
			if len(r.Offtake) != len(eq) || math.Abs(r.Offtake[t]-own[i][t]) > 1e-6*math.Max(1, own[i][t]) {
				c.fail("partner %s in %d: offtake value reported %v, recomputed %.6g", pt.ID, s.Horizon.FirstYear+t, r.Offtake, own[i][t])
				break
			}
			rate := PartnerRate(s, cur, s.Horizon.FirstYear+t)
			if math.Abs(usd-r.CashFlows[t]) > 1e-6*math.Max(1, math.Abs(usd)) || math.Abs(usd*rate-r.CashFlowsLocal[t]) > 1e-6*math.Max(1, math.Abs(usd*rate)) {
				c.fail("partner %s in %d: cash flow %.6g USD / %.6g %s reported, recomputed %.6g / %.6g", pt.ID, s.Horizon.FirstYear+t, r.CashFlows[t], r.CashFlowsLocal[t], cur, usd, usd*rate)
			}
			if pt.HurdleRate != nil {
				d := math.Pow(1+*pt.HurdleRate, -float64(t))
				npv += usd * d
				local += usd * rate * d
			}
		}
		if pt.HurdleRate == nil {
			continue
		}
		if r.NPVAtHurdle == nil || r.NPVAtHurdleLocal == nil ||
			math.Abs(npv-*r.NPVAtHurdle) > 1e-6*math.Max(1, math.Abs(npv)) || math.Abs(local-*r.NPVAtHurdleLocal) > 1e-6*math.Max(1, math.Abs(local)) {
			c.fail("partner %s: NPV at its hurdle rate reported %v USD / %v %s, recomputed %.6g / %.6g", pt.ID, r.NPVAtHurdle, r.NPVAtHurdleLocal, cur, npv, local)
		}
		if pt.MinNPVAtHurdle == nil {
			continue
		}
		// The bound is in USD: the local NPV converted back at the first year's rate.
		got := local / PartnerRate(s, cur, s.Horizon.FirstYear)
		if exceeds(pt.MinNPVAtHurdle.USD, got) && pt.MinNPVAtHurdle.USD-got > 1 {
			c.fail("partner %s: NPV at its hurdle rate %.6g (in %s, converted at the first year's rate) is below min_npv_at_hurdle %.6g USD", pt.ID, got, cur, pt.MinNPVAtHurdle.USD)
		}
	}
}
