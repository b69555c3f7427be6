package scenarios

import "math"

// Rule returns the depreciation rule of technology id.
func (d Depreciation) Rule(id string) DepreciationRule {
	if r, ok := d.Technologies[id]; ok {
		return r
	}
	return DepreciationRule{Method: d.Method, Years: d.Years, Rate: d.Rate}
}

// Fraction is the share of a plant's depreciable cost written off in the
// k-th calendar year of its service (k = 0 the year it comes online): 1/Years
// for k < Years under straight_line, Rate × (1 − Rate)^k under written_down,
// 0 for k < 0.
func (r DepreciationRule) Fraction(k int) float64 {
	if k < 0 {
		return 0
	}
	switch r.Method {
	case "straight_line":
		if r.Years > 0 && k < r.Years {
			return 1 / float64(r.Years)
		}
	case "written_down":
		return r.Rate * math.Pow(1-r.Rate, float64(k))
	}
	return 0
}

// Unlimited reports whether losses are carried forward without expiry.
func (t *Tax) Unlimited() bool { return t.LossCarryForward == "unlimited" }

// Exempt reports whether calendar year y of scenario s falls in the tax
// holiday.
func (t *Tax) Exempt(s *Scenario, y int) bool {
	start := t.HolidayStart
	if start == 0 {
		start = s.Horizon.FirstYear
	}
	return y >= start && y < start+t.HolidayYears
}

// checkTax validates finance.tax.
func (v *validator) checkTax() {
	t := v.s.Finance.Tax
	if t == nil {
		return
	}
	v.seriesWithin("finance.tax.rate", t.Rate, 0, 1, false, true, "give the all-in corporate tax rate as a fraction, such as 0.2517")
	if t.HolidayYears < 0 {
		v.errorf("finance.tax.holiday_years", "give 0 for no holiday, or the number of exempt years", "finance.tax.holiday_years is %d; it cannot be negative", t.HolidayYears)
	}
	if t.LossCarryForward != "" {
		v.oneOf("finance.tax.loss_carry_forward", t.LossCarryForward, "none", "unlimited")
	}
	if t.HolidayStart != 0 && (t.HolidayStart < v.s.Horizon.FirstYear || t.HolidayStart > v.s.Horizon.LastYear) {
		v.errorf("finance.tax.holiday_start", "give a calendar year of the horizon, or leave it out for the first year",
			"finance.tax.holiday_start is %d, outside the horizon %d–%d", t.HolidayStart, v.s.Horizon.FirstYear, v.s.Horizon.LastYear)
	}
	// The model's tax is exact only if rate × discount factor never rises from
	// one taxed year to the next (docs/model.md, "Tax").
	prev := 0
	for y := v.s.Horizon.FirstYear; y <= v.s.Horizon.LastYear; y++ {
		if t.Exempt(v.s, y) {
			continue
		}
		if prev != 0 {
			r0, r1 := t.Rate.At(prev), t.Rate.At(y)
			if r1 > r0*math.Pow(1+v.s.DiscountRate, float64(y-prev))*(1+1e-12) {
				v.errorf("finance.tax.rate", "let the rate rise by at most the discount rate a year, or start a tax holiday that ends where the rate rises",
					"finance.tax.rate rises from %g in %d to %g in %d, faster than the discount rate %g; the optimiser could then shift taxed income into the cheaper year", r0, prev, r1, y, v.s.DiscountRate)
				break
			}
		}
		prev = y
	}
	d := t.Depreciation
	v.depreciationRule("finance.tax.depreciation", DepreciationRule{Method: d.Method, Years: d.Years, Rate: d.Rate})
	for _, id := range sortedKeys(d.Technologies) {
		p := joinKey("finance.tax.depreciation.technologies", id)
		v.ref(p, "technology", id, v.techs[id] != nil)
		v.depreciationRule(p, d.Technologies[id])
	}
}

// depreciationRule checks one rule at path p: a known method with its own
// parameter, and not the other's.
func (v *validator) depreciationRule(p string, r DepreciationRule) {
	v.oneOf(p+".method", r.Method, "straight_line", "written_down")
	switch r.Method {
	case "straight_line":
		if r.Years < 1 {
			v.errorf(p+".years", "give the write-off period in whole years, such as 10", "%s.years is %d; straight_line needs 1 year or more", p, r.Years)
		}
		if r.Rate != 0 {
			v.errorf(p+".rate", "remove rate, or use method: written_down", "%s.rate is given but the method is straight_line, which uses years", p)
		}
	case "written_down":
		v.within(p+".rate", r.Rate, 0, 1, true, false, "give the yearly written-down rate as a fraction, such as 0.15")
		if r.Years != 0 {
			v.errorf(p+".years", "remove years, or use method: straight_line", "%s.years is given but the method is written_down, which uses rate", p)
		}
	}
}
