package chart

import "math"

// Box is a rectangle, px: X0 ≤ X1 left to right, Y0 ≤ Y1 top to bottom.
type Box struct{ X0, Y0, X1, Y1 float64 }

// Overlap is the area two boxes share, px².
func (a Box) Overlap(b Box) float64 {
	return math.Max(0, math.Min(a.X1, b.X1)-math.Max(a.X0, b.X0)) * math.Max(0, math.Min(a.Y1, b.Y1)-math.Max(a.Y0, b.Y0))
}

// Inside reports whether a lies within b.
func (a Box) Inside(b Box) bool {
	return a.X0 >= b.X0 && a.Y0 >= b.Y0 && a.X1 <= b.X1 && a.Y1 <= b.Y1
}

// Grow returns a with d px added on every side.
func (a Box) Grow(d float64) Box { return Box{a.X0 - d, a.Y0 - d, a.X1 + d, a.Y1 + d} }

// Circle is a round mark, for layout: centre and radius, px.
type Circle struct{ X, Y, R float64 }

// Box is the square around the circle.
func (c Circle) Box() Box { return Box{c.X - c.R, c.Y - c.R, c.X + c.R, c.Y + c.R} }

// Hits reports whether the circle and box b share more than a sliver.
func (c Circle) Hits(b Box) bool {
	nx := math.Max(b.X0, math.Min(c.X, b.X1))
	ny := math.Max(b.Y0, math.Min(c.Y, b.Y1))
	return math.Hypot(c.X-nx, c.Y-ny) < c.R-0.5
}

// Spot is a place a label may go: the anchor point and anchor of its text.
type Spot struct {
	X, Y   float64
	Anchor string
}

// Obstacles are what a label must not cover: boxes (other labels, bars) and
// circles (markers).
type Obstacles struct {
	Boxes   []Box
	Circles []Circle
	// Soft boxes may be covered when no free spot is left, at a cost (such
	// as small dots that a label may hide).
	Soft []Box
}

// cost is how much a box covers the obstacles: hard overlap area first, then
// soft area far below it.
func (o *Obstacles) cost(b Box) float64 {
	c := 0.0
	for _, x := range o.Boxes {
		c += 1000 * x.Overlap(b)
	}
	for _, ci := range o.Circles {
		if ci.Hits(b) {
			c += 1000 * ci.Box().Overlap(b)
		}
	}
	for _, x := range o.Soft {
		c += x.Overlap(b)
	}
	return c
}

// Place returns the first spot (in the order given) where text of a class
// lies inside bounds and covers none of the obstacles, with its box; when
// every spot covers some, the one that covers least. ok is false when no spot
// lies inside bounds.
func (o *Obstacles) Place(spots []Spot, class, text string, bounds Box) (Spot, Box, bool) {
	best, bestBox, least, found := Spot{}, Box{}, math.Inf(1), false
	for _, sp := range spots {
		b := TextBox(sp.X, sp.Y, sp.Anchor, class, text)
		if !b.Inside(bounds) {
			continue
		}
		c := o.cost(b.Grow(1))
		if c < least {
			best, bestBox, least, found = sp, b, c, true
		}
		if c == 0 {
			break
		}
	}
	return best, bestBox, found
}

// Around returns spots for a label beside a mark of radius r at (x, y), for
// text of a class: right, left, above, below, then the four corners, at
// distance r+gap, then farther out in steps of step px, n rings in all.
func Around(x, y, r, gap, step float64, n int, class string) []Spot {
	st, _ := Style(class)
	mid := (Ascent(st.Size) - Descent(st.Size)) / 2 // baseline offset that centres the text vertically
	var out []Spot
	for k := range n {
		e := r + gap + float64(k)*step
		d := e / math.Sqrt2
		out = append(out,
			Spot{x + e, y + mid, "start"},
			Spot{x - e, y + mid, "end"},
			Spot{x, y - e - Descent(st.Size), "middle"},
			Spot{x, y + e + Ascent(st.Size), "middle"},
			Spot{x + d, y - d - Descent(st.Size), "start"},
			Spot{x - d, y - d - Descent(st.Size), "end"},
			Spot{x + d, y + d + Ascent(st.Size), "start"},
			Spot{x - d, y + d + Ascent(st.Size), "end"},
		)
	}
	return out
}
