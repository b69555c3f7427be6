package results

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// report is what report.md and report.html show, worked out once from a plan
// and its scenario.
type report struct {
	plan     *model.Plan
	scenario *scenarios.Scenario
	techs    []techStyle // technologies with plants in the plan, scenario order
	styleOf  map[string]techStyle
	figures  []figure
	tables   []table
	sources  []source // the scenario's references
}

// figure is one headline number of a report.
type figure struct {
	label, value, note string
}

// mainFlowRows is how many aggregated flows the reports list.
const mainFlowRows = 15

// marginalRows is how many marginal values the reports list (largest first).
const marginalRows = 20

func newReport(p *model.Plan, s *scenarios.Scenario) *report {
	r := &report{plan: p, scenario: s, techs: techStyles(p, s), styleOf: map[string]techStyle{}}
	for _, st := range r.techs {
		r.styleOf[st.id] = st
	}
	r.figures = keyFigures(p)
	r.tables = []table{r.plantsDisplay(), r.chinaDisplay(), r.financeDisplay(), r.flowsDisplay(), r.importsDisplay()}
	for _, t := range []table{r.requirementsDisplay(), r.shortfallsDisplay(), r.contributionsDisplay(), r.investorsDisplay(), r.marginalsDisplay()} {
		if len(t.rows) > 0 {
			r.tables = append(r.tables, t)
		}
	}
	r.tables = append(r.tables, modelDisplay(p))
	r.sources = sources(s)
	return r
}

// gapText is ", gap 1.2%" for a plan with a solution and a finite gap, else "".
func gapText(p *model.Plan) string {
	if !model.HasPlan(p.Status) || math.IsNaN(p.MIPGap) || math.IsInf(p.MIPGap, 0) {
		return ""
	}
	return ", gap " + percent(p.MIPGap)
}

// irrText is the project IRR as a percentage, or what the search found.
func irrText(r model.IRR) string {
	roots := make([]string, len(r.Roots))
	for i, v := range r.Roots {
		roots[i] = percent(v)
	}
	switch r.Status {
	case "unique":
		return percent(*r.Rate)
	case "one_found":
		return roots[0] + " (not proven unique: the flows change sign more than once)"
	case "not_unique":
		return "not unique: " + strings.Join(roots, ", ")
	case "no_sign_change":
		return "none: the cash flows never change sign"
	case "not_found":
		return "none between −99% and 10,000%"
	}
	return "–"
}

// terminalNote says how the plan's terminal value was reckoned.
func terminalNote(p *model.Plan) string {
	switch p.TerminalMethod {
	case "continuing":
		return fmt.Sprintf("continuing: last year's cash flow before incentives for %d more years", p.ContinuingYears)
	case "none":
		return "none: plants are worth nothing after the horizon"
	}
	return "book: net capex × remaining life ÷ lifetime"
}

// keyFigures are the headline numbers of a plan.
func keyFigures(p *model.Plan) []figure {
	status := p.Status + gapText(p)
	payback := "not within the horizon"
	if p.PaybackYear != 0 {
		payback = strconv.Itoa(p.PaybackYear)
	}
	budgetNote := "of " + usdM(p.Budget) + " budget"
	if p.Budget > 0 {
		budgetNote += " (" + percent(p.Capex/p.Budget) + ")"
	}
	npv := []figure{
		{"NPV", usdM(p.NPV), "discounted to the first year"},
		{"… from operations", usdM(p.Split.Operations), "revenue less running costs, gross capex and land"},
		{"… from terminal value", usdM(p.Split.TerminalValue), terminalNote(p)},
		{"… from incentives", usdM(p.Split.Incentives), "output-linked policy support"},
		{"… from subsidies", usdM(p.Split.Subsidies), "state capital subsidies"},
	}
	if taxed(p) {
		npv[0].note = "after corporate tax, discounted to the first year"
		npv = append(npv, figure{"… less corporate tax", usdM(p.Split.Tax), "NPV before tax " + usdM(p.NPVPreTax)})
	}
	npv = append(npv, figure{"Project IRR", irrText(p.ProjectIRR), "rate at which the cash flows' NPV is zero"})
	if p.EquityIRR.Status != "" {
		drawn := 0.0
		for _, f := range p.Finance {
			drawn += f.DebtDrawn
		}
		npv = append(npv, figure{"Equity IRR", irrText(p.EquityIRR), usdM(drawn) + " borrowed; the equity holders' cash flows after debt service"})
		if p.MinDSCR != nil {
			npv = append(npv, figure{"Least DSCR", num(*p.MinDSCR, 2), "cash flow available for debt service ÷ debt service, worst year"})
		}
	}
	return append(npv, []figure{
		{"Net capex", usdM(p.Capex), budgetNote},
		{"Gross capex", usdM(p.CapexGross), usdM(p.Subsidies) + " state subsidies"},
		{"Supply security", grouped(p.Security, 0) + " t", "critical material delivered from Indian plants"},
		{"Payback", payback, "cumulative cash flow turns positive"},
		{"Jobs", grouped(p.Jobs, 0), "direct, in the last year"},
		{"CO₂", grouped(p.CO2, 0) + " t", "over the horizon"},
		{"Solver", status, fmt.Sprintf("solved in %s s, built in %s s", num(p.SolveSeconds, 2), num(p.BuildSeconds, 2))},
	}...)
}

