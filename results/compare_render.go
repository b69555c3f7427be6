package results

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// CompareFormats are the formats a Comparison renders to.
var CompareFormats = []string{"text", "md", "csv", "json"}

// Render writes the comparison in a format of CompareFormats: text for a
// terminal, md (Markdown), csv (one row per metric, plant change, flow and
// import per run) or json (the Comparison itself).
func (c *Comparison) Render(w io.Writer, format string) error {
	var b []byte
	switch format {
	case "text":
		b = []byte(c.text(false))
	case "md":
		b = []byte(c.text(true))
	case "csv":
		b = c.csvTable().csvBytes()
	case "json":
		j, err := json.MarshalIndent(c, "", "  ")
		if err != nil {
			return err
		}
		b = append(j, '\n')
	default:
		return fmt.Errorf("unknown comparison format %q: use %s", format, strings.Join(CompareFormats, ", "))
	}
	_, err := w.Write(b)
	return err
}

// String describes the change in words, such as "moved pcam: chennai large
// 2028 → sanand large 2028".
func (c PlantChange) String() string {
	switch c.Kind {
	case "opened":
		return fmt.Sprintf("opened %s at %s, %s, built %d (%s t/yr)", c.Technology, c.NewSite, c.NewSize, c.NewYear, grouped(c.NewCapacity, 0))
	case "closed":
		return fmt.Sprintf("closed %s at %s, %s, built %d (%s t/yr)", c.Technology, c.Site, c.Size, c.Year, grouped(c.Capacity, 0))
	case "delayed", "brought_forward":
		return fmt.Sprintf("%s %s at %s, %s: %d → %d", strings.ReplaceAll(c.Kind, "_", " "), c.Technology, c.Site, c.Size, c.Year, c.NewYear)
	}
	return fmt.Sprintf("%s %s: %s %s %d → %s %s %d", c.Kind, c.Technology, c.Site, c.Size, c.Year, c.NewSite, c.NewSize, c.NewYear)
}

// metricText formats a metric value for people by its unit.
func metricText(v float64, unit string) string {
	if math.IsNaN(v) {
		return "–"
	}
	switch unit {
	case "USD":
		return usdM(v)
	case "share":
		return percent(v)
	case "year":
		if v == 0 {
			return "none"
		}
		return strconv.Itoa(int(v))
	case "s":
		return num(v, 2)
	case "modules", "jobs":
		return grouped(v, 0)
	}
	return human(v)
}

// changeText formats a change and its relative size: "+$12.3M (+10%)"; a
// change of a share in percentage points: "−5 pp".
func changeText(m Metric, i int) string {
	d := float64(m.Change[i])
	if math.IsNaN(d) {
		return "–"
	}
	if !differ(0, d) {
		return "="
	}
	if m.Unit == "share" {
		// A change of a share is in percentage points: 80% → 75% is −5 pp, and
		// a relative change of a share would read as another share.
		s := strings.TrimSuffix(percent(d), "%") + " pp"
		if d > 0 {
			s = "+" + s
		}
		return s
	}
	s := metricText(d, m.Unit)
	if m.Unit == "year" {
		s = fmt.Sprintf("%+d y", int(d))
	}
	if d > 0 && !strings.HasPrefix(s, "+") {
		s = "+" + s
	}
	if rel := float64(m.Relative[i]); !math.IsNaN(rel) {
		p := percent(rel)
		if rel > 0 {
			p = "+" + p
		}
		s += " (" + p + ")"
	}
	return s
}

