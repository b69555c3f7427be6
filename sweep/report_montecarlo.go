package sweep

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat"

	"github.com/mineralplan/mineralplan/chart"

	"github.com/mineralplan/mineralplan/scenarios"
)

// mcMetrics are the figures a Monte Carlo sweep summarises, in this order.
var mcMetrics = []string{"npv", "capex", "security"}

// MonteCarloReport is a Monte Carlo sweep's analysis over its optimal cases.
type MonteCarloReport struct {
	Samples int // cases in the sweep
	Solved  int // of which optimal: the statistics' sample size
	// Stats summarise npv, capex (USD) and security (t), in that order.
	Stats []MetricStats
	// Plants are the candidate plants with the share of optimal cases that build
	// them, most often built first, then by name.
	Plants []PlantShare
}

// MetricStats describe the distribution of one metric. P10, P50 and P90 are the
// 10th, 50th and 90th percentiles (10 % of cases lie below P10), linearly
// interpolated; SD is the sample standard deviation (NaN for one case).
type MetricStats struct {
	Metric                            string
	Mean, SD, P10, P50, P90, Min, Max float64
}

// PlantShare is a candidate plant — a technology at a site, any size or year —
// and the probability that it is built: the share of optimal cases building it.
type PlantShare struct {
	Plant       string // site/technology
	Probability float64
}

// candidatePlants lists site/technology for every technology each site allows,
// in the scenario's order.
func candidatePlants(s *scenarios.Scenario) []string {
	var out []string
	for _, site := range s.Sites {
		techs := site.Technologies
		if len(techs) == 0 {
			for _, t := range s.Technologies {
				techs = append(techs, t.ID)
			}
		}
		for _, t := range techs {
			out = append(out, site.ID+"/"+t)
		}
	}
	return out
}

// analyseMonteCarlo computes the statistics and plant probabilities.
func analyseMonteCarlo(m *Manifest, res map[int]*Result) *MonteCarloReport {
	rep := &MonteCarloReport{Samples: len(m.Cases)}
	built := map[string]int{}
	values := make([][]float64, len(mcMetrics))
	for _, c := range m.Cases {
		r := res[c.Index]
		if !r.Optimal() {
			continue
		}
		rep.Solved++
		for i, k := range mcMetrics {
			values[i] = append(values[i], r.metric(k))
		}
		seen := map[string]bool{}
		for _, p := range r.Plants {
			parts := strings.SplitN(p, "/", 3)
			if key := parts[0] + "/" + parts[1]; !seen[key] {
				seen[key] = true
				built[key]++
			}
		}
	}
	for i, k := range mcMetrics {
		rep.Stats = append(rep.Stats, describe(k, values[i]))
	}
	for _, p := range m.MonteCarlo.Candidates {
		share := math.NaN()
		if rep.Solved > 0 {
			share = float64(built[p]) / float64(rep.Solved)
		}
		rep.Plants = append(rep.Plants, PlantShare{Plant: p, Probability: share})
	}
	slices.SortStableFunc(rep.Plants, func(a, b PlantShare) int {
		return cmp.Or(cmp.Compare(b.Probability, a.Probability), cmp.Compare(a.Plant, b.Plant))
	})
	return rep
}

// describe summarises a sample (NaN throughout when it is empty).
func describe(metric string, x []float64) MetricStats {
	s := MetricStats{Metric: metric}
	if len(x) == 0 {
		nan := math.NaN()
		s.Mean, s.SD, s.P10, s.P50, s.P90, s.Min, s.Max = nan, nan, nan, nan, nan, nan, nan
		return s
	}
	sorted := slices.Clone(x)
	slices.Sort(sorted)
	s.Mean = stat.Mean(sorted, nil)
	s.SD = math.NaN()
	if len(x) > 1 {
		s.SD = stat.StdDev(sorted, nil)
	}
	s.P10 = stat.Quantile(0.1, stat.LinInterp, sorted, nil)
	s.P50 = stat.Quantile(0.5, stat.LinInterp, sorted, nil)
	s.P90 = stat.Quantile(0.9, stat.LinInterp, sorted, nil)
	s.Min, s.Max = sorted[0], sorted[len(sorted)-1]
	return s
}

