package model

import (
	"context"
	"fmt"
	"math"
	"sort"

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

// marginalValues fixes the integer decisions at x, re-solves the LP and reports
// the dual value of every supply, import, capacity, demand, requirement, budget
// and policy row that is binding, in USD of objective per unit of the row.
func (p *Problem) marginalValues(ctx context.Context, x []float64, opt Options) ([]MarginalValue, error) {
	lp := p.fixedLP(x)
	o := p.highsOptions(opt)
	o.Progress = nil
	sv, err := highs.NewSolver(&lp, o)
	if err != nil {
		return nil, err
	}
	defer sv.Close()
	sol, err := sv.Solve(ctx)
	if err != nil {
		return nil, err
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
		case RowBalance, RowLink, RowModules:
			continue
		}
		d := sol.RowDual[r] / (moneyScale * info.ToUnit) * sign
		if math.Abs(d) < 1e-6 {
			continue
		}
		out = append(out, MarginalValue{Kind: string(info.Kind), Subject: info.Subject, Extra: info.Extra,
			Year: info.Year, Value: d, Unit: "USD per " + info.Unit, Text: marginalText(info, d)})
	}
	sort.Slice(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if x.Kind != y.Kind {
			return x.Kind < y.Kind
		}
		if x.Subject != y.Subject {
			return x.Subject < y.Subject
		}
		if x.Extra != y.Extra {
			return x.Extra < y.Extra
		}
		return x.Year < y.Year
	})
	return out, nil
}

// marginalText says a marginal value in a sentence.
func marginalText(info rowInfo, usd float64) string {
	in := ""
	if info.Year > 0 {
		in = fmt.Sprintf(" in %d", info.Year)
	}
	v := fmt.Sprintf("$%.2f", usd)
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
