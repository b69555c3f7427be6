package chart

import (
	"math"
	"strings"
	"testing"
)

// TestWidth: Liberation Sans has Arial's widths: "M" is 0.833 em, a digit
// 0.556 em, and text scales with its size.
func TestWidth(t *testing.T) {
	for _, tc := range []struct {
		text string
		size float64
		want float64
	}{{"M", 100, 83.3}, {"0123456789", 10, 55.6}, {"i", 12, 2.67}} {
		if got := Width(tc.text, tc.size, false); math.Abs(got-tc.want) > 0.05*tc.want {
			t.Errorf("Width(%q, %v) = %v; want about %v", tc.text, tc.size, got, tc.want)
		}
	}
	if Width("Bold", 12, true) <= Width("Bold", 12, false) {
		t.Error("bold text is not wider than regular")
	}
}

func TestWrap(t *testing.T) {
	lines := Wrap("Cathode active material (NMC 811), battery grade", 12, true, 150)
	if len(lines) < 2 {
		t.Fatalf("lines %q", lines)
	}
	for _, l := range lines {
		if Width(l, 12, true) > 150 {
			t.Errorf("line %q is %v px wide; want at most 150", l, Width(l, 12, true))
		}
	}
	if strings.Join(lines, " ") != "Cathode active material (NMC 811), battery grade" {
		t.Errorf("wrapping lost words: %q", lines)
	}
}

// TestCheck: Check finds text drawn over text, text cut off at the edge,
// markers drawn over one another and a label over a marker, and passes a
// clean chart.
func TestCheck(t *testing.T) {
	frame := func(body string) string {
		return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100">` + body + `</svg>`
	}
	clean := frame(`<text x="10" y="20" text-anchor="start" class="label">Greater Noida</text>` +
		`<text x="10" y="40" text-anchor="start" class="label">Noida<title>a tooltip that is not drawn, however long it may be</title></text>` +
		`<circle class="plant-marker" cx="150" cy="50" r="8"/><text x="150" y="53.6" text-anchor="middle" class="letter">A</text>` +
		`<circle class="plant-marker" cx="170" cy="50" r="8"/>`)
	if p, err := Check(clean); err != nil || len(p) != 0 {
		t.Errorf("a clean chart: %v, %v", p, err)
	}
	for want, body := range map[string]string{
		`"Greater Noida" and "→ Greater Noida" overlap`: `<text x="10" y="20" class="label">Greater Noida</text><text x="14" y="22" class="site-label">→ Greater Noida</text>`,
		`leaves the canvas`:    `<text x="190" y="20" text-anchor="start" class="label">cut off</text>`,
		`overlap`:              `<circle class="plant-marker" cx="50" cy="50" r="8"/><circle class="plant-marker" cx="60" cy="50" r="8"/>`,
		`covers the marker at`: `<circle class="plant-marker" cx="50" cy="50" r="8"/><text x="45" y="54" class="label">Noida</text>`,
	} {
		p, err := Check(frame(body))
		if err != nil || !strings.Contains(strings.Join(p, "\n"), want) {
			t.Errorf("%s: got %v, %v; want a problem saying %q", body, p, err, want)
		}
	}
}

// TestPlace: a label goes to the first free spot, and a Canvas's texts are
// obstacles for the next.
func TestPlace(t *testing.T) {
	var c Canvas
	first := c.Text(100, 50, "start", "label", "Noida")
	obst := Obstacles{Boxes: c.Texts, Circles: []Circle{{90, 46, 6}}}
	sp, b, ok := obst.Place(Around(90, 46, 6, 3, 8, 3, "label"), "label", "Greater Noida", Box{0, 0, 300, 100})
	if !ok || b.Overlap(first) > 0 || (Circle{90, 46, 6}).Hits(b) {
		t.Errorf("placed at %v (%v), overlapping %v", sp, b, first)
	}
}