// monteCarloReport writes the distributions sampled, the statistics, the plant
// probabilities and a histogram of each metric.
func monteCarloReport(md *strings.Builder, dir string, m *Manifest, o *Outcome) error {
	rep := analyseMonteCarlo(m, o.Results)
	o.MonteCarlo = rep
	spec := m.MonteCarlo
	method := "plain sampling"
	if spec.LHS {
		method = "a Latin hypercube"
	}
	fmt.Fprintf(md, "\n## Inputs\n\n%d samples by %s, seed %d.\n\n", spec.Samples, method, spec.Seed)
	var rows [][]string
	for _, d := range spec.Dists {
		kind := "absolute"
		if d.Relative {
			kind = "factor of the base value"
		}
		rows = append(rows, []string{d.Path, d.Spec, kind})
	}
	mdTable(md, []string{"parameter", "distribution", "values"}, rows)

	fmt.Fprintf(md, "\n## Outputs over the %d optimal cases\n\nP10, P50 and P90 are the 10th, 50th and 90th percentiles: 10 %% of cases lie below P10.\n\n", rep.Solved)
	rows = nil
	for _, st := range rep.Stats {
		scale := metricScale(st.Metric)
		f := func(v float64) string {
			if math.IsNaN(v) {
				return "–"
			}
			return fixed(v*scale, 2)
		}
		rows = append(rows, []string{metricLabel(st.Metric), f(st.Mean), f(st.SD), f(st.P10), f(st.P50), f(st.P90), f(st.Min), f(st.Max)})
	}
	mdTable(md, []string{"metric", "mean", "sd", "P10", "P50", "P90", "min", "max"}, rows)

	md.WriteString("\n## Probability that each candidate plant is built\n\nA plant is a technology at a site, of any size and build year.\n\n")
	rows = nil
	never := 0
	for _, p := range rep.Plants {
		if p.Probability == 0 {
			never++
			continue
		}
		rows = append(rows, []string{p.Plant, fixed(p.Probability, 3)})
	}
	mdTable(md, []string{"site/technology", "probability"}, rows)
	if never > 0 {
		fmt.Fprintf(md, "\n%d other candidate plants are never built.\n", never)
	}

	md.WriteString("\n## Histograms\n\n")
	for i, k := range mcMetrics {
		if rep.Solved == 0 {
			break
		}
		var xs []float64
		for _, c := range m.Cases {
			if r := o.Results[c.Index]; r.Optimal() {
				xs = append(xs, r.metric(k)*metricScale(k))
			}
		}
		name := "hist-" + k + ".svg"
		if err := histogram(dir, name, xs, rep.Stats[i], metricScale(k), metricName(k)+" over "+strconv.Itoa(len(xs))+" cases", metricLabel(k)); err != nil {
			return fmt.Errorf("chart %s: %w", name, err)
		}
		fmt.Fprintf(md, "![%s](%s)\n\n", metricName(mcMetrics[i]), name)
	}
	return nil
}

