package model

import (
	"fmt"
	"math"

	"github.com/mineralplan/mineralplan/highs"
	"github.com/mineralplan/mineralplan/scenarios"
)

// Each function below adds one family of constraints; docs/model.md states them.
// A new kind of constraint is one more function and one more line in Build.

// supplyRows: Σ_a flow[a,y] ≤ availability[f,y] for every feedstock f and year y
// (a over the arcs leaving f).
func (p *Problem) supplyRows() {
	s := p.Scenario
	for n, nd := range p.net.Nodes {
		if nd.Kind != FeedstockNode || len(p.net.out[n]) == 0 {
			continue
		}
		f := s.Feedstocks[nd.Index]
		for yi, y := range p.Years {
			e := p.flowSum(p.net.out[n], yi)
			p.addRow(rowInfo{Kind: RowSupply, Subject: f.ID, Year: y, Path: "feedstocks[" + f.ID + "].availability",
				ToUnit: 1 / massScale, Unit: unitOf(s, f.Material)}, -highs.Inf, f.Availability.At(y)*massScale, e, f.ID, y)
		}
	}
}

// importLimitRows: Σ_a flow[a,y] ≤ limit[i,y] for every import i with a limit.
func (p *Problem) importLimitRows() {
	s := p.Scenario
	for n, nd := range p.net.Nodes {
		if nd.Kind != ImportNode || len(p.net.out[n]) == 0 || s.Imports[nd.Index].Limit == nil {
			continue
		}
		im := s.Imports[nd.Index]
		for yi, y := range p.Years {
			e := p.flowSum(p.net.out[n], yi)
			p.addRow(rowInfo{Kind: RowImportLimit, Subject: im.ID, Year: y, Path: "imports[" + im.ID + "].limit",
				ToUnit: 1 / massScale, Unit: unitOf(s, im.Material)}, -highs.Inf, im.Limit.At(y)*massScale, e, im.ID, y)
		}
	}
}

// balanceRows: for every site i, material m it handles, and year y,
//
//	Σ_in flow + Σ_t out[t,m]·throughput[i,t,y] = Σ_t in[t,m]·throughput[i,t,y] + Σ_out flow + dispose[i,m,y]
func (p *Problem) balanceRows() {
	s := p.Scenario
	dispose := map[[2]any]int{}
	for _, d := range p.disposals {
		dispose[[2]any{d.Site, fmt.Sprint(d.Material, "|", d.Year)}] = d.Col
	}
	for i, site := range s.Sites {
		materials := map[string]bool{}
		for _, t := range p.techs[i] {
			for m := range s.Technologies[t].Inputs {
				materials[m] = true
			}
			for m := range s.Technologies[t].Outputs {
				materials[m] = true
			}
		}
		n := p.net.siteNode[i]
		for _, m := range sortedKeys(materials) {
			for yi, y := range p.Years {
				var e expr
				for _, a := range p.net.in[n] {
					if p.net.Arcs[a].Material == m {
						e.add(p.flowCol(a, yi), 1)
					}
				}
				for _, a := range p.net.out[n] {
					if p.net.Arcs[a].Material == m {
						e.add(p.flowCol(a, yi), -1)
					}
				}
				for _, t := range p.techs[i] {
					col, ok := p.tputCol[[3]int{i, t, yi}]
					if !ok {
						continue
					}
					tech := s.Technologies[t]
					e.add(col, tech.Outputs[m]-tech.Inputs[m])
				}
				if col, ok := dispose[[2]any{i, fmt.Sprint(m, "|", yi)}]; ok {
					e.add(col, -1)
				}
				if e.empty() {
					continue
				}
				p.addRow(rowInfo{Kind: RowBalance, Subject: site.ID, Extra: m, Year: y, Path: "sites[" + site.ID + "]",
					ToUnit: 1 / massScale, Unit: unitOf(s, m)}, 0, 0, &e, site.ID, m, y)
			}
		}
	}
}

