package alternatives

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/mineralplan/mineralplan/chart"
	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/results"
)

// rows are the (site, technology) pairs of the report and the chart: the
// optimum's in its order, then the others that some alternative builds, most
// often built first, then by site and technology.
func (r *Result) rows() []model.SiteTech {
	count := r.counts()
	var others []model.SiteTech
	for _, a := range r.Alternatives {
		for _, p := range a.Pairs {
			if !slices.Contains(r.Pairs, p) && !slices.Contains(others, p) {
				others = append(others, p)
			}
		}
	}
	slices.SortFunc(others, func(a, b model.SiteTech) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return strings.Compare(a.Site+"/"+a.Technology, b.Site+"/"+b.Technology)
	})
	return append(slices.Clone(r.Pairs), others...)
}

// counts is in how many alternatives each pair appears.
func (r *Result) counts() map[model.SiteTech]int {
	count := map[model.SiteTech]int{}
	for _, a := range r.Alternatives {
		for _, p := range a.Pairs {
			count[p]++
		}
	}
	return count
}

// choice returns the optimum's choice of a pair, and whether it is one.
func (r *Result) choice(p model.SiteTech) (Choice, bool) {
	for _, c := range r.Choices {
		if c.Pair == p {
			return c, true
		}
	}
	return Choice{}, false
}

// state is the state of a pair's site ("" for a site the scenario lacks).
func (r *Result) state(p model.SiteTech) string {
	if site := r.Scenario.SiteByID(p.Site); site != nil {
		return site.State
	}
	return ""
}

// status is a pair's status in a word: forced, free or undecided for the
// optimum's pairs, option for the others; c is the optimum's choice of it.
func (r *Result) status(p model.SiteTech) (status string, c Choice) {
	c, ok := r.choice(p)
	switch {
	case !ok:
		return "option", c
	case c.Forced:
		return "forced", c
	case c.Undecided:
		return "undecided", c
	}
	return "free", c
}

// verdict is a pair's status in words: forced, free (and which plan does
// without it) or undecided for the optimum's; in how many of the alternatives
// it appears (count) for the others.
func (r *Result) verdict(p model.SiteTech, count int) string {
	switch status, c := r.status(p); {
	case status == "option":
		return fmt.Sprintf("option: in %d of %d alternatives", count, len(r.Alternatives))
	case status == "forced":
		return "forced: every plan within the slack makes it"
	case status == "undecided":
		return "undecided: the search for a plan without it ran out of time"
	case c.Without == "search":
		return fmt.Sprintf("free: a plan without it reaches NPV %s $M", mstr(c.WithoutNPV))
	default:
		return fmt.Sprintf("free: %s does without it (NPV %s $M)", c.Without, mstr(c.WithoutNPV))
	}
}

func mstr(usd float64) string { return strconv.FormatFloat(math.Round(usd/1e4)/100, 'f', 2, 64) }