// histogram draws the values in bins (√n, from 5 to 40), the P10, P50 and P90
// as marked lines and the share of cases at or below each value as a
// cumulative curve on a second axis (0–100 %). st are the values' statistics
// in their own unit, scale converts them to the values'.
func histogram(dir, name string, values []float64, st MetricStats, scale float64, title, xTitle string) error {
	bins := min(max(int(math.Sqrt(float64(len(values)))), 5), 40)
	lo, hi := slices.Min(values), slices.Max(values)
	if hi == lo {
		// No spread: one bar in the middle of a round range, and the title says so.
		title += fmt.Sprintf(" (every case %s)", numberCell(roundSig(lo, 6)))
		pad := math.Max(0.5, math.Abs(lo)*0.05)
		lo, hi = lo-pad, hi+pad
	}
	width := (hi - lo) / float64(bins)
	counts := make([]int, bins)
	for _, v := range values {
		counts[min(int((v-lo)/width), bins-1)]++
	}
	top := slices.Max(counts)
	legend := []chart.LegendItem{{Fill: chart.Palette[0].Fill, Label: "cases per bin (left axis)"},
		{Fill: chart.Palette[5].Fill, Line: "series", Label: "share of cases at or below (right axis)"},
		{Line: "marker-line", Label: "P10, P50, P90"}}
	f := newFrameRight(chartH, 44, title, xTitle, "cases", lo, hi, 0, float64(top)*1.05, legend, nil) // room for the right axis
	for i, n := range counts {
		x0, x1 := f.x.At(lo+float64(i)*width), f.x.At(lo+float64(i+1)*width)
		f.c.Rect(x0+0.5, f.y.At(float64(n)), x1-x0-1, f.y.At(0)-f.y.At(float64(n)), chart.Palette[0].Fill, "bar",
			fmt.Sprintf("%s to %s: %d cases", numberCell(lo+float64(i)*width), numberCell(lo+float64(i+1)*width), n))
	}
	// The cumulative share, on the right axis.
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	cum := chart.Scale{D0: 0, D1: 1, P0: f.bottom, P1: f.top}
	pts := [][2]float64{{f.x.At(sorted[0]), cum.At(0)}}
	for i, v := range sorted {
		pts = append(pts, [2]float64{f.x.At(v), cum.At(float64(i+1) / float64(len(sorted)))})
	}
	f.c.Polyline(pts, "series", chart.Palette[5].Fill)
	obst := chart.Obstacles{}
	for i := 1; i < len(pts); i++ { // the curve, as circles along it
		x0, y0, x1, y1 := pts[i-1][0], pts[i-1][1], pts[i][0], pts[i][1]
		n := max(1, int(math.Hypot(x1-x0, y1-y0)/3))
		for k := 0; k <= n; k++ {
			t := float64(k) / float64(n)
			obst.Circles = append(obst.Circles, chart.Circle{X: x0 + t*(x1-x0), Y: y0 + t*(y1-y0), R: 2})
		}
	}

	for _, t := range []float64{0, 0.25, 0.5, 0.75, 1} {
		f.c.Text(f.right+6, cum.At(t)+4, "start", "tick", strconv.Itoa(int(t*100))+"%")
	}
	// P10, P50 and P90: dashed lines, then their names near the top of the
	// plot, each moved down a row, or to the other side of its line, when it
	// would touch another name, another line or the curve.
	type mark struct {
		text string
		x    float64
	}
	var marks []mark
	for _, q := range []struct {
		name string
		v    float64
	}{{"P10", st.P10}, {"P50", st.P50}, {"P90", st.P90}} {
		if math.IsNaN(q.v) {
			continue
		}
		x := f.x.At(q.v * scale)
		f.c.Line(x, f.top, x, f.bottom, "marker-line")
		marks = append(marks, mark{q.name + " " + numberCell(roundSig(q.v*scale, 4)), x})
	}
	for _, m := range marks {
		lines := slices.Clone(obst.Boxes)
		for _, o := range marks {
			obst.Boxes = append(obst.Boxes, chart.Box{X0: o.x - 1, Y0: f.top, X1: o.x + 1, Y1: f.bottom})
		}
		first, second := "start", "end"
		if m.x > (f.left+f.right)/2 {
			first, second = "end", "start"
		}
		var spots []chart.Spot
		for row := 0; row < 12; row++ {
			for _, anchor := range []string{first, second} {
				dx := 4.0
				if anchor == "end" {
					dx = -4
				}
				spots = append(spots, chart.Spot{X: m.x + dx, Y: f.top + 12 + float64(row)*15, Anchor: anchor})
			}
		}
		bounds := chart.Box{X0: f.left, Y0: f.top - 4, X1: f.right, Y1: f.bottom}
		sp, b, ok := obst.Place(spots, "value", m.text, bounds)
		obst.Boxes = lines
		if ok {
			f.c.Text(sp.X, sp.Y, sp.Anchor, "value", m.text)
			obst.Boxes = append(obst.Boxes, b)
		}
	}
	return save(f.c, dir, name, chartH, title, "Histogram of the cases' values with P10, P50, P90 and the cumulative share of cases.")
}