// intakeRows: for every site i, material m that a technology in T_i takes and
// one in T_i emits, and year y,
//
//	Σ_in flow[a,y] ≤ Σ_t in[t,m]·throughput[i,t,y]
//
// Whatever enters a site is consumed by its plants in that year. With the
// balance row this is the same as Σ_out flow + dispose ≤ Σ_t out[t,m]·
// throughput[i,t,y]: whatever leaves was made there. Without it, material could
// enter and leave a site unprocessed whenever one technology allowed there takes
// it and another emits it. For a material a site only takes (only emits), the
// balance row already says this: it has no outgoing (incoming) arcs.
func (p *Problem) intakeRows() {
	s := p.Scenario
	for i, site := range s.Sites {
		takes, emits := map[string]bool{}, map[string]bool{}
		for _, t := range p.techs[i] {
			for m := range s.Technologies[t].Inputs {
				takes[m] = true
			}
			for m := range s.Technologies[t].Outputs {
				emits[m] = true
			}
		}
		n := p.net.siteNode[i]
		for _, m := range sortedKeys(takes) {
			if !emits[m] {
				continue
			}
			for yi, y := range p.Years {
				var e expr
				for _, a := range p.net.in[n] {
					if p.net.Arcs[a].Material == m {
						e.add(p.flowCol(a, yi), 1)
					}
				}
				if e.empty() {
					continue
				}
				for _, t := range p.techs[i] {
					if col, ok := p.tputCol[[3]int{i, t, yi}]; ok {
						e.add(col, -s.Technologies[t].Inputs[m])
					}
				}
				p.addRow(rowInfo{Kind: RowIntake, Subject: site.ID, Extra: m, Year: y, Path: "sites[" + site.ID + "]",
					ToUnit: 1 / massScale, Unit: unitOf(s, m)}, -highs.Inf, 0, &e, site.ID, m, y)
			}
		}
	}
}

// capacityRows: throughput[i,t,y] ≤ u_max · Σ_k capacity_k · online[i,t,k,y], and
// throughput[i,t,y] ≥ u_min · Σ_k capacity_k · online[i,t,k,y] when u_min > 0, where
// online counts existing modules and modules built at least lead-time years before.
//
// Each size's coefficient is min(u_max · cap_k, T_t(y)), where T_t(y) bounds the
// technology's total throughput (throughputBounds): the same constraint for
// integer solutions, a tighter LP relaxation.
func (p *Problem) capacityRows() {
	s := p.Scenario
	bounds := p.throughputBounds()
	for _, tv := range p.throughput {
		i, t, yi := tv.Site, tv.Tech, tv.Year
		tech := s.Technologies[t]
		y := p.Years[yi]
		umax := maxUtilisation(tech)
		coef := func(k int) float64 { return math.Min(umax*tech.Sizes[k].Capacity, bounds[t][yi]) * massScale }
		existing, usable := 0.0, 0.0
		var e expr
		e.add(tv.Col, 1)
		for k, size := range tech.Sizes {
			n := float64(existingCount(s, i, t, k, y))
			existing += n * size.Capacity * massScale
			usable += n * coef(k)
		}
		p.onlineBuilds(i, t, yi, func(b buildVar, k int) {
			e.add(b.Col, -coef(k))
		})
		site := s.Sites[i]
		p.addRow(rowInfo{Kind: RowCapacity, Subject: site.ID, Extra: tech.ID, Year: y,
			Path: "technologies[" + tech.ID + "].sizes", ToUnit: 1 / massScale, Unit: "t of throughput"},
			-highs.Inf, usable, &e, site.ID, tech.ID, y)
		if tech.MinUtilisation > 0 {
			var m expr
			m.add(tv.Col, 1)
			p.onlineBuilds(i, t, yi, func(b buildVar, k int) {
				m.add(b.Col, -tech.MinUtilisation*tech.Sizes[k].Capacity*massScale)
			})
			p.addRow(rowInfo{Kind: RowMinUtil, Subject: site.ID, Extra: tech.ID, Year: y,
				Path: "technologies[" + tech.ID + "].min_utilisation", ToUnit: 1 / massScale, Unit: "t of throughput"},
				tech.MinUtilisation*existing, highs.Inf, &m, site.ID, tech.ID, y)
		}
	}
}

// mirMaxMultiple is the largest T/C for which throughputMIRRows adds a row: with
// many modules' worth of supply the rounding gains little and the row only
// lengthens each LP.
const mirMaxMultiple = 20

