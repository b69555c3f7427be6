package results

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// svg builds an SVG document as text. Coordinates are in pixels with one
// decimal; every text and attribute value from a scenario is escaped.
type svg struct {
	strings.Builder
}

// px formats a coordinate.
func px(v float64) string { return num(v, 1) }

// esc escapes text for an SVG or HTML attribute or element.
func esc(s string) string { return html.EscapeString(s) }

// open starts an <svg> of the given size with an accessible title and
// description.
func (s *svg) open(id string, w, h float64, title, desc string) {
	fmt.Fprintf(s, `<svg xmlns="http://www.w3.org/2000/svg" id="%s" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-labelledby="%s-title %s-desc">`,
		id, px(w), px(h), px(w), px(h), id, id)
	fmt.Fprintf(s, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, esc(title), id, esc(desc))
}

func (s *svg) close() { s.WriteString("</svg>") }

// text writes a text element; anchor is start, middle or end.
func (s *svg) text(x, y float64, anchor, class, t string) {
	fmt.Fprintf(s, `<text x="%s" y="%s" text-anchor="%s" class="%s">%s</text>`, px(x), px(y), anchor, class, esc(t))
}

// fitText writes a text element, text then suffix, with text shortened by
// "…" so that the whole fits maxWidth px at the given font size; a shortened
// text carries the whole in a tooltip.
func (s *svg) fitText(x, y float64, anchor, class, text, suffix string, size, maxWidth float64) {
	r := []rune(text)
	n := len(r)
	for n > 1 && textWidth(string(r[:n])+suffix, size) > maxWidth {
		n--
	}
	if n == len(r) {
		s.text(x, y, anchor, class, text+suffix)
		return
	}
	fmt.Fprintf(s, `<text x="%s" y="%s" text-anchor="%s" class="%s"><title>%s</title>%s…%s</text>`,
		px(x), px(y), anchor, class, esc(text+suffix), esc(string(r[:n-1])), esc(suffix))
}

// rect writes a rectangle with a fill and an optional tooltip.
func (s *svg) rect(x, y, w, h float64, fill, class, tip string) {
	fmt.Fprintf(s, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s" class="%s">`, px(x), px(y), px(w), px(h), fill, class)
	if tip != "" {
		fmt.Fprintf(s, `<title>%s</title>`, esc(tip))
	}
	s.WriteString("</rect>")
}

// line writes a line segment with a CSS class.
func (s *svg) line(x1, y1, x2, y2 float64, class string) {
	fmt.Fprintf(s, `<line x1="%s" y1="%s" x2="%s" y2="%s" class="%s"/>`, px(x1), px(y1), px(x2), px(y2), class)
}

// swatch writes a legend entry: a coloured square with a letter on it (when
// given) and a label, and returns the x after it.
func (s *svg) swatch(x, y float64, fill, textFill, letter, label string) float64 {
	s.rect(x, y-10, 13, 13, fill, "swatch", "")
	if letter != "" {
		fmt.Fprintf(s, `<text x="%s" y="%s" text-anchor="middle" class="letter" fill="%s">%s</text>`, px(x+6.5), px(y), textFill, esc(letter))
	}
	s.text(x+18, y, "start", "legend", label)
	return x + 18 + textWidth(label, 12) + 14
}

// textWidth estimates the width in pixels of t at a font size, for laying out
// legends and labels (an average glyph of a wide sans-serif such as DejaVu
// Sans is about 0.6 em; a little more keeps labels clear of the edge).
func textWidth(t string, size float64) float64 {
	return float64(len([]rune(t))) * size * 0.62
}

// tickLabel formats a tick value with the decimals its step needs: 50, not
// 50.0, on a scale in steps of 50; 0.5 on one in steps of 0.5.
func tickLabel(v float64, ticks []float64) string {
	if len(ticks) < 2 {
		return human(v)
	}
	step := math.Abs(ticks[1] - ticks[0])
	d := 0
	for ; d < 6; d++ {
		if x := step * math.Pow(10, float64(d)); math.Abs(x-math.Round(x)) < 1e-9*math.Max(1, x) {
			break
		}
	}
	return grouped(v, d)
}

// niceTicks returns about n round tick values (1, 2 or 5 × a power of ten
// apart) covering [lo, hi].
func niceTicks(lo, hi float64, n int) []float64 {
	if hi <= lo {
		hi = lo + 1
	}
	raw := (hi - lo) / float64(max(n, 1))
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	// i × step, computed so that 3 × 0.1 is 0.3 and not 0.30000000000000004.
	at := func(i float64) float64 {
		if mag < 1 {
			return i * (step / mag) / math.Round(1/mag)
		}
		return i * step
	}
	var ticks []float64
	for i := math.Floor(lo / step); at(i) <= hi+step*1e-9; i++ {
		ticks = append(ticks, at(i))
	}
	if ticks[len(ticks)-1] < hi {
		ticks = append(ticks, at(math.Floor(lo/step)+float64(len(ticks))))
	}
	return ticks
}