// taxed reports whether a plan pays corporate tax in some year.
func taxed(p *model.Plan) bool {
	for _, f := range p.Finance {
		if f.Tax != 0 {
			return true
		}
	}
	return false
}

func (r *report) siteName(id string) string {
	for _, s := range r.scenario.Sites {
		if s.ID == id && s.Name != "" {
			return s.Name
		}
	}
	return id
}

func (r *report) techName(id string) string {
	for _, t := range r.scenario.Technologies {
		if t.ID == id && t.Name != "" {
			return t.Name
		}
	}
	return id
}

func (r *report) materialName(id string) string {
	for _, m := range r.scenario.Materials {
		if m.ID == id && m.Name != "" {
			return m.Name
		}
	}
	return id
}

// placeName names a flow's end: a site, feedstock, market or import by its
// name when the scenario gives one.
func (r *report) placeName(kind, id string) string {
	switch kind {
	case "site":
		return r.siteName(id)
	case "feedstock":
		for _, f := range r.scenario.Feedstocks {
			if f.ID == id && f.Name != "" {
				return f.Name
			}
		}
	case "market":
		for _, m := range r.scenario.Markets {
			if m.ID == id && m.Name != "" {
				return m.Name
			}
		}
	case "import":
		for _, im := range r.scenario.Imports {
			if im.ID == id && im.Name != "" {
				return im.Name
			}
		}
	}
	return id
}

func (r *report) plantsDisplay() table {
	t := table{name: "Plants", header: []string{"Site", "State", "Technology", "Size", "Modules", "Build year", "Online",
		"Capacity (t/yr)", "Net capex", "Jobs"},
		right: []bool{false, false, false, false, true, true, true, true, true, true}}
	for _, p := range sortedBy(r.plan.Plants, comparePlants) {
		build := strconv.Itoa(p.BuildYear)
		if p.Existing {
			build = "existing"
		}
		t.rows = append(t.rows, []string{r.siteName(p.Site), p.State, r.techName(p.Technology), p.Size, strconv.Itoa(p.Count),
			build, strconv.Itoa(p.OnlineYear), grouped(p.Capacity, 0), usdM(p.CapexNet), grouped(p.Jobs, 0)})
	}
	return t
}

// lastSecurityRows returns each critical material's security row in the last
// year the plan reports, in material order.
func lastSecurityRows(p *model.Plan) []model.SecurityRow {
	last := map[string]model.SecurityRow{}
	for _, row := range p.SecurityRows {
		if cur, ok := last[row.Material]; !ok || row.Year > cur.Year {
			last[row.Material] = row
		}
	}
	var out []model.SecurityRow
	for _, m := range slices.Sorted(maps.Keys(last)) {
		out = append(out, last[m])
	}
	return out
}

func (r *report) chinaDisplay() table {
	t := table{name: "China-origin share of the plan's supply (last modelled year, per year)",
		header: []string{"Material", "Year", "World mix", "Plan", "Cap", "Made", "Delivered", "Imports", "From China", "Unit"},
		right:  []bool{false, true, true, true, true, true, true, true, true, false}}
	for _, row := range lastSecurityRows(r.plan) {
		t.rows = append(t.rows, []string{r.materialName(row.Material), strconv.Itoa(row.Year), percent(row.ChinaShareBefore),
			optionalText(row.ChinaShareAfter, percent), optionalText(row.ChinaShareCap, percent), grouped(row.Made, 0),
			grouped(row.Delivered, 0), grouped(row.Imports, 0), grouped(row.ChinaImports, 0), row.Unit})
	}
	return t
}

