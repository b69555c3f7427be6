package model

import (
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
	// Equity is the partner's share of the equity paid in: minus the sum of
	// the negative equity cash flows, USD.
	Equity float64 `json:"equity"`
	// CashFlows are Share × EquityCashFlows, USD: element t at the start of
	// first_year + t, the last at EndYear.
	CashFlows []float64 `json:"cash_flows"`
}

// hurdleFactor is (1 + h)^−(y − first year).
func hurdleFactor(s *scenarios.Scenario, h float64, y int) float64 {
	return math.Pow(1+h, -float64(y-s.Horizon.FirstYear))
}

// partnerReturns computes each partner's return from the plan's equity cash
// flows.
func partnerReturns(s *scenarios.Scenario, plan *Plan) []PartnerReturn {
	eq := plan.EquityCashFlows()
	var out []PartnerReturn
	for _, pt := range s.Budget.Partners {
		r := PartnerReturn{ID: pt.ID, Share: pt.Share, HurdleRate: pt.HurdleRate, CashFlows: make([]float64, len(eq))}
		npv := 0.0
		for t, v := range eq {
			r.CashFlows[t] = pt.Share * v
			if v < 0 {
				r.Equity -= pt.Share * v
			}
			if pt.HurdleRate != nil {
				npv += r.CashFlows[t] * math.Pow(1+*pt.HurdleRate, -float64(t))
			}
		}
		if pt.HurdleRate != nil {
			r.NPVAtHurdle = &npv
		}
		out = append(out, r)
	}
	return out
}

// partnerRows adds, for every partner with min_npv_at_hurdle, the row
// (docs/model.md, "Partners")
//
//	Σ_m w_h(m) op_m − Σ_y ρ_y δ_h(y) base_y + Σ_builds E_h × build ≥ min ÷ share
//
// where w_h(m) = Σ_{y in m's period} δ_h(y), δ_h(y) = (1 + h)^−(y − y₀), and E_h
// is a build column's equity value at h: −net capex δ_h(b) + debt drawn δ_h(b) −
// Σ_y debt service_y δ_h(y) + (book salvage − debt outstanding) δ_h(e).
func (p *Problem) partnerRows(c *coefs) {
	s := p.Scenario
	for _, pt := range s.Budget.Partners {
		if pt.MinNPVAtHurdle == nil || pt.HurdleRate == nil || pt.Share == 0 {
			continue
		}
		h := *pt.HurdleRate
		opCol := p.operatingColumns(c)
		var e expr
		for yi, pd := range p.Periods {
			w := 0.0
			for y := pd.Year; y < pd.Year+pd.Length; y++ {
				w += hurdleFactor(s, h, y)
			}
			e.add(opCol[yi], w)
		}
		for _, tb := range p.taxBase {
			e.add(tb.Col, -taxRate(s, tb.Year)*hurdleFactor(s, h, tb.Year))
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
			v := (share - 1) * hurdleFactor(s, h, build)
			for y := build + 1; y <= last; y++ {
				in, pr := debtService(s, build, online, y)
				v -= (in + pr) * hurdleFactor(s, h, y)
			}
			v += (salvageFraction(s, b.Tech, online, end) - debtOutstanding(s, build, online, last)) * hurdleFactor(s, h, end)
			e.add(b.Col, v*net)
		}
		p.addRow(rowInfo{Kind: RowPartnerHurdle, Subject: pt.ID, Path: joinPath("budget.partners", pt.ID, "min_npv_at_hurdle"),
			ToUnit: pt.Share / moneyScale, Unit: "USD of the partner's NPV at its hurdle rate"},
			pt.MinNPVAtHurdle.USD*moneyScale/pt.Share, highs.Inf, &e, pt.ID)
	}
}

// joinPath is path[id].field in --set syntax.
func joinPath(path, id, field string) string { return path + "[" + id + "]." + field }

// partners checks every partner's minimum NPV at its hurdle rate against the
// NPV recomputed from the plan's equity cash flows.
func (c *checker) partners() {
	if c.plan.Finance == nil {
		return
	}
	for _, r := range partnerReturns(c.s, c.plan) {
		for _, pt := range c.s.Budget.Partners {
			if pt.ID != r.ID || pt.MinNPVAtHurdle == nil || r.NPVAtHurdle == nil {
				continue
			}
			if exceeds(pt.MinNPVAtHurdle.USD, *r.NPVAtHurdle) && pt.MinNPVAtHurdle.USD-*r.NPVAtHurdle > 1 {
				c.fail("partner %s: NPV at its hurdle rate %.6g is below min_npv_at_hurdle %.6g", pt.ID, *r.NPVAtHurdle, pt.MinNPVAtHurdle.USD)
			}
		}
	}
}
