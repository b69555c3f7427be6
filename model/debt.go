package model

import (
	"fmt"
	"math"

	"github.com/mineralplan/mineralplan/highs"
	"github.com/mineralplan/mineralplan/scenarios"
)

// RowDSCR is the debt-service coverage row of a calendar year, RowDSCRTaxBase
// the row of its tax base without loss relief.
const (
	RowDSCR        RowKind = "dscr"
	RowDSCRTaxBase RowKind = "dscr_tax_base"
)

// loanService is lender l's service in calendar year y per USD of net capex
// of a plant built in build and online from online: the loan (share × net
// capex) is drawn at the start of the build year; service starts in s₀ =
// max(build + 1, online), the interest of the years before it being added to
// the balance (capitalised during construction), so the schedule of
// scenarios.Lender.Service runs on (1 + i)^(s₀ − build − 1) per USD lent, with
// k = y − s₀ + 1. balance is what is owed after y's service.
func loanService(l scenarios.Lender, build, online, y int) (interest, principal, balance float64) {
	start := max(build+1, online)
	grown := math.Pow(1+l.InterestRate, float64(start-build-1))
	if y < start {
		return 0, 0, l.Share * math.Pow(1+l.InterestRate, float64(max(0, y-build)))
	}
	in, pr, left := l.Service(y - start + 1)
	return l.Share * grown * in, l.Share * grown * pr, l.Share * grown * left
}

// debtService is the interest and principal of all lenders in calendar year
// y per USD of net capex of a plant built in build, online from online.
func debtService(s *scenarios.Scenario, build, online, y int) (interest, principal float64) {
	for _, l := range s.Finance.Debt {
		in, pr, _ := loanService(l, build, online, y)
		interest += in
		principal += pr
	}
	return interest, principal
}

// debtOutstanding is the balance owed to all lenders after the service of
// calendar year y, per USD of net capex of a plant built in build, online
// from online.
func debtOutstanding(s *scenarios.Scenario, build, online, y int) float64 {
	b := 0.0
	for _, l := range s.Finance.Debt {
		_, _, left := loanService(l, build, online, y)
		b += left
	}
	return b
}

// debtRows adds, when a lender sets min_dscr, for every calendar year y in
// which some build column could owe debt service, the row (docs/model.md,
// "Debt")
//
//	operating_m(y) − ρ_y nb_y − D × Σ_builds DS_y(build) × build ≥ 0
//
// where D is the largest min_dscr, DS_y the debt service per build column
// (net capex × Σ_lenders loanService of y), and nb_y ≥ 0,
// nb_y ≥ taxable income of y, the tax base without loss relief (only with
// finance.tax, in a taxed year with a positive rate): the cash flow available
// for debt service is counted after a tax at least the real one, so the row
// is conservative.
func (p *Problem) debtRows(c *coefs) {
	s := p.Scenario
	dscr := scenarios.MinDSCR(s)
	if dscr == 0 {
		return
	}
	opCol := p.operatingColumns(c)
	t := s.Finance.Tax
	for yi, pd := range p.Periods {
		for y := pd.Year; y < pd.Year+pd.Length; y++ {
			var e expr
			e.add(opCol[yi], 1)
			owed := false
			for _, b := range p.builds {
				in, pr := debtService(s, p.Years[b.Year], p.Years[b.Year]+s.Technologies[b.Tech].LeadTime, y)
				if ds := in + pr; ds != 0 {
					e.add(b.Col, -dscr*ds*moduleCost(s, b.Site, b.Tech, b.Size).Net*moneyScale)
					owed = true
				}
			}
			if !owed {
				continue
			}
			if t != nil && !t.Exempt(s, y) && taxRate(s, y) > 0 {
				nb := p.Model.AddCol(name("dscr_tax_base", y), 0, 0, highs.Inf, highs.Continuous)
				var f expr
				f.add(nb, 1)
				f.add(opCol[yi], -1)
				p.depreciation(&f, y)
				p.addRow(rowInfo{Kind: RowDSCRTaxBase, Subject: "tax_base", Year: y, Path: "finance.tax", ToUnit: 1 / moneyScale, Unit: "USD of taxable income"},
					0, highs.Inf, &f, "tax_base", y)
				e.add(nb, -taxRate(s, y))
			}
			p.addRow(rowInfo{Kind: RowDSCR, Subject: "dscr", Year: y, Path: dscrPath(s), ToUnit: 1 / moneyScale, Unit: "USD of cash flow available for debt service"},
				0, highs.Inf, &e, y)
		}
	}
}

