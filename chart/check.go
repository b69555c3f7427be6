package chart

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Placed is a text or marker of a finished SVG as Check sees it.
type Placed struct {
	Text   string // the text; empty for a marker
	Box    Box    // the ink of a text; the square around a marker
	Circle *Circle
	// ax, ay is where a text is anchored; letter marks the letter of a marker.
	ax, ay float64
	letter bool
}

// Layout reads the texts and the markers (circles whose class names a marker)
// of one <svg> element, with the box each covers: a text's glyphs as the font
// draws them at its class's size (or its font-size attribute), from its x, y
// and anchor. It also returns the size of the canvas (the viewBox).
func Layout(svg string) (items []Placed, canvas Box, err error) {
	d := xml.NewDecoder(strings.NewReader(svg))
	d.Entity = xml.HTMLEntity
	d.Strict = false
	type open struct {
		x, y, size float64
		anchor     string
		bold       bool
		letter     bool
		text       strings.Builder
	}
	var cur *open
	titleDepth := 0
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, Box{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			attr := func(name string) string {
				for _, a := range t.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			num := func(name string) float64 {
				v, _ := strconv.ParseFloat(attr(name), 64)
				return v
			}
			switch t.Name.Local {
			case "svg":
				if depth == 1 {
					f := strings.Fields(attr("viewBox"))
					if len(f) == 4 {
						w, _ := strconv.ParseFloat(f[2], 64)
						h, _ := strconv.ParseFloat(f[3], 64)
						canvas = Box{0, 0, w, h}
					}
				}
			case "text":
				st, _ := Style(firstClass(attr("class")))
				cur = &open{x: num("x"), y: num("y"), size: st.Size, anchor: attr("text-anchor"), bold: st.Bold,
					letter: firstClass(attr("class")) == "letter"}
				if fs := attr("font-size"); fs != "" {
					cur.size, _ = strconv.ParseFloat(strings.TrimSuffix(fs, "px"), 64)
				}
			case "title":
				titleDepth++
			case "circle":
				if strings.Contains(attr("class"), "marker") {
					c := Circle{num("cx"), num("cy"), num("r")}
					items = append(items, Placed{Box: c.Box(), Circle: &c})
				}
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "title":
				titleDepth--
			case "text":
				if cur != nil && cur.text.Len() > 0 {
					s := cur.text.String()
					w := Width(s, cur.size, cur.bold)
					x0 := cur.x
					switch cur.anchor {
					case "middle":
						x0 -= w / 2
					case "end":
						x0 -= w
					}
					ix0, iy0, ix1, iy1 := Ink(s, cur.size, cur.bold)
					items = append(items, Placed{Text: s, Box: Box{x0 + ix0, cur.y + iy0, x0 + ix1, cur.y + iy1}, ax: cur.x, ay: cur.y, letter: cur.letter})
				}
				cur = nil
			}
		case xml.CharData:
			if cur != nil && titleDepth == 0 {
				cur.text.Write(t)
			}
		}
	}
	return items, canvas, nil
}

// firstClass is the first name of a class attribute.
func firstClass(c string) string {
	if f := strings.Fields(c); len(f) > 0 {
		return f[0]
	}
	return ""
}

// Check reports, for one <svg> element, every text that leaves the canvas,
// every two texts whose glyphs overlap, every two markers that overlap and
// every text that covers a marker (other than a letter written on its own
// marker): what a reader would see as cut off or drawn over. Each problem
// is one line naming the texts.
func Check(svg string) ([]string, error) {
	items, canvas, err := Layout(svg)
	if err != nil {
		return nil, err
	}
	var problems []string
	const slack = 0.5 // px: anti-aliasing, rounding to 0.1 px
	shares := func(a, b Box) bool {
		return math.Min(a.X1, b.X1)-math.Max(a.X0, b.X0) > slack && math.Min(a.Y1, b.Y1)-math.Max(a.Y0, b.Y0) > slack
	}
	name := func(p Placed) string {
		if p.Circle != nil {
			return fmt.Sprintf("marker at (%s, %s)", Px(p.Circle.X), Px(p.Circle.Y))
		}
		return fmt.Sprintf("%q", p.Text)
	}
	for i, a := range items {
		if a.Circle == nil && canvas.X1 > 0 && !a.Box.Inside(canvas.Grow(slack)) {
			problems = append(problems, fmt.Sprintf("%s at %v leaves the canvas %v", name(a), a.Box, canvas))
		}
		for _, b := range items[i+1:] {
			switch {
			case a.Circle != nil && b.Circle != nil:
				if math.Hypot(a.Circle.X-b.Circle.X, a.Circle.Y-b.Circle.Y) < a.Circle.R+b.Circle.R-slack {
					problems = append(problems, fmt.Sprintf("%s and %s overlap", name(a), name(b)))
				}
			case a.Circle != nil || b.Circle != nil:
				c, t := a, b
				if c.Circle == nil {
					c, t = b, a
				}
				own := t.letter && math.Hypot(t.ax-c.Circle.X, t.ay-c.Circle.Y) < c.Circle.R // a letter on its marker
				if !own && c.Circle.Hits(t.Box) {
					problems = append(problems, fmt.Sprintf("%s covers the %s", name(t), name(c)))
				}
			case shares(a.Box, b.Box):
				problems = append(problems, fmt.Sprintf("%s and %s overlap", name(a), name(b)))
			}
		}
	}
	return problems, nil
}
