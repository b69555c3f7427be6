package model

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/mineralplan/mineralplan/highs"
)

// fixedLP returns a copy of the model with every integer column fixed at its value
// in x and made continuous: the LP whose duals are the marginal values of the plan.
func (p *Problem) fixedLP(x []float64) highs.Model {
	m := p.Model
	m.ColLower = append([]float64(nil), m.ColLower...)
	m.ColUpper = append([]float64(nil), m.ColUpper...)
	m.ColType = make([]highs.VarType, len(p.Model.ColType))
	for j, t := range p.Model.ColType {
		if t == highs.Integer {
			v := math.Round(x[j])
			m.ColLower[j], m.ColUpper[j] = v, v
		}
	}
	return m
}

// marginalValues reports the dual value of every supply, import, capacity,
// demand, requirement, budget and policy row that is binding in the LP with the
// plan's integer decisions fixed, in USD of objective per unit of the row. sol is
// the solution the plan was read from: when it carries duals it is that LP's
// (see polish); otherwise the LP is solved here from its values.
func (p *Problem) marginalValues(ctx context.Context, sol *highs.Solution, opt Options) ([]MarginalValue, error) {
	if !sol.HasDual {
		lp := p.fixedLP(sol.ColValue)
		var err error
		if sol, err = p.solveDerived(ctx, &lp, opt); err != nil {
			return nil, err
		}
	}
	if sol.Status != highs.Optimal || !sol.HasDual {
		return nil, fmt.Errorf("the LP with fixed plants ended with status %s", sol.Status)
	}
	sign := 1.0
	if p.objectiveKind == "cost" {
		sign = -1 // report what one more unit saves
	}
	var out []MarginalValue
	for r, info := range p.rows {
		switch info.Kind {
		case RowBalance, RowLink, RowModules, RowThroughputMIR, RowTax, RowDSCR, RowDSCRTaxBase, RowPartnerHurdle:
			continue
		}
		d := sol.RowDual[r] / (moneyScale * info.ToUnit) * sign
		if math.Abs(d) < 1e-6 || p.zeroLimit(r, sol.ColValue) {
			continue
		}
		out = append(out, MarginalValue{Kind: string(info.Kind), Subject: info.Subject, Extra: info.Extra,
			Year: info.Year, Value: d, Unit: "USD per " + info.Unit, Text: marginalText(info, d)})
	}
	slices.SortFunc(out, func(a, b MarginalValue) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.Extra, b.Extra), cmp.Compare(a.Year, b.Year))
	})
	return out, nil
}

// flowLimitKinds are the limit and requirement rows over flows, throughput or
// sales, which cannot go below 0.
var flowLimitKinds = map[RowKind]bool{
	RowSupply: true, RowImportLimit: true, RowCapacity: true, RowDemand: true,
	RowRequired: true, RowMinUtil: true, RowRecovery: true,
}

// zeroLimit reports whether row r is a flowLimitKinds row whose limit is 0 once
// the integer columns are fixed at their values in x: a site's capacity of a
// technology it has no plant of in that year, a feedstock, import or demand of
// 0, a requirement of 0. Its flows cannot go below 0, so lowering the limit is
// infeasible and any dual at least the value of the first unit is optimal: the
// solver's dual is not the worth of one more unit (it reported $195,063 per t of
// capacity at sites without a plant, where a tonne of catalyst earns ≈ $9,000).
func (p *Problem) zeroLimit(r int, x []float64) bool {
	if !flowLimitKinds[p.rows[r].Kind] {
		return false
	}
	shift := 0.0
	for k := p.Model.AStart[r]; k < p.Model.AStart[r+1]; k++ {
		if j := p.Model.AIndex[k]; p.Model.ColType[j] == highs.Integer {
			shift += p.Model.AValue[k] * math.Round(x[j])
		}
	}
	lo, hi := p.Model.RowLower[r], p.Model.RowUpper[r]
	return (!math.IsInf(hi, 1) && math.Abs(hi-shift) <= 1e-9) || (!math.IsInf(lo, -1) && math.Abs(lo-shift) <= 1e-9)
}

// marginalText says a marginal value in a sentence.
func marginalText(info rowInfo, usd float64) string {
	in := ""
	if info.Year > 0 {
		in = fmt.Sprintf(" in %d", info.Year)
	}
	v := fmt.Sprintf("$%.2f", usd)
	if usd < 0 {
		v = fmt.Sprintf("-$%.2f", -usd)
	}
	switch info.Kind {
	case RowSupply:
		return fmt.Sprintf("one more %s per year of feedstock %s%s is worth %s", info.Unit, info.Subject, in, v)
	case RowImportLimit:
		return fmt.Sprintf("one more %s of import %s allowed%s is worth %s", info.Unit, info.Subject, in, v)
	case RowCapacity:
		return fmt.Sprintf("one more %s of %s capacity at %s%s is worth %s", info.Unit, info.Extra, info.Subject, in, v)
	case RowMinUtil:
		return fmt.Sprintf("the minimum utilisation of %s at %s%s costs %s per %s", info.Extra, info.Subject, in, v, info.Unit)
	case RowDemand:
		return fmt.Sprintf("one more %s of demand at market %s%s is worth %s", info.Unit, info.Subject, in, v)
	case RowRequired:
		return fmt.Sprintf("one more %s required at market %s%s is worth %s", info.Unit, info.Subject, in, v)
	case RowBudget, RowBudgetYear, RowPartner:
		return fmt.Sprintf("one more dollar of %s%s is worth %s", info.Path, in, v)
	case RowChinaShare:
		return fmt.Sprintf("the China-share cap on %s%s is worth %s per %s", info.Subject, in, v, info.Unit)
	case RowRecovery:
		return fmt.Sprintf("recovery target %s%s is worth %s per %s", info.Subject, in, v, info.Unit)
	case RowSitePlants:
		return fmt.Sprintf("one more plant allowed at site %s is worth %s", info.Subject, v)
	case RowMinSecurity:
		return fmt.Sprintf("one more t of required security is worth %s", v)
	}
	return fmt.Sprintf("%s %s%s: %s per %s", info.Kind, info.Subject, in, v, info.Unit)
}

// solveDerived solves a model derived from the problem's (the fixed LP, the
// elastic model) with the problem's settings and no progress reports.
func (p *Problem) solveDerived(ctx context.Context, m *highs.Model, opt Options) (*highs.Solution, error) {
	o := p.highsOptions(opt)
	o.Progress = nil
	return solveModel(ctx, m, o)
}