func (r *report) financeDisplay() table {
	t := table{name: "Cash flow by calendar year (USD, undiscounted except the last column)",
		header: []string{"Year", "Revenue", "Incentives", "Operating costs", "Capex", "Terminal value", "Cash flow", "Discounted"},
		right:  []bool{true, true, true, true, true, true, true, true}}
	tax := taxed(r.plan)
	if tax {
		t.header = append(t.header[:5:5], "Depreciation", "Tax", "Terminal value", "Cash flow", "Discounted")
		t.right = append(t.right, true, true)
	}
	for _, f := range sortedBy(r.plan.Finance, func(a, b model.FinanceYear) int { return cmpInt(a.Year, b.Year) }) {
		costs := f.Feedstock + f.Imports + f.Opex + f.Transport + f.Disposal + f.Penalty
		row := []string{strconv.Itoa(f.Year), usdM(f.Revenue), usdM(f.Incentives), usdM(costs), usdM(f.Capex)}
		if tax {
			row = append(row, usdM(f.Depreciation), usdM(f.Tax))
		}
		t.rows = append(t.rows, append(row, usdM(f.TerminalValue), usdM(f.CashFlow), usdM(f.Discounted)))
	}
	return t
}

// route is a flow summed over the horizon between two places.
type route struct {
	material, unit             string
	fromKind, from, toKind, to string
	quantity                   float64 // units of the material over the horizon: Σ per-year quantity × period years
	tonnes                     float64 // quantity in t, to rank routes of kg and t materials together
	years                      int     // calendar years with a flow
}

// routes sums the plan's flows per material and pair of places, largest (in
// tonnes) first.
func routes(p *model.Plan) []route {
	type key struct{ material, fromKind, from, toKind, to string }
	sum := map[key]*route{}
	for _, f := range p.Flows {
		k := key{f.Material, f.FromKind, f.From, f.ToKind, f.To}
		rt := sum[k]
		if rt == nil {
			rt = &route{material: f.Material, unit: f.Unit, fromKind: f.FromKind, from: f.From, toKind: f.ToKind, to: f.To}
			sum[k] = rt
		}
		n := p.PeriodYears(f.Year)
		rt.quantity += f.Quantity * float64(n)
		rt.tonnes += tonnes(f.Quantity, f.Unit) * float64(n)
		rt.years += n
	}
	var out []route
	for _, rt := range sum {
		out = append(out, *rt)
	}
	slices.SortFunc(out, func(a, b route) int {
		return compareKeys(cmp.Compare(b.tonnes, a.tonnes), cmpStr(a.material, b.material), cmpStr(a.fromKind, b.fromKind),
			cmpStr(a.from, b.from), cmpStr(a.toKind, b.toKind), cmpStr(a.to, b.to))
	})
	return out
}

// tonnes converts a quantity in unit (t or kg) to tonnes.
func tonnes(q float64, unit string) float64 {
	if unit == "kg" {
		return q / 1000
	}
	return q
}

func (r *report) flowsDisplay() table {
	t := table{name: fmt.Sprintf("Main flows (largest %d, summed over the horizon)", mainFlowRows),
		header: []string{"Material", "From", "To", "Quantity", "Unit", "Years"},
		right:  []bool{false, false, false, true, false, true}}
	rs := routes(r.plan)
	for _, rt := range rs[:min(len(rs), mainFlowRows)] {
		t.rows = append(t.rows, []string{r.materialName(rt.material), rt.fromKind + " " + r.placeName(rt.fromKind, rt.from),
			rt.toKind + " " + r.placeName(rt.toKind, rt.to), grouped(rt.quantity, 0), rt.unit, strconv.Itoa(rt.years)})
	}
	return t
}

func (r *report) importsDisplay() table {
	t := table{name: "Imports by material and origin (summed over the horizon)",
		header: []string{"Material", "Origin", "Quantity", "Unit"}, right: []bool{false, false, true, false}}
	sum := importTotals(r.plan)
	keys := slices.SortedFunc(maps.Keys(sum), func(a, b importKey) int {
		return compareKeys(cmpStr(a.material, b.material), cmpStr(a.origin, b.origin), cmpStr(a.unit, b.unit))
	})
	for _, k := range keys {
		t.rows = append(t.rows, []string{r.materialName(k.material), k.origin, grouped(sum[k], 0), k.unit})
	}
	return t
}

// importKey is a material imported from one origin, in its unit.
type importKey struct{ material, origin, unit string }

// importTotals sums the plan's imports over the horizon per material and
// origin: each modelled year's quantity per year times its period's years.
func importTotals(p *model.Plan) map[importKey]float64 {
	sum := map[importKey]float64{}
	for _, f := range p.Flows {
		if f.FromKind == "import" {
			sum[importKey{f.Material, f.Origin, f.Unit}] += f.Quantity * float64(p.PeriodYears(f.Year))
		}
	}
	return sum
}

