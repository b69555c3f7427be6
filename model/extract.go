package model

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/mineralplan/mineralplan/scenarios"
)

// zeroBelow is the magnitude (model units) under which a solution value is read as 0:
// one gram of a material in t, one milligram of one in kg.
const zeroBelow = 1e-9

// primalTol is HiGHS's primal feasibility tolerance (option
// primal_feasibility_tolerance, left at its default), in model units: HiGHS
// calls a column feasible when it is at most this far below its lower bound of
// 0, so such a value is read as 0 too. A more negative value is kept, and Check
// refuses the plan.
const primalTol = 1e-7

// extract reads a primal solution into a Plan. Values come from the solver; the
// derived figures (finance, security, jobs) are computed from them and the scenario
// alone, so Check can recompute and compare.
func (p *Problem) extract(x []float64) (*Plan, error) {
	s := p.Scenario
	plan := &Plan{Scenario: s.Name, ObjectiveKind: p.objectiveKind, ObjectiveUnit: ObjectiveUnit(p.objectiveKind), Budget: s.Budget.Total.USD}
	val := func(col int) float64 {
		v := x[col]
		if math.Abs(v) < zeroBelow || (v < 0 && v >= -primalTol) {
			return 0
		}
		return v
	}

	// Plants: existing ones, then new builds.
	for _, site := range s.Sites {
		for _, e := range site.Existing {
			t := techIndex(s, e.Technology)
			k := sizeIndex(s.Technologies[t], e.Size)
			online := e.Online
			if online == 0 {
				online = s.Horizon.FirstYear
			}
			n := max(e.Count, 1)
			size := s.Technologies[t].Sizes[k]
			plan.Plants = append(plan.Plants, Plant{Site: site.ID, State: site.State, Technology: e.Technology, Size: e.Size,
				Count: n, OnlineYear: online, Capacity: float64(n) * size.Capacity, Existing: true, Jobs: float64(n) * size.Jobs})
		}
	}
	for _, b := range p.builds {
		v := x[b.Col]
		n := math.Round(v)
		if math.Abs(v-n) > 1e-6 {
			return nil, fmt.Errorf("internal error: build column %s has the fractional value %g", p.Model.ColNames[b.Col], v)
		}
		if n < 1 {
			continue
		}
		site, tech := s.Sites[b.Site], s.Technologies[b.Tech]
		size := tech.Sizes[b.Size]
		mc := moduleCost(s, b.Site, b.Tech, b.Size)
		c := int(n)
		plan.Plants = append(plan.Plants, Plant{Site: site.ID, State: site.State, Technology: tech.ID, Size: size.ID, Count: c,
			BuildYear: p.Years[b.Year], OnlineYear: p.Years[b.Year] + tech.LeadTime, Capacity: n * size.Capacity,
			CapexGross: n * mc.Gross, Subsidy: n * mc.Subsidy, Land: n * mc.Land, CapexNet: n * mc.Net, Jobs: n * size.Jobs})
	}
	slices.SortFunc(plan.Plants, func(a, b Plant) int {
		return cmp.Or(cmp.Compare(a.Site, b.Site), cmp.Compare(a.Technology, b.Technology),
			cmp.Compare(a.Size, b.Size), cmp.Compare(a.BuildYear, b.BuildYear))
	})

	for _, tv := range p.throughput {
		v := val(tv.Col)
		if v == 0 {
			continue
		}
		plan.Throughput = append(plan.Throughput, Throughput{Site: s.Sites[tv.Site].ID, Technology: s.Technologies[tv.Tech].ID,
			Year: p.Years[tv.Year], Tonnes: v / massScale})
	}
	for _, fv := range p.flows {
		v := val(fv.Col)
		if v == 0 {
			continue
		}
		ar := p.net.Arcs[fv.Arc]
		from, to := p.net.Nodes[ar.From], p.net.Nodes[ar.To]
		q := v / massScale
		f := Flow{Year: p.Years[fv.Year], Material: ar.Material, FromKind: from.Kind.String(), From: from.ID,
			ToKind: to.Kind.String(), To: to.ID, Quantity: q, Unit: unitOf(s, ar.Material), UnitCost: ar.UnitCost, Transport: q * ar.UnitCost}
		if from.Kind == ImportNode {
			f.Origin = s.Imports[from.Index].Origin
		}
		plan.Flows = append(plan.Flows, f)
	}
	for _, d := range p.disposals {
		if v := val(d.Col); v != 0 {
			plan.Disposals = append(plan.Disposals, Disposal{Year: p.Years[d.Year], Site: s.Sites[d.Site].ID, Material: d.Material,
				Quantity: v / massScale, Unit: unitOf(s, d.Material)})
		}
	}
	for _, sv := range p.shortfalls {
		if v := val(sv.Col); v != 0 {
			mk := s.Markets[sv.Market]
			plan.Shortfalls = append(plan.Shortfalls, Shortfall{Market: mk.ID, Year: p.Years[sv.Year], Quantity: v / massScale, Unit: unitOf(s, mk.Material)})
		}
	}
	Evaluate(s, plan)
	return plan, nil
}

