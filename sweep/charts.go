package sweep

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/mineralplan/mineralplan/chart"
	"github.com/mineralplan/mineralplan/results"
)

// Chart size, px; every sweep chart is as wide as the report's charts and
// drawn by the same layer (package chart).
const (
	chartW = 640.0
	chartH = 400.0
)

// frame is the plot area of an x–y chart and its scales.
type frame struct {
	c                        *chart.Canvas
	left, top, right, bottom float64
	x, y                     chart.Scale
	xticks, yticks           []float64
}

// newFrame starts a chart of the given height with a title, an optional
// legend under it, and axes for [xlo, xhi] × [ylo, yhi] with their titles (the
// y title above the axis, the x title under it). xLabels, when given, name the
// x positions 0, 1, … instead of numeric ticks.
func newFrame(h float64, title, xTitle, yTitle string, xlo, xhi, ylo, yhi float64, legend []chart.LegendItem, xLabels []string) *frame {
	return newFrameRight(h, 20, title, xTitle, yTitle, xlo, xhi, ylo, yhi, legend, xLabels)
}

// newFrameRight is newFrame with a right margin of its own, px (room for a
// second axis).
func newFrameRight(h, margin float64, title, xTitle, yTitle string, xlo, xhi, ylo, yhi float64, legend []chart.LegendItem, xLabels []string) *frame {
	f := &frame{c: &chart.Canvas{}}
	f.c.Text(10, 18, "start", "chart-title", title)
	top := 44.0
	if len(legend) > 0 {
		top = f.c.Legend(legend, 10, 42, chartW-10) + 6
	}
	f.c.Text(10, top, "start", "axis-title", yTitle)
	f.top = top + 12
	f.yticks = chart.NiceTicks(ylo, yhi, 5)
	var labels []string
	for _, t := range f.yticks {
		labels = append(labels, chart.TickLabel(t, f.yticks))
	}
	f.left = widestText("tick", labels...) + 16
	f.right = chartW - margin
	f.bottom = h - 46
	f.y = chart.Scale{D0: f.yticks[0], D1: f.yticks[len(f.yticks)-1], P0: f.bottom, P1: f.top}
	if xLabels != nil {
		f.x = chart.Scale{D0: -0.5, D1: float64(len(xLabels)) - 0.5, P0: f.left, P1: f.right}
	} else {
		f.xticks = chart.NiceTicks(xlo, xhi, 6)
		f.x = chart.Scale{D0: f.xticks[0], D1: f.xticks[len(f.xticks)-1], P0: f.left, P1: f.right}
	}
	for _, t := range f.yticks {
		f.c.Line(f.left, f.y.At(t), f.right, f.y.At(t), "gridline")
		f.c.Text(f.left-6, f.y.At(t)+4, "end", "tick", chart.TickLabel(t, f.yticks))
	}
	if xLabels != nil {
		w := widestText("tick", xLabels...) + 8
		every := max(1, int(math.Ceil(w/math.Max(f.x.At(1)-f.x.At(0), 1))))
		for i, l := range xLabels {
			if i%every == 0 {
				f.c.Text(f.x.At(float64(i)), f.bottom+16, "middle", "tick", l)
			}
		}
	} else {
		for _, t := range f.xticks {
			f.c.Line(f.x.At(t), f.top, f.x.At(t), f.bottom, "gridline")
			f.c.Text(f.x.At(t), f.bottom+16, "middle", "tick", chart.TickLabel(t, f.xticks))
		}
	}
	f.c.Line(f.left, f.bottom, f.right, f.bottom, "axis")
	f.c.Text((f.left+f.right)/2, h-12, "middle", "axis-title", xTitle)
	return f
}

// widestText is the width of the widest of texts at a class's size, px.
func widestText(class string, texts ...string) float64 {
	st, _ := chart.Style(class)
	w := 0.0
	for _, t := range texts {
		w = math.Max(w, chart.Width(t, st.Size, st.Bold))
	}
	return w
}

// save writes a chart as a standalone SVG file into dir, atomically.
func save(c *chart.Canvas, dir, name string, h float64, title, desc string) error {
	id := strings.TrimSuffix(name, ".svg")
	return results.WriteFileAtomic(filepath.Join(dir, name), c.Standalone(id, chartW, h, title, desc))
}

// point is a data point of a chart.
type point struct{ x, y float64 }

// series is one line of a line chart, or a set of points when dots is set.
type series struct {
	name string
	pts  []point
	dots bool
}

// drawSeries draws each series in palette order, a line through its points
// with a dot at each (dots only when dots is set).
func (f *frame) drawSeries(ss []series) {
	for i, s := range ss {
		col := chart.Palette[i%len(chart.Palette)].Fill
		if !s.dots && len(s.pts) > 1 {
			var pts [][2]float64
			for _, p := range s.pts {
				pts = append(pts, [2]float64{f.x.At(p.x), f.y.At(p.y)})
			}
			f.c.Polyline(pts, "series", col)
		}
		for _, p := range s.pts {
			f.c.Circle(f.x.At(p.x), f.y.At(p.y), 3, col, "dot", fmt.Sprintf("%s %s, %s", s.name, numberCell(p.x), numberCell(p.y)))
		}
	}
}

