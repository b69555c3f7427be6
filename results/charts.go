package results

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/mineralplan/mineralplan/chart"
	"github.com/mineralplan/mineralplan/model"
)

// chartWidth is the width of every chart, px.
const chartWidth = 640.0

// titleY is the baseline of a chart's title, and legendY of the first row of
// its legend.
const (
	titleY  = 16.0
	legendY = 40.0
)

// widest is the width of the widest of texts at a text class's size, px.
func widest(class string, texts ...string) float64 {
	st, _ := chart.Style(class)
	w := 0.0
	for _, t := range texts {
		w = math.Max(w, chart.Width(t, st.Size, st.Bold))
	}
	return w
}

// capexChart is a horizontal stacked bar per state of the net capex of new
// plants, split by technology (colour and letter), largest state first.
func (r *report) capexChart() string {
	byState := map[string]map[string]float64{}
	for _, pl := range r.plan.Plants {
		if pl.Existing || pl.CapexNet == 0 {
			continue
		}
		if byState[pl.State] == nil {
			byState[pl.State] = map[string]float64{}
		}
		byState[pl.State][pl.Technology] += pl.CapexNet
	}
	total := func(st string) float64 {
		t := 0.0
		for _, v := range byState[st] {
			t += v
		}
		return t
	}
	states := slices.SortedFunc(maps.Keys(byState), func(a, b string) int {
		return compareKeys(cmp.Compare(total(b), total(a)), cmpStr(a, b))
	})
	var legend []chart.LegendItem
	for _, st := range r.techs {
		legend = append(legend, chart.LegendItem{Fill: st.fill, TextFill: st.text, Letter: st.letter, Label: st.name})
	}
	const barH, gap = 20.0, 8.0
	top := legendY + chart.LegendHeight(legend, 10, chartWidth) + 8
	height := top + float64(max(len(states), 1))*(barH+gap) + 26
	var s svg
	s.Text(10, titleY, "start", "chart-title", "Net capex by state and technology ($M)")
	s.Legend(legend, 10, legendY, chartWidth)
	desc := fmt.Sprintf("Net capex of new plants in %d states, USD millions, split by technology.", len(states))
	if len(states) == 0 {
		s.Text(chartWidth/2, top+20, "middle", "note", "No new plants are built.")
		return s.Frame("chart-capex", chartWidth, height, "Net capex by state and technology", desc)
	}
	maxTotal := 0.0
	var values []string
	for _, st := range states {
		maxTotal = math.Max(maxTotal, total(st)/1e6)
		values = append(values, usdM(total(st)))
	}
	labelW := math.Min(widest("label", states...)+16, chartWidth*0.35)
	valueW := widest("value", values...) + 14
	ticks := niceTicks(0, maxTotal, 5)
	x := chart.Scale{D0: 0, D1: ticks[len(ticks)-1], P0: labelW, P1: chartWidth - valueW}
	bottom := top + float64(len(states))*(barH+gap)
	for _, t := range ticks {
		s.Line(x.At(t), top-4, x.At(t), bottom, "gridline")
		s.Text(x.At(t), bottom+14, "middle", "tick", tickLabel(t, ticks))
	}
	letterW := widest("letter", "W")
	for i, st := range states {
		y := top + float64(i)*(barH+gap)
		for _, line := range r.labelLines(st, labelW-12, barH) {
			s.Text(labelW-8, y+barH/2+line.dy, "end", "label", line.text)
		}
		v := 0.0
		for _, ts := range r.techs {
			d := byState[st][ts.id] / 1e6
			if d <= 0 {
				continue
			}
			x0, x1 := x.At(v), x.At(v+d)
			s.Rect(x0, y, x1-x0, barH, ts.fill, "bar", fmt.Sprintf("%s, %s: %s", st, ts.name, usdM(d*1e6)))
			if x1-x0 >= letterW+6 {
				s.TextAttrs((x0+x1)/2, y+barH*0.7, "middle", "letter", ts.letter, fmt.Sprintf(` fill="%s"`, ts.text))
			}
			v += d
		}
		s.Text(x.At(v)+5, y+barH*0.7, "start", "value", usdM(v*1e6))
	}
	return s.Frame("chart-capex", chartWidth, height, "Net capex by state and technology", desc)
}