// reportMD is report.md: the plans found and the optimum's choices, forced or free.
func (r *Result) reportMD() []byte {
	var b strings.Builder
	s, opt := r.Scenario, r.Optimum
	fmt.Fprintf(&b, "# Near-optimal alternatives of %s\n\n", s.Name)
	fmt.Fprintf(&b, "Plans whose NPV is within %s%% of the optimum's (at least %s $M against %s $M) and whose (site, technology) choices differ most from the optimum's and every earlier alternative's: each maximises its smallest Hamming distance to them (docs/model.md, \"Near-optimal alternatives\"). %d found.\n\n",
		strconv.FormatFloat(100*r.Slack, 'g', -1, 64), mstr(r.Floor), mstr(opt.NPV), len(r.Alternatives))
	if inc := r.Incomplete(); len(inc) > 0 {
		b.WriteString("Not everything below is proven: " + strings.Join(inc, "; ") + ".\n\n")
	}
	b.WriteString("## Plans\n\n| Plan | NPV $M | NPV given up $M | Capex $M | Security t | Distance | Added | Dropped |\n|---|---:|---:|---:|---:|---:|---|---|\n")
	row := func(name string, plan *model.Plan, pairs []model.SiteTech, dist string) {
		fmt.Fprintf(&b, "| [%s](%s/report.md) | %s | %s | %s | %.0f | %s | %s | %s |\n", name, name, mstr(plan.NPV), mstr(opt.NPV-plan.NPV), mstr(plan.Capex), plan.Security, dist,
			dash(pairCells(minus(pairs, r.Pairs))), dash(pairCells(minus(r.Pairs, pairs))))
	}
	row("optimum", opt, r.Pairs, "–")
	for _, a := range r.Alternatives {
		row(a.Name, a.Plan, a.Pairs, strconv.Itoa(a.Distance))
	}
	b.WriteString("\n## Which choices are forced, which are free\n\n![Choices of each plan](choices.svg)\n\n")
	b.WriteString("A choice of the optimum is forced when every plan within the slack makes it: no alternative does without it, and a search for a plan without it that reaches the floor found none. It is free when some plan within the slack does without it. The other pairs are the alternatives' options.\n\n")
	b.WriteString("| Site | State | Technology | In the optimum | In alternatives | Status |\n|---|---|---|---|---:|---|\n")
	count := r.counts()
	for _, p := range r.rows() {
		in := "no"
		if slices.Contains(r.Pairs, p) {
			in = "yes"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %d of %d | %s |\n", p.Site, r.state(p), p.Technology, in, count[p], len(r.Alternatives), r.verdict(p, count[p]))
	}
	return []byte(b.String())
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// reportHTML is report.html: report.md as one page with the choices chart inline.
func (r *Result) reportHTML(svg string) []byte {
	return results.MarkdownPage("Near-optimal alternatives of "+r.Scenario.Name, r.reportMD(), map[string]string{"choices.svg": svg}, chart.CSS, "")
}

// choicesChart draws which (site, technology) pairs each plan builds: one row
// per pair (rows), one column per plan, the optimum first; a filled cell where
// the plan builds new modules of the pair; beside each row its status. It
// returns the canvas and its size.
func (r *Result) choicesChart() (c *chart.Canvas, w, h float64) {
	c = &chart.Canvas{}
	rows := r.rows()
	names := []string{"optimum"}
	plans := [][]model.SiteTech{r.Pairs}
	for _, a := range r.Alternatives {
		names = append(names, a.Name)
		plans = append(plans, a.Pairs)
	}
	cell := 56.0
	if len(names) > 10 {
		// Many plans: narrower columns headed by their numbers alone.
		cell = 26
		for i := range names[1:] {
			names[i+1] = strconv.Itoa(i + 1)
		}
		names[0] = "opt"
	}
	label := func(p model.SiteTech) string { return p.Site + " / " + p.Technology }
	st, _ := chart.Style("label")
	left := 0.0
	for _, p := range rows {
		left = max(left, chart.Width(label(p), st.Size, st.Bold))
	}
	left += 20
	top, rowH := 64.0, 24.0
	// The optimum's column stands apart from the alternatives'.
	colX := func(j int) float64 {
		if j == 0 {
			return left
		}
		return left + cell*float64(j) + 10
	}
	c.Text(10, 24, "start", "chart-title", "The (site, technology) choices of each plan")
	for j, n := range names {
		c.Text(colX(j)+cell/2, top-10, "middle", "tick", n)
	}
	statusX := colX(len(names)) + 12
	statusW := 0.0
	for i, p := range rows {
		y := top + rowH*float64(i)
		c.Text(left-10, y+16, "end", "label", label(p))
		for j, pairs := range plans {
			built := slices.Contains(pairs, p)
			fill, tip := "#f2f2f2", fmt.Sprintf("%s does not build %s", names[j], label(p))
			if built {
				fill, tip = chart.Palette[0].Fill, fmt.Sprintf("%s builds %s", names[j], label(p))
			}
			c.Rect(colX(j)+2, y+2, cell-4, rowH-4, fill, "cell", tip)
		}
		status, _ := r.status(p)
		c.Text(statusX, y+16, "start", "label", status)
		statusW = max(statusW, chart.Width(status, st.Size, st.Bold))
	}
	h = top + rowH*float64(len(rows)) + 44
	note := "filled: the plan builds new modules of the pair; forced: every plan within the slack does"
	c.Text(10, h-14, "start", "note", note)
	nst, _ := chart.Style("note")
	w = max(statusX+statusW+10, 20+chart.Width(note, nst.Size, nst.Bold))
	return c, w, h
}
