package model

import (
	"github.com/mineralplan/mineralplan/irr"
	"github.com/mineralplan/mineralplan/scenarios"
)

// index maps ids to positions in a scenario's lists.
type index struct {
	feedstock, market, imp, tech, site, material map[string]int
}

func newIndex(s *scenarios.Scenario) index {
	ix := index{feedstock: map[string]int{}, market: map[string]int{}, imp: map[string]int{},
		tech: map[string]int{}, site: map[string]int{}, material: map[string]int{}}
	for i, f := range s.Feedstocks {
		ix.feedstock[f.ID] = i
	}
	for i, m := range s.Markets {
		ix.market[m.ID] = i
	}
	for i, m := range s.Imports {
		ix.imp[m.ID] = i
	}
	for i, t := range s.Technologies {
		ix.tech[t.ID] = i
	}
	for i, t := range s.Sites {
		ix.site[t.ID] = i
	}
	for i, m := range s.Materials {
		ix.material[m.ID] = i
	}
	return ix
}

// finance computes the plan's money per calendar year of the horizon from its
// quantities and the scenario's prices and costs. A modelled year's flows and
// throughput are per year and repeat in every calendar year of its period, with
// that modelled year's prices; capex is spent in the build year; the terminal
// value is the plants' worth at the end of the horizon (the start of EndYear),
// booked in its last calendar year. Each row's Discounted is its operating cash
// flow and capex discounted with δ(year), plus its terminal value discounted with
// δ(EndYear), so the rows sum to the NPV.
func finance(s *scenarios.Scenario, plan *Plan) []FinanceYear {
	ix := newIndex(s)
	periods := s.Periods()
	// yearly[j] is the money of one calendar year of period j.
	yearly := make([]FinanceYear, len(periods))
	at := map[int]int{}
	for j, pd := range periods {
		at[pd.Year] = j
	}
	for _, f := range plan.Flows {
		r := &yearly[at[f.Year]]
		r.Transport += f.Quantity * f.UnitCost
		switch f.FromKind {
		case "feedstock":
			r.Feedstock += f.Quantity * s.Feedstocks[ix.feedstock[f.From]].Cost.At(f.Year)
		case "import":
			r.Imports += f.Quantity * s.Imports[ix.imp[f.From]].Price.At(f.Year)
		}
		if f.ToKind == "market" {
			r.Revenue += f.Quantity * s.Markets[ix.market[f.To]].Price.At(f.Year)
		}
	}
	for _, th := range plan.Throughput {
		r := &yearly[at[th.Year]]
		tech := s.Technologies[ix.tech[th.Technology]]
		r.Opex += th.Tonnes * tech.VariableOpex.USD
		for m, js := range incentiveRates(s, tech) {
			for _, j := range js {
				r.Incentives += th.Tonnes * tech.Outputs[m] * s.Policy.Incentives[j].PerUnit.At(th.Year)
			}
		}
	}
	for _, pl := range plan.Plants {
		i, t := ix.site[pl.Site], ix.tech[pl.Technology]
		fo := fixedOpex(s, i, t, sizeIndex(s.Technologies[t], pl.Size))
		for j, pd := range periods {
			if pl.OnlineYear <= pd.Year {
				yearly[j].Opex += float64(pl.Count) * fo
			}
		}
	}
	for _, d := range plan.Disposals {
		yearly[at[d.Year]].Disposal += d.Quantity * s.Materials[ix.material[d.Material]].DisposalCost.USD
	}
	if s.Policy.ShortfallPenalty != nil {
		for _, sh := range plan.Shortfalls {
			yearly[at[sh.Year]].Penalty += sh.Quantity * s.Policy.ShortfallPenalty.USD
		}
	}

	var fy []FinanceYear
	row := map[int]int{}
	for j, pd := range periods {
		for c := range pd.Length {
			r := yearly[j]
			r.Year, r.Period = pd.Year+c, pd.Year
			row[r.Year] = len(fy)
			fy = append(fy, r)
		}
	}
	end := s.EndYear()
	last := &fy[len(fy)-1]
	for _, pl := range plan.Plants {
		if pl.Existing {
			continue
		}
		fy[row[pl.BuildYear]].Capex += pl.CapexNet
		fy[row[pl.BuildYear]].Subsidies += pl.Subsidy
		last.TerminalValue += pl.CapexNet * salvageFraction(s, ix.tech[pl.Technology], pl.OnlineYear, end)
	}
	if TerminalMethod(s) == "continuing" {
		// The last calendar year's free cash flow before incentives, paid at the
		// start of each of the R years from e, valued at e.
		annuity := 0.0
		for k := range ContinuingYears(s) {
			annuity += discountFactor(s, end+k) / discountFactor(s, end)
		}
		last.TerminalValue = (operating(last) - last.Incentives) * annuity
	}
	applyTax(s, plan, fy)
	for j := range fy {
		r := &fy[j]
		r.CashFlow = operating(r) - r.Tax - r.Capex + r.TerminalValue
		r.Discounted = (operating(r)-r.Tax-r.Capex)*discountFactor(s, r.Year) + r.TerminalValue*discountFactor(s, end)
	}
	applyDebt(s, plan, fy)
	return fy
}

