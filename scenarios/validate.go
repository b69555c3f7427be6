package scenarios

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Limits of the solver settings, in a scenario's solver: section and on the
// command line alike.
const (
	// MaxThreads is the most HiGHS threads a solve may ask for: more only
	// start threads that wait for cores, and thousands exhaust the process.
	MaxThreads = 64
	// MaxTimeLimit is the longest time limit, in seconds (about 115 days).
	MaxTimeLimit = 1e7
)

// validator checks a decoded scenario's numbers and references. Each finding is
// addressed by path, so it carries the position where the value was written.
type validator struct {
	s     *Scenario
	bad   map[string]bool // paths that failed to decode: nothing more is said of them
	hints *hinter
	ds    Diagnostics
	// years are the modelled years, nil when the horizon is invalid.
	years []int

	materials  map[string]*Material
	techs      map[string]*Technology
	incentives map[string]*Incentive
	feedstocks map[string]*Feedstock
	sites      map[string]bool
	places     map[string]bool // sites, feedstocks, markets and imports: lane ends
	ids        map[string][]string
}

// validate returns the problems of a decoded scenario; bad lists the paths that
// did not decode.
func validate(s *Scenario, bad map[string]bool, hints *hinter) Diagnostics {
	v := &validator{s: s, bad: bad, hints: hints,
		materials: map[string]*Material{}, techs: map[string]*Technology{}, incentives: map[string]*Incentive{},
		feedstocks: map[string]*Feedstock{}, sites: map[string]bool{}, places: map[string]bool{}, ids: map[string][]string{}}
	v.index()
	v.top()
	v.checkMaterials()
	v.checkTechnologies()
	v.checkSites()
	v.checkFlows()
	v.checkLogistics()
	v.checkBudget()
	v.checkPolicy()
	v.checkObjective()
	v.checkTax()
	v.checkDebt()
	return v.ds
}

func (v *validator) index() {
	s := v.s
	add := func(kind, id string) { v.ids[kind] = append(v.ids[kind], id) }
	for i := range s.Materials {
		v.materials[s.Materials[i].ID] = &s.Materials[i]
		add("material", s.Materials[i].ID)
	}
	for i := range s.Technologies {
		v.techs[s.Technologies[i].ID] = &s.Technologies[i]
		add("technology", s.Technologies[i].ID)
	}
	for i := range s.Policy.Incentives {
		v.incentives[s.Policy.Incentives[i].ID] = &s.Policy.Incentives[i]
		add("incentive", s.Policy.Incentives[i].ID)
	}
	for i := range s.Feedstocks {
		v.feedstocks[s.Feedstocks[i].ID] = &s.Feedstocks[i]
		add("feedstock", s.Feedstocks[i].ID)
	}
	for _, x := range s.Sites {
		v.sites[x.ID] = true
		add("site", x.ID)
	}
	placeKinds := map[string]string{}
	for _, l := range []struct {
		kind, list string
		ids        []string
	}{{"site", "sites", v.ids["site"]}, {"feedstock", "feedstocks", v.ids["feedstock"]},
		{"market", "markets", ids(s.Markets, func(m Market) string { return m.ID })}, {"import", "imports", ids(s.Imports, func(m Import) string { return m.ID })}} {
		for _, id := range l.ids {
			// Lanes and locations name places by id alone, so one id may name
			// one place only.
			if other, ok := placeKinds[id]; ok && other != l.kind && id != "" {
				v.errorf(joinKey(joinIndex(l.list, id), "id"), "give one of them another id", "%s[%s]: id %q is also the id of a %s; lanes name places by id, so one id may name one place only", l.list, id, id, other)
			}
			if _, ok := placeKinds[id]; !ok {
				placeKinds[id] = l.kind
			}
			v.places[id] = true
			add("place", id)
		}
	}
}