func (r *report) shortfallsDisplay() table {
	t := table{name: "Required deliveries not met", header: []string{"Market", "Year", "Quantity", "Unit"},
		right: []bool{false, true, true, false}}
	for _, s := range sortedBy(r.plan.Shortfalls, func(a, b model.Shortfall) int {
		return compareKeys(cmpStr(a.Market, b.Market), cmpInt(a.Year, b.Year))
	}) {
		t.rows = append(t.rows, []string{r.placeName("market", s.Market), strconv.Itoa(s.Year), grouped(s.Quantity, 1), s.Unit})
	}
	return t
}

func (r *report) contributionsDisplay() table {
	t := table{name: "Partner contributions to net capex", header: []string{"Partner", "Share", "Amount"},
		right: []bool{false, true, true}}
	for _, c := range r.plan.Contributions {
		t.rows = append(t.rows, []string{c.Partner, percent(c.Share), usdM(c.Amount)})
	}
	return t
}

// investorsDisplay is "Investor returns": per partner of budget.partners, the
// equity it pays in, its offtake over the horizon, its NPV at its hurdle rate
// in USD and in its own currency, and its IRR (docs/model.md, "Partners").
func (r *report) investorsDisplay() table {
	t := table{name: "Investor returns", header: []string{"Partner", "Equity in", "Offtake", "Hurdle", "NPV at hurdle", "NPV at hurdle, own currency", "IRR"},
		right: []bool{false, true, true, true, true, true, false}}
	for _, p := range r.plan.Partners {
		offtake := 0.0
		for _, v := range p.Offtake {
			offtake += v
		}
		hurdle, npv, local := "–", "–", "–"
		if p.HurdleRate != nil && p.NPVAtHurdle != nil && p.NPVAtHurdleLocal != nil {
			hurdle, npv, local = percent(*p.HurdleRate), usdM(*p.NPVAtHurdle), localM(*p.NPVAtHurdleLocal, p.Currency)
		}
		t.rows = append(t.rows, []string{p.ID, usdM(p.Equity), usdM(offtake), hurdle, npv, local, irrText(p.IRR)})
	}
	return t
}

// localM is an amount in millions of currency cur: "-1,364.2M JPY".
func localM(v float64, cur string) string {
	if cur == "USD" {
		return usdM(v)
	}
	if m := v / 1e6; math.Abs(m) < 1 {
		return grouped(m, 2) + "M " + cur
	}
	return grouped(v/1e6, 1) + "M " + cur
}

// requirementsDisplay is what each hard requirement costs the plan, dearest
// first; no rows when the costs were not computed.
func (r *report) requirementsDisplay() table {
	t := table{name: "Cost of the hard requirements (NPV given up to meet each, from a re-solve without it)",
		header: []string{"Requirement", "NPV without it", "Cost"},
		right:  []bool{false, true, true}}
	rc := sortedBy(r.plan.RequirementCosts, func(a, b model.RequirementCost) int {
		return compareKeys(cmp.Compare(b.Cost, a.Cost), cmpStr(a.Kind, b.Kind), cmpStr(a.Subject, b.Subject))
	})
	for _, c := range rc {
		name := c.Kind + " " + c.Subject
		if c.Status != model.StatusOptimal {
			name += " (" + c.Status + ")"
		}
		t.rows = append(t.rows, []string{name, usdM(c.NPVWithout), usdM(c.Cost)})
	}
	return t
}

func (r *report) marginalsDisplay() table {
	t := table{name: fmt.Sprintf("Marginal values (largest %d by size)", marginalRows),
		header: []string{"Limit", "Year", "Value (USD per unit)", "Unit", "Meaning"},
		right:  []bool{false, true, true, false, false}}
	ms := sortedBy(r.plan.Marginals, func(a, b model.MarginalValue) int {
		return compareKeys(cmp.Compare(math.Abs(b.Value), math.Abs(a.Value)), cmpStr(a.Kind, b.Kind),
			cmpStr(a.Subject, b.Subject), cmpStr(a.Extra, b.Extra), cmpInt(a.Year, b.Year))
	})
	for _, m := range ms[:min(len(ms), marginalRows)] {
		limit := m.Kind + " " + m.Subject
		if m.Extra != "" {
			limit += " " + m.Extra
		}
		t.rows = append(t.rows, []string{limit, yearCell(m.Year), grouped(m.Value, 2), m.Unit, m.Text})
	}
	return t
}

func modelDisplay(p *model.Plan) table {
	return table{name: "Model", header: []string{"Columns", "Rows", "Non-zeros", "Integers", "Build (s)", "Solve (s)"},
		right: []bool{true, true, true, true, true, true},
		rows: [][]string{{grouped(float64(p.Stats.Columns), 0), grouped(float64(p.Stats.Rows), 0),
			grouped(float64(p.Stats.Nonzeros), 0), grouped(float64(p.Stats.Integers), 0), num(p.BuildSeconds, 2),
			num(p.SolveSeconds, 2)}}}
}