// textLine is one line of a label and its baseline offset from the middle of
// the row it names.
type textLine struct {
	text string
	dy   float64
}

// labelLines breaks a row label into the lines that fit width px (two at
// most in a row of height h px; the text is never cut), centred on the row.
func (r *report) labelLines(text string, width, h float64) []textLine {
	st, _ := chart.Style("label")
	lines := chart.Wrap(text, st.Size, st.Bold, width)
	if len(lines) == 1 || h < 2*st.Size {
		lines = []string{text}
	}
	lead := st.Size + 1
	var out []textLine
	for i, l := range lines {
		out = append(out, textLine{l, (float64(i)-float64(len(lines)-1)/2)*lead + 4})
	}
	return out
}

// cashChart draws each year's undiscounted cash flow as a bar (below the
// axis when negative) and the cumulative discounted cash flow as a line that
// ends at the NPV, named beside its end.
func (r *report) cashChart() string {
	fin := sortedBy(r.plan.Finance, func(a, b model.FinanceYear) int { return cmpInt(a.Year, b.Year) })
	const top, plotH = 60.0, 200.0
	height := top + plotH + 40
	var s svg
	s.Text(10, titleY, "start", "chart-title", "Cash flow and NPV ($M)")
	s.Legend([]chart.LegendItem{{Fill: chart.Positive, Label: "cash flow in the year (undiscounted)"},
		{Line: "npv-line", Label: "cumulative discounted (ends at the NPV)"}}, 10, legendY, chartWidth)
	const title, desc = "Cash flow and NPV by year", "Undiscounted cash flow per year as bars and the cumulative discounted cash flow as a line, USD millions; the line ends at the NPV."
	if len(fin) == 0 {
		s.Text(chartWidth/2, top+plotH/2, "middle", "note", "No years to show.")
		return s.Frame("chart-cash", chartWidth, height, title, desc)
	}
	lo, hi, cum := 0.0, 0.0, 0.0
	cums := make([]float64, len(fin))
	for i, f := range fin {
		cum += f.Discounted / 1e6
		cums[i] = cum
		lo = min(lo, f.CashFlow/1e6, cum)
		hi = max(hi, f.CashFlow/1e6, cum)
	}
	ticks := niceTicks(lo, hi, 5)
	var tickTexts []string
	for _, t := range ticks {
		tickTexts = append(tickTexts, tickLabel(t, ticks))
	}
	npv := "NPV " + usdM(cums[len(cums)-1]*1e6)
	left := widest("tick", tickTexts...) + 14
	right := widest("value", npv) + 16
	y := chart.Scale{D0: ticks[0], D1: ticks[len(ticks)-1], P0: top + plotH, P1: top}
	plotR := chartWidth - right
	slot := (plotR - left) / float64(len(fin))
	for _, t := range ticks {
		s.Line(left, y.At(t), plotR, y.At(t), "gridline")
		s.Text(left-6, y.At(t)+4, "end", "tick", tickLabel(t, ticks))
	}
	s.Line(left, y.At(0), plotR, y.At(0), "axis")
	// Label every k-th year so that the labels keep 8 px apart.
	every := max(1, int(math.Ceil((widest("tick", "2000")+8)/slot)))
	var pts [][2]float64
	for i, f := range fin {
		cx := left + slot*(float64(i)+0.5)
		v := f.CashFlow / 1e6
		fill := chart.Positive
		if v < 0 {
			fill = chart.Negative
		}
		s.Rect(cx-slot*0.35, math.Min(y.At(v), y.At(0)), slot*0.7, math.Abs(y.At(v)-y.At(0)), fill, "bar",
			fmt.Sprintf("%d: cash flow %s, cumulative discounted %s", f.Year, usdM(f.CashFlow), usdM(cums[i]*1e6)))
		if i%every == 0 {
			s.Text(cx, top+plotH+16, "middle", "tick", strconv.Itoa(f.Year))
		}
		pts = append(pts, [2]float64{cx, y.At(cums[i])})
	}
	s.Polyline(pts, "npv-line", "")
	// The NPV is named in the margin right of the bars, at the height where the
	// line ends, joined to its end.
	end := pts[len(pts)-1]
	s.Line(end[0], end[1], plotR+4, end[1], "leader")
	s.Text(plotR+6, end[1]+4, "start", "value", npv)
	return s.Frame("chart-cash", chartWidth, height, title, desc)
}

