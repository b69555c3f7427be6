package model

import (
	"fmt"

	"github.com/mineralplan/mineralplan/highs"
	"github.com/mineralplan/mineralplan/scenarios"
)

// perUnit converts a price in USD per unit of material into model money per model
// mass ($M per thousand units).
const perUnit = moneyScale / massScale

// linkRowLimit caps the number of strong flow–plant linking rows: they tighten the
// relaxation a great deal when arcs are few, and only cost time when they are many.
const linkRowLimit = 20000

// Build turns a validated scenario into a MILP. The scenario must have passed
// scenarios' validation: Build trusts its references and ranges.
func Build(s *scenarios.Scenario) (*Problem, error) {
	p := &Problem{Scenario: s, Periods: s.Periods(), tputCol: map[[3]int]int{}}
	p.Years = s.Years()
	if len(p.Years) == 0 {
		return nil, fmt.Errorf("horizon %d–%d has no years", s.Horizon.FirstYear, s.Horizon.LastYear)
	}
	p.techs = siteTechs(s)
	net, err := buildNetwork(s, p.techs)
	if err != nil {
		return nil, err
	}
	p.net = net
	p.continuing = continuingFactor(s)
	p.objectiveKind = s.Objective.Kind
	if p.objectiveKind == "" {
		p.objectiveKind = "npv"
	}

	c := newCoefs()
	p.reserve(c)
	p.addBuildColumns(c)
	p.addThroughputColumns(c)
	p.addFlowColumns(c)
	p.addDisposalColumns(c)
	p.addShortfallColumns(c)

	for _, add := range []func(){
		p.supplyRows,
		p.importLimitRows,
		p.balanceRows,
		p.intakeRows,
		p.capacityRows,
		p.throughputMIRRows,
		p.demandRows,
		p.budgetRows,
		p.sitePlantRows,
		p.moduleRows,
		p.chinaShareRows,
		p.recoveryRows,
		p.linkRows,
		func() { p.minSecurityRow(c) },
		func() { p.taxRows(c) },
		func() { p.debtRows(c) },
		func() { p.partnerRows(c) },
	} {
		add()
	}
	if err := p.setObjective(c); err != nil {
		return nil, err
	}
	if err := p.Model.Validate(); err != nil {
		return nil, fmt.Errorf("internal error: the built model is malformed: %w", err)
	}
	return p, nil
}

// reserve sizes the model's slices for the columns, rows and nonzeros Build is
// about to add, so that building a large model does not keep growing them.
func (p *Problem) reserve(c *coefs) {
	s := p.Scenario
	plants := 0
	for i := range s.Sites {
		for _, t := range p.techs[i] {
			plants += len(s.Technologies[t].Sizes) + 1
		}
	}
	flows := len(p.net.Arcs) * len(p.Years)
	cols := flows + plants*len(p.Years)
	// Rows are per place and material (balances, intake) and per plant, not per
	// lane: an estimate by lanes reserves far more than a large network uses.
	rows := (2*len(p.net.Nodes) + 4*plants) * len(p.Years)
	nnz := 8 * cols
	m := &p.Model
	m.ColCost = make([]float64, 0, cols)
	m.ColLower = make([]float64, 0, cols)
	m.ColUpper = make([]float64, 0, cols)
	m.ColType = make([]highs.VarType, 0, cols)
	m.ColNames = make([]string, 0, cols)
	m.RowLower = make([]float64, 0, rows)
	m.RowUpper = make([]float64, 0, rows)
	m.RowNames = make([]string, 0, rows)
	m.AStart = make([]int, 0, rows+1)
	m.AIndex = make([]int, 0, nnz)
	m.AValue = make([]float64, 0, nnz)
	p.rows = make([]rowInfo, 0, rows)
	p.flows = make([]flowVar, 0, flows)
	c.npv = make([]float64, 0, cols)
	c.revenue = make([]float64, 0, cols)
	c.security = make([]float64, 0, cols)
}

// online returns the build columns of size k of technology t at site i that are
// online in modelled year yj.
func (p *Problem) onlineBuilds(i, t int, yj int, visit func(b buildVar, k int)) {
	lead := p.Scenario.Technologies[t].LeadTime
	for _, b := range p.buildsAt[[2]int{i, t}] {
		bv := p.builds[b]
		if p.Years[bv.Year]+lead <= p.Years[yj] {
			visit(bv, bv.Size)
		}
	}
}

