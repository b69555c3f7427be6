package results

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/mineralplan/mineralplan/model"
)

// ANSI escape sequences PrintSummary uses when asked for colour.
const (
	ansiBold   = "\x1b[1m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiRed    = "\x1b[31m"
	ansiReset  = "\x1b[0m"
)

// PrintSummary writes a compact summary of a plan for a terminal, readable at
// 80 columns: status and times, NPV, capex against the budget, the plants,
// and the China-origin share of each critical material before and after the
// plan. Long ids are shortened with "…". With color, headings are bold and
// the status is green (optimal), yellow (time limit) or red; without, the
// output is plain text.
func PrintSummary(w io.Writer, plan *model.Plan, color bool) error {
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return code + s + ansiReset
	}
	statusColor := ansiRed
	switch plan.Status {
	case model.StatusOptimal:
		statusColor = ansiGreen
	case model.StatusTimeLimit, model.StatusInterrupted:
		statusColor = ansiYellow
	}
	var b strings.Builder
	status := paint(statusColor, plan.Status) + gapText(plan)
	fmt.Fprintf(&b, "%s: %s; solved in %s s (model built in %s s)\n", paint(ansiBold, plan.Scenario), status,
		num(plan.SolveSeconds, 2), num(plan.BuildSeconds, 2))
	capex := "net capex " + usdM(plan.Capex) + " of " + usdM(plan.Budget) + " budget"
	if plan.Budget > 0 {
		capex += " (" + percent(plan.Capex/plan.Budget) + ")"
	}
	fmt.Fprintf(&b, "NPV %s; %s\n", usdM(plan.NPV), capex)
	method := plan.TerminalMethod
	if method == "continuing" {
		method += fmt.Sprintf(", %d years", plan.ContinuingYears)
	}
	fmt.Fprintf(&b, "  from operations %s, incentives %s, subsidies %s;\n  terminal value %s (%s)\n",
		usdM(plan.Split.Operations), usdM(plan.Split.Incentives), usdM(plan.Split.Subsidies),
		usdM(plan.Split.TerminalValue), method)
	payback := "no payback within the horizon"
	if plan.PaybackYear != 0 {
		payback = "payback " + strconv.Itoa(plan.PaybackYear)
	}
	fmt.Fprintf(&b, "Security %s t from Indian plants; %s; jobs %s\n", grouped(plan.Security, 0), payback, grouped(plan.Jobs, 0))
	for _, unit := range []string{"t", "kg"} {
		total := 0.0
		for _, s := range plan.Shortfalls {
			if s.Unit == unit {
				total += s.Quantity
			}
		}
		if total > 0 {
			fmt.Fprintf(&b, "%s %s %s of required deliveries not met\n", paint(ansiRed, "Shortfall"), grouped(total, 0), unit)
		}
	}

	b.WriteString("\n")
	if len(plan.Plants) == 0 {
		b.WriteString("No plants.\n")
	} else {
		fmt.Fprintf(&b, "%s\n", paint(ansiBold, fmt.Sprintf("Plants (%d)", len(plan.Plants))))
		t := table{header: []string{"SITE", "TECHNOLOGY", "SIZE", "YEAR", "ONLINE", "t/yr", "CAPEX"},
			right: []bool{false, false, false, true, true, true, true}}
		for _, p := range sortedBy(plan.Plants, comparePlants) {
			year := strconv.Itoa(p.BuildYear)
			if p.Existing {
				year = "exist"
			}
			size := p.Size
			if p.Count > 1 {
				size = strconv.Itoa(p.Count) + "×" + size
			}
			t.rows = append(t.rows, []string{cut(p.Site, 14), cut(p.Technology, 18), cut(size, 8), year,
				strconv.Itoa(p.OnlineYear), grouped(p.Capacity, 0), usdM(p.CapexNet)})
		}
		t.writeText(&b)
	}
	if rows := lastSecurityRows(plan); len(rows) > 0 {
		fmt.Fprintf(&b, "\n%s\n", paint(ansiBold, fmt.Sprintf("China-origin share of the plan's supply, %d", rows[0].Year)))
		t := table{header: []string{"MATERIAL", "SUPPLY/YR", "UNIT", "WORLD", "PLAN", "CAP"}, right: []bool{false, true, false, true, true, true}}
		idle := 0
		for _, r := range rows {
			if r.ChinaShareAfter == nil && r.ChinaShareCap == nil {
				idle++
				continue
			}
			t.rows = append(t.rows, []string{cut(r.Material, 30), grouped(r.Supply, 0), r.Unit, percent(r.ChinaShareBefore),
				optionalText(r.ChinaShareAfter, percent), optionalText(r.ChinaShareCap, percent)})
		}
		t.writeText(&b)
		if idle > 0 {
			noun := "materials"
			if idle == 1 {
				noun = "material"
			}
			fmt.Fprintf(&b, "(%d more critical %s the plan neither makes nor imports)\n", idle, noun)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cut shortens s to at most n characters, ending in "…" when shortened.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
