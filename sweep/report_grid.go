package sweep

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/mineralplan/mineralplan/chart"
)

// gridTableRows is the most cases the grid summary lists in full; larger grids
// list their best cases by NPV.
const (
	gridTableRows = 50
	gridBestRows  = 10
	// gridMaxLines is the most lines a grid chart draws, one per combination of
	// the other axes' values; beyond it the chart shows points only.
	gridMaxLines = 8
)

// gridReport writes the grid's case table and, for each axis, a chart of NPV
// against the axis's values.
func gridReport(md *strings.Builder, dir string, m *Manifest, o *Outcome) error {
	var solved []Case
	for _, c := range m.Cases {
		if o.Results[c.Index].Optimal() {
			solved = append(solved, c)
		}
	}
	if len(solved) > 0 {
		best := slices.MaxFunc(solved, func(a, b Case) int {
			return cmp.Or(cmp.Compare(o.Results[a.Index].NPV, o.Results[b.Index].NPV), cmp.Compare(b.Index, a.Index))
		})
		r := o.Results[best.Index]
		fmt.Fprintf(md, "\nBest NPV: %s $M at %s, building %s.\n", millions(r.NPV), strings.Join(best.Sets, ", "), plantList(r))
	}
	list, title := m.Cases, "## Cases"
	if len(m.Cases) > gridTableRows {
		list = slices.Clone(solved)
		slices.SortStableFunc(list, func(a, b Case) int {
			return cmp.Compare(o.Results[b.Index].NPV, o.Results[a.Index].NPV)
		})
		list = list[:min(len(list), gridBestRows)]
		title = fmt.Sprintf("## The %d best cases by NPV (all in %s)", len(list), CasesFile)
	}
	fmt.Fprintf(md, "\n%s\n\n", title)
	head := append(append([]string{"case"}, m.Columns...), "status", "NPV ($M)", "capex ($M)", "security (t)", "plants")
	var rows [][]string
	for _, c := range list {
		r := o.Results[c.Index]
		rows = append(rows, append(append(append([]string{c.ID}, c.Labels...), r.Status), figures(r)...))
	}
	mdTable(md, head, rows)

	md.WriteString("\n## NPV against each varied parameter\n\n")
	taken := map[string]bool{}
	for j, a := range m.Grid {
		name := chartName("npv", a.Path, taken)
		if err := gridChart(dir, name, m, o, j); err != nil {
			return fmt.Errorf("chart %s: %w", name, err)
		}
		fmt.Fprintf(md, "![NPV against %s](%s)\n\n", a.Path, name)
	}
	return nil
}

// gridChart draws NPV ($M) against axis j: one line per combination of the
// other axes' values (points only when there are too many), optimal cases
// only. The axis shows the values used, or the factors of the base value when
// the base is not known, or the words in order.
func gridChart(dir, name string, m *Manifest, o *Outcome, j int) error {
	a := m.Grid[j]
	p := paramOf(m.Params, a.Path)
	xs, nominal := make([]float64, len(a.Values)), false
	maxAbs := 0.0
	for i, v := range a.Values {
		x, f, ok := p.Value(v)
		if math.IsNaN(x) {
			x = f
		}
		if !ok {
			nominal = true
			break
		}
		xs[i] = x
		maxAbs = math.Max(maxAbs, math.Abs(x))
	}
	scale, xTitle := axisOf(p, maxAbs)
	if nominal {
		scale, xTitle = 1, p.Name
		for i := range xs {
			xs[i] = float64(i)
		}
	} else if _, f, _ := p.Value(a.Values[0]); p.Base == nil && !math.IsNaN(f) {
		xTitle = p.Name + " (× base)"
	}
	pos := map[string]float64{}
	for i, v := range a.Values {
		pos[v] = xs[i] * scale
	}
	var order []string
	groups := map[string][]point{}
	for _, c := range m.Cases {
		r := o.Results[c.Index]
		if !r.Optimal() {
			continue
		}
		var other []string
		for k, l := range c.Labels {
			if k != j {
				q := paramOf(m.Params, m.Columns[k])
				other = append(other, q.Name+" "+q.ValueText(l))
			}
		}
		key := strings.Join(other, ", ")
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], point{pos[c.Labels[j]], r.NPV / 1e6})
	}
	var ss []series
	var legend []chart.LegendItem
	if len(order) <= gridMaxLines {
		for _, k := range order {
			ss = append(ss, series{name: k, pts: groups[k]})
		}
		if len(ss) > 1 {
			legend = seriesLegend(ss)
		}
	} else {
		var all []point
		for _, k := range order {
			all = append(all, groups[k]...)
		}
		ss = []series{{name: fmt.Sprintf("%d cases", len(all)), pts: all, dots: true}}
		legend = []chart.LegendItem{{Fill: chart.Palette[0].Fill, Label: fmt.Sprintf("%d cases, one dot each", len(all))}}
	}
	xlo, xhi, ylo, yhi := extent(ss)
	var xLabels []string
	if nominal {
		xLabels = a.Values
	}
	title := "NPV against " + p.Name
	f := newFrame(chartH, title, xTitle, "NPV ($M)", xlo, xhi, ylo, yhi, legend, xLabels)
	f.drawSeries(ss)
	return save(f.c, dir, name, chartH, title, fmt.Sprintf("Best NPV of each case against %s, USD millions.", a.Path))
}
