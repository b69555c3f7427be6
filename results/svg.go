package results

import (
	"github.com/mineralplan/mineralplan/chart"
)

// svg is a chart canvas (package chart): every chart and the map of the
// report are drawn on one.
type svg = chart.Canvas

// px formats a coordinate.
func px(v float64) string { return chart.Px(v) }

// esc escapes text for an SVG or HTML attribute or element.
func esc(s string) string { return chart.Esc(s) }

// textWidth is the width in px of t at a font size, measured in the charts'
// font.
func textWidth(t string, size float64) float64 { return chart.Width(t, size, false) }

// tickLabel formats a tick value with the decimals its step needs.
func tickLabel(v float64, ticks []float64) string { return chart.TickLabel(v, ticks) }

// niceTicks returns about n round tick values covering [lo, hi].
func niceTicks(lo, hi float64, n int) []float64 { return chart.NiceTicks(lo, hi, n) }
