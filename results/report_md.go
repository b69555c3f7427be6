package results

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// markdown renders report.md: the headline figures and the report's tables.
func (r *report) markdown() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n\n", mdEscape("mineralplan report: "+r.plan.Scenario))
	if d := strings.TrimSpace(r.scenario.Description); d != "" {
		fmt.Fprintf(&b, "%s\n\n", mdEscape(strings.Join(strings.Fields(d), " ")))
	}
	b.WriteString("| Figure | Value | Note |\n|---|---:|---|\n")
	for _, f := range r.figures {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", mdEscape(f.label), mdEscape(f.value), mdEscape(f.note))
	}
	if len(r.techs) > 0 {
		b.WriteString("\nTechnologies: ")
		for i, st := range r.techs {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s = %s", st.letter, mdEscape(st.name))
		}
		b.WriteString(".\n")
	}
	for _, t := range r.tables {
		fmt.Fprintf(&b, "\n## %s\n\n", mdEscape(t.name))
		writeMarkdownTable(&b, t)
	}
	if len(r.sources) > 0 {
		b.WriteString("\n## Sources\n\nThe references the scenario's figures cite, with how many of its objects (sites, technologies, markets, …) cite each.\n\n")
		for _, src := range r.sources {
			fmt.Fprintf(&b, "- %s %s", mdEscape(src.ID), mdEscape(src.Title))
			if src.URL != "" {
				fmt.Fprintf(&b, " — <%s>", strings.ReplaceAll(src.URL, ">", "%3E"))
			}
			if src.Cited > 0 {
				fmt.Fprintf(&b, " (cited by %d)", src.Cited)
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("\nMoney in USD ($M = million), mass in each material's unit (t, or kg for precious metals). Full tables: the CSV files beside this report.\n")
	return b.Bytes()
}

// writeMarkdownTable writes a GitHub-flavoured Markdown table, numbers
// right-aligned; a table with no rows says so.
func writeMarkdownTable(w io.Writer, t table) {
	if len(t.rows) == 0 {
		io.WriteString(w, "None.\n")
		return
	}
	var b strings.Builder
	b.WriteString("|")
	for _, h := range t.header {
		fmt.Fprintf(&b, " %s |", mdEscape(h))
	}
	b.WriteString("\n|")
	for i := range t.header {
		if i < len(t.right) && t.right[i] {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for _, row := range t.rows {
		b.WriteString("|")
		for _, c := range row {
			fmt.Fprintf(&b, " %s |", mdEscape(c))
		}
		b.WriteString("\n")
	}
	io.WriteString(w, b.String())
}

// mdEscape makes text safe in a Markdown table cell or heading.
var mdEscape = strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ", "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;").Replace
