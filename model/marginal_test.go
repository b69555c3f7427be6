package model

import (
	"context"
	"math"
	"testing"

	"github.com/mineralplan/mineralplan/highs"
	"github.com/mineralplan/mineralplan/scenarios"
)

// TestMarginalValuesAreRates checks what docs/model.md claims of a marginal
// value — what one more unit of a limit is worth with the plants fixed —
// without the solver's duals: for every reported supply, import, capacity,
// demand and requirement value of library scenarios, the LP with the plants
// fixed is re-solved with the limit moved by ±ε, and the value must lie between
// the two one-sided rates of the objective (a valid dual of a degenerate LP
// lies anywhere between them). Both moves must be feasible: a limit of 0 whose
// flows cannot go below it has no finite rate from below, and such a dual
// (it read $195,063 per t of capacity at sites without a plant, where a tonne
// of catalyst earns about $9,000) must not be reported.
func TestMarginalValuesAreRates(t *testing.T) {
	for _, name := range []string{"india-japan-2026", "pgm-focus"} {
		t.Run(name, func(t *testing.T) {
			s, _, err := scenarios.LoadLibrary(name, nil)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Build(s)
			if err != nil {
				t.Fatal(err)
			}
			plan, sol, err := p.Solve(context.Background(), Options{Threads: 1})
			if err != nil {
				t.Fatal(err)
			}
			mvs, err := p.marginalValues(context.Background(), sol, Options{Threads: 1})
			if err != nil {
				t.Fatal(err)
			}
			plan.Marginals = mvs
			lp := p.fixedLP(sol.ColValue)
			base := solveLP(t, p, &lp)
			checked := 0
			for _, mv := range plan.Marginals {
				if !flowLimitKinds[RowKind(mv.Kind)] {
					continue
				}
				r := p.rowOf(mv)
				if r < 0 {
					t.Fatalf("no row for %+v", mv)
				}
				info := p.rows[r]
				// ε: one part in 10⁴ of the row's size, in model units.
				size := math.Max(math.Abs(p.Model.RowUpper[r]), math.Abs(p.Model.RowLower[r]))
				if math.IsInf(size, 0) {
					size = math.Min(math.Abs(p.Model.RowUpper[r]), math.Abs(p.Model.RowLower[r]))
				}
				eps := math.Max(1e-4*size, 1e-6)
				rate := func(d float64) (float64, bool) {
					m := lp
					m.RowLower, m.RowUpper = append([]float64(nil), lp.RowLower...), append([]float64(nil), lp.RowUpper...)
					if !math.IsInf(m.RowUpper[r], 1) {
						m.RowUpper[r] += d
					} else {
						m.RowLower[r] += d
					}
					obj, ok := solveLPOK(t, p, &m)
					return (obj - base) / d / (moneyScale * info.ToUnit), ok
				}
				up, okUp := rate(eps)
				down, okDown := rate(-eps)
				if !okUp || !okDown {
					t.Errorf("%s: reported, but its limit cannot move both ways (up feasible %v, down feasible %v)", mv.Text, okUp, okDown)
					continue
				}
				lo, hi := math.Min(up, down), math.Max(up, down)
				tol := 1e-3*math.Max(1, math.Abs(mv.Value)) + 1e-6
				if mv.Value < lo-tol || mv.Value > hi+tol {
					t.Errorf("%s: the objective moves at %.4f (one more) and %.4f (one less) per unit; the reported value is outside", mv.Text, up, down)
				}
				checked++
			}
			if checked == 0 {
				t.Fatal("no marginal value checked")
			}
			t.Logf("%d marginal values checked", checked)
		})
	}
}

// rowOf returns the row a marginal value was read from, -1 when none.
func (p *Problem) rowOf(mv MarginalValue) int {
	for r, info := range p.rows {
		if string(info.Kind) == mv.Kind && info.Subject == mv.Subject && info.Extra == mv.Extra && info.Year == mv.Year {
			return r
		}
	}
	return -1
}

func solveLP(t *testing.T, p *Problem, m *highs.Model) float64 {
	t.Helper()
	obj, ok := solveLPOK(t, p, m)
	if !ok {
		t.Fatal("the fixed LP has no optimum")
	}
	return obj
}

func solveLPOK(t *testing.T, p *Problem, m *highs.Model) (float64, bool) {
	t.Helper()
	sol, err := p.solveDerived(context.Background(), m, Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	return sol.Objective, sol.Status == highs.Optimal
}
