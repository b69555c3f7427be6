package model

import (
	"math"

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

// finance computes the plan's money per modelled year from its quantities and the
// scenario's prices and costs. Yearly amounts are per modelled year, that is Step
// calendar years of the same flows.
func finance(s *scenarios.Scenario, plan *Plan, years []int, step int) []FinanceYear {
	ix := newIndex(s)
	disc := func(y int) float64 { return math.Pow(1+s.DiscountRate, -float64(y-s.Horizon.FirstYear)) }
	weight := func(y int) float64 {
		w := 0.0
		for c := 0; c < step; c++ {
			w += disc(y + c)
		}
		return w
	}
	fy := make([]FinanceYear, len(years))
	at := map[int]int{}
	for i, y := range years {
		fy[i].Year = y
		at[y] = i
	}
	st := float64(step)
	for _, f := range plan.Flows {
		r := &fy[at[f.Year]]
		r.Transport += f.Quantity * f.UnitCost * st
		switch f.FromKind {
		case "feedstock":
			r.Feedstock += f.Quantity * s.Feedstocks[ix.feedstock[f.From]].Cost.At(f.Year) * st
		case "import":
			r.Imports += f.Quantity * s.Imports[ix.imp[f.From]].Price.At(f.Year) * st
		}
		if f.ToKind == "market" {
			r.Revenue += f.Quantity * s.Markets[ix.market[f.To]].Price.At(f.Year) * st
		}
	}
	for _, th := range plan.Throughput {
		r := &fy[at[th.Year]]
		tech := s.Technologies[ix.tech[th.Technology]]
		r.Opex += th.Tonnes * tech.VariableOpex.USD * st
		for m, js := range incentiveRates(s, tech) {
			for _, j := range js {
				r.Incentives += th.Tonnes * tech.Outputs[m] * s.Policy.Incentives[j].PerUnit.At(th.Year) * st
			}
		}
	}
	last := years[len(years)-1]
	end := last + step
	for _, pl := range plan.Plants {
		i, t := ix.site[pl.Site], ix.tech[pl.Technology]
		k := sizeIndex(s.Technologies[t], pl.Size)
		fo := fixedOpex(s, i, t, k)
		for j, y := range years {
			if pl.OnlineYear <= y {
				fy[j].Opex += float64(pl.Count) * fo * st
			}
		}
		if !pl.Existing {
			fy[at[pl.BuildYear]].Capex += pl.CapexNet
			fy[len(fy)-1].Salvage += pl.CapexNet * salvageFraction(s, t, pl.OnlineYear, end)
		}
	}
	for _, d := range plan.Disposals {
		fy[at[d.Year]].Disposal += d.Quantity * s.Materials[ix.material[d.Material]].DisposalCost.USD * st
	}
	if s.Policy.ShortfallPenalty != nil {
		for _, sh := range plan.Shortfalls {
			fy[at[sh.Year]].Penalty += sh.Quantity * s.Policy.ShortfallPenalty.USD * st
		}
	}
	for j := range fy {
		r := &fy[j]
		yearly := r.Revenue + r.Incentives - r.Feedstock - r.Imports - r.Opex - r.Transport - r.Disposal - r.Penalty
		r.CashFlow = yearly - r.Capex + r.Salvage
		r.Discounted = yearly/st*weight(r.Year) - r.Capex*disc(r.Year) + r.Salvage*disc(end)
	}
	return fy
}

// security computes the tonnes of critical material delivered to markets from
// domestic plants over the horizon, and each critical material's supply position.
func security(s *scenarios.Scenario, plan *Plan, years []int, step int) (float64, []SecurityRow) {
	type key struct {
		m string
		y int
	}
	domestic := map[key]float64{}
	china := map[key]float64{}
	for _, f := range plan.Flows {
		k := key{f.Material, f.Year}
		if f.FromKind == "site" && f.ToKind == "market" {
			domestic[k] += f.Quantity
		}
		if f.FromKind == "import" && isChina(f.Origin) {
			china[k] += f.Quantity
		}
	}
	total := 0.0
	var rows []SecurityRow
	for _, m := range s.Materials {
		if !m.Critical {
			continue
		}
		hasMarket := false
		for _, mk := range s.Markets {
			if mk.Material == m.ID {
				hasMarket = true
			}
		}
		if !hasMarket {
			continue
		}
		for _, y := range years {
			k := key{m.ID, y}
			total += domestic[k] * TonnesPerUnit(m) * float64(step)
			demand := 0.0
			capped := true
			for _, mk := range s.Markets {
				if mk.Material != m.ID {
					continue
				}
				if mk.Demand == nil {
					capped = false
				} else {
					demand += mk.Demand.At(y)
				}
			}
			if !capped || demand < domestic[k] {
				demand = domestic[k]
			}
			after := m.ChinaRefiningShare
			if demand > 0 {
				after = math.Min(1, (m.ChinaRefiningShare*(demand-domestic[k])+china[k])/demand)
			}
			rows = append(rows, SecurityRow{Material: m.ID, Year: y, Unit: unitOf(s, m.ID), Domestic: domestic[k], Demand: demand,
				ChinaImports: china[k], ChinaShareBefore: m.ChinaRefiningShare, ChinaShareAfter: after})
		}
	}
	return total, rows
}