func ids[T any](xs []T, id func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

// isBad reports whether path or a parent of it failed to decode.
func (v *validator) isBad(path string) bool {
	for {
		if v.bad[path] {
			return true
		}
		if path == "" {
			return false
		}
		path = parentPath(path)
	}
}

func (v *validator) report(sev Severity, path, fix, format string, args ...any) {
	if v.isBad(path) {
		return
	}
	v.ds = append(v.ds, Diagnostic{Pos: v.s.Position(path), Severity: sev, Msg: fmt.Sprintf(format, args...), Fix: fix})
}

func (v *validator) errorf(path, fix, format string, args ...any) {
	v.report(Error, path, fix, format, args...)
}

func (v *validator) warnf(path, fix, format string, args ...any) {
	v.report(Warning, path, fix, format, args...)
}

// num formats a number for a message.
func num(x float64) string { return formatFloat(x) }

// within reports x outside the interval from lo to hi (open at an end when the
// flag says so).
func (v *validator) within(path string, x, lo, hi float64, loOpen, hiOpen bool, fix string) {
	if (loOpen && x <= lo) || x < lo || (hiOpen && x >= hi) || x > hi {
		l, r := "[", "]"
		if loOpen {
			l = "("
		}
		if hiOpen {
			r = ")"
		}
		v.errorf(path, fix, "%s is %s, outside %s%s, %s%s", path, num(x), l, num(lo), num(hi), r)
	}
}

// atLeast reports x below lo.
func (v *validator) atLeast(path string, x, lo float64, fix string) {
	if x < lo {
		v.errorf(path, fix, "%s is %s, below %s", path, num(x), num(lo))
	}
}

// positive reports x not above 0.
func (v *validator) positive(path string, x float64, fix string) {
	if x <= 0 {
		v.errorf(path, fix, "%s is %s, not above 0", path, num(x))
	}
}

// pointPath is the path of one point of a series: the series itself when it is a
// constant.
func pointPath(path string, constant bool, year int) string {
	if constant {
		return path
	}
	return joinKey(path, strconv.Itoa(year))
}

// seriesWithin checks every point of a series against an interval.
func (v *validator) seriesWithin(path string, s Series, lo, hi float64, loOpen, hiOpen bool, fix string) {
	for _, p := range s.Points {
		v.within(pointPath(path, s.IsConstant(), p.Year), p.Value, lo, hi, loOpen, hiOpen, fix)
	}
}

// seriesAtLeast checks that every point of a series is at least lo.
func (v *validator) seriesAtLeast(path string, s Series, lo float64, fix string) {
	for _, p := range s.Points {
		v.atLeast(pointPath(path, s.IsConstant(), p.Year), p.Value, lo, fix)
	}
}

// seriesPositive checks that every point of a series is above 0.
func (v *validator) seriesPositive(path string, s Series, fix string) {
	for _, p := range s.Points {
		v.positive(pointPath(path, s.IsConstant(), p.Year), p.Value, fix)
	}
}

// moneyAtLeast0 checks that every point of a money series is not negative.
func (v *validator) moneyAtLeast0(path string, s MoneySeries, fix string) {
	for _, p := range s.Points {
		v.atLeast(pointPath(path, s.IsConstant(), p.Year), p.Value.USD, 0, fix)
	}
}

var (
	idRE   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)
	nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	slugRE = regexp.MustCompile(`[^a-z0-9]+`)
)