// applyDebt fills the debt columns of the finance rows fy (after their cash
// flows): each new plant's net capex × the lenders' shares is drawn in its
// build year and served by the lenders' schedules; the balance left at the end
// of the horizon is repaid from the terminal value. EquityCashFlow = CashFlow
// + drawn − interest − principal (− that balance in the last year); DSCR =
// (operating cash flow − tax) ÷ (interest + principal) when there is debt
// service. Without finance.debt the equity cash flow is the cash flow.
func applyDebt(s *scenarios.Scenario, plan *Plan, fy []FinanceYear) {
	if len(fy) == 0 {
		return
	}
	share := 0.0
	for _, l := range s.Finance.Debt {
		share += l.Share
	}
	last := fy[len(fy)-1].Year
	for j := range fy {
		r := &fy[j]
		for _, pl := range plan.Plants {
			if pl.Existing {
				continue
			}
			if pl.BuildYear == r.Year {
				r.DebtDrawn += share * pl.CapexNet
			}
			in, pr := debtService(s, pl.BuildYear, pl.OnlineYear, r.Year)
			r.Interest += in * pl.CapexNet
			r.Principal += pr * pl.CapexNet
			if r.Year == last {
				r.DebtOutstanding += debtOutstanding(s, pl.BuildYear, pl.OnlineYear, r.Year) * pl.CapexNet
			}
		}
		r.EquityCashFlow = r.CashFlow + r.DebtDrawn - r.Interest - r.Principal - r.DebtOutstanding
		if ds := r.Interest + r.Principal; ds > 0 {
			r.DSCR = (operating(r) - r.Tax) / ds
		}
	}
}

// EquityCashFlows are the equity holders' yearly cash flows, laid out as
// ProjectCashFlows: element t is paid at the start of first_year + t (equity
// cash flow without the terminal value), the last element at EndYear holds the
// terminal value less the debt then outstanding.
func (p *Plan) EquityCashFlows() []float64 {
	cf := make([]float64, 0, len(p.Finance)+1)
	terminal := 0.0
	for _, f := range p.Finance {
		cf = append(cf, f.EquityCashFlow-f.TerminalValue+f.DebtOutstanding)
		terminal += f.TerminalValue - f.DebtOutstanding
	}
	return append(cf, terminal)
}

// minDSCR is the least DSCR over the years with debt service, nil when none.
func minDSCR(fy []FinanceYear) *float64 {
	var m *float64
	for _, f := range fy {
		if f.Interest+f.Principal > 0 && (m == nil || f.DSCR < *m) {
			v := f.DSCR
			m = &v
		}
	}
	return m
}

// debt checks the plan's debt figures against a fresh computation from its
// plants (applyDebt) and, when a lender sets min_dscr, every year's coverage
// recomputed as (operating cash flow − tax) ÷ debt service against it.
func (c *checker) debt() {
	s := c.s
	if len(s.Finance.Debt) == 0 || c.plan.Finance == nil {
		return
	}
	fy := finance(s, c.plan)
	if len(fy) != len(c.plan.Finance) {
		return // tax already reported the mismatch
	}
	dscr := scenarios.MinDSCR(s)
	for j, want := range fy {
		got := c.plan.Finance[j]
		scale := math.Max(1, math.Abs(want.Revenue)+math.Abs(want.DebtDrawn)+math.Abs(want.Principal))
		for _, f := range []struct {
			name      string
			got, want float64
		}{{"debt drawn", got.DebtDrawn, want.DebtDrawn}, {"interest", got.Interest, want.Interest},
			{"principal", got.Principal, want.Principal}, {"equity cash flow", got.EquityCashFlow, want.EquityCashFlow}} {
			if math.Abs(f.got-f.want) > checkTol*scale {
				c.fail("%d: the reported %s %.6g differs from the recomputed %.6g", want.Year, f.name, f.got, f.want)
			}
		}
		if ds := want.Interest + want.Principal; dscr > 0 && ds > 0 {
			if cfads := operating(&want) - want.Tax; exceeds(dscr*ds, cfads) {
				c.fail("%d: cash flow available for debt service %.6g is below min_dscr %g × debt service %.6g", want.Year, cfads, dscr, ds)
			}
		}
	}
}

// dscrPath is the scenario path of the binding covenant: the min_dscr of the
// first lender asking the largest, where an explanation points.
func dscrPath(s *scenarios.Scenario) string {
	d := scenarios.MinDSCR(s)
	for i, l := range s.Finance.Debt {
		if l.MinDSCR == d {
			if l.ID != "" {
				return fmt.Sprintf("finance.debt[%s].min_dscr", l.ID)
			}
			return fmt.Sprintf("finance.debt[%d].min_dscr", i)
		}
	}
	return "finance.debt"
}
