package scenarios

import (
	"fmt"
	"math"
)

// Service is a loan's service in its k-th year after drawdown (k = 1 the year
// after the build year), per USD drawn: Interest on the balance outstanding at
// the start of the year, Principal repaid and Balance left after it. Outside
// 1 … Tenor both payments are 0; before k = 1 the balance is 1.
func (l Lender) Service(k int) (interest, principal, balance float64) {
	balance = 1
	if k < 1 {
		return 0, 0, 1
	}
	n := l.Tenor - l.GraceYears
	i := l.InterestRate
	payment := 1 / float64(n) // annuity at 0 % interest
	if i > 0 {
		payment = i / (1 - math.Pow(1+i, -float64(n)))
	}
	for j := 1; j <= min(k, l.Tenor); j++ {
		interest = i * balance
		principal = 0
		if j > l.GraceYears {
			if l.Repayment == "equal_principal" {
				principal = 1 / float64(n)
			} else {
				principal = payment - interest
			}
		}
		if j == l.Tenor {
			principal = balance // no rounding residue left over
		}
		balance -= principal
	}
	if k > l.Tenor {
		return 0, 0, 0
	}
	return interest, principal, balance
}

// MinDSCR is the least DSCR any lender of s requires, 0 when none does.
func MinDSCR(s *Scenario) float64 {
	m := 0.0
	for _, l := range s.Finance.Debt {
		m = max(m, l.MinDSCR)
	}
	return m
}

// checkDebt validates finance.debt.
func (v *validator) checkDebt() {
	seen := map[string]bool{}
	total := 0.0
	for i, l := range v.s.Finance.Debt {
		p := fmt.Sprintf("finance.debt[%d]", i)
		if l.ID != "" {
			p = joinIndex("finance.debt", l.ID)
		}
		if l.ID == "" {
			v.errorf(p+".id", "give the lender an id, such as jbic", "%s has no id", p)
		} else if seen[l.ID] {
			v.errorf(p+".id", "give each lender its own id", "%s: lender id %q is used twice", p, l.ID)
		}
		seen[l.ID] = true
		v.within(p+".share", l.Share, 0, 1, true, false, "give the share of net capex the lender finances, such as 0.4")
		total += l.Share
		v.within(p+".interest_rate", l.InterestRate, 0, 1, false, true, "give the yearly interest rate as a fraction, such as 0.015")
		if l.Tenor < 1 {
			v.errorf(p+".tenor", "give the years from drawdown to the last repayment, such as 12", "%s.tenor is %d; it must be 1 or more", p, l.Tenor)
		}
		if l.GraceYears < 0 || (l.Tenor >= 1 && l.GraceYears >= l.Tenor) {
			v.errorf(p+".grace_years", "give fewer interest-only years than the tenor", "%s.grace_years is %d with a tenor of %d; it must be 0 or more and below the tenor", p, l.GraceYears, l.Tenor)
		}
		v.oneOf(p+".repayment", l.Repayment, "annuity", "equal_principal")
		if l.MinDSCR < 0 {
			v.errorf(p+".min_dscr", "give 0 for no covenant, or a ratio such as 1.3", "%s.min_dscr is %g; it cannot be negative", p, l.MinDSCR)
		}
	}
	if total > 1+1e-9 {
		v.errorf("finance.debt", "let the lenders' shares sum to 1 or less", "the lenders' shares of net capex sum to %g, more than 1", total)
	}
}