// text renders the comparison as plain text (md false) or Markdown.
func (c *Comparison) text(md bool) string {
	var b strings.Builder
	heading := func(s string) {
		if md {
			fmt.Fprintf(&b, "\n## %s\n\n", mdEscape(s))
		} else {
			fmt.Fprintf(&b, "\n%s\n", s)
		}
	}
	writeTable := func(t table) {
		if md {
			writeMarkdownTable(&b, t)
		} else {
			t.writeText(&b)
		}
	}
	if md {
		b.WriteString("# Comparison of mineralplan runs\n")
	}
	runs := table{header: []string{"RUN", "FOLDER", "SCENARIO", "STATUS"}}
	for i, r := range c.Runs {
		label := "[" + strconv.Itoa(i) + "]"
		if i == 0 {
			label += " base"
		}
		runs.rows = append(runs.rows, []string{label, r.Dir, r.Scenario, r.Status})
	}
	heading("Runs")
	writeTable(runs)

	heading("Key figures (change against the base)")
	metrics := table{header: []string{"METRIC", "UNIT", "[0] BASE"}, right: []bool{false, false, true}}
	for i := range c.Runs[1:] {
		metrics.header = append(metrics.header, fmt.Sprintf("[%d]", i+1), fmt.Sprintf("CHANGE [%d]", i+1))
		metrics.right = append(metrics.right, true, true)
	}
	for _, m := range c.Metrics {
		row := []string{m.Name, m.Unit, metricText(float64(m.Values[0]), m.Unit)}
		for i := 1; i < len(m.Values); i++ {
			row = append(row, metricText(float64(m.Values[i]), m.Unit), changeText(m, i))
		}
		metrics.rows = append(metrics.rows, row)
	}
	writeTable(metrics)

	for i, d := range c.Diffs {
		heading(fmt.Sprintf("[%d] %s against the base", i+1, d.Dir))
		if len(d.Plants) == 0 {
			b.WriteString("Plants: the same.\n")
		} else {
			b.WriteString("Plants:\n")
			if md {
				b.WriteString("\n")
			}
			for _, p := range d.Plants {
				if md {
					fmt.Fprintf(&b, "- %s\n", mdEscape(p.String()))
				} else {
					fmt.Fprintf(&b, "  %s\n", p.String())
				}
			}
		}
		for _, part := range []struct {
			title   string
			changes []FlowChange
		}{{"Flows", d.Flows}, {"Imports", d.Imports}} {
			if md {
				b.WriteString("\n")
			}
			if len(part.changes) == 0 {
				fmt.Fprintf(&b, "%s: the same.\n", part.title)
				continue
			}
			fmt.Fprintf(&b, "%s that changed most (summed over the horizon):\n", part.title)
			if md {
				b.WriteString("\n")
			}
			writeTable(flowChangesTable(part.changes))
		}
		if d.FlowRowsChanged > 0 {
			if md {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "Rows of flows.csv that differ: %d.\n", d.FlowRowsChanged)
		}
	}
	if c.Changed() {
		b.WriteString("\nThe plans differ.\n")
	} else {
		b.WriteString("\nThe plans are the same.\n")
	}
	return strings.TrimLeft(b.String(), "\n")
}

// flowChangesTable lays out route changes for the text and Markdown forms.
func flowChangesTable(cs []FlowChange) table {
	t := table{header: []string{"MATERIAL", "FROM", "TO", "UNIT", "BASE", "RUN", "CHANGE"},
		right: []bool{false, false, false, false, true, true, true}}
	for _, f := range cs {
		from := f.From
		if f.Origin != "" {
			from += " (" + f.Origin + ")"
		}
		change := grouped(f.Change, 0)
		if f.Change > 0 {
			change = "+" + change
		}
		t.rows = append(t.rows, []string{f.Material, from, f.To, f.Unit, grouped(f.Base, 0), grouped(f.Value, 0), change})
	}
	return t
}

// csvTable is the comparison as one CSV table: a row per metric, plant
// change, flow and import change of each run against the base.
func (c *Comparison) csvTable() table {
	t := table{header: []string{"run", "dir", "section", "kind", "subject", "detail", "unit", "base", "value", "change", "relative_change"}}
	for i := 1; i < len(c.Runs); i++ {
		run, dir := strconv.Itoa(i), c.Runs[i].Dir
		for _, m := range c.Metrics {
			kind := "plan"
			if m.Solver {
				kind = "solver"
			}
			t.rows = append(t.rows, []string{run, dir, "metric", kind, m.Name, "", m.Unit, num(float64(m.Values[0]), quantityDecimals),
				num(float64(m.Values[i]), quantityDecimals), num(float64(m.Change[i]), quantityDecimals), relCell(m.Relative[i])})
		}
		d := c.Diffs[i-1]
		for _, p := range d.Plants {
			t.rows = append(t.rows, []string{run, dir, "plant", p.Kind, p.Technology, p.String(), "t/yr", qty(p.Capacity),
				qty(p.NewCapacity), qty(p.NewCapacity - p.Capacity), ""})
		}
		for _, part := range []struct {
			section string
			changes []FlowChange
		}{{"flow", d.Flows}, {"import", d.Imports}} {
			for _, f := range part.changes {
				detail := f.From + " → " + f.To
				if f.Origin != "" {
					detail += " (" + f.Origin + ")"
				}
				rel := Float(math.NaN())
				if f.Base != 0 {
					rel = Float(f.Change / math.Abs(f.Base))
				}
				t.rows = append(t.rows, []string{run, dir, part.section, "route", f.Material, detail, f.Unit, qty(f.Base), qty(f.Value),
					qty(f.Change), relCell(rel)})
			}
		}
	}
	return t
}

// relCell is a relative change for the CSV form, empty when not defined.
func relCell(v Float) string {
	if math.IsNaN(float64(v)) {
		return ""
	}
	return share(float64(v))
}

// ValidCompareFormat reports whether format is one of CompareFormats.
func ValidCompareFormat(format string) bool { return slices.Contains(CompareFormats, format) }
