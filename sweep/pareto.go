package sweep

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/mineralplan/mineralplan/chart"
)

// ParetoChart is the file name of a Pareto front's chart.
const ParetoChart = "pareto.svg"

// epsBackoff is the share by which every ε is lowered, so that the points at the
// ends of the range stay feasible within HiGHS's tolerances.
const epsBackoff = 1e-6

// ParetoSpec is a Pareto front of NPV against supply security with Points
// points, found by the ε-constraint method.
type ParetoSpec struct {
	Points int `json:"points"`
}

// Validate checks the spec: at least two points.
func (s ParetoSpec) Validate() error {
	if s.Points < 2 {
		return fmt.Errorf("--points %d: a front needs at least 2 points", s.Points)
	}
	if s.Points > maxAxisValues {
		return fmt.Errorf("--points %d: at most %d", s.Points, maxAxisValues)
	}
	return nil
}

// ParetoReport is a Pareto front: NPV (USD) against supply security (t).
type ParetoReport struct {
	// MaxNPV and MaxSecurity are the results at the two ends: the best NPV, and
	// the most security (objective.kind=security); nil when that case failed.
	MaxNPV, MaxSecurity *Result
	// Points are the front's points in order of rising ε.
	Points []ParetoPoint
}

// ParetoPoint is one point of the front: the best NPV with at least Epsilon
// tonnes of security.
type ParetoPoint struct {
	Case    Case
	Epsilon float64 // t
	Result  *Result
	// Dominated reports that another point has at least as much NPV and security
	// and more of one (by more than 1 ppm): a sign of a solve stopped at the gap.
	Dominated bool
}

// Pareto traces the NPV–security front of the base scenario by the ε-constraint
// method and writes it to cfg.Out: it solves for the most security
// (objective.kind=security) and for the best NPV, then Points cases with
// objective.kind=npv and objective.min_security=ε for ε spread evenly from the
// security of the best-NPV plan to the most security (each ε lowered by 1 ppm).
// When the two ends have the same security there is no trade-off and one point
// is solved. Every point is a full plan in its own case folder. Pareto fronts
// are not sharded; Resume reuses finished cases.
func Pareto(ctx context.Context, cfg Config, spec ParetoSpec) (*Outcome, error) {
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	if !cfg.Shard.Whole() {
		return nil, errors.New("a Pareto front runs on one machine: drop --shard")
	}
	return inWorkDir(cfg, func(cfg Config) (*Outcome, error) { return pareto(ctx, cfg, spec) })
}

// pareto is Pareto in the work folder cfg.Out.
func pareto(ctx context.Context, cfg Config, spec ParetoSpec) (*Outcome, error) {
	m := &Manifest{Kind: KindPareto, Pareto: &spec, Columns: []string{"point", "objective.kind", "objective.min_security"}}
	p, err := start(ctx, cfg, m)
	if err != nil {
		return nil, err
	}
	ends := []Case{
		{Labels: []string{"max-security", "security", ""}, Sets: []string{"objective.kind=security", "objective.min_security=null"}},
		{Labels: []string{"max-npv", "npv", ""}, Sets: []string{"objective.kind=npv", "objective.min_security=null"}},
	}
	res, err := runMore(ctx, p, m, ends)
	if err != nil || ctx.Err() != nil {
		return interrupted(cfg, m, err)
	}
	top, low := res[0], res[1]
	if top.Optimal() && low.Optimal() {
		var points []Case
		for k, eps := range epsilons(low.Security, top.Security, spec.Points) {
			v := formatNumber(roundSig(eps, 10))
			points = append(points, Case{Labels: []string{strconv.Itoa(k + 1), "npv", v}, Sets: []string{"objective.kind=npv", "objective.min_security=" + v}})
		}
		if _, err := runMore(ctx, p, m, points); err != nil || ctx.Err() != nil {
			return interrupted(cfg, m, err)
		}
	}
	if err := writeManifest(cfg.Out, m); err != nil {
		return nil, err
	}
	return writeReport(cfg.Out, m)
}

// epsilons returns n values spread evenly from lo to hi, each lowered by
// epsBackoff, or the one value lo when hi does not exceed it.
func epsilons(lo, hi float64, n int) []float64 {
	if hi-lo <= epsBackoff*math.Max(1, math.Abs(hi)) {
		return []float64{lo * (1 - epsBackoff)}
	}
	out := make([]float64, n)
	for k := range out {
		out[k] = (lo + float64(k)/float64(n-1)*(hi-lo)) * (1 - epsBackoff)
	}
	return out
}

