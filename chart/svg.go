package chart

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// Canvas builds an SVG document as text: the elements in order, then the
// frame around them (Frame or Standalone). Coordinates are written with one
// decimal; every text is escaped. The zero Canvas is ready for use. It keeps
// the boxes of the texts it writes, so that later labels can avoid them.
type Canvas struct {
	strings.Builder
	// Texts are the layout boxes of the texts written, in order.
	Texts []Box
}

// Px formats a coordinate or length.
func Px(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

// Esc escapes text for an SVG or HTML attribute or element.
func Esc(s string) string { return html.EscapeString(s) }

// Frame returns the canvas as an <svg> element of the given size with an
// accessible title and description, for a page that carries CSS (the report).
func (c *Canvas) Frame(id string, w, h float64, title, desc string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" id="%s" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-labelledby="%s-title %s-desc">`,
		id, Px(w), Px(h), Px(w), Px(h), id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, Esc(title), id, Esc(desc))
	b.WriteString(c.String())
	b.WriteString("</svg>")
	return b.String()
}

// Standalone returns the canvas as an SVG file of its own: the frame with the
// stylesheet inside and a white background.
func (c *Canvas) Standalone(id string, w, h float64, title, desc string) []byte {
	var body Canvas
	fmt.Fprintf(&body, `<style>%s</style><rect x="0" y="0" width="%s" height="%s" fill="#fff"/>`, CSS, Px(w), Px(h))
	body.WriteString(c.String())
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + body.Frame(id, w, h, title, desc) + "\n")
}

// Text writes a text element of a class (see TextClasses) at (x, y), y being
// the baseline; anchor is start, middle or end. It returns the text's layout
// box and records it in Texts.
func (c *Canvas) Text(x, y float64, anchor, class, text string) Box {
	return c.TextAttrs(x, y, anchor, class, text, "")
}

// TextAttrs is Text with extra attributes (such as a fill or a tooltip's
// title, written inside the element when attrs starts with <title>).
func (c *Canvas) TextAttrs(x, y float64, anchor, class, text, attrs string) Box {
	tip := ""
	if strings.HasPrefix(attrs, "<title>") {
		tip, attrs = attrs, ""
	}
	fmt.Fprintf(c, `<text x="%s" y="%s" text-anchor="%s" class="%s"%s>%s%s</text>`, Px(x), Px(y), anchor, class, attrs, tip, Esc(text))
	b := TextBox(x, y, anchor, class, text)
	c.Texts = append(c.Texts, b)
	return b
}

// TextBox is the layout box of a text of a class drawn at (x, y) with an
// anchor: its advance width, and the ascent and descent of its size.
func TextBox(x, y float64, anchor, class, text string) Box {
	st, _ := Style(class)
	return textBoxSized(x, y, anchor, text, st.Size, st.Bold)
}

func textBoxSized(x, y float64, anchor, text string, size float64, bold bool) Box {
	w := Width(text, size, bold)
	x0 := x
	switch anchor {
	case "middle":
		x0 = x - w/2
	case "end":
		x0 = x - w
	}
	return Box{x0, y - Ascent(size), x0 + w, y + Descent(size)}
}

// Rect writes a rectangle with a fill, a class and an optional tooltip.
func (c *Canvas) Rect(x, y, w, h float64, fill, class, tip string) {
	if w < 0 {
		x, w = x+w, -w
	}
	if h < 0 {
		y, h = y+h, -h
	}
	fmt.Fprintf(c, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s" class="%s">`, Px(x), Px(y), Px(w), Px(h), fill, class)
	if tip != "" {
		fmt.Fprintf(c, `<title>%s</title>`, Esc(tip))
	}
	c.WriteString("</rect>")
}

// Line writes a line segment with a class.
func (c *Canvas) Line(x1, y1, x2, y2 float64, class string) {
	fmt.Fprintf(c, `<line x1="%s" y1="%s" x2="%s" y2="%s" class="%s"/>`, Px(x1), Px(y1), Px(x2), Px(y2), class)
}

// Polyline writes a line through points (x, y pairs) in a colour.
func (c *Canvas) Polyline(pts [][2]float64, class, stroke string) {
	var b strings.Builder
	for i, p := range pts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(Px(p[0]) + "," + Px(p[1]))
	}
	style := ""
	if stroke != "" {
		style = fmt.Sprintf(` stroke="%s"`, stroke)
	}
	fmt.Fprintf(c, `<polyline class="%s" points="%s"%s/>`, class, b.String(), style)
}

// Circle writes a dot with a fill and an optional tooltip.
func (c *Canvas) Circle(x, y, r float64, fill, class, tip string) {
	fmt.Fprintf(c, `<circle cx="%s" cy="%s" r="%s" fill="%s" class="%s">`, Px(x), Px(y), Px(r), fill, class)
	if tip != "" {
		fmt.Fprintf(c, `<title>%s</title>`, Esc(tip))
	}
	c.WriteString("</circle>")
}

// Swatch writes a legend entry at (x, y), y the baseline: a square in a fill
// with a letter on it (when given) and a label; it returns the x after it.
func (c *Canvas) Swatch(x, y float64, fill, textFill, letter, label string) float64 {
	c.Rect(x, y-10, 13, 13, fill, "swatch", "")
	if letter != "" {
		fmt.Fprintf(c, `<text x="%s" y="%s" text-anchor="middle" class="letter" fill="%s">%s</text>`, Px(x+6.5), Px(y), textFill, Esc(letter))
		c.Texts = append(c.Texts, TextBox(x+6.5, y, "middle", "letter", letter))
	}
	b := c.Text(x+18, y, "start", "legend", label)
	return b.X1 + 14
}

// LegendItem is one entry of a legend: a swatch (a fill, with a letter on it
// in textFill when given) or, with Line set, a short line in that class and
// colour; and its label.
type LegendItem struct {
	Fill, TextFill, Letter, Label string
	Line                          string // a line's class, such as "series" or "npv-line"
}

// LegendWidth is how wide an entry is, px.
func (it LegendItem) width() float64 {
	return 18 + Width(it.Label, TextClasses["legend"].Size, false) + 14
}

// Legend writes items left to right from (x, y), wrapping before maxX, and
// returns the y of the baseline below its last row.
func (c *Canvas) Legend(items []LegendItem, x, y, maxX float64) float64 {
	x0 := x
	for _, it := range items {
		if x+it.width() > maxX && x > x0 {
			x, y = x0, y+20
		}
		if it.Line != "" {
			stroke := ""
			if it.Fill != "" {
				stroke = it.Fill
			}
			c.Polyline([][2]float64{{x, y - 4}, {x + 13, y - 4}}, it.Line, stroke)
			x = c.Text(x+18, y, "start", "legend", it.Label).X1 + 14
			continue
		}
		x = c.Swatch(x, y, it.Fill, it.TextFill, it.Letter, it.Label)
	}
	return y + 20
}

// LegendHeight is the height a legend of these items takes from its first
// baseline to the baseline below it, px.
func LegendHeight(items []LegendItem, x, maxX float64) float64 {
	var c Canvas
	return c.Legend(items, x, 0, maxX)
}

// Wrap breaks text into lines that fit maxWidth px at a size, at spaces; a
// word longer than the width stays whole on its own line.
func Wrap(text string, size float64, bold bool, maxWidth float64) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(text) {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if cur != "" && Width(try, size, bold) > maxWidth {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