// chinaChart shows, per material the plan makes or imports, the China-origin
// share of its supply in the last modelled year at the world refining mix and
// with the plan, as two labelled bars under the material's name.
func (r *report) chinaChart() string {
	var rows []model.SecurityRow
	omitted := 0
	for _, row := range lastSecurityRows(r.plan) {
		if row.ChinaShareAfter == nil {
			omitted++
			continue
		}
		rows = append(rows, row)
	}
	const barH, left = 13.0, 10.0
	nameSt, _ := chart.Style("label")
	lead := nameSt.Size + 2
	valueW := widest("value", "plan 100%, cap 100%") + 10
	plotR := chartWidth - valueW
	x := chart.Scale{D0: 0, D1: 1, P0: left, P1: plotR}
	type block struct {
		row   model.SecurityRow
		lines []string
		y     float64 // top of the block
	}
	var blocks []block
	y := 58.0
	for _, row := range rows {
		lines := chart.Wrap(r.materialName(row.Material), nameSt.Size, nameSt.Bold, chartWidth-2*left)
		blocks = append(blocks, block{row, lines, y})
		y += float64(len(lines))*lead + 2*barH + 12
	}
	bottom := y
	height := bottom + 24
	if omitted > 0 {
		height += 22
	}
	title := "China-origin share of the plan's supply"
	if len(rows) > 0 {
		title += fmt.Sprintf(", %d", rows[0].Year)
	}
	var s svg
	s.Text(10, titleY, "start", "chart-title", title)
	s.Legend([]chart.LegendItem{{Fill: chart.Grey, Label: "world refining mix"}, {Fill: chart.Palette[0].Fill, Label: "with the plan"}}, 10, legendY, chartWidth)
	const svgTitle, desc = "China-origin share of the plan's supply", "For each material the plan makes or imports, the share of that supply that would come from China at the world refining mix, and the share that does with the plan (its China-origin imports over its imports and domestic output)."
	if len(rows) == 0 {
		s.Text(chartWidth/2, 76, "middle", "note", "The plan makes and imports no critical material.")
		return s.Frame("chart-china", chartWidth, height, svgTitle, desc)
	}
	for _, t := range []float64{0, 0.25, 0.5, 0.75, 1} {
		s.Line(x.At(t), 52, x.At(t), bottom-6, "gridline")
		s.Text(x.At(t), bottom+8, "middle", "tick", percent(t))
	}
	for _, b := range blocks {
		name := r.materialName(b.row.Material)
		for i, l := range b.lines {
			s.Text(left, b.y+nameSt.Size+float64(i)*lead, "start", "label", l)
		}
		by := b.y + float64(len(b.lines))*lead + 3
		s.Rect(x.At(0), by, x.At(b.row.ChinaShareBefore)-x.At(0), barH, chart.Grey, "bar", name+" before: "+percent(b.row.ChinaShareBefore))
		s.Text(x.At(b.row.ChinaShareBefore)+5, by+barH-3, "start", "value", "world "+percent(b.row.ChinaShareBefore))
		after := *b.row.ChinaShareAfter
		label := "plan " + percent(after)
		if b.row.ChinaShareCap != nil {
			label += ", cap " + percent(*b.row.ChinaShareCap)
		}
		s.Rect(x.At(0), by+barH, x.At(after)-x.At(0), barH, chart.Palette[0].Fill, "bar", name+" with the plan: "+percent(after))
		s.Text(x.At(after)+5, by+2*barH-3, "start", "value", label)
	}
	if omitted > 0 {
		s.Text(10, bottom+32, "start", "note", fmt.Sprintf("Not shown: %d critical materials the plan neither makes nor imports.", omitted))
	}
	return s.Frame("chart-china", chartWidth, height, svgTitle, desc)
}

