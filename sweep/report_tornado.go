package sweep

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot/vg"
)

// TornadoChart is the file name of a tornado's chart.
const TornadoChart = "tornado.svg"

// TornadoReport is a tornado's analysis: how far the metric moves when each
// parameter goes from its low to its high value, in the metric's unit (USD, t).
type TornadoReport struct {
	Metric string
	// Base is the metric at the base scenario (NaN when it has no optimal plan).
	Base float64
	// Rows are sorted by Swing, largest first (rows with a failed case last),
	// then by path.
	Rows []TornadoRow
}

// TornadoRow is one parameter of a tornado.
type TornadoRow struct {
	Path      string
	Low, High string // the values applied, as written
	// AtLow and AtHigh are the metric at the low and high value, NaN when that
	// case has no optimal plan; Swing is |AtHigh − AtLow| (NaN likewise).
	AtLow, AtHigh, Swing float64
}

// analyseTornado computes the tornado from the cases' results.
func analyseTornado(m *Manifest, res map[int]*Result) *TornadoReport {
	metric := m.Tornado.Metric
	value := func(c Case) float64 {
		if r := res[c.Index]; r.Optimal() {
			return r.metric(metric)
		}
		return math.NaN()
	}
	t := &TornadoReport{Metric: metric, Base: math.NaN()}
	byPath := map[string]*TornadoRow{}
	for _, c := range m.Cases {
		path, side := c.Labels[0], c.Labels[1]
		if side == "base" {
			t.Base = value(c)
			continue
		}
		row := byPath[path]
		if row == nil {
			row = &TornadoRow{Path: path}
			byPath[path] = row
		}
		if side == "low" {
			row.Low, row.AtLow = c.Labels[2], value(c)
		} else {
			row.High, row.AtHigh = c.Labels[2], value(c)
		}
	}
	for _, p := range m.Tornado.Params {
		row := byPath[p.Path]
		row.Swing = math.Abs(row.AtHigh - row.AtLow)
		t.Rows = append(t.Rows, *row)
	}
	slices.SortStableFunc(t.Rows, func(a, b TornadoRow) int {
		return cmp.Or(cmp.Compare(b.Swing, a.Swing), cmp.Compare(a.Path, b.Path)) // NaN sorts below every number
	})
	return t
}

// tornadoReport writes the tornado table and chart.
func tornadoReport(md *strings.Builder, dir string, m *Manifest, o *Outcome) error {
	t := analyseTornado(m, o.Results)
	o.Tornado = t
	scale := metricScale(t.Metric)
	num := func(v float64) string {
		if math.IsNaN(v) {
			return "failed"
		}
		return fixed(v*scale, 2)
	}
	label := metricLabel(t.Metric)
	fmt.Fprintf(md, "\n## %s swing, largest first\n\n%s at the base scenario: %s. Each parameter is set to its low and then its high value with everything else at the base.\n\n",
		metricName(t.Metric), label, num(t.Base))
	var rows [][]string
	for _, r := range t.Rows {
		rows = append(rows, []string{r.Path, r.Low, r.High, num(r.AtLow), num(r.AtHigh), num(r.Swing)})
	}
	mdTable(md, []string{"parameter", "low", "high", "at low", "at high", "swing"}, rows)
	fmt.Fprintf(md, "\n![Tornado of %s](%s)\n", label, TornadoChart)
	return tornadoChart(dir, t)
}

// tornadoChart draws the tornado: a bar from the base value to the value at each
// end, the largest swing on top.
func tornadoChart(dir string, t *TornadoReport) error {
	scale := metricScale(t.Metric)
	bars := tornadoBars{base: t.Base * scale}
	if math.IsNaN(bars.base) {
		bars.base = 0
	}
	names := make([]string, len(t.Rows))
	for i, r := range t.Rows {
		bars.low = append(bars.low, r.AtLow*scale)
		bars.high = append(bars.high, r.AtHigh*scale)
		names[len(t.Rows)-1-i] = r.Path
	}
	p := newPlot("Tornado: "+metricLabel(t.Metric), metricLabel(t.Metric), "")
	p.Add(bars) // the legend sits at the bottom right, by the smallest swings
	p.NominalY(names...)
	p.Legend.Add("low value", swatch(palette[0]))
	p.Legend.Add("high value", swatch(palette[1]))
	h := max(chartH, vg.Length(len(t.Rows))*18+120)
	return savePlot(p, dir, TornadoChart, h)
}
