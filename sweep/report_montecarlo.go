package sweep

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat"

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
		p, err := histogram(xs, metricName(k)+" over "+strconv.Itoa(len(xs))+" cases", metricLabel(k))
		if err != nil {
			return fmt.Errorf("chart %s: %w", name, err)
		}
		if err := savePlot(p, dir, name, chartH); err != nil {
			return err
		}
		fmt.Fprintf(md, "![%s](%s)\n\n", metricName(mcMetrics[i]), name)
	}
	return nil
}
