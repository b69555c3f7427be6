// Package chart is the one drawing layer of every chart mineralplan writes: the
// report's charts and map (package results) and the sweeps' charts (package
// sweep). It builds SVG as text with one stylesheet, measures every text with
// the font it is drawn in (Liberation Sans, the font gonum/plot ships,
// metric-compatible with Arial and Helvetica) so that labels are laid out
// where they fit, places labels away from one another and from markers, and
// checks a finished SVG for text that overlaps or leaves the canvas.
//
// Coordinates are CSS pixels with the origin at the top left; font sizes are
// pixels. Everything written is deterministic.
package chart
