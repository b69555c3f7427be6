package model

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/mineralplan/mineralplan/highs"
)

// Conflict is a requirement of the scenario that cannot be met together with the
// others: what it asks, the most that can be achieved, and where it is written.
type Conflict struct {
	Kind     string  `json:"kind"`
	Subject  string  `json:"subject"`
	Year     int     `json:"year,omitempty"`
	Required float64 `json:"required"` // what the row asks, in Unit
	Possible float64 `json:"possible"` // the most the elastic plan reaches, in Unit
	Unit     string  `json:"unit"`
	// Where is file:line:col of the figure in the scenario ("" when unknown).
	Where string `json:"where"`
	Path  string `json:"path"`
	Text  string `json:"text"`
}

func (c Conflict) String() string {
	if c.Where != "" {
		return c.Where + ": " + c.Text
	}
	return c.Text
}

// elasticKinds are the requirement rows that may be relaxed to explain an
// infeasible scenario, and the side on which each is relaxed (+1: a lower bound
// that may fall short, −1: an upper bound that may be exceeded).
var elasticKinds = map[RowKind]int{
	RowRequired:      +1,
	RowRecovery:      +1,
	RowMinUtil:       +1,
	RowMinSecurity:   +1,
	RowChinaShare:    -1,
	RowBudget:        -1,
	RowBudgetYear:    -1,
	RowPartner:       -1,
	RowSitePlants:    -1,
	RowDSCR:          +1,
	RowPartnerHurdle: +1,
}

// covenantKinds are lower-bound rows that stand in the way of the requirements,
// as limits do: a lender's minimum DSCR and a partner's minimum NPV at its
// hurdle rate rule plans out rather than ask for output. explainInfeasible
// relaxes them with the limits, so that a conflict between a market's minimum
// and a covenant names both.
var covenantKinds = map[RowKind]bool{RowDSCR: true, RowPartnerHurdle: true}

// explainInfeasible names the scenario lines of the conflict on both of its
// sides: the requirements that cannot all be met (re-solving with only the
// requirement rows elastic, the limits kept) and the limits that stand in their
// way (re-solving with only the limit rows elastic, the requirements kept). A
// side whose elastic re-solve is itself infeasible (the conflict lies in mass
// balances or capacities) names nothing; when both do, every requirement and
// limit row is made elastic at once.
func (p *Problem) explainInfeasible(ctx context.Context, opt Options) ([]Conflict, error) {
	requirements, limits := map[RowKind]bool{}, map[RowKind]bool{}
	for k, side := range elasticKinds {
		if side > 0 && !covenantKinds[k] {
			requirements[k] = true
		} else {
			limits[k] = true
		}
	}
	var out []Conflict
	seen := map[string]bool{}
	for _, kinds := range []map[RowKind]bool{requirements, limits} {
		cs, err := p.elasticConflicts(ctx, opt, kinds)
		if err != nil && ctx.Err() != nil {
			return nil, err
		}
		for _, c := range cs {
			key := fmt.Sprint(c.Kind, c.Path, c.Subject, c.Year)
			if !seen[key] {
				seen[key] = true
				out = append(out, c)
			}
		}
	}
	if len(out) == 0 {
		all := map[RowKind]bool{}
		for k := range elasticKinds {
			all[k] = true
		}
		var err error
		if out, err = p.elasticConflicts(ctx, opt, all); err != nil {
			return nil, err
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Where != out[b].Where {
			return out[a].Where < out[b].Where
		}
		if out[a].Subject != out[b].Subject {
			return out[a].Subject < out[b].Subject
		}
		return out[a].Year < out[b].Year
	})
	return out, nil
}