// operating is a year's operating cash flow: revenue and incentives less every
// running cost (capex and terminal value excluded).
func operating(r *FinanceYear) float64 {
	return r.Revenue + r.Incentives - r.Feedstock - r.Imports - r.Opex - r.Transport - r.Disposal - r.Penalty
}

// projectIRR finds the internal rate of return of cash flows cf.
func projectIRR(cf []float64) IRR {
	res := irr.Find(cf)
	out := IRR{Status: string(res.Status), Roots: res.Roots}
	if out.Roots == nil {
		out.Roots = []float64{}
	}
	if r, ok := res.Rate(); ok {
		out.Rate = &r
	}
	return out
}

// npvSplit divides the NPV of finance rows fy into what carries it
// (docs/model.md, "What carries the NPV"); the parts sum to Σ Discounted.
func npvSplit(s *scenarios.Scenario, fy []FinanceYear) NPVSplit {
	var sp NPVSplit
	for i := range fy {
		r := &fy[i]
		d := discountFactor(s, r.Year)
		sp.Incentives += r.Incentives * d
		sp.Subsidies += r.Subsidies * d
		sp.TerminalValue += r.TerminalValue * discountFactor(s, s.EndYear())
		sp.Operations += (operating(r) - r.Incentives - r.Capex - r.Subsidies) * d
		sp.Tax -= r.Tax * d
	}
	return sp
}

// security computes Security, the tonnes of critical material delivered to
// markets from Indian plants over the horizon (Σ over critical m and modelled
// years of the period's length × tonnes per unit × deliveries per year), and
// one SecurityRow per modelled year for every material that is critical or has
// a China-share cap. docs/model.md ("Reported figures") defines each column.
func security(s *scenarios.Scenario, plan *Plan) (float64, []SecurityRow) {
	type key struct {
		m string
		y int
	}
	ix := newIndex(s)
	delivered, made, imported, china := map[key]float64{}, map[key]float64{}, map[key]float64{}, map[key]float64{}
	for _, f := range plan.Flows {
		k := key{f.Material, f.Year}
		if f.FromKind == "site" && f.ToKind == "market" {
			delivered[k] += f.Quantity
		}
		if f.FromKind == "import" {
			imported[k] += f.Quantity
			if isChina(f.Origin) {
				china[k] += f.Quantity
			}
		}
	}
	for _, th := range plan.Throughput {
		for m, q := range s.Technologies[ix.tech[th.Technology]].Outputs {
			made[key{m, th.Year}] += q * th.Tonnes
		}
	}
	total := 0.0
	var rows []SecurityRow
	for _, m := range s.Materials {
		capSeries, capped := s.Policy.ChinaShareMax[m.ID]
		if !m.Critical && !capped {
			continue
		}
		for _, pd := range s.Periods() {
			k := key{m.ID, pd.Year}
			if m.Critical {
				total += delivered[k] * TonnesPerUnit(m) * float64(pd.Length)
			}
			r := SecurityRow{Material: m.ID, Year: pd.Year, PeriodYears: pd.Length, Unit: unitOf(s, m.ID),
				Made: made[k], Delivered: delivered[k], Imports: imported[k], ChinaImports: china[k],
				Supply: imported[k] + made[k], ChinaShareBefore: m.ChinaRefiningShare}
			if r.Supply > 0 {
				after := r.ChinaImports / r.Supply
				r.ChinaShareAfter = &after
			}
			if capped {
				sigma := capSeries.At(pd.Year)
				r.ChinaShareCap = &sigma
			}
			if d, ok := demandCap(s, m.ID, pd.Year); ok {
				r.Demand = &d
			}
			rows = append(rows, r)
		}
	}
	return total, rows
}

// demandCap is the sum of the demand caps of the markets for material m in year
// y; ok is false when m has no market or a market without a cap.
func demandCap(s *scenarios.Scenario, m string, y int) (sum float64, ok bool) {
	for _, mk := range s.Markets {
		if mk.Material != m {
			continue
		}
		if mk.Demand == nil {
			return 0, false
		}
		sum += mk.Demand.At(y)
		ok = true
	}
	return sum, ok
}