func (p *Problem) addBuildColumns(c *coefs) {
	s := p.Scenario
	p.buildsAt = map[[2]int][]int{}
	last := p.Years[len(p.Years)-1]
	for i, site := range s.Sites {
		for _, t := range p.techs[i] {
			tech := s.Technologies[t]
			for k, size := range tech.Sizes {
				mc := moduleCost(s, i, t, k)
				fo := fixedOpex(s, i, t, k)
				for yi, y := range p.Years {
					online := y + tech.LeadTime
					if online > last {
						continue
					}
					col := p.Model.AddCol(name("build", site.ID, tech.ID, size.ID, y), 0, 0, float64(maxModules(tech)), highs.Integer)
					p.builds = append(p.builds, buildVar{Col: col, Site: i, Tech: t, Size: k, Year: yi})
					p.buildsAt[[2]int{i, t}] = append(p.buildsAt[[2]int{i, t}], len(p.builds)-1)
					npv := -p.discount(y) * mc.Net * moneyScale
					for yj, y2 := range p.Years {
						if y2 >= online {
							npv -= p.operatingWeight(yj) * fo * moneyScale
						}
					}
					end := s.EndYear()
					npv += p.discount(end) * salvageFraction(s, t, online, end) * mc.Net * moneyScale
					c.set(col, npv, 0, 0)
				}
			}
		}
	}
}

func (p *Problem) addThroughputColumns(c *coefs) {
	s := p.Scenario
	for i, site := range s.Sites {
		for _, t := range p.techs[i] {
			tech := s.Technologies[t]
			inc := incentiveRates(s, tech)
			for yi, y := range p.Years {
				possible := false
				for k := range tech.Sizes {
					if existingCount(s, i, t, k, y) > 0 {
						possible = true
					}
				}
				p.onlineBuilds(i, t, yi, func(buildVar, int) { possible = true })
				if !possible {
					continue
				}
				w := p.yearWeight(yi)
				npv := -p.operatingWeight(yi) * tech.VariableOpex.USD * perUnit
				op := -tech.VariableOpex.USD * perUnit
				for m, js := range inc {
					for _, j := range js {
						npv += w * tech.Outputs[m] * s.Policy.Incentives[j].PerUnit.At(y) * perUnit
						op += tech.Outputs[m] * s.Policy.Incentives[j].PerUnit.At(y) * perUnit
					}
				}
				col := p.Model.AddCol(name("throughput", site.ID, tech.ID, y), 0, 0, highs.Inf, highs.Continuous)
				c.op = append(c.op, opTerm{col, yi, op})
				p.throughput = append(p.throughput, throughputVar{Col: col, Site: i, Tech: t, Year: yi})
				p.tputCol[[3]int{i, t, yi}] = col
				c.set(col, npv, 0, 0)
			}
		}
	}
}

func (p *Problem) addFlowColumns(c *coefs) {
	s := p.Scenario
	critical := map[string]float64{}
	for _, m := range s.Materials {
		if m.Critical {
			critical[m.ID] = TonnesPerUnit(m)
		}
	}
	for a, ar := range p.net.Arcs {
		from, to := p.net.Nodes[ar.From], p.net.Nodes[ar.To]
		for yi, y := range p.Years {
			w := p.operatingWeight(yi)
			npv := -w * ar.UnitCost * perUnit
			op := -ar.UnitCost * perUnit
			switch from.Kind {
			case FeedstockNode:
				npv -= w * s.Feedstocks[from.Index].Cost.At(y) * perUnit
				op -= s.Feedstocks[from.Index].Cost.At(y) * perUnit
			case ImportNode:
				npv -= w * s.Imports[from.Index].Price.At(y) * perUnit
				op -= s.Imports[from.Index].Price.At(y) * perUnit
			}
			rev := 0.0
			sec := 0.0
			if to.Kind == MarketNode {
				rev = w * s.Markets[to.Index].Price.At(y) * perUnit
				op += s.Markets[to.Index].Price.At(y) * perUnit
				npv += rev
				if tpu, ok := critical[ar.Material]; ok && from.Kind == SiteNode {
					sec = float64(p.Periods[yi].Length) * tpu
				}
			}
			col := p.Model.AddCol(name("flow", from.ID, to.ID, ar.Material, y), 0, 0, highs.Inf, highs.Continuous)
			p.flows = append(p.flows, flowVar{Col: col, Arc: a, Year: yi})
			c.set(col, npv, rev, sec)
			c.op = append(c.op, opTerm{col, yi, op})
		}
	}
}