// analysePareto collects the front from the cases' results.
func analysePareto(m *Manifest, res map[int]*Result) *ParetoReport {
	rep := &ParetoReport{}
	for _, c := range m.Cases {
		r := res[c.Index]
		switch c.Labels[0] {
		case "max-security":
			rep.MaxSecurity = okOrNil(r)
		case "max-npv":
			rep.MaxNPV = okOrNil(r)
		default:
			eps, _ := strconv.ParseFloat(c.Labels[2], 64)
			rep.Points = append(rep.Points, ParetoPoint{Case: c, Epsilon: eps, Result: r})
		}
	}
	for i, a := range rep.Points {
		if !a.Result.Optimal() {
			continue
		}
		for _, b := range rep.Points {
			if b.Result.Optimal() && dominates(b.Result, a.Result) {
				rep.Points[i].Dominated = true
				break
			}
		}
	}
	return rep
}

// okOrNil returns r when it is optimal.
func okOrNil(r *Result) *Result {
	if r.Optimal() {
		return r
	}
	return nil
}

// dominates reports whether a has at least b's NPV and security and more of one,
// by more than 1 ppm.
func dominates(a, b *Result) bool {
	more := func(x, y float64) bool { return x > y+1e-6*math.Max(1, math.Abs(y)) }
	less := func(x, y float64) bool { return more(y, x) }
	return !less(a.NPV, b.NPV) && !less(a.Security, b.Security) && (more(a.NPV, b.NPV) || more(a.Security, b.Security))
}

// paretoReport writes the front's table and chart.
func paretoReport(md *strings.Builder, dir string, m *Manifest, o *Outcome) error {
	rep := analysePareto(m, o.Results)
	o.Pareto = rep
	if rep.MaxNPV == nil || rep.MaxSecurity == nil {
		md.WriteString("\nThe front could not be traced: the best-NPV or the most-security solve has no optimal plan (see below).\n")
		return nil
	}
	fmt.Fprintf(md, "\nBest NPV: %s $M, with %s t of security. Most security: %s t.\n",
		millions(rep.MaxNPV.NPV), tonnes(rep.MaxNPV.Security), tonnes(rep.MaxSecurity.Security))
	if len(rep.Points) == 1 {
		md.WriteString("\nThe best-NPV plan also gives the most security: there is no trade-off, and the front is one point.\n")
	}
	md.WriteString("\n## Points\n\nEach point is the best NPV with at least ε tonnes of security (objective.min_security); its full plan is in its case folder.\n\n")
	var rows [][]string
	var xy []point
	var labels []string
	for i, pt := range rep.Points {
		r := pt.Result
		f := figures(r)
		row := []string{pt.Case.Labels[0], tonnes(pt.Epsilon), r.Status, f[2], f[0], f[1], f[3], casesDir + "/" + pt.Case.Hash}
		if pt.Dominated {
			row[2] += " (dominated)"
		}
		rows = append(rows, row)
		if !r.Optimal() {
			continue
		}
		if n := len(xy); n > 0 && samePoint(rep.Points[i-1].Result, r) { // label a run of equal points once: 2–6
			labels[n-1] = strings.SplitN(labels[n-1], "–", 2)[0] + "–" + pt.Case.Labels[0]
			continue
		}
		xy = append(xy, point{r.Security, r.NPV / 1e6})
		labels = append(labels, pt.Case.Labels[0])
	}
	mdTable(md, []string{"point", "ε (t)", "status", "security (t)", "NPV ($M)", "capex ($M)", "plants", "folder"}, rows)
	fmt.Fprintf(md, "\n![Pareto front of NPV against supply security](%s)\n", ParetoChart)
	return paretoChart(dir, xy, labels)
}

// samePoint reports whether two results lie at the same place on the front,
// to 1 ppm.
func samePoint(a, b *Result) bool {
	return a.Optimal() && math.Abs(a.NPV-b.NPV) <= 1e-6*math.Max(1, math.Abs(a.NPV)) &&
		math.Abs(a.Security-b.Security) <= 1e-6*math.Max(1, math.Abs(a.Security))
}

// paretoChart draws the front with each point numbered, each number placed
// beside its point where it covers no other point and no other number.
func paretoChart(dir string, xy []point, labels []string) error {
	title := "Pareto front: NPV against supply security"
	ss := []series{{name: "front", pts: xy}}
	xlo, xhi, ylo, yhi := extent(ss)
	f := newFrame(chartH, title, "Supply security (t)", "NPV ($M)", xlo, xhi, ylo, yhi, nil, nil)
	f.drawSeries(ss)
	obst := chart.Obstacles{Circles: f.lineObstacles(xy)}
	bounds := chart.Box{X0: f.left, Y0: f.top - 10, X1: chartW, Y1: f.bottom}
	for i, p := range xy {
		sp, b, ok := obst.Place(chart.Around(f.x.At(p.x), f.y.At(p.y), 3, 3, 6, 6, "value"), "value", labels[i], bounds)
		if !ok {
			continue
		}
		f.c.Text(sp.X, sp.Y, sp.Anchor, "value", labels[i])
		obst.Boxes = append(obst.Boxes, b)
	}
	return save(f.c, dir, ParetoChart, chartH, title, "The best NPV for each level of supply security, each point numbered as in the table.")
}