// Evaluate fills a plan's derived figures from its plants, throughput, flows,
// disposals and shortfalls and the scenario alone: capacity and utilisation,
// production, finance, NPV, payback, security, jobs, CO2 and contributions. It
// trusts nothing the solver computed beyond those quantities.
func Evaluate(s *scenarios.Scenario, plan *Plan) {
	years := ScenarioYears(s)
	plan.Periods = s.Periods()
	length := map[int]float64{}
	for _, pd := range s.Periods() {
		length[pd.Year] = float64(pd.Length)
	}
	cap := capacityByYear(s, plan.Plants, years)

	type prodKey struct {
		year           int
		site, material string
	}
	plan.Production = nil
	prod := map[prodKey]float64{}
	plan.CO2 = 0
	for j := range plan.Throughput {
		th := &plan.Throughput[j]
		c := cap[capKey{th.Site, th.Technology, th.Year}]
		th.Capacity = c
		if c > 0 {
			th.Utilisation = th.Tonnes / c
		}
		tech := s.Technologies[techIndex(s, th.Technology)]
		for m, y := range tech.Outputs {
			prod[prodKey{th.Year, th.Site, m}] += y * th.Tonnes
		}
		plan.CO2 += th.Tonnes * tech.CO2PerTonne * length[th.Year]
	}
	for k, q := range prod {
		if q != 0 {
			plan.Production = append(plan.Production, Production{Year: k.year, Site: k.site, Material: k.material, Quantity: q, Unit: unitOf(s, k.material)})
		}
	}
	slices.SortFunc(plan.Production, func(a, b Production) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Material, b.Material), cmp.Compare(a.Site, b.Site))
	})
	slices.SortFunc(plan.Throughput, func(a, b Throughput) int {
		return cmp.Or(cmp.Compare(a.Site, b.Site), cmp.Compare(a.Technology, b.Technology), cmp.Compare(a.Year, b.Year))
	})
	slices.SortFunc(plan.Flows, func(a, b Flow) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Material, b.Material), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})

	plan.Finance = finance(s, plan)
	plan.Split = npvSplit(s, plan.Finance)
	plan.NPV, plan.Capex, plan.CapexGross, plan.Subsidies, plan.Land = 0, 0, 0, 0, 0
	for _, f := range plan.Finance {
		plan.NPV += f.Discounted
	}
	plan.NPVPreTax = plan.NPV - plan.Split.Tax
	plan.ProjectIRR = projectIRR(plan.ProjectCashFlows())
	plan.EquityIRR, plan.MinDSCR = IRR{Roots: []float64{}}, minDSCR(plan.Finance)
	if len(s.Finance.Debt) > 0 {
		plan.EquityIRR = projectIRR(plan.EquityCashFlows())
	}
	plan.Partners = partnerReturns(s, plan)
	plan.TerminalMethod, plan.ContinuingYears = TerminalMethod(s), 0
	if plan.TerminalMethod == "continuing" {
		plan.ContinuingYears = ContinuingYears(s)
	}
	for _, pl := range plan.Plants {
		plan.Capex += pl.CapexNet
		plan.CapexGross += pl.CapexGross
		plan.Subsidies += pl.Subsidy
		plan.Land += pl.Land
	}
	plan.PaybackYear = 0
	cum, spent := 0.0, false
	for _, f := range plan.Finance {
		cum += f.CashFlow
		spent = spent || f.Capex > 0
		if spent && cum >= 0 {
			plan.PaybackYear = f.Year
			break
		}
	}

	plan.Jobs = 0
	last := years[len(years)-1]
	for _, pl := range plan.Plants {
		if pl.OnlineYear <= last {
			plan.Jobs += pl.Jobs
		}
	}
	plan.Contributions = nil
	for _, partner := range s.Budget.Partners {
		plan.Contributions = append(plan.Contributions, Contribution{Partner: partner.ID, Share: partner.Share, Amount: partner.Share * plan.Capex})
	}
	plan.Security, plan.SecurityRows = security(s, plan)
}

// ScenarioYears returns the modelled years of a scenario's horizon.
func ScenarioYears(s *scenarios.Scenario) []int { return s.Years() }

type capKey struct {
	site, tech string
	year       int
}

// capacityByYear sums the nameplate capacity (t/yr) online per site, technology
// and year.
func capacityByYear(s *scenarios.Scenario, plants []Plant, years []int) map[capKey]float64 {
	out := map[capKey]float64{}
	for _, pl := range plants {
		for _, y := range years {
			if pl.OnlineYear <= y {
				out[capKey{pl.Site, pl.Technology, y}] += pl.Capacity
			}
		}
	}
	return out
}

func techIndex(s *scenarios.Scenario, id string) int {
	for i, t := range s.Technologies {
		if t.ID == id {
			return i
		}
	}
	return -1
}

func sizeIndex(t scenarios.Technology, id string) int {
	for i, z := range t.Sizes {
		if z.ID == id {
			return i
		}
	}
	return -1
}
