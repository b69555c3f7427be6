package sweep

import (
	"bytes"
	"image/color"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/mineralplan/mineralplan/results"
)

// Chart size, in points (1/72 in).
const (
	chartW = 6.5 * vg.Inch
	chartH = 4 * vg.Inch
)

// palette is the Okabe–Ito palette, safe for the common kinds of colour
// blindness; series take its colours in order.
var palette = []color.RGBA{
	{0x00, 0x72, 0xB2, 0xff}, // blue
	{0xE6, 0x9F, 0x00, 0xff}, // orange
	{0x00, 0x9E, 0x73, 0xff}, // bluish green
	{0xCC, 0x79, 0xA7, 0xff}, // reddish purple
	{0x56, 0xB4, 0xE9, 0xff}, // sky blue
	{0xD5, 0x5E, 0x00, 0xff}, // vermillion
	{0xF0, 0xE4, 0x42, 0xff}, // yellow
	{0x00, 0x00, 0x00, 0xff}, // black
}

// newPlot returns a plot with a title, axis labels and a light grid.
func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.X.Tick.Marker, p.Y.Tick.Marker = compactTicks{}, compactTicks{}
	p.Add(plotter.NewGrid())
	return p
}

// compactTicks are gonum's default ticks with short labels (see compact).
type compactTicks struct{}

// Ticks implements plot.Ticker.
func (compactTicks) Ticks(lo, hi float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = compact(ts[i].Value)
		}
	}
	return ts
}

// compact writes a tick value briefly: 15M for 15,000,000, 250k, 4200, 0.05.
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

// savePlot renders p as SVG and writes it to dir/name atomically.
func savePlot(p *plot.Plot, dir, name string, h vg.Length) error {
	w, err := p.WriterTo(chartW, h, "svg")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		return err
	}
	return results.WriteFileAtomic(filepath.Join(dir, name), buf.Bytes())
}

// series is one line of a line chart, or a set of points when dots is set.
type series struct {
	name string
	xy   plotter.XYs
	dots bool
}

// addSeries draws each series, in palette order, and names them in the legend
// when there is more than one.
func addSeries(p *plot.Plot, ss []series) error {
	for i, s := range ss {
		c := palette[i%len(palette)]
		pts, err := plotter.NewScatter(s.xy)
		if err != nil {
			return err
		}
		pts.Color, pts.Shape, pts.Radius = c, draw.CircleGlyph{}, vg.Points(2.5)
		thumbs := []plot.Thumbnailer{pts}
		if !s.dots {
			l, err := plotter.NewLine(s.xy)
			if err != nil {
				return err
			}
			l.Color, l.Width = c, vg.Points(1.5)
			p.Add(l)
			thumbs = append(thumbs, l)
		}
		p.Add(pts)
		if len(ss) > 1 {
			p.Legend.Add(s.name, thumbs...)
		}
	}
	p.Legend.Top = true
	if len(ss) > 1 { // room above the data for the legend
		p.Y.Max += (p.Y.Max - p.Y.Min) * (0.05 + 0.08*float64(len(ss)))
	}
	return nil
}

// histogram draws the values in bins (√n, from 5 to 40).
func histogram(values []float64, title, x string) (*plot.Plot, error) {
	p := newPlot(title, x, "cases")
	bins := min(max(int(math.Sqrt(float64(len(values)))), 5), 40)
	h, err := plotter.NewHist(plotter.Values(values), bins)
	if err != nil {
		return nil, err
	}
	h.FillColor = palette[0]
	h.LineStyle.Color = color.White
	p.Add(h)
	return p, nil
}

// tornadoBars draws, for each row from the top, a bar from the base value to the
// value at the low end and one to the value at the high end.
type tornadoBars struct {
	base      float64
	low, high []float64 // per row, top row first; NaN when the case failed
}

// barHalf is half a bar's height, in rows.
const barHalf = 0.35

// Plot implements plot.Plotter.
func (t tornadoBars) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	n := len(t.low)
	for i := range n {
		y := float64(n - 1 - i)
		for k, v := range []float64{t.low[i], t.high[i]} {
			if math.IsNaN(v) {
				continue
			}
			x0, x1 := trX(t.base), trX(v)
			y0, y1 := trY(y-barHalf), trY(y+barHalf)
			c.FillPolygon(palette[k], c.ClipPolygonXY([]vg.Point{{X: x0, Y: y0}, {X: x0, Y: y1}, {X: x1, Y: y1}, {X: x1, Y: y0}}))
		}
	}
	line := draw.LineStyle{Color: color.Black, Width: vg.Points(1)}
	c.StrokeLine2(line, trX(t.base), trY(-0.5), trX(t.base), trY(float64(n)-0.5))
}

// DataRange implements plot.DataRanger.
func (t tornadoBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = t.base, t.base
	for _, v := range append(append([]float64{}, t.low...), t.high...) {
		if !math.IsNaN(v) {
			xmin, xmax = math.Min(xmin, v), math.Max(xmax, v)
		}
	}
	if xmin == xmax {
		xmin, xmax = xmin-1, xmax+1
	}
	return xmin, xmax, -0.5, float64(len(t.low)) - 0.5
}

// swatch is a legend entry: a filled square.
type swatch color.RGBA

// Thumbnail implements plot.Thumbnailer.
func (s swatch) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(color.RGBA(s), []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Min.X, Y: c.Max.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Max.X, Y: c.Min.Y}})
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