// elasticConflicts re-solves the MILP with an elastic slack on every row of the
// given kinds, minimising the total slack (each in its row's scale), and reports
// the rows that needed slack.
func (p *Problem) elasticConflicts(ctx context.Context, opt Options, kinds map[RowKind]bool) ([]Conflict, error) {
	m := p.Model
	m.Sense = highs.Minimize
	m.Offset = 0
	m.ColCost = make([]float64, p.Model.NumCols())
	m.ColLower = append([]float64(nil), p.Model.ColLower...)
	m.ColUpper = append([]float64(nil), p.Model.ColUpper...)
	m.ColType = append([]highs.VarType(nil), p.Model.ColType...)
	m.ColNames = append([]string(nil), p.Model.ColNames...)
	m.RowLower = append([]float64(nil), p.Model.RowLower...)
	m.RowUpper = append([]float64(nil), p.Model.RowUpper...)
	m.RowNames = append([]string(nil), p.Model.RowNames...)
	// Rebuild the matrix row by row with a slack column in each elastic row.
	m.AStart, m.AIndex, m.AValue = nil, nil, nil
	slack := map[int]int{} // row → slack column
	rowCols := make([][]int, p.Model.NumRows())
	rowVals := make([][]float64, p.Model.NumRows())
	for r := 0; r < p.Model.NumRows(); r++ {
		a, b := p.Model.AStart[r], p.Model.AStart[r+1]
		rowCols[r] = append([]int(nil), p.Model.AIndex[a:b]...)
		rowVals[r] = append([]float64(nil), p.Model.AValue[a:b]...)
		if side, ok := elasticKinds[p.rows[r].Kind]; ok && kinds[p.rows[r].Kind] {
			// Penalise slack relative to the row's size so large and small rows weigh alike.
			rhs := p.Model.RowLower[r]
			if side < 0 {
				rhs = p.Model.RowUpper[r]
			}
			col := m.AddCol("slack_"+p.Model.RowNames[r], 1/math.Max(1, math.Abs(rhs)), 0, highs.Inf, highs.Continuous)
			slack[r] = col
			rowCols[r] = append(rowCols[r], col)
			rowVals[r] = append(rowVals[r], float64(side))
		}
	}
	m.RowLower, m.RowUpper, m.RowNames = nil, nil, nil
	for r := 0; r < p.Model.NumRows(); r++ {
		m.AddRow(p.Model.RowNames[r], p.Model.RowLower[r], p.Model.RowUpper[r], rowCols[r], rowVals[r])
	}
	sol, err := p.solveDerived(ctx, &m, opt)
	if err != nil {
		return nil, err
	}
	if !sol.HasPrimal {
		return nil, fmt.Errorf("the elastic model ended with status %s: the conflict lies in mass balances or capacities, not in requirements", sol.Status)
	}
	var out []Conflict
	for r, col := range slack {
		v := sol.ColValue[col]
		if v <= 1e-7 {
			continue
		}
		info := p.rows[r]
		side := elasticKinds[info.Kind]
		rhs := p.Model.RowLower[r]
		if side < 0 {
			rhs = p.Model.RowUpper[r]
		}
		c := Conflict{Kind: string(info.Kind), Subject: info.Subject, Year: info.Year, Path: info.Path, Unit: info.Unit,
			Required: rhs * info.ToUnit, Possible: (rhs - float64(side)*v) * info.ToUnit}
		if math.Abs(c.Possible) <= 1e-9*math.Max(1, math.Abs(c.Required)) {
			c.Possible = 0 // the solver's round-off, such as -4e-14 kg
		}
		if w := p.Scenario.Position(info.Path); w.Line > 0 {
			c.Where = w.String()
		}
		c.Text = conflictText(c, side)
		out = append(out, c)
	}
	return out, nil
}

// conflictText says a conflict in a sentence.
func conflictText(c Conflict, side int) string {
	in := ""
	if c.Year > 0 {
		in = fmt.Sprintf(" in %d", c.Year)
	}
	switch RowKind(c.Kind) {
	case RowRequired:
		return fmt.Sprintf("market %s requires %s %s%s; at most %s %s can be delivered by then", c.Subject, num(c.Required), c.Unit, in, num(c.Possible), c.Unit)
	case RowRecovery:
		unit := c.Unit
		if unit == "" {
			unit = "processed"
		}
		return fmt.Sprintf("recovery target %s requires %s %s%s; at most %s %s can be reached by then", c.Subject, num(c.Required), unit, in, num(c.Possible), unit)
	case RowMinUtil:
		return fmt.Sprintf("minimum utilisation requires %s %s%s; only %s can be used", num(c.Required), c.Unit, in, num(c.Possible))
	case RowMinSecurity:
		return fmt.Sprintf("objective.min_security requires %s %s; at most %s is reachable", num(c.Required), c.Unit, num(c.Possible))
	case RowBudget, RowBudgetYear, RowPartner:
		return fmt.Sprintf("%s%s allows %s USD; the requirements need at least %s USD", c.Path, in, num(c.Required), num(c.Possible))
	case RowChinaShare:
		return fmt.Sprintf("the China-share cap on %s%s must be exceeded by %s %s", c.Subject, in, num(c.Possible-c.Required), c.Unit)
	case RowPartnerHurdle:
		return fmt.Sprintf("partner %s asks an NPV of %s USD at its hurdle rate; at most %s USD is reachable", c.Subject, num(c.Required), num(c.Possible))
	case RowDSCR:
		return fmt.Sprintf("the lenders' min_dscr%s: cash flow available for debt service falls %s USD short of min_dscr × debt service", in, num(c.Required-c.Possible))
	case RowSitePlants:
		return fmt.Sprintf("site %s allows %s more plants; the requirements need %s", c.Subject, num(c.Required), num(c.Possible))
	}
	return fmt.Sprintf("%s %s%s: %s of %s", c.Kind, c.Subject, in, num(c.Possible), num(c.Required))
}

// num prints a figure with thousands separators and at most 3 significant decimals.
func num(v float64) string {
	neg := v < 0
	v = math.Abs(v)
	s := fmt.Sprintf("%.0f", v)
	if v < 100 {
		s = fmt.Sprintf("%.3g", v)
	}
	if len(s) > 3 && !containsAny(s, ".e") {
		var out []byte
		for i := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				out = append(out, ',')
			}
			out = append(out, s[i])
		}
		s = string(out)
	}
	if neg {
		return "-" + s
	}
	return s
}

func containsAny(s, chars string) bool {
	for _, c := range s {
		for _, d := range chars {
			if c == d {
				return true
			}
		}
	}
	return false
}
