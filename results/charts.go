package results

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/mineralplan/mineralplan/model"
)

// chartWidth is the width of every chart, px.
const chartWidth = 640.0

// legendItem is one entry of a chart legend.
type legendItem struct {
	fill, text, letter, label string
}

// legend writes items left to right from y, wrapping at the chart's width,
// and returns the y below it.
func (s *svg) legend(items []legendItem, y float64) float64 {
	x := 10.0
	for _, it := range items {
		if w := 32 + textWidth(it.label, 12); x+w > chartWidth && x > 10 {
			x, y = 10, y+20
		}
		x = s.swatch(x, y, it.fill, it.text, it.letter, it.label)
	}
	return y + 16
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
	var legend []legendItem
	for _, st := range r.techs {
		legend = append(legend, legendItem{st.fill, st.text, st.letter, st.name})
	}
	const labelW, valueW, barH, gap = 150.0, 70.0, 20.0, 8.0
	top := 52 + legendHeight(legend)
	height := top + float64(max(len(states), 1))*(barH+gap) + 34
	var s svg
	s.open("chart-capex", chartWidth, height, "Net capex by state and technology",
		fmt.Sprintf("Net capex of new plants in %d states, USD millions, split by technology.", len(states)))
	s.text(10, 16, "start", "chart-title", "Net capex by state and technology ($M)")
	s.legend(legend, 40)
	if len(states) == 0 {
		s.text(chartWidth/2, top+20, "middle", "note", "No new plants are built.")
		s.close()
		return s.String()
	}
	maxTotal := 0.0
	for _, st := range states {
		maxTotal = math.Max(maxTotal, total(st)/1e6)
	}
	ticks := niceTicks(0, maxTotal, 5)
	plotW := chartWidth - labelW - valueW
	xOf := func(v float64) float64 { return labelW + plotW*v/ticks[len(ticks)-1] }
	bottom := top + float64(len(states))*(barH+gap)
	for _, t := range ticks {
		s.line(xOf(t), top-4, xOf(t), bottom, "gridline")
		s.text(xOf(t), bottom+14, "middle", "tick", tickLabel(t, ticks))
	}
	for i, st := range states {
		y := top + float64(i)*(barH+gap)
		s.fitText(labelW-6, y+barH*0.7, "end", "label", st, "", 12, labelW-12)
		x := 0.0
		for _, ts := range r.techs {
			v := byState[st][ts.id] / 1e6
			if v <= 0 {
				continue
			}
			s.rect(xOf(x), y, xOf(x+v)-xOf(x), barH, ts.fill, "bar", fmt.Sprintf("%s, %s: %s", st, ts.name, usdM(v*1e6)))
			if xOf(x+v)-xOf(x) >= 14 {
				fmt.Fprintf(&s, `<text x="%s" y="%s" text-anchor="middle" class="letter" fill="%s">%s</text>`,
					px((xOf(x)+xOf(x+v))/2), px(y+barH*0.7), ts.text, esc(ts.letter))
			}
			x += v
		}
		s.text(xOf(x)+5, y+barH*0.7, "start", "value", usdM(x*1e6))
	}
	s.close()
	return s.String()
}

// legendHeight is the height a legend of these items takes, px.
func legendHeight(items []legendItem) float64 {
	var s svg
	return s.legend(items, 0)
}