// slug suggests an id for s: lower case, other characters turned into hyphens.
func slug(s string) string {
	return strings.Trim(slugRE.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// writeAs is the fix for an id or name that may not be written as it is: the
// slug of s, or, when s has no letter or digit a slug keeps, what to write.
func writeAs(s, example string) string {
	if sl := slug(s); sl != "" {
		return fmt.Sprintf("write it as %q", sl)
	}
	return fmt.Sprintf("write it with letters a–z, digits and hyphens, such as %q", example)
}

// checkID reports an id that could not be written in a --set path.
func (v *validator) checkID(path, id string) {
	if id != "" && !idRE.MatchString(id) {
		v.errorf(joinKey(path, "id"), "ids appear in paths such as sites[ID]; "+writeAs(id, "site-1"), "%s: id %q may hold only letters, digits, - and _", path, id)
	}
}

// refLists are the top-level lists whose entries a reference of each kind names.
var refLists = map[string][]string{
	"material":   {"materials"},
	"site":       {"sites"},
	"technology": {"technologies"},
	"feedstock":  {"feedstocks"},
	"market":     {"markets"},
	"incentive":  {"policy", "policy.incentives"},
	"place":      {"sites", "feedstocks", "markets", "imports"},
}

// ref reports id when it names no kind (material, site, …) of the scenario.
// A reference into a list that failed to decode is not reported: the list's
// own error is the cause.
func (v *validator) ref(path, kind, id string, known bool) {
	for _, list := range refLists[kind] {
		if v.bad[list] {
			return
		}
	}
	if !known && !v.isBad(path) {
		v.errorf(path, v.hints.didYouMean(id, v.ids[kind], fmt.Sprintf("define a %s with id %q", kind, id)), "%s: unknown %s %q", path, kind, id)
	}
}

// oneOf reports a value that is not one of the allowed words.
func (v *validator) oneOf(path, value string, allowed ...string) {
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	fix := didYouMean(value, allowed, "")
	if !strings.HasPrefix(fix, "did") {
		fix = "use " + strings.Join(allowed, ", ")
	}
	v.errorf(path, fix, "%s is %q, not one of %s", path, value, strings.Join(allowed, ", "))
}

func (v *validator) top() {
	s := v.s
	if s.Name == "" {
		v.errorf("name", "write a name of lower-case letters, digits and hyphens, such as my-scenario", "name is empty")
	} else if !nameRE.MatchString(s.Name) {
		v.errorf("name", writeAs(s.Name, "my-scenario"), "name %q may hold only lower-case letters, digits and hyphens", s.Name)
	}
	h := s.Horizon
	switch {
	case h.FirstYear < 1900 || h.FirstYear > 2200:
		v.errorf("horizon.first_year", "write a calendar year such as 2026", "horizon.first_year is %d, not a year between 1900 and 2200", h.FirstYear)
	case h.LastYear < h.FirstYear:
		v.errorf("horizon.last_year", fmt.Sprintf("write a year from %d on", h.FirstYear), "horizon.last_year is %d, before horizon.first_year %d", h.LastYear, h.FirstYear)
	case h.LastYear > 2200:
		v.errorf("horizon.last_year", "write a calendar year such as 2035", "horizon.last_year is %d, after 2200", h.LastYear)
	default:
		v.years = s.Years()
	}
	switch n := h.LastYear - h.FirstYear + 1; {
	case h.Step < 1:
		v.errorf("horizon.step", "write a whole number of years, 1 or more", "horizon.step is %d; it must be at least 1", h.Step)
	case v.years != nil && h.Step > n:
		v.errorf("horizon.step", fmt.Sprintf("write a step of 1 to %d years", n), "horizon.step is %d years, longer than the %d-year horizon %d–%d", h.Step, n, h.FirstYear, h.LastYear)
	}
	v.oneOf("currency.base", s.Currency.Base, "USD")
	if v.s.written("currency.inr_per_usd") {
		v.seriesPositive("currency.inr_per_usd", s.Currency.INRPerUSD, "give the rupees per US dollar, such as 85")
	}
	if v.s.written("currency.jpy_per_usd") {
		v.seriesPositive("currency.jpy_per_usd", s.Currency.JPYPerUSD, "give the yen per US dollar, such as 150")
	}
	v.within("discount_rate", s.DiscountRate, 0, 1, false, true, "give the real annual rate as a fraction, such as 0.08")
	v.oneOf("finance.terminal_value", s.Finance.TerminalValue, "book", "continuing", "none")
	for _, l := range []struct {
		path string
		n    int
	}{{"materials", len(s.Materials)}, {"technologies", len(s.Technologies)}, {"sites", len(s.Sites)}} {
		if l.n == 0 && v.s.written(l.path) {
			v.errorf(l.path, "list at least one", "%s is empty", l.path)
		}
	}
}

func (v *validator) checkObjective() {
	o := v.s.Objective
	v.oneOf("objective.kind", o.Kind, "npv", "cost", "security", "weighted")
	v.atLeast("objective.npv_weight", o.NPVWeight, 0, "give a weight of 0 or more")
	v.atLeast("objective.security_weight", o.SecurityWeight, 0, "give a weight of 0 or more")
	switch {
	case o.Kind == "weighted" && o.NPVWeight == 0 && o.SecurityWeight == 0:
		v.errorf("objective.kind", "give npv_weight, security_weight or both", "objective.kind is weighted but both weights are 0")
	case o.Kind != "weighted" && (o.NPVWeight != 0 || o.SecurityWeight != 0):
		v.warnf("objective.npv_weight", "remove the weights or set kind: weighted", "objective weights are used only by kind weighted, not %s", o.Kind)
	}
	if o.MinSecurity != nil {
		v.atLeast("objective.min_security", *o.MinSecurity, 0, "give tonnes of critical material, 0 or more")
	}
	sv := v.s.Solver
	v.within("solver.time_limit", sv.TimeLimit, 0, MaxTimeLimit, false, false, "give seconds, or 0 for no limit")
	v.within("solver.mip_gap", sv.MIPGap, 0, 1, false, true, "give a relative gap such as 1e-4")
	v.within("solver.threads", float64(sv.Threads), 0, MaxThreads, false, false, fmt.Sprintf("give 0 (one thread, reproducible) or a number of threads up to %d", MaxThreads))
	v.atLeast("solver.seed", float64(sv.Seed), 0, "give a seed of 0 or more")
}