// outputMaterials are the materials whose yearly output the report charts:
// those sold to markets, or every material produced when none is sold, in
// the scenario's order.
func (r *report) outputMaterials() []string {
	sold, made := map[string]bool{}, map[string]bool{}
	for _, f := range r.plan.Flows {
		if f.ToKind == "market" && f.FromKind == "site" {
			sold[f.Material] = true
		}
	}
	for _, p := range r.plan.Production {
		made[p.Material] = true
	}
	pick := sold
	if len(sold) == 0 {
		pick = made
	}
	var out []string
	for _, m := range r.scenario.Materials {
		if pick[m.ID] && made[m.ID] {
			out = append(out, m.ID)
		}
	}
	return out
}

// outputChart draws small multiples: for each output material, its
// production per year over all sites, on its own scale and in its own unit,
// under its whole name.
func (r *report) outputChart() string {
	mats := r.outputMaterials()
	years := model.ScenarioYears(r.scenario)
	const cols, plotH, gapY = 2, 106.0, 18.0
	panelW := chartWidth / cols
	titleSt, _ := chart.Style("panel-title")
	lead := titleSt.Size + 3
	type panel struct {
		id, unit string
		lines    []string
		byYear   map[int]float64
	}
	panels := make([]panel, len(mats))
	maxLines := 1
	for i, m := range mats {
		p := panel{id: m, byYear: map[int]float64{}}
		for _, pr := range r.plan.Production {
			if pr.Material == m {
				p.byYear[pr.Year] += pr.Quantity
				p.unit = pr.Unit
			}
		}
		p.lines = chart.Wrap(r.materialName(m)+" ("+p.unit+"/yr)", titleSt.Size, titleSt.Bold, panelW-16)
		maxLines = max(maxLines, len(p.lines))
		panels[i] = p
	}
	titleH := float64(maxLines)*lead + 4
	panelH := titleH + plotH + 22
	top := 28.0
	rowsN := (len(mats) + cols - 1) / cols
	height := top + float64(max(rowsN, 1))*(panelH+gapY)
	var s svg
	s.Text(10, titleY, "start", "chart-title", "Output by year (all plants)")
	desc := fmt.Sprintf("Production per year of %d materials sold to markets, each on its own scale.", len(mats))
	if len(mats) == 0 {
		s.Text(chartWidth/2, top+30, "middle", "note", "Nothing is produced.")
		return s.Frame("chart-output", chartWidth, height, "Output by year", desc)
	}
	for i, p := range panels {
		ox := float64(i%cols) * panelW
		oy := top + float64(i/cols)*(panelH+gapY)
		for k, l := range p.lines {
			s.Text(ox+8, oy+titleSt.Size+float64(k)*lead, "start", "panel-title", l)
		}
		hi := 0.0
		for _, v := range p.byYear {
			hi = math.Max(hi, v)
		}
		ticks := niceTicks(0, hi, 3)
		var tickTexts []string
		for _, t := range ticks {
			tickTexts = append(tickTexts, tickLabel(t, ticks))
		}
		left := widest("tick", tickTexts...) + 14
		const right = 14.0
		ptop := oy + titleH + 6
		y := chart.Scale{D0: 0, D1: ticks[len(ticks)-1], P0: ptop + plotH, P1: ptop}
		for _, t := range ticks {
			s.Line(ox+left, y.At(t), ox+panelW-right, y.At(t), "gridline")
			s.Text(ox+left-5, y.At(t)+4, "end", "tick", tickLabel(t, ticks))
		}
		slot := (panelW - left - right) / float64(len(years))
		for j, yr := range years {
			cx := ox + left + slot*(float64(j)+0.5)
			v := p.byYear[yr]
			if v > 0 {
				s.Rect(cx-slot*0.35, y.At(v), slot*0.7, y.At(0)-y.At(v), chart.Palette[0].Fill, "bar",
					fmt.Sprintf("%s %d: %s %s", r.materialName(p.id), yr, grouped(v, 0), p.unit))
			}
			if j == 0 || j == len(years)-1 || (len(years) > 6 && j == len(years)/2) {
				s.Text(cx, ptop+plotH+16, "middle", "tick", strconv.Itoa(yr))
			}
		}
	}
	return s.Frame("chart-output", chartWidth, height, "Output by year", desc)
}
