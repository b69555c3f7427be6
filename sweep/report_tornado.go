package sweep

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/mineralplan/mineralplan/chart"
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

// inText writes a metric's name inside a sentence: its first word in lower
// case unless it is an acronym (net capex, NPV, equity IRR).
func inText(name string) string {
	first, rest, _ := strings.Cut(name, " ")
	if first != strings.ToUpper(first) {
		first = strings.ToLower(first)
	}
	if rest == "" {
		return first
	}
	return first + " " + rest
}

// zeroSwing is the swing, in the metric's table unit ($M, t), below which a
// parameter is said not to move the metric: it rounds to 0.00.
const zeroSwing = 0.005

// tornadoReport writes the tornado table and chart. Parameters are named in
// words with their units; those that do not move the metric are left out of
// the table and the chart, and counted.
func tornadoReport(md *strings.Builder, dir string, m *Manifest, o *Outcome) error {
	t := analyseTornado(m, o.Results)
	o.Tornado = t
	scale := metricScale(t.Metric)
	// A rate of return or a partner's NPV may be missing from a solved case
	// (cash flows with no or several IRRs); other figures only from a failed one.
	missing := "failed"
	if isRate(t.Metric) || strings.HasPrefix(t.Metric, partnerMetric) {
		missing = "n/a"
	}
	num := func(v float64) string {
		if math.IsNaN(v) {
			return missing
		}
		return fixed(v*scale, 2)
	}
	label := metricLabel(t.Metric)
	fmt.Fprintf(md, "\n## %s swing, largest first\n\n%s at the base scenario: %s. Each parameter is set to its low and then its high value with everything else at the base.\n\n",
		metricName(t.Metric), label, num(t.Base))
	var rows [][]string
	var kept []TornadoRow
	var still []string
	for _, r := range t.Rows {
		if !math.IsNaN(r.Swing) && r.Swing*scale < zeroSwing {
			still = append(still, paramOf(m.Params, r.Path).Name)
			continue
		}
		kept = append(kept, r)
		p := paramOf(m.Params, r.Path)
		rows = append(rows, []string{p.Label(), p.ValueText(r.Low), p.ValueText(r.High), num(r.AtLow), num(r.AtHigh), num(r.Swing)})
	}
	mdTable(md, []string{"parameter", "low value", "high value", "at low", "at high", "swing"}, rows)
	if missing == "n/a" {
		fmt.Fprintf(md, "\nn/a: the case has no optimal plan, or its plan has no %s (cash flows with no or several IRRs, or no hurdle rate).\n", inText(metricName(t.Metric)))
	}
	if len(still) > 0 {
		fmt.Fprintf(md, "\n%d parameters do not move %s (a swing below %s) and are left out: %s.\n", len(still), inText(metricName(t.Metric)),
			fixed(zeroSwing, 3), strings.Join(still, "; "))
	}
	fmt.Fprintf(md, "\n![Tornado of %s](%s)\n", label, TornadoChart)
	return tornadoChart(dir, t, kept, len(still), m.Params)
}

// tornadoChart draws the tornado: for each parameter that moves the metric, a
// bar from the base value to the value at the low end and one to the value at
// the high end, the largest swing on top, named in words with its unit; the
// base value is a marked line.
func tornadoChart(dir string, t *TornadoReport, rows []TornadoRow, dropped int, params []Param) error {
	scale := metricScale(t.Metric)
	base := t.Base * scale
	if math.IsNaN(base) {
		base = 0
	}
	labelSt, _ := chart.Style("label")
	lead := labelSt.Size + 2
	maxLabel := chartW * 0.42
	names := make([][]string, len(rows))
	widest := 0.0
	rowH := make([]float64, len(rows))
	lo, hi := base, base
	for i, r := range rows {
		names[i] = chart.Wrap(paramOf(params, r.Path).Label(), labelSt.Size, labelSt.Bold, maxLabel)
		for _, l := range names[i] {
			widest = math.Max(widest, chart.Width(l, labelSt.Size, labelSt.Bold))
		}
		rowH[i] = math.Max(24, float64(len(names[i]))*lead+8)
		for _, v := range []float64{r.AtLow * scale, r.AtHigh * scale} {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if lo == hi {
		lo, hi = lo-1, hi+1
	}
	total := 0.0
	for _, h := range rowH {
		total += h
	}
	var c chart.Canvas
	title := "Tornado: " + metricLabel(t.Metric)
	c.Text(10, 18, "start", "chart-title", title)
	legendBottom := c.Legend([]chart.LegendItem{{Fill: chart.Palette[0].Fill, Label: "at the low value"}, {Fill: chart.Palette[1].Fill, Label: "at the high value"},
		{Line: "baseline", Label: "base scenario"}}, 10, 42, chartW-10)
	top := legendBottom + 16
	left := widest + 18
	ticks := chart.NiceTicks(lo, hi, 5)
	x := chart.Scale{D0: ticks[0], D1: ticks[len(ticks)-1], P0: left, P1: chartW - 20}
	bottom := top + total
	h := bottom + 60
	if dropped > 0 {
		h += 18
	}
	for _, tk := range ticks {
		c.Line(x.At(tk), top, x.At(tk), bottom, "gridline")
		c.Text(x.At(tk), bottom+16, "middle", "tick", chart.TickLabel(tk, ticks))
	}
	c.Text((left+x.P1)/2, bottom+38, "middle", "axis-title", metricLabel(t.Metric))
	y := top
	for i, r := range rows {
		mid := y + rowH[i]/2
		for k, l := range names[i] {
			c.Text(left-8, mid+4+(float64(k)-float64(len(names[i])-1)/2)*lead, "end", "label", l)
		}
		for k, v := range []float64{r.AtLow * scale, r.AtHigh * scale} {
			if math.IsNaN(v) {
				continue
			}
			side := []string{"low", "high"}[k]
			c.Rect(x.At(base), mid-7, x.At(v)-x.At(base), 14, chart.Palette[k].Fill, "bar",
				fmt.Sprintf("%s at its %s value: %s", paramOf(params, r.Path).Name, side, numberCell(roundSig(v, 6))))
		}
		y += rowH[i]
	}
	c.Line(x.At(base), top-4, x.At(base), bottom, "baseline")
	baseText := "base " + numberCell(roundSig(base, 5))
	anchor := "middle"
	switch bx := x.At(base); {
	case bx-chart.Width(baseText, 12, false)/2 < left:
		anchor = "start"
	case bx+chart.Width(baseText, 12, false)/2 > chartW-4:
		anchor = "end"
	}
	c.Text(x.At(base), top-8, anchor, "value", baseText)
	if dropped > 0 {
		c.Text(10, h-10, "start", "note", fmt.Sprintf("Not shown: %d parameters that do not move %s.", dropped, inText(metricName(t.Metric))))
	}
	return save(&c, dir, TornadoChart, h, title, "How far the metric moves when each parameter goes to its low and its high value, largest swing first.")
}