// throughputMIRRows adds mixed-integer rounding (MIR) rows on each technology's
// total throughput. For technology t in year y, let X = Σ_i throughput[i,t,y],
// c_k = min(u_max · cap_k, T) the capped capacity of size k and O_k = Σ_i
// online[i,t,k,y] (integers). Then X ≤ Σ_k c_k O_k and X ≤ T, where T = T_t(y) is
// throughputBounds' bound. For a divisor C = c_d (one row per size d) with
// n = ⌊T/C⌋ ≥ 1 and r = T − nC > 0, the MIR of these two rows is
//
//	X ≤ n (C − r) + Σ_k φ_k O_k,   φ_k = r ⌊c_k/C⌋ + min(c_k − C ⌊c_k/C⌋, r),
//
// valid for every integer plan: with O modules of size C it allows min(T, O·C)
// exactly at O = n and O = n + 1. The LP relaxation, which would otherwise buy
// T/C modules (a fraction of one more plant to take exactly the supply there is),
// must pay for the whole last module or leave its share of the supply. Rows are
// added only for 1 ≤ n ≤ mirMaxMultiple; existing modules move to the right-hand
// side.
func (p *Problem) throughputMIRRows() {
	s := p.Scenario
	bounds := p.throughputBounds()
	bySiteYear := map[[2]int][]throughputVar{}
	for _, tv := range p.throughput {
		key := [2]int{tv.Tech, tv.Year}
		bySiteYear[key] = append(bySiteYear[key], tv)
	}
	for t, tech := range s.Technologies {
		umax := maxUtilisation(tech)
		for yi, y := range p.Years {
			tvs := bySiteYear[[2]int{t, yi}]
			T := bounds[t][yi]
			if len(tvs) == 0 || math.IsInf(T, 1) || T <= 0 {
				continue
			}
			capped := func(k int) float64 { return math.Min(umax*tech.Sizes[k].Capacity, T) }
			for d, div := range tech.Sizes {
				C := capped(d)
				n := math.Floor(T / C)
				r := T - n*C
				if n < 1 || n > mirMaxMultiple || r <= 1e-9*T || sameDivisor(d, C, capped) {
					continue
				}
				phi := func(k int) float64 {
					c := capped(k)
					q := math.Floor(c / C)
					return r*q + math.Min(c-C*q, r)
				}
				var e expr
				rhs := n * (C - r)
				for _, tv := range tvs {
					e.add(tv.Col, 1)
					for k := range tech.Sizes {
						rhs += float64(existingCount(s, tv.Site, t, k, y)) * phi(k)
					}
					p.onlineBuilds(tv.Site, t, yi, func(b buildVar, k int) {
						e.add(b.Col, -phi(k)*massScale)
					})
				}
				p.addRow(rowInfo{Kind: RowThroughputMIR, Subject: tech.ID, Extra: div.ID, Year: y,
					Path: "technologies[" + tech.ID + "].sizes", ToUnit: 1 / massScale, Unit: "t of throughput"},
					-highs.Inf, rhs*massScale, &e, tech.ID, div.ID, y)
			}
		}
	}
}

// sameDivisor reports whether a size before d has the capped capacity C, so that
// its MIR row would repeat one already made.
func sameDivisor(d int, C float64, capped func(int) float64) bool {
	for k := range d {
		if capped(k) == C {
			return true
		}
	}
	return false
}

// demandRows: Σ_a flow[a,y] ≤ demand[m,y] for markets with a cap, and
// Σ_a flow[a,y] + shortfall[m,y] ≥ required[m,y] for markets with a minimum.
func (p *Problem) demandRows() {
	s := p.Scenario
	short := map[[2]int]int{}
	for _, sv := range p.shortfalls {
		short[[2]int{sv.Market, sv.Year}] = sv.Col
	}
	for n, nd := range p.net.Nodes {
		if nd.Kind != MarketNode {
			continue
		}
		mk := s.Markets[nd.Index]
		for yi, y := range p.Years {
			if mk.Demand != nil {
				e := p.flowSum(p.net.in[n], yi)
				if !e.empty() {
					p.addRow(rowInfo{Kind: RowDemand, Subject: mk.ID, Year: y, Path: "markets[" + mk.ID + "].demand",
						ToUnit: 1 / massScale, Unit: unitOf(s, mk.Material)}, -highs.Inf, mk.Demand.At(y)*massScale, e, mk.ID, y)
				}
			}
			if mk.Required != nil && mk.Required.At(y) > 0 {
				e := p.flowSum(p.net.in[n], yi)
				if col, ok := short[[2]int{nd.Index, yi}]; ok {
					e.add(col, 1)
				}
				p.addRow(rowInfo{Kind: RowRequired, Subject: mk.ID, Year: y, Path: "markets[" + mk.ID + "].required",
					ToUnit: 1 / massScale, Unit: unitOf(s, mk.Material)}, mk.Required.At(y)*massScale, highs.Inf, e, mk.ID, y)
			}
		}
	}
}