// cashChart draws each year's undiscounted cash flow as a bar (below the
// axis when negative) and the cumulative discounted cash flow as a line that
// ends at the NPV.
func (r *report) cashChart() string {
	fin := sortedBy(r.plan.Finance, func(a, b model.FinanceYear) int { return cmpInt(a.Year, b.Year) })
	const left, right, top, plotH = 60.0, 20.0, 60.0, 200.0
	height := top + plotH + 40
	var s svg
	s.open("chart-cash", chartWidth, height, "Cash flow and NPV by year",
		"Undiscounted cash flow per year as bars and the cumulative discounted cash flow as a line, USD millions; the line ends at the NPV.")
	s.text(10, 16, "start", "chart-title", "Cash flow and NPV ($M)")
	x := s.swatch(10, 40, "#009E73", "", "", "cash flow in the year (undiscounted)")
	s.line(x, 36, x+22, 36, "npv-line")
	s.text(x+28, 40, "start", "legend", "cumulative discounted (ends at NPV)")
	if len(fin) == 0 {
		s.text(chartWidth/2, top+plotH/2, "middle", "note", "No years to show.")
		s.close()
		return s.String()
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
	y0, y1 := ticks[0], ticks[len(ticks)-1]
	yOf := func(v float64) float64 { return top + plotH*(y1-v)/(y1-y0) }
	plotW := chartWidth - left - right
	slot := plotW / float64(len(fin))
	for _, t := range ticks {
		s.line(left, yOf(t), chartWidth-right, yOf(t), "gridline")
		s.text(left-6, yOf(t)+4, "end", "tick", tickLabel(t, ticks))
	}
	s.line(left, yOf(0), chartWidth-right, yOf(0), "axis")
	every := int(math.Ceil(float64(len(fin)) / 12))
	var pts []string
	for i, f := range fin {
		cx := left + slot*(float64(i)+0.5)
		v := f.CashFlow / 1e6
		fill := "#009E73"
		if v < 0 {
			fill = "#D55E00"
		}
		s.rect(cx-slot*0.35, math.Min(yOf(v), yOf(0)), slot*0.7, math.Abs(yOf(v)-yOf(0)), fill, "bar",
			fmt.Sprintf("%d: cash flow %s, cumulative discounted %s", f.Year, usdM(f.CashFlow), usdM(cums[i]*1e6)))
		if i%every == 0 {
			s.text(cx, top+plotH+16, "middle", "tick", strconv.Itoa(f.Year))
		}
		pts = append(pts, px(cx)+","+px(yOf(cums[i])))
	}
	fmt.Fprintf(&s, `<polyline class="npv-line" points="%s"/>`, strings.Join(pts, " "))
	lastX := left + slot*(float64(len(fin))-0.5)
	s.text(lastX, yOf(cums[len(cums)-1])-8, "end", "value", "NPV "+usdM(cums[len(cums)-1]*1e6))
	s.close()
	return s.String()
}

// chinaChart shows, per material the plan makes or imports, the China-origin
// share of its supply in the last modelled year at the world refining mix and
// with the plan, as two labelled bars.
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
	const labelW, barH = 190.0, 12.0
	top := 56.0
	height := top + float64(max(len(rows), 1))*(2*barH+12) + 46
	var s svg
	s.open("chart-china", chartWidth, height, "China-origin share of the plan's supply",
		"For each material the plan makes or imports, the share of that supply that would come from China at the world refining mix, and the share that does with the plan (its China-origin imports over its imports and domestic output).")
	title := "China-origin share of the plan's supply"
	if len(rows) > 0 {
		title += fmt.Sprintf(", %d", rows[0].Year)
	}
	s.text(10, 16, "start", "chart-title", title)
	s.legend([]legendItem{{"#BBBBBB", "", "", "world refining mix"}, {"#0072B2", "", "", "with the plan"}}, 40)
	if len(rows) == 0 {
		s.text(chartWidth/2, top+20, "middle", "note", "The plan makes and imports no critical material.")
		s.close()
		return s.String()
	}
	plotW := chartWidth - labelW - 110
	xOf := func(v float64) float64 { return labelW + plotW*v }
	bottom := top + float64(len(rows))*(2*barH+12)
	for _, t := range []float64{0, 0.25, 0.5, 0.75, 1} {
		s.line(xOf(t), top-4, xOf(t), bottom, "gridline")
		s.text(xOf(t), bottom+14, "middle", "tick", percent(t))
	}
	for i, row := range rows {
		y := top + float64(i)*(2*barH+12)
		name := r.materialName(row.Material)
		s.fitText(labelW-6, y+barH+4, "end", "label", name, "", 12, labelW-12)
		s.rect(xOf(0), y, xOf(row.ChinaShareBefore)-xOf(0), barH, "#BBBBBB", "bar", name+" before: "+percent(row.ChinaShareBefore))
		s.text(xOf(row.ChinaShareBefore)+5, y+barH-3, "start", "value", "world "+percent(row.ChinaShareBefore))
		after := *row.ChinaShareAfter
		label := "plan " + percent(after)
		if row.ChinaShareCap != nil {
			label += ", cap " + percent(*row.ChinaShareCap)
		}
		s.rect(xOf(0), y+barH, xOf(after)-xOf(0), barH, "#0072B2", "bar", name+" with the plan: "+percent(after))
		s.text(xOf(after)+5, y+2*barH-3, "start", "value", label)
	}
	if omitted > 0 {
		s.text(10, bottom+36, "start", "note", fmt.Sprintf("Not shown: %d critical materials the plan neither makes nor imports.", omitted))
	}
	s.close()
	return s.String()
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
// production per year over all sites, on its own scale and in its own unit.
func (r *report) outputChart() string {
	mats := r.outputMaterials()
	years := model.ScenarioYears(r.scenario)
	const cols, panelH, gapY = 2, 150.0, 16.0
	panelW := chartWidth / cols
	rowsN := (len(mats) + cols - 1) / cols
	top := 28.0
	height := top + float64(max(rowsN, 1))*(panelH+gapY)
	var s svg
	s.open("chart-output", chartWidth, height, "Output by year",
		fmt.Sprintf("Production per year of %d materials sold to markets, each on its own scale.", len(mats)))
	s.text(10, 16, "start", "chart-title", "Output by year (all plants)")
	if len(mats) == 0 {
		s.text(chartWidth/2, top+30, "middle", "note", "Nothing is produced.")
		s.close()
		return s.String()
	}
	for i, m := range mats {
		ox := float64(i%cols) * panelW
		oy := top + float64(i/cols)*(panelH+gapY)
		byYear := map[int]float64{}
		unit := ""
		for _, p := range r.plan.Production {
			if p.Material == m {
				byYear[p.Year] += p.Quantity
				unit = p.Unit
			}
		}
		hi := 0.0
		for _, v := range byYear {
			hi = math.Max(hi, v)
		}
		ticks := niceTicks(0, hi, 3)
		const left, right, ptop, pbottom = 56.0, 14.0, 22.0, 22.0
		ph := panelH - ptop - pbottom
		yOf := func(v float64) float64 { return oy + ptop + ph*(1-v/ticks[len(ticks)-1]) }
		s.fitText(ox+8, oy+12, "start", "panel-title", r.materialName(m), " ("+unit+"/yr)", 13, panelW-16)
		for _, t := range ticks {
			s.line(ox+left, yOf(t), ox+panelW-right, yOf(t), "gridline")
			s.text(ox+left-5, yOf(t)+4, "end", "tick", tickLabel(t, ticks))
		}
		slot := (panelW - left - right) / float64(len(years))
		for j, y := range years {
			cx := ox + left + slot*(float64(j)+0.5)
			v := byYear[y]
			if v > 0 {
				s.rect(cx-slot*0.35, yOf(v), slot*0.7, yOf(0)-yOf(v), "#0072B2", "bar",
					fmt.Sprintf("%s %d: %s %s", r.materialName(m), y, grouped(v, 0), unit))
			}
			if j == 0 || j == len(years)-1 || (len(years) > 6 && j == len(years)/2) {
				s.text(cx, oy+panelH-6, "middle", "tick", strconv.Itoa(y))
			}
		}
	}
	s.close()
	return s.String()
}
