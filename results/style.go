package results

import (
	"slices"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// okabeIto is the Okabe–Ito palette, safe for the common kinds of colour
// blindness, with the text colour readable on each fill.
var okabeIto = []struct{ fill, text string }{
	{"#0072B2", "#ffffff"}, // blue
	{"#E69F00", "#000000"}, // orange
	{"#009E73", "#ffffff"}, // bluish green
	{"#CC79A7", "#000000"}, // reddish purple
	{"#56B4E9", "#000000"}, // sky blue
	{"#D55E00", "#ffffff"}, // vermillion
	{"#F0E442", "#000000"}, // yellow
	{"#000000", "#ffffff"}, // black
}

// techStyle is how a technology is drawn: a colour and, so that colour is not
// the only cue, a letter shown on its map markers and in every legend.
type techStyle struct {
	id, name   string
	letter     string
	fill, text string // fill colour and the text colour on it
}

// techStyles assigns styles to the technologies that have plants in the plan,
// in the scenario's order (technologies the scenario does not list last, by
// id). Beyond eight technologies the colours repeat; the letters do not.
func techStyles(p *model.Plan, s *scenarios.Scenario) []techStyle {
	used := map[string]bool{}
	for _, pl := range p.Plants {
		used[pl.Technology] = true
	}
	var ids []string
	for _, t := range s.Technologies {
		if used[t.ID] {
			ids = append(ids, t.ID)
			delete(used, t.ID)
		}
	}
	rest := make([]string, 0, len(used))
	for id := range used {
		rest = append(rest, id)
	}
	slices.Sort(rest)
	ids = append(ids, rest...)

	styles := make([]techStyle, len(ids))
	for i, id := range ids {
		c := okabeIto[i%len(okabeIto)]
		styles[i] = techStyle{id: id, name: id, letter: letterCode(i), fill: c.fill, text: c.text}
		for _, t := range s.Technologies {
			if t.ID == id && t.Name != "" {
				styles[i].name = t.Name
			}
		}
	}
	return styles
}

// letterCode is A … Z, then AA, AB, …
func letterCode(i int) string {
	s := string(rune('A' + i%26))
	if i >= 26 {
		s = letterCode(i/26-1) + s
	}
	return s
}