// budgetRows: Σ net capex · build ≤ budget over the horizon; per year when a
// yearly cap is given; and share_p · Σ net capex · build ≤ cap_p per partner.
func (p *Problem) budgetRows() {
	s := p.Scenario
	var total expr
	byYear := make([]expr, len(p.Years))
	for _, b := range p.builds {
		net := moduleCost(s, b.Site, b.Tech, b.Size).Net * moneyScale
		total.add(b.Col, net)
		byYear[b.Year].add(b.Col, net)
	}
	if total.empty() {
		return
	}
	p.addRow(rowInfo{Kind: RowBudget, Subject: "total", Path: "budget.total", ToUnit: 1 / moneyScale, Unit: "USD of budget"},
		-highs.Inf, s.Budget.Total.USD*moneyScale, &total, "total")
	if s.Budget.PerYear != nil {
		for yi, y := range p.Years {
			if byYear[yi].empty() {
				continue
			}
			p.addRow(rowInfo{Kind: RowBudgetYear, Subject: "per_year", Year: y, Path: "budget.per_year", ToUnit: 1 / moneyScale, Unit: "USD of budget"},
				-highs.Inf, s.Budget.PerYear.At(y)*moneyScale, &byYear[yi], y)
		}
	}
	for _, partner := range s.Budget.Partners {
		if partner.Cap == nil || partner.Share <= 0 {
			continue
		}
		var e expr
		for j := range total.idx {
			e.add(total.idx[j], partner.Share*total.val[j])
		}
		p.addRow(rowInfo{Kind: RowPartner, Subject: partner.ID, Path: "budget.partners[" + partner.ID + "].cap", ToUnit: 1 / moneyScale, Unit: "USD of contribution"},
			-highs.Inf, partner.Cap.USD*moneyScale, &e, partner.ID)
	}
}

// sitePlantRows: existing + Σ build ≤ max_plants at sites with a limit.
func (p *Problem) sitePlantRows() {
	s := p.Scenario
	for i, site := range s.Sites {
		if site.MaxPlants <= 0 {
			continue
		}
		existing := 0
		for _, e := range site.Existing {
			existing += max(e.Count, 1)
		}
		var e expr
		for _, t := range p.techs[i] {
			for _, b := range p.buildsAt[[2]int{i, t}] {
				e.add(p.builds[b].Col, 1)
			}
		}
		if e.empty() {
			continue
		}
		p.addRow(rowInfo{Kind: RowSitePlants, Subject: site.ID, Path: "sites[" + site.ID + "].max_plants", ToUnit: 1, Unit: "plant"},
			-highs.Inf, float64(site.MaxPlants-existing), &e, site.ID)
	}
}

// moduleRows: Σ_y build[i,t,k,y] ≤ max_modules, one build year per module; this
// also removes solutions that differ only in which year an idle module was built.
func (p *Problem) moduleRows() {
	s := p.Scenario
	bySize := map[[3]int][]int{}
	var order [][3]int
	for _, b := range p.builds {
		key := [3]int{b.Site, b.Tech, b.Size}
		if _, ok := bySize[key]; !ok {
			order = append(order, key)
		}
		bySize[key] = append(bySize[key], b.Col)
	}
	for _, key := range order {
		cols := bySize[key]
		if len(cols) < 2 {
			continue
		}
		var e expr
		for _, c := range cols {
			e.add(c, 1)
		}
		site, tech := s.Sites[key[0]], s.Technologies[key[1]]
		p.addRow(rowInfo{Kind: RowModules, Subject: site.ID, Extra: tech.ID, Path: "technologies[" + tech.ID + "].max_modules", ToUnit: 1, Unit: "module"},
			-highs.Inf, float64(maxModules(tech)), &e, site.ID, tech.ID, tech.Sizes[key[2]].ID)
	}
}

