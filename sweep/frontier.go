package sweep

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/mineralplan/mineralplan/chart"
)

// FrontierChart is the file name of a budget frontier's chart.
const FrontierChart = "frontier.svg"

// Frontier defaults and limits.
const (
	// DefaultFrontierGap is the relative MIP gap of frontier solves: tight, so
	// that NPV rises with the budget.
	DefaultFrontierGap = 1e-7
	// minFrontierGap is the tightest gap a re-solve goes to.
	minFrontierGap = 1e-12
	// gapTightening divides the gap of a point that breaks monotonicity.
	gapTightening = 100
	// npvSlack is the absolute NPV drop, USD, put down to rounding.
	npvSlack = 1.0
)

// FrontierSpec is a budget frontier: the best NPV as budget.total goes from From
// to To (USD), with every budget where the chosen plants change located to
// within Tol (USD).
type FrontierSpec struct {
	From float64 `json:"from"`
	To   float64 `json:"to"`
	Tol  float64 `json:"tol"`
	// Steps is the number of intervals of the coarse grid solved first.
	Steps int `json:"steps"`
	// Gap is the relative MIP gap of the solves (set as solver.mip_gap).
	Gap float64 `json:"gap"`
	// Tolerance (USD) and ToleranceShare (of the largest NPV on the
	// frontier), the larger of the two, is how much more NPV a new plant set
	// must earn than the one in force for its breakpoint to be kept: plant
	// sets closer than that count as equal, their breakpoints are merged, and
	// budget intervals that gain less are not searched further. Zero keeps
	// every change.
	Tolerance      float64 `json:"tolerance,omitempty"`
	ToleranceShare float64 `json:"tolerance_share,omitempty"`
}

// DefaultToleranceShare is the frontier's default tolerance: 1% of its
// largest NPV.
const DefaultToleranceShare = 0.01