func (p *Problem) addDisposalColumns(c *coefs) {
	s := p.Scenario
	for _, m := range s.Materials {
		if m.DisposalCost == nil {
			continue
		}
		for i, site := range s.Sites {
			emits := false
			for _, t := range p.techs[i] {
				if _, ok := s.Technologies[t].Outputs[m.ID]; ok {
					emits = true
				}
			}
			if !emits {
				continue
			}
			for yi, y := range p.Years {
				col := p.Model.AddCol(name("dispose", site.ID, m.ID, y), 0, 0, highs.Inf, highs.Continuous)
				p.disposals = append(p.disposals, disposalVar{Col: col, Site: i, Material: m.ID, Year: yi})
				c.set(col, -p.operatingWeight(yi)*m.DisposalCost.USD*perUnit, 0, 0)
				c.op = append(c.op, opTerm{col, yi, -m.DisposalCost.USD * perUnit})
			}
		}
	}
}

func (p *Problem) addShortfallColumns(c *coefs) {
	s := p.Scenario
	if s.Policy.ShortfallPenalty == nil {
		return
	}
	for j, mk := range s.Markets {
		if mk.Required == nil {
			continue
		}
		for yi, y := range p.Years {
			if mk.Required.At(y) <= 0 {
				continue
			}
			col := p.Model.AddCol(name("shortfall", mk.ID, y), 0, 0, highs.Inf, highs.Continuous)
			p.shortfalls = append(p.shortfalls, shortfallVar{Col: col, Market: j, Year: yi})
			c.set(col, -p.operatingWeight(yi)*s.Policy.ShortfallPenalty.USD*perUnit, 0, 0)
			c.op = append(c.op, opTerm{col, yi, -s.Policy.ShortfallPenalty.USD * perUnit})
		}
	}
}

// coefs collects each column's objective terms before the objective is chosen;
// the slices are indexed by column.
type coefs struct {
	npv, revenue, security []float64
	npvOffset              float64
	// op lists the columns that enter a modelled year's operating cash flow
	// (model money per calendar year, undiscounted), for the tax rows.
	op []opTerm
}

// opTerm is a column's coefficient in one calendar year's operating cash flow of
// modelled year index Year.
type opTerm struct {
	Col, Year int
	Coef      float64
}

func newCoefs() *coefs { return &coefs{} }

// set records the terms of column col; columns are set in the order they are made.
func (c *coefs) set(col int, npv, revenue, security float64) {
	for len(c.npv) <= col {
		c.npv, c.revenue, c.security = append(c.npv, 0), append(c.revenue, 0), append(c.security, 0)
	}
	c.npv[col], c.revenue[col], c.security[col] = npv, revenue, security
}

// at returns the terms of column col (zero for columns never set).
func (c *coefs) at(col int) (npv, revenue, security float64) {
	if col < len(c.npv) {
		return c.npv[col], c.revenue[col], c.security[col]
	}
	return 0, 0, 0
}

// setObjective chooses the HiGHS objective from the collected terms:
//
//	npv:      maximise Σ npv_j x_j + offset                      [$M]
//	cost:     minimise −Σ (npv_j − revenue_j) x_j − offset        [$M]
//	security: maximise Σ security_j x_j                          [kt]
//	weighted: maximise w_npv (Σ npv_j x_j + offset) + w_sec Σ security_j x_j
func (p *Problem) setObjective(c *coefs) error {
	s := p.Scenario
	// Fixed opex of existing plants is a constant.
	for i := range s.Sites {
		for _, t := range p.techs[i] {
			for k := range s.Technologies[t].Sizes {
				for yi, y := range p.Years {
					if n := existingCount(s, i, t, k, y); n > 0 {
						c.npvOffset -= p.operatingWeight(yi) * float64(n) * fixedOpex(s, i, t, k) * moneyScale
					}
				}
			}
		}
	}
	n := p.Model.NumCols()
	p.Model.ColCost = make([]float64, n)
	wn, ws := s.Objective.NPVWeight, s.Objective.SecurityWeight
	switch p.objectiveKind {
	case "npv":
		p.Model.Sense, p.Model.Offset, wn, ws = highs.Maximize, c.npvOffset, 1, 0
	case "cost":
		p.Model.Sense, p.Model.Offset = highs.Minimize, -c.npvOffset
	case "security":
		p.Model.Sense, p.Model.Offset, wn, ws = highs.Maximize, 0, 0, 1
	case "weighted":
		p.Model.Sense, p.Model.Offset = highs.Maximize, wn*c.npvOffset
	default:
		return fmt.Errorf("objective kind %q: use npv, cost, security or weighted", p.objectiveKind)
	}
	for j := 0; j < n; j++ {
		npv, rev, sec := c.at(j)
		if p.objectiveKind == "cost" {
			p.Model.ColCost[j] = rev - npv
		} else {
			p.Model.ColCost[j] = wn*npv + ws*sec
		}
	}
	return nil
}