// chinaShareRows: China-origin imports of m ≤ share_max[m,y] · (imports of m +
// domestic output of m) for every material with a cap.
func (p *Problem) chinaShareRows() {
	s := p.Scenario
	for _, m := range sortedKeys(s.Policy.ChinaShareMax) {
		share := s.Policy.ChinaShareMax[m]
		hasChina := false
		for _, im := range s.Imports {
			if im.Material == m && isChina(im.Origin) {
				hasChina = true
			}
		}
		if !hasChina {
			continue
		}
		for yi, y := range p.Years {
			sigma := share.At(y)
			var e expr
			for _, fv := range p.flowsInYear(yi) {
				ar := p.net.Arcs[fv.Arc]
				from := p.net.Nodes[ar.From]
				if from.Kind != ImportNode || ar.Material != m {
					continue
				}
				coef := -sigma
				if isChina(s.Imports[from.Index].Origin) {
					coef += 1
				}
				e.add(fv.Col, coef)
			}
			for _, tv := range p.throughput {
				if tv.Year == yi {
					e.add(tv.Col, -sigma*s.Technologies[tv.Tech].Outputs[m])
				}
			}
			p.addRow(rowInfo{Kind: RowChinaShare, Subject: m, Year: y, Path: "policy.china_share_max." + m, ToUnit: 1 / massScale, Unit: unitOf(s, m)},
				-highs.Inf, 0, &e, m, y)
		}
	}
}

// recoveryRows: Σ flows out of the target's feedstocks ≥ share[y] · Σ their
// availability, for every recovery target and year.
func (p *Problem) recoveryRows() {
	s := p.Scenario
	for _, rt := range s.Policy.RecoveryTargets {
		in := map[string]bool{}
		for _, id := range rt.Feedstocks {
			in[id] = true
		}
		for yi, y := range p.Years {
			var e expr
			avail := 0.0
			for n, nd := range p.net.Nodes {
				if nd.Kind != FeedstockNode {
					continue
				}
				f := s.Feedstocks[nd.Index]
				if !in[f.ID] && !(len(rt.Feedstocks) == 0 && f.Material == rt.Material) {
					continue
				}
				avail += f.Availability.At(y)
				for _, a := range p.net.out[n] {
					e.add(p.flowCol(a, yi), 1)
				}
			}
			p.addRow(rowInfo{Kind: RowRecovery, Subject: rt.ID, Year: y, Path: "policy.recovery_targets[" + rt.ID + "].share", ToUnit: 1 / massScale, Unit: "t processed"},
				rt.Share.At(y)*avail*massScale, highs.Inf, &e, rt.ID, y)
		}
	}
}

