package sweep

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot/plotter"
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

// gridChart draws NPV ($M) against axis j: one line per combination of the other
// axes' values (points only when there are too many), optimal cases only. Axis
// values that are factors are drawn as factors, words by position.
func gridChart(dir, name string, m *Manifest, o *Outcome, j int) error {
	a := m.Grid[j]
	xs, xlabel, nominal := axisPositions(a)
	p := newPlot("NPV against "+a.Path, xlabel, "NPV ($M)")
	if nominal {
		p.NominalX(a.Values...)
	}
	var order []string
	groups := map[string]plotter.XYs{}
	pos := map[string]float64{}
	for i, v := range a.Values {
		pos[v] = xs[i]
	}
	for _, c := range m.Cases {
		r := o.Results[c.Index]
		if !r.Optimal() {
			continue
		}
		var other []string
		for k, l := range c.Labels {
			if k != j {
				other = append(other, m.Columns[k]+"="+l)
			}
		}
		key := strings.Join(other, ", ")
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], plotter.XY{X: pos[c.Labels[j]], Y: r.NPV / 1e6})
	}
	var ss []series
	if len(order) <= gridMaxLines {
		for _, k := range order {
			ss = append(ss, series{name: k, xy: groups[k]})
		}
	} else {
		var all plotter.XYs
		for _, k := range order {
			all = append(all, groups[k]...)
		}
		ss = []series{{xy: all, dots: true}}
	}
	if len(order) > 0 {
		if err := addSeries(p, ss); err != nil {
			return err
		}
		if len(order) > gridMaxLines {
			p.Legend.Add(fmt.Sprintf("%d cases", len(ss[0].xy)))
		}
	}
	return savePlot(p, dir, name, chartH)
}

// axisPositions returns where an axis's values sit on a chart's x axis: the
// numbers, the factors (for *F values) or, for words, positions 0, 1, ...
func axisPositions(a Axis) (xs []float64, label string, nominal bool) {
	rel := strings.HasPrefix(a.Values[0], "*")
	for _, v := range a.Values {
		x, err := strconv.ParseFloat(strings.TrimPrefix(v, "*"), 64)
		if err != nil || strings.HasPrefix(v, "*") != rel {
			xs = xs[:0]
			for i := range a.Values {
				xs = append(xs, float64(i))
			}
			return xs, a.Path, true
		}
		xs = append(xs, x)
	}
	if rel {
		return xs, a.Path + " (× base)", false
	}
	return xs, a.Path, false
}