// ParseTolerance reads --tolerance: an amount in USD (5e5) or a percentage of
// the frontier's largest NPV (1%).
func ParseTolerance(v string) (usd, share float64, err error) {
	v = strings.TrimSpace(v)
	if p, ok := strings.CutSuffix(v, "%"); ok {
		x, err := strconv.ParseFloat(p, 64)
		if err != nil || !(x >= 0 && x < 100) {
			return 0, 0, fmt.Errorf("--tolerance %q: give USD (such as 5e5) or a percentage of the largest NPV below 100 (such as 1%%)", v)
		}
		return 0, x / 100, nil
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || !(x >= 0) || math.IsInf(x, 0) {
		return 0, 0, fmt.Errorf("--tolerance %q: give USD (such as 5e5) or a percentage of the largest NPV below 100 (such as 1%%)", v)
	}
	return x, 0, nil
}

// tolerance is the tolerance in USD on a frontier whose largest NPV
// magnitude so far is top.
func (s FrontierSpec) tolerance(top float64) float64 {
	return math.Max(s.Tolerance, s.ToleranceShare*math.Abs(top))
}

// Validate checks the spec.
func (s FrontierSpec) Validate() error {
	switch {
	case !(s.From > 0) || !finite(s.From, s.To):
		return fmt.Errorf("--from %s: the budget must be a positive number of USD", formatNumber(s.From))
	case !(s.To > s.From):
		return fmt.Errorf("--to %s must be above --from %s", formatNumber(s.To), formatNumber(s.From))
	case !(s.Tol > 0):
		return fmt.Errorf("--tol %s: give a positive tolerance in USD, such as 1e6", formatNumber(s.Tol))
	case s.Steps < 1 || s.Steps > maxAxisValues:
		return fmt.Errorf("--steps %d: give from 1 to %d coarse intervals", s.Steps, maxAxisValues)
	case !(s.Gap > 0 && s.Gap < 1):
		return fmt.Errorf("--gap %s: give a relative gap such as 1e-7", formatNumber(s.Gap))
	}
	return nil
}

// FrontierReport is a budget frontier.
type FrontierReport struct {
	// Points are the budgets solved, rising, each with its tightest solve.
	Points []FrontierPoint
	// Breakpoints are where the plant set changes between neighbouring optimal
	// points, rising.
	Breakpoints []Breakpoint
	// Decreases lists the budgets (USD) whose NPV is below a smaller budget's by
	// more than the gap allows, even after the tightest re-solve; empty at
	// optimality.
	Decreases []float64
	// Tolerance is the NPV (USD) a plant set must gain over the one in force
	// for its breakpoint to be kept (FrontierSpec.Tolerance); Kept are those
	// breakpoints, each from the set in force to the new one, and Merged the
	// number of the other changes of plant set.
	Tolerance float64
	Kept      []Breakpoint
	Merged    int
}

// FrontierPoint is one budget solved.
type FrontierPoint struct {
	Budget float64 // USD
	Gap    float64 // the relative MIP gap it was solved with
	Case   Case
	Result *Result
}

// Breakpoint is a budget interval (Below, Above] within which the plant set
// (plants by site, technology and size, build years aside) changes.
type Breakpoint struct {
	Below, Above       float64  // USD
	Enter, Leave       []string // site/technology/size (xN), sorted
	NPVBelow, NPVAbove float64  // USD
}

// Frontier finds the best NPV as a function of the capital budget and writes it to
// cfg.Out. It solves budget.total at From, To and Steps−1 budgets between, with
// objective.kind=npv and solver.mip_gap=Gap; wherever two neighbouring budgets
// build different plant sets it solves the budget equal to the larger one's capex
// and that less Tol (see between), until every such interval is at most Tol wide.
// Each round finds the next plant set down, and the Above end of each breakpoint
// is the exact budget from which the larger set is optimal: its capex.
// With cfg.Reuse, a budget that the plan of the smallest larger budget solved fits
// is proved from it instead of solved (Result.Method "proved").
// NPV must not fall as the budget rises (a larger budget keeps every plan a
// smaller one allows): a point whose NPV falls below a smaller budget's by more
// than its gap allows is solved again with a gap 100 times tighter, down to
// 1e-12. Frontiers are not sharded; Resume reuses finished cases.
func Frontier(ctx context.Context, cfg Config, spec FrontierSpec) (*Outcome, error) {
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	if !cfg.Shard.Whole() {
		return nil, errors.New("a budget frontier runs on one machine: drop --shard")
	}
	return inWorkDir(cfg, func(cfg Config) (*Outcome, error) { return frontier(ctx, cfg, spec) })
}

// frontier is Frontier in the work folder cfg.Out.
func frontier(ctx context.Context, cfg Config, spec FrontierSpec) (*Outcome, error) {
	m := &Manifest{Kind: KindFrontier, Frontier: &spec, Reuse: cfg.Reuse, Columns: []string{"budget.total", "solver.mip_gap"}}
	p, err := start(ctx, cfg, m)
	if err != nil {
		return nil, err
	}
	res := map[int]*Result{}
	var todo []budgetGap
	for k := 0; k <= spec.Steps; k++ {
		b := spec.From + float64(k)*(spec.To-spec.From)/float64(spec.Steps)
		if k == spec.Steps {
			b = spec.To
		}
		todo = append(todo, budgetGap{b, spec.Gap})
	}
	p.keep = cfg.Reuse // solved budgets prove smaller ones
	for len(todo) > 0 {
		var more []Case
		var proofs []*proof
		for _, t := range todo {
			b, g := formatNumber(t.budget), formatNumber(t.gap)
			more = append(more, Case{Labels: []string{b, g}, Sets: []string{"objective.kind=npv", "budget.total=" + b, "solver.mip_gap=" + g}})
			if cfg.Reuse {
				proofs = append(proofs, budgetProof(m, res, t))
			} else {
				proofs = append(proofs, nil)
			}
		}
		start := len(m.Cases)
		got, err := runMoreProved(ctx, p, m, more, proofs)
		if err != nil || ctx.Err() != nil {
			return interrupted(cfg, m, err)
		}
		for i, r := range got {
			res[start+i] = r
		}
		todo = nextBudgets(analyseFrontier(m, res), spec)
	}
	if err := writeManifest(cfg.Out, m); err != nil {
		return nil, err
	}
	return writeReport(cfg.Out, m)
}

// budgetGap is a budget (USD) to solve with a relative MIP gap.
type budgetGap struct{ budget, gap float64 }

// budgetProof is the proof to try for a budget: from the smallest larger budget
// solved with the same gap. A larger budget relaxes a smaller one (the models
// differ only in the budget row), so its optimal plan, where it fits the smaller
// budget, is optimal there too (see lines.go); the pool checks that on the two
// models before it uses it. Nil when no such budget was solved.
func budgetProof(m *Manifest, res map[int]*Result, t budgetGap) *proof {
	best, at := -1, math.Inf(1)
	for _, c := range m.Cases {
		r := res[c.Index]
		if r == nil || !r.Optimal() || r.Method != MethodMIP {
			continue
		}
		b, _ := strconv.ParseFloat(c.Labels[0], 64)
		g, _ := strconv.ParseFloat(c.Labels[1], 64)
		if g == t.gap && b > t.budget && b < at {
			best, at = c.Index, b
		}
	}
	if best < 0 {
		return nil
	}
	return &proof{kind: lineNested, from: []int{best}}
}

// nextBudgets returns what to solve next: the points that break monotonicity,
// again with a tighter gap; when there are none, the midpoints of the intervals
// wider than Tol whose ends build different plant sets.
func nextBudgets(f *FrontierReport, spec FrontierSpec) []budgetGap {
	var out []budgetGap
	for _, b := range f.Decreases {
		i := slices.IndexFunc(f.Points, func(p FrontierPoint) bool { return p.Budget == b })
		if g := f.Points[i].Gap / gapTightening; g >= minFrontierGap {
			out = append(out, budgetGap{b, g})
		}
	}
	if len(out) > 0 {
		return out
	}
	var prev *FrontierPoint
	for i := range f.Points {
		pt := &f.Points[i]
		if !pt.Result.Optimal() {
			continue
		}
		// Intervals where the NPV gains less than the tolerance hold no kept
		// breakpoint, so they are not searched.
		if prev != nil && pt.Budget-prev.Budget > spec.Tol && !slices.Equal(plantSet(prev.Result), plantSet(pt.Result)) &&
			(f.Tolerance == 0 || pt.Result.NPV-prev.Result.NPV >= f.Tolerance) {
			out = append(out, between(prev, pt, spec)...)
		}
		prev = pt
	}
	slices.SortFunc(out, func(a, b budgetGap) int { return cmp.Compare(a.budget, b.budget) })
	return slices.Compact(out)
}

// between returns the budgets to solve between neighbouring points whose plant
// sets differ. The plan of the larger budget is optimal for every budget down to
// its capex c (it fits them, and they allow no more), and no budget below c can
// build its plant set, whose capex is c whatever the build years: so the plant
// set changes in (lo, c]. The budgets are c itself, which that plan proves, and
// c − Tol, which bounds the change to one Tol; when the plan's capex is not above
// the smaller budget (equally good plans), the midpoint.
func between(lo, hi *FrontierPoint, spec FrontierSpec) []budgetGap {
	c := math.Min(hi.Result.Capex, hi.Budget)
	if c <= lo.Budget {
		return []budgetGap{{(lo.Budget + hi.Budget) / 2, spec.Gap}}
	}
	var out []budgetGap
	if c < hi.Budget {
		out = append(out, budgetGap{c, spec.Gap})
	}
	if c-spec.Tol > lo.Budget {
		out = append(out, budgetGap{c - spec.Tol, spec.Gap})
	}
	return out
}

// analyseFrontier collects the frontier from the cases' results: per budget its
// tightest solve, the budgets where NPV falls by more than the gap allows, and the
// breakpoints between neighbouring optimal points.
func analyseFrontier(m *Manifest, res map[int]*Result) *FrontierReport {
	f := rawFrontier(m, res)
	var spec FrontierSpec
	if m.Frontier != nil {
		spec = *m.Frontier
	}
	f.keep(spec)
	return f
}

// rawFrontier collects the points, decreases and every breakpoint.
func rawFrontier(m *Manifest, res map[int]*Result) *FrontierReport {
	best := map[float64]FrontierPoint{}
	for _, c := range m.Cases {
		r := res[c.Index]
		if r == nil {
			continue
		}
		b, _ := strconv.ParseFloat(c.Labels[0], 64)
		g, _ := strconv.ParseFloat(c.Labels[1], 64)
		if old, ok := best[b]; !ok || g < old.Gap {
			best[b] = FrontierPoint{Budget: b, Gap: g, Case: c, Result: r}
		}
	}
	f := &FrontierReport{}
	for _, p := range best {
		f.Points = append(f.Points, p)
	}
	slices.SortFunc(f.Points, func(a, b FrontierPoint) int { return cmp.Compare(a.Budget, b.Budget) })
	var prev *FrontierPoint
	runMax, runMaxSet := 0.0, false
	for i := range f.Points {
		pt := &f.Points[i]
		r := pt.Result
		if !r.Optimal() {
			continue
		}
		if runMaxSet && r.NPV < runMax-(pt.Gap*math.Abs(runMax)+npvSlack) {
			f.Decreases = append(f.Decreases, pt.Budget)
		}
		if !runMaxSet || r.NPV > runMax {
			runMax, runMaxSet = r.NPV, true
		}
		if prev != nil {
			lo, hi := plantSet(prev.Result), plantSet(r)
			if !slices.Equal(lo, hi) {
				f.Breakpoints = append(f.Breakpoints, Breakpoint{Below: prev.Budget, Above: pt.Budget,
					Enter: minus(hi, lo), Leave: minus(lo, hi), NPVBelow: prev.Result.NPV, NPVAbove: r.NPV})
			}
		}
		prev = pt
	}
	return f
}

// keep works out the breakpoints kept at the spec's tolerance: walking up the
// budgets from the first optimal point, a point whose plant set differs from
// the one in force and whose NPV exceeds it by the tolerance or more starts a
// new set in force; a point with the set in force and more NPV (other build
// years) raises its NPV; any other change is merged.
func (f *FrontierReport) keep(spec FrontierSpec) {
	top := 0.0
	for _, p := range f.Points {
		if p.Result.Optimal() {
			top = math.Max(top, math.Abs(p.Result.NPV))
		}
	}
	f.Tolerance = spec.tolerance(top)
	f.Kept, f.Merged = nil, 0
	var inForce []string
	var ref float64
	var prev *FrontierPoint
	for i := range f.Points {
		pt := &f.Points[i]
		r := pt.Result
		if !r.Optimal() {
			continue
		}
		set := plantSet(r)
		switch {
		case prev == nil:
			inForce, ref = set, r.NPV
		case slices.Equal(set, inForce):
			ref = math.Max(ref, r.NPV)
		case r.NPV-ref >= f.Tolerance:
			f.Kept = append(f.Kept, Breakpoint{Below: prev.Budget, Above: pt.Budget, Enter: minus(set, inForce), Leave: minus(inForce, set),
				NPVBelow: prev.Result.NPV, NPVAbove: r.NPV})
			inForce, ref = set, r.NPV
		}
		prev = pt
	}
	f.Merged = max(0, len(f.Breakpoints)-len(f.Kept))
}

// minus returns the sorted elements of a not in b.
func minus(a, b []string) []string {
	out := []string{}
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// frontierReport writes the frontier's kept breakpoints, its points and chart.
func frontierReport(md *strings.Builder, dir string, m *Manifest, o *Outcome) error {
	f := analyseFrontier(m, o.Results)
	o.Frontier = f
	spec := m.Frontier
	fmt.Fprintf(md, "\nBudgets from %s to %s $M, solves at a relative gap of %s. At each breakpoint the larger plant set is optimal from the upper budget, its capex, up; the smaller one at most %s $M below.\n",
		budgetM(spec.From), budgetM(spec.To), formatNumber(spec.Gap), budgetM(spec.Tol))
	if len(f.Decreases) > 0 {
		fmt.Fprintf(md, "\n**Warning:** NPV falls as the budget rises at %d budgets even at the tightest gap; see the points below.\n", len(f.Decreases))
	}
	md.WriteString("\n## Breakpoints\n\n")
	if f.Tolerance > 0 {
		fmt.Fprintf(md, "A breakpoint is kept where the best plan's plant set (site/technology/size, build years aside) changes and earns at least %s $M more NPV than the set in force (--tolerance); %d changes between plant sets closer than that are merged. The plants entering and leaving are relative to the set in force.\n\n",
			millions(f.Tolerance), f.Merged)
	} else {
		md.WriteString("The plant set (site/technology/size, build years aside) changes within each budget interval.\n\n")
	}
	var rows [][]string
	for i, b := range f.Kept {
		rows = append(rows, []string{strconv.Itoa(i + 1), budgetM(b.Below) + " – " + budgetM(b.Above), joinOrNone(b.Enter), joinOrNone(b.Leave), millions(b.NPVBelow), millions(b.NPVAbove)})
	}
	mdTable(md, []string{"#", "budget ($M)", "plants entering", "plants leaving", "NPV below ($M)", "NPV above ($M)"}, rows)

	md.WriteString("\n## Points\n\n")
	rows = nil
	var line []point
	for _, pt := range f.Points {
		r := pt.Result
		f := figures(r)
		rows = append(rows, []string{budgetM(pt.Budget), formatNumber(pt.Gap), r.Status, f[0], f[1], f[3]})
		if r.Optimal() {
			line = append(line, point{pt.Budget / 1e6, r.NPV / 1e6})
		}
	}
	mdTable(md, []string{"budget ($M)", "gap", "status", "NPV ($M)", "capex ($M)", "plants"}, rows)
	fmt.Fprintf(md, "\n![Best NPV against the capital budget](%s)\n", FrontierChart)
	return frontierChart(dir, line, f)
}

// frontierChart draws the best NPV against the budget, numbers each kept
// breakpoint on the line and lists under the plot, for each, the plants that
// enter and leave.
func frontierChart(dir string, line []point, f *FrontierReport) error {
	title := "Budget frontier: best NPV against the capital budget"
	noteSt, _ := chart.Style("note")
	var notes [][]string
	for i, b := range f.Kept {
		text := fmt.Sprintf("%d. %s–%s $M: ", i+1, chartBudgetM(b.Below), chartBudgetM(b.Above))
		if len(b.Enter) > 0 {
			text += "+ " + strings.Join(b.Enter, ", ")
		}
		if len(b.Leave) > 0 {
			if len(b.Enter) > 0 {
				text += "; "
			}
			text += "− " + strings.Join(b.Leave, ", ")
		}
		notes = append(notes, chart.Wrap(text, noteSt.Size, noteSt.Bold, chartW-30))
	}
	listH := 0.0
	for _, n := range notes {
		listH += float64(len(n)) * 15
	}
	if f.Merged > 0 {
		listH += 15
	}
	h := chartH + listH
	legend := []chart.LegendItem{{Fill: chart.Palette[0].Fill, Line: "series", Label: "best NPV"}}
	if len(f.Kept) > 0 {
		legend = append(legend, chart.LegendItem{Fill: chart.Palette[1].Fill, Label: "plant set changes (numbered, listed below)"})
	}
	ss := []series{{name: "best NPV", pts: line}}
	xlo, xhi, ylo, yhi := extent(ss)
	fr := newFrame(chartH, title, "Capital budget ($M)", "NPV ($M)", xlo, xhi, ylo, yhi, legend, nil)
	fr.drawSeries(ss)
	obst := chart.Obstacles{Circles: fr.lineObstacles(line)}
	for _, b := range f.Kept {
		obst.Circles = append(obst.Circles, chart.Circle{X: fr.x.At(b.Above / 1e6), Y: fr.y.At(b.NPVAbove / 1e6), R: 5})
	}
	bounds := chart.Box{X0: fr.left, Y0: fr.top - 10, X1: chartW, Y1: fr.bottom}
	for i, b := range f.Kept {
		x, y := fr.x.At(b.Above/1e6), fr.y.At(b.NPVAbove/1e6)
		fr.c.Circle(x, y, 5, chart.Palette[1].Fill, "breakpoint", fmt.Sprintf("breakpoint %d at %s $M", i+1, chartBudgetM(b.Above)))
		label := strconv.Itoa(i + 1)
		sp, box, ok := obst.Place(chart.Around(x, y, 5, 3, 6, 6, "value"), "value", label, bounds)
		if ok {
			fr.c.Text(sp.X, sp.Y, sp.Anchor, "value", label)
			obst.Boxes = append(obst.Boxes, box)
		}
	}
	y := chartH + 6
	for _, n := range notes {
		for _, l := range n {
			fr.c.Text(14, y, "start", "note", l)
			y += 15
		}
	}
	if f.Merged > 0 {
		fr.c.Text(14, y, "start", "note", fmt.Sprintf("%d changes between plant sets within %s $M of NPV of each other are merged (--tolerance).", f.Merged, millions(f.Tolerance)))
	}
	return save(fr.c, dir, FrontierChart, h, title, "The best NPV as the capital budget rises, with the budgets where the plant set changes.")
}

// budgetM writes USD as $M, up to 10 significant digits.
func budgetM(v float64) string { return formatNumber(roundSig(v/1e6, 10)) }

// chartBudgetM writes a budget in $M to six significant digits (100.047), enough
// to tell breakpoints apart on a chart; the tables hold budgetM's figures.
func chartBudgetM(v float64) string { return formatNumber(roundSig(v/1e6, 6)) }

// joinOrNone joins plants for a table cell.
func joinOrNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, "; ")
}
