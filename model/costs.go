package model

import (
	"slices"
	"strings"

	"github.com/mineralplan/mineralplan/scenarios"
)

// ModuleCost is the capital cost of one module of a technology size at a site, in
// USD. Net = Gross − Subsidy + Land is what the investors pay and what the budget
// counts.
type ModuleCost struct {
	Gross   float64 // capex × the site's capex factor
	Subsidy float64 // the state's capital subsidy, within its cap
	Land    float64 // the site's land cost per module
	Net     float64
}

// moduleCost prices one module of size k of technology t at site i.
func moduleCost(s *scenarios.Scenario, i, t, k int) ModuleCost {
	site := s.Sites[i]
	tech := s.Technologies[t]
	size := tech.Sizes[k]
	capex := size.Capex.USD
	for _, o := range site.Overrides {
		if o.Technology == tech.ID && o.Size == size.ID && o.Capex != nil {
			capex = o.Capex.USD
		}
	}
	factor := site.CapexFactor
	if factor == 0 {
		factor = 1
	}
	c := ModuleCost{Gross: capex * factor, Land: site.LandCost.USD}
	if len(site.SubsidyTechnologies) == 0 || slices.Contains(site.SubsidyTechnologies, tech.ID) {
		c.Subsidy = c.Gross * site.CapitalSubsidy
		if site.SubsidyCap != nil && c.Subsidy > site.SubsidyCap.USD {
			c.Subsidy = site.SubsidyCap.USD
		}
	}
	c.Net = c.Gross - c.Subsidy + c.Land
	return c
}

// fixedOpex is the yearly fixed cost in USD of one online module of size k of
// technology t at site i.
func fixedOpex(s *scenarios.Scenario, i, t, k int) float64 {
	tech := s.Technologies[t]
	size := tech.Sizes[k]
	v := size.FixedOpex.USD
	for _, o := range s.Sites[i].Overrides {
		if o.Technology == tech.ID && o.Size == size.ID && o.FixedOpex != nil {
			v = o.FixedOpex.USD
		}
	}
	return v
}

// salvageFraction is the share of a module's net capex still worth having at the
// end of the horizon: straight-line over the technology's lifetime from the year it
// comes online to endYear (the first calendar year after the horizon).
// It is 0 unless the terminal value is book.
func salvageFraction(s *scenarios.Scenario, t, online, endYear int) float64 {
	if TerminalMethod(s) != "book" {
		return 0
	}
	life := s.Technologies[t].Lifetime
	if life <= 0 {
		life = 20
	}
	used := endYear - online
	if used < 0 {
		used = 0
	}
	if used >= life {
		return 0
	}
	return 1 - float64(used)/float64(life)
}

// maxUtilisation is the technology's highest utilisation (default 1).
func maxUtilisation(t scenarios.Technology) float64 {
	if t.MaxUtilisation == 0 {
		return 1
	}
	return t.MaxUtilisation
}

// maxModules is how many modules of one size may be built per site (default 1).
func maxModules(t scenarios.Technology) int {
	if t.MaxModules == 0 {
		return 1
	}
	return t.MaxModules
}

// existingCount is the number of existing modules of size k of technology t at
// site i online in calendar year y.
func existingCount(s *scenarios.Scenario, i, t, k, y int) int {
	n := 0
	tech := s.Technologies[t]
	for _, e := range s.Sites[i].Existing {
		online := e.Online
		if online == 0 {
			online = s.Horizon.FirstYear
		}
		if e.Technology == tech.ID && e.Size == tech.Sizes[k].ID && online <= y {
			c := e.Count
			if c == 0 {
				c = 1
			}
			n += c
		}
	}
	return n
}

// incentiveRates returns, for a technology, the incentives it claims per output
// material: material id → incentive indices into the scenario's policy.
func incentiveRates(s *scenarios.Scenario, tech scenarios.Technology) map[string][]int {
	out := map[string][]int{}
	for _, id := range tech.Incentives {
		for j, inc := range s.Policy.Incentives {
			if inc.ID == id {
				if _, ok := tech.Outputs[inc.Material]; ok {
					out[inc.Material] = append(out[inc.Material], j)
				}
			}
		}
	}
	return out
}

// isChina reports whether an import origin counts as China-origin supply.
// IsChinaOrigin reports whether an import's origin counts as China.
func IsChinaOrigin(origin string) bool { return isChina(origin) }

func isChina(origin string) bool {
	switch strings.ToLower(origin) {
	case "china", "cn", "chn":
		return true
	}
	return false
}

// TerminalMethod is the scenario's finance.terminal_value: book (also when
// unset, as in a scenario built in Go), continuing or none.
func TerminalMethod(s *scenarios.Scenario) string {
	if s.Finance.TerminalValue == "" {
		return "book"
	}
	return s.Finance.TerminalValue
}

// ContinuingYears is R, the whole years after the horizon that every plant the
// scenario allows is sure to keep running: the least, over the technologies that
// may operate at some site, of lifetime_t − (e − (y₀ + L_t)), at least 0. A module
// comes online no earlier than y₀ + L_t, so each one lasts at least R years past
// e = last_year + 1 (existing plants are assumed to last as long). R does not
// depend on the plan, which keeps the continuing value linear.
func ContinuingYears(s *scenarios.Scenario) int {
	r, any := 0, false
	seen := map[int]bool{}
	for _, ts := range siteTechs(s) {
		for _, t := range ts {
			if seen[t] {
				continue
			}
			seen[t] = true
			tech := s.Technologies[t]
			life := tech.Lifetime
			if life <= 0 {
				life = 20
			}
			rem := max(0, life-(s.EndYear()-(s.Horizon.FirstYear+tech.LeadTime)))
			if !any || rem < r {
				r, any = rem, true
			}
		}
	}
	return r
}

// continuingFactor is A = Σ_{k<R} δ(e+k), the value at y₀ of one USD a year paid
// from the start of e for the R continuing years, when the terminal value is
// continuing; 0 otherwise. The continuing value is A × the last calendar year's
// free cash flow before incentives.
func continuingFactor(s *scenarios.Scenario) float64 {
	if TerminalMethod(s) != "continuing" {
		return 0
	}
	a := 0.0
	for k := range ContinuingYears(s) {
		a += discountFactor(s, s.EndYear()+k)
	}
	return a
}
