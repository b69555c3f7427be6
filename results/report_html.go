package results

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strings"

	"github.com/mineralplan/mineralplan/chart"
)

// reportCSS styles report.html on screen and in print.
//
//go:embed report.css
var reportCSS string

// BoundaryNote is printed under every map: how the map depicts India's borders.
const BoundaryNote = "Boundaries follow Natural Earth's default de-facto view, not the Survey of India's official depiction (which includes all of Jammu & Kashmir and Ladakh)."

var reportTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mineralplan">
<title>mineralplan report: {{.Scenario}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<header>
<h1>mineralplan report: <span class="scenario">{{.Scenario}}</span></h1>
{{with .Description}}<p class="description">{{.}}</p>{{end}}
</header>
<section class="figures" aria-label="Key figures">
{{range .Figures}}<div class="figure"><div class="label">{{.Label}}</div><div class="value">{{.Value}}</div><div class="note">{{.Note}}</div></div>
{{end}}</section>
<div class="layout">
<figure class="map">
{{.Map}}
<figcaption>
{{.MapLegend}}
<p class="credit">Made with Natural Earth. {{.BoundaryNote}}</p>
</figcaption>
</figure>
<div class="charts">
<figure>{{.CapexChart}}</figure>
<figure>{{.CashChart}}</figure>
<figure>{{.ChinaChart}}</figure>
</div>
<figure class="output">{{.OutputChart}}</figure>
</div>
{{range .Tables}}<section class="table">
<h2>{{.Title}}</h2>
{{if .Rows}}<table>
<thead><tr>{{range .Header}}<th{{if .Right}} class="num"{{end}}>{{.Text}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range .}}<td{{if .Right}} class="num"{{end}}>{{.Text}}</td>{{end}}</tr>
{{end}}</tbody>
</table>{{else}}<p>None.</p>{{end}}
</section>
{{end}}{{if .Sources}}<section class="sources">
<h2>Sources</h2>
<p>The references the scenario's figures cite, with how many of its objects (sites, technologies, markets, …) cite each.</p>
<ul class="source-list">
{{range .Sources}}<li><span class="ref-id">{{.ID}}</span> {{.Title}}{{if .URL}} — <a href="{{.URL}}">{{.URL}}</a>{{end}}{{if .Cited}} <span class="cited">(cited by {{.Cited}})</span>{{end}}</li>
{{end}}</ul>
</section>
{{end}}<footer>
<p>Money in USD ($M = million), mass in each material's unit (t, or kg for precious metals). The full tables are the CSV files beside this report. Written by mineralplan.</p>
</footer>
</body>
</html>
`))

// htmlCell is a table cell and whether it is a number (aligned right).
type htmlCell struct {
	Text  string
	Right bool
}

// htmlTable is a display table as the template reads it.
type htmlTable struct {
	Title  string
	Header []htmlCell
	Rows   [][]htmlCell
}

// htmlFigure is a headline figure as the template reads it.
type htmlFigure struct {
	Label, Value, Note string
}

// html renders report.html: one self-contained file (inline CSS and SVG, no
// scripts, fonts or anything else fetched).
func (r *report) html() ([]byte, error) {
	data := struct {
		Scenario, Description, BoundaryNote                            string
		CSS                                                            template.CSS
		Figures                                                        []htmlFigure
		Map, MapLegend, CapexChart, CashChart, ChinaChart, OutputChart template.HTML
		Tables                                                         []htmlTable
		Sources                                                        []source
	}{
		Scenario:     r.plan.Scenario,
		Description:  strings.Join(strings.Fields(r.scenario.Description), " "),
		BoundaryNote: BoundaryNote,
		CSS:          template.CSS(reportCSS + chart.CSS),
		// The SVGs are built by this package, which escapes every text from
		// the scenario (see svg.go).
		Map:         template.HTML(r.mapSVG()),
		MapLegend:   template.HTML(r.mapLegend()),
		CapexChart:  template.HTML(r.capexChart()),
		CashChart:   template.HTML(r.cashChart()),
		ChinaChart:  template.HTML(r.chinaChart()),
		OutputChart: template.HTML(r.outputChart()),
		Sources:     r.sources,
	}
	for _, f := range r.figures {
		data.Figures = append(data.Figures, htmlFigure{f.label, f.value, f.note})
	}
	for _, t := range r.tables {
		ht := htmlTable{Title: t.name}
		for i, h := range t.header {
			ht.Header = append(ht.Header, htmlCell{h, i < len(t.right) && t.right[i]})
		}
		for _, row := range t.rows {
			var cells []htmlCell
			for i, c := range row {
				cells = append(cells, htmlCell{c, i < len(t.right) && t.right[i]})
			}
			ht.Rows = append(ht.Rows, cells)
		}
		data.Tables = append(data.Tables, ht)
	}
	var b bytes.Buffer
	if err := reportTemplate.Execute(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// mapLegend explains the map's symbols in HTML: technologies (colour and
// letter), marker size, candidate sites and the kinds of flow line.
func (r *report) mapLegend() string {
	var b strings.Builder
	b.WriteString(`<ul class="map-legend">`)
	for _, st := range r.techs {
		fmt.Fprintf(&b, `<li><svg width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="7.5" fill="%s"/><text x="8" y="11.5" text-anchor="middle" class="letter" fill="%s">%s</text></svg> %s</li>`,
			st.fill, st.text, esc(st.letter), esc(st.name))
	}
	b.WriteString(`</ul><ul class="map-legend">`)
	b.WriteString(`<li><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="2.5" class="candidate-site"/></svg> candidate site</li>`)
	b.WriteString(`<li><svg width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="6" fill="#fff" stroke="#333" stroke-dasharray="2 1.5"/></svg> existing plant (dashed edge)</li>`)
	maxCap := 0.0
	for _, pl := range r.plan.Plants {
		maxCap = max(maxCap, pl.Capacity)
	}
	fmt.Fprintf(&b, `<li>marker area grows with capacity; largest %s t/yr</li>`, grouped(maxCap, 0))
	b.WriteString(`</ul><ul class="map-legend">`)
	for _, k := range []struct{ class, label string }{
		{"flow flow-feed", "feedstock to plant"}, {"flow flow-inter", "plant to plant"},
		{"flow flow-import", "import to plant"}, {"flow flow-sale", "plant to market"},
	} {
		fmt.Fprintf(&b, `<li><svg width="34" height="10" aria-hidden="true"><line x1="2" y1="5" x2="32" y2="5" class="%s" stroke-width="2.5"/></svg> %s</li>`, k.class, k.label)
	}
	fmt.Fprintf(&b, `<li>line width grows with tonnes over the horizon (largest %d routes)</li></ul>`, mapFlows)
	return b.String()
}