// lineObstacles are what labels beside a series must not cover: its dots and
// its line, as small circles every few pixels along each segment.
func (f *frame) lineObstacles(pts []point) []chart.Circle {
	var out []chart.Circle
	for i, p := range pts {
		x, y := f.x.At(p.x), f.y.At(p.y)
		out = append(out, chart.Circle{X: x, Y: y, R: 3.5})
		if i == 0 {
			continue
		}
		x0, y0 := f.x.At(pts[i-1].x), f.y.At(pts[i-1].y)
		n := int(math.Hypot(x-x0, y-y0) / 3)
		for k := 1; k < n; k++ {
			t := float64(k) / float64(n)
			out = append(out, chart.Circle{X: x0 + t*(x-x0), Y: y0 + t*(y-y0), R: 2})
		}
	}
	return out
}

// seriesLegend is the legend of the series, in palette order.
//
// A line drawn under a later one with the same points cannot be seen: its label
// says which line covers it.
func seriesLegend(ss []series) []chart.LegendItem {
	var out []chart.LegendItem
	for i, s := range ss {
		label := s.name
		for k := len(ss) - 1; k > i; k-- {
			if samePoints(s.pts, ss[k].pts) {
				label += " — under the " + distinct(ss[k].name, s.name) + " line, same values"
				break
			}
		}
		out = append(out, chart.LegendItem{Fill: chart.Palette[i%len(chart.Palette)].Fill, Label: label, Line: "series"})
	}
	return out
}

// samePoints reports whether two series have the same points, to within what a
// chart can show (a millionth of the larger value).
func samePoints(a, b []point) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		tol := 1e-6 * math.Max(1, math.Max(math.Abs(a[i].y), math.Abs(b[i].y)))
		if a[i].x != b[i].x || math.Abs(a[i].y-b[i].y) > tol {
			return false
		}
	}
	return true
}

// distinct is the part of name that differs from other: name without the words
// they start with in common ("×1 (17,460 USD/t)" of two prices of one market).
func distinct(name, other string) string {
	words, others := strings.Fields(name), strings.Fields(other)
	n := 0
	for n < len(words) && n < len(others) && words[n] == others[n] {
		n++
	}
	if n == len(words) {
		return name
	}
	return strings.Join(words[n:], " ")
}

// extent returns the range of the points' x and y, padded when flat.
func extent(ss []series) (xlo, xhi, ylo, yhi float64) {
	xlo, ylo, xhi, yhi = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range ss {
		for _, p := range s.pts {
			xlo, xhi = math.Min(xlo, p.x), math.Max(xhi, p.x)
			ylo, yhi = math.Min(ylo, p.y), math.Max(yhi, p.y)
		}
	}
	if math.IsInf(xlo, 1) {
		return 0, 1, 0, 1
	}
	if xhi == xlo {
		xlo, xhi = xlo-1, xhi+1
	}
	if yhi == ylo {
		ylo, yhi = ylo-1, yhi+1
	}
	return xlo, xhi, ylo, yhi
}

// axisOf returns how a parameter's values are drawn on an axis: the factor
// that converts them (USD to $M when they reach millions) and the axis title.
func axisOf(p Param, maxAbs float64) (scale float64, title string) {
	if p.Unit == "USD" && maxAbs >= 1e6 {
		return 1e-6, p.Name + " ($M)"
	}
	return 1, p.Label()
}

// unsafeName matches what may not appear in a chart's file name.
var unsafeName = regexp.MustCompile(`[^a-zA-Z0-9_.-]+`)

// chartName returns a file name for a chart about a scenario path, such as
// npv-markets-japan-li-.price.svg for markets[japan-li].price; taken names get
// -2, -3, ...
func chartName(prefix, path string, taken map[string]bool) string {
	base := prefix + "-" + strings.Trim(unsafeName.ReplaceAllString(path, "-"), "-")
	name := base + ".svg"
	for i := 2; taken[name]; i++ {
		name = base + "-" + strconv.Itoa(i) + ".svg"
	}
	taken[name] = true
	return name
}

// compact writes a value briefly: 15M for 15,000,000, 250k, 4200, 0.05.
func compact(v float64) string {
	switch a := math.Abs(v); {
	case a >= 1e9:
		return formatNumber(roundSig(v/1e9, 6)) + "bn"
	case a >= 1e6:
		return formatNumber(roundSig(v/1e6, 6)) + "M"
	case a >= 1e4:
		return formatNumber(roundSig(v/1e3, 6)) + "k"
	}
	return formatNumber(roundSig(v, 6))
}