// linkRows adds the strong (disaggregated) linking of each flow to the plants at
// its site ends. For an arc whose tail (or head) is site i, with the other end
// limited to U per year (a feedstock's availability, an import's limit, a
// market's demand cap; +∞ otherwise):
//
//	flow[a,y] ≤ Σ_t Σ_k min(U, r_tm · u_max,t · cap_k) · online[i,t,k,y]
//
// where t runs over the technologies at i that emit (take) the material and r_tm
// is their output (input) per tonne of throughput. A row is added only when U is
// below r_tm · u_max,t · cap_k for some such t and k: otherwise every coefficient
// is the plain capacity, which the intake, balance and capacity rows already
// impose on the site's flows (what enters is consumed and what leaves was made by
// the site's plants, within their capacity), and the row would only slow each LP
// down. The added rows
// are valid for every integer plan and cut fractional plants from the LP
// relaxation: a fraction of a plant takes at most that fraction of a small
// source. They are added only while there are at most linkRowLimit of them.
func (p *Problem) linkRows() {
	s := p.Scenario
	type link struct {
		flow  flowVar
		site  int
		bound float64 // U in units per year, +Inf when none
		emits bool    // the site is the arc's tail
	}
	// ratio is what technology t at a site takes (or emits) of m per tonne.
	ratio := func(t int, m string, emits bool) float64 {
		if emits {
			return s.Technologies[t].Outputs[m]
		}
		return s.Technologies[t].Inputs[m]
	}
	// tightens reports whether U is below the largest plant's share of the flow.
	tightens := func(l link) bool {
		m := p.net.Arcs[l.flow.Arc].Material
		for _, t := range p.techs[l.site] {
			tech := s.Technologies[t]
			for _, size := range tech.Sizes {
				if l.bound < ratio(t, m, l.emits)*maxUtilisation(tech)*size.Capacity {
					return true
				}
			}
		}
		return false
	}
	var links []link
	for _, fv := range p.flows {
		ar := p.net.Arcs[fv.Arc]
		from, to := p.net.Nodes[ar.From], p.net.Nodes[ar.To]
		y := p.Years[fv.Year]
		limit := math.Inf(1)
		switch from.Kind {
		case FeedstockNode:
			limit = s.Feedstocks[from.Index].Availability.At(y)
		case ImportNode:
			if l := s.Imports[from.Index].Limit; l != nil {
				limit = l.At(y)
			}
		case SiteNode:
			bound := math.Inf(1)
			if to.Kind == MarketNode && s.Markets[to.Index].Demand != nil {
				bound = s.Markets[to.Index].Demand.At(y)
			}
			if l := (link{fv, from.Index, bound, true}); tightens(l) {
				links = append(links, l)
			}
		}
		if to.Kind == SiteNode {
			if l := (link{fv, to.Index, limit, false}); tightens(l) {
				links = append(links, l)
			}
		}
		if len(links) > linkRowLimit {
			return
		}
	}
	for _, l := range links {
		ar := p.net.Arcs[l.flow.Arc]
		y := p.Years[l.flow.Year]
		var e expr
		e.add(l.flow.Col, 1)
		rhs := 0.0
		for _, t := range p.techs[l.site] {
			tech := s.Technologies[t]
			r := ratio(t, ar.Material, l.emits)
			if r == 0 {
				continue
			}
			coef := func(k int) float64 {
				return math.Min(l.bound, r*maxUtilisation(tech)*tech.Sizes[k].Capacity) * massScale
			}
			for k := range tech.Sizes {
				rhs += float64(existingCount(s, l.site, t, k, y)) * coef(k)
			}
			p.onlineBuilds(l.site, t, l.flow.Year, func(b buildVar, k int) {
				e.add(b.Col, -coef(k))
			})
		}
		from, to := p.net.Nodes[ar.From], p.net.Nodes[ar.To]
		p.addRow(rowInfo{Kind: RowLink, Subject: from.ID, Extra: to.ID, Year: y, Path: "sites[" + s.Sites[l.site].ID + "]", ToUnit: 1 / massScale, Unit: unitOf(s, ar.Material)},
			-highs.Inf, rhs, &e, from.ID, to.ID, ar.Material, y, map[bool]string{true: "out", false: "in"}[l.emits])
	}
}

// minSecurityRow: Σ security ≥ ε when the objective sets min_security (tonnes).
func (p *Problem) minSecurityRow(c *coefs) {
	eps := p.Scenario.Objective.MinSecurity
	if eps == nil {
		return
	}
	var e expr
	for col := 0; col < p.Model.NumCols(); col++ {
		_, _, sec := c.at(col)
		e.add(col, sec)
	}
	p.addRow(rowInfo{Kind: RowMinSecurity, Subject: "security", Path: "objective.min_security", ToUnit: 1 / massScale, Unit: "t of critical material"},
		*eps*1e-3, highs.Inf, &e, "security")
}

// flowCol returns the column of arc a in year index yi.
func (p *Problem) flowCol(a, yi int) int {
	return p.flows[a*len(p.Years)+yi].Col
}

// flowSum returns Σ flow[a,yi] over the given arcs.
func (p *Problem) flowSum(arcs []int, yi int) *expr {
	var e expr
	for _, a := range arcs {
		e.add(p.flowCol(a, yi), 1)
	}
	return &e
}

// flowsInYear returns the flow columns of year index yi.
func (p *Problem) flowsInYear(yi int) []flowVar {
	out := make([]flowVar, 0, len(p.net.Arcs))
	for a := range p.net.Arcs {
		out = append(out, p.flows[a*len(p.Years)+yi])
	}
	return out
}

// unitOf is the unit of material m ("t" or "kg").
func unitOf(s *scenarios.Scenario, m string) string {
	for _, mat := range s.Materials {
		if mat.ID == m && mat.Unit == "kg" {
			return "kg"
		}
	}
	return "t"
}
