package results

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/mineralplan/mineralplan/chart"
)

// MarkdownPage renders the Markdown of a folder's report.md — as the study and
// alternatives reports write it: # and ## headings, paragraphs of one line,
// pipe tables and image lines ![alt](file) — as one self-contained HTML page.
// Each image line becomes figures[file] (an inline SVG; an image without a
// figure is left out), a table cell that is a link to a .md file becomes a link
// to the .html beside it, and extra (HTML) is written before the end of the
// body. css is added to the page's stylesheet.
func MarkdownPage(title string, md []byte, figures map[string]string, css, extra string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title><style>%s\nbody{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}</style></head><body>\n", chart.Esc(title), css)
	inTable := false
	for _, line := range strings.Split(string(md), "\n") {
		if inTable && !strings.HasPrefix(line, "|") {
			b.WriteString("</table>\n")
			inTable = false
		}
		switch {
		case strings.HasPrefix(line, "# "):
			fmt.Fprintf(&b, "<h1>%s</h1>\n", chart.Esc(line[2:]))
		case strings.HasPrefix(line, "## "):
			fmt.Fprintf(&b, "<h2>%s</h2>\n", chart.Esc(line[3:]))
		case strings.HasPrefix(line, "!["):
			if m := mdImage.FindStringSubmatch(line); m != nil && figures[m[2]] != "" {
				b.WriteString(figures[m[2]] + "\n")
			}
		case strings.HasPrefix(line, "|---"):
		case strings.HasPrefix(line, "|"):
			if !inTable {
				b.WriteString("<table>")
				inTable = true
			}
			b.WriteString("<tr>")
			for _, c := range strings.Split(strings.Trim(line, "|"), "|") {
				fmt.Fprintf(&b, "<td>%s</td>", MarkdownCell(strings.TrimSpace(c)))
			}
			b.WriteString("</tr>\n")
		case line != "":
			fmt.Fprintf(&b, "<p>%s</p>\n", chart.Esc(line))
		}
	}
	if inTable {
		b.WriteString("</table>\n")
	}
	b.WriteString(extra)
	b.WriteString("</body></html>\n")
	return []byte(b.String())
}

// mdLink is a Markdown link, [text](target); mdImage an image line.
var (
	mdLink  = regexp.MustCompile(`^\[([^\]]*)\]\(([^)]*)\)$`)
	mdImage = regexp.MustCompile(`^!\[([^\]]*)\]\(([^)]*)\)$`)
)

// MarkdownCell writes a table cell of a report.md as HTML: a link to another
// report.md becomes a link to its report.html; any other text is escaped.
func MarkdownCell(c string) string {
	if m := mdLink.FindStringSubmatch(c); m != nil {
		return fmt.Sprintf(`<a href="%s">%s</a>`, chart.Esc(strings.TrimSuffix(m[2], ".md")+".html"), chart.Esc(m[1]))
	}
	return chart.Esc(c)
}
