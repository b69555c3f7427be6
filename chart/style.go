package chart

import (
	"fmt"
	"slices"
	"strings"
)

// TextStyle is how a class of text is drawn: its size in px and weight.
type TextStyle struct {
	Size float64
	Bold bool
}

// TextClasses are the classes of text every chart uses, each with one size and
// weight; the stylesheet and the measurements both come from this table.
var TextClasses = map[string]TextStyle{
	"chart-title": {14, true},  // a chart's title
	"panel-title": {12, true},  // the title of a small multiple
	"axis-title":  {12, false}, // what an axis measures, with its unit
	"label":       {12, false}, // category names beside bars
	"legend":      {12, false},
	"value":       {12, false}, // numbers written on or beside marks
	"note":        {12, false},
	"tick":        {11, false},
	"site-label":  {11, false}, // map: a site's name
	"edge-label":  {11, false}, // map: a place off the map where lines go
	"letter":      {10, true},  // the letter on a marker or swatch
}

// Style returns the style of a class, and whether the class is known.
func Style(class string) (TextStyle, bool) {
	st, ok := TextClasses[class]
	return st, ok
}

// Okabe–Ito colours, safe for the common kinds of colour blindness, each with
// a text colour readable on it.
var Palette = []struct{ Fill, Text string }{
	{"#0072B2", "#ffffff"}, // blue
	{"#E69F00", "#000000"}, // orange
	{"#009E73", "#ffffff"}, // bluish green
	{"#CC79A7", "#000000"}, // reddish purple
	{"#56B4E9", "#000000"}, // sky blue
	{"#D55E00", "#ffffff"}, // vermillion
	{"#F0E442", "#000000"}, // yellow
	{"#000000", "#ffffff"}, // black
}

// Named colours of marks.
const (
	Grey     = "#BBBBBB"
	Dark     = "#1a1a1a"
	Positive = "#009E73"
	Negative = "#D55E00"
)

// shapeCSS styles the marks.
const shapeCSS = `.gridline { stroke: #e6e6e6; stroke-width: 1; }
.axis { stroke: #555; stroke-width: 1; }
.baseline { stroke: #000; stroke-width: 1.5; }
.marker-line { stroke: #000; stroke-width: 1; stroke-dasharray: 4 3; }
.series { fill: none; stroke-width: 2; stroke-linejoin: round; }
.npv-line { fill: none; stroke: #000; stroke-width: 2; }
.leader { stroke: #555; stroke-width: 0.8; }
.swatch { stroke: rgba(0, 0, 0, .25); }
.halo { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
`

// CSS is the stylesheet of every chart: the font, each text class and the
// marks. The report includes it once; a standalone SVG file carries it.
var CSS = func() string {
	var b strings.Builder
	fmt.Fprintf(&b, "svg text { font-family: %s; }\n", FontFamily)
	classes := make([]string, 0, len(TextClasses))
	for c := range TextClasses {
		classes = append(classes, c)
	}
	slices.Sort(classes)
	for _, c := range classes {
		st := TextClasses[c]
		weight := 400
		if st.Bold {
			weight = 700
		}
		fill := "#333"
		switch c {
		case "chart-title", "panel-title", "site-label", "edge-label":
			fill = Dark
		case "tick":
			fill = "#555"
		case "letter":
			fill = "inherit"
		}
		if c == "letter" {
			fmt.Fprintf(&b, "svg .%s { font-size: %gpx; font-weight: %d; }\n", c, st.Size, weight)
			continue
		}
		fmt.Fprintf(&b, "svg .%s { font-size: %gpx; font-weight: %d; fill: %s; }\n", c, st.Size, weight, fill)
	}
	b.WriteString("svg .site-label, svg .edge-label { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }\n")
	b.WriteString(shapeCSS)
	return b.String()
}()
