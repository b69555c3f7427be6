package sweep

import (
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/mineralplan/mineralplan/scenarios"
)

// Param describes a varied scenario path for tables and charts: what it is in
// words, its unit and its value in the base scenario.
type Param struct {
	Path string `json:"path"`
	// Name says what the path is: "Japanese cell makers: price" for
	// markets[japan-li].price.
	Name string `json:"name"`
	// Unit is the unit of the values, such as USD/t, t/yr or USD; empty for a
	// share, a rate or a word.
	Unit string `json:"unit,omitempty"`
	// Base is the value in the base scenario, nil when it is not a number; for
	// a value that changes by year (a series), its value in the first year, and
	// Series is set.
	Base   *float64 `json:"base,omitempty"`
	Series bool     `json:"series,omitempty"`
}

// Label is the parameter's name with its unit in brackets.
func (p Param) Label() string {
	if p.Unit == "" {
		return p.Name
	}
	return p.Name + " (" + p.Unit + ")"
}

// Value returns the value a --set value v gives the parameter, as a number, and
// its factor of the base value: for *F, F times the base and F; for a number,
// itself and its ratio to the base. ok is false for a word; factor is NaN when
// the base is unknown or zero.
func (p Param) Value(v string) (value, factor float64, ok bool) {
	if f, rel := strings.CutPrefix(v, "*"); rel {
		x, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return 0, 0, false
		}
		if p.Base == nil {
			return math.NaN(), x, true
		}
		return x * *p.Base, x, true
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, 0, false
	}
	if p.Base == nil || *p.Base == 0 {
		return x, math.NaN(), true
	}
	return x, x / *p.Base, true
}

// ValueText writes a --set value of the parameter for people: $250M for a
// budget of 250e6, 14,000 USD/t for a price, ×1.2 (16,800 USD/t) for a factor
// with a known base; a word as it is.
func (p Param) ValueText(v string) string {
	x, f, ok := p.Value(v)
	if !ok {
		return v
	}
	abs := func(x float64) string {
		switch {
		case p.Unit == "USD" && math.Abs(x) >= 1e6:
			return "$" + formatNumber(roundSig(x/1e6, 6)) + "M"
		case p.Unit == "":
			return formatNumber(roundSig(x, 6))
		}
		return groupDigits(formatNumber(roundSig(x, 6))) + " " + p.Unit
	}
	if strings.HasPrefix(v, "*") {
		if math.IsNaN(x) {
			return "×" + formatNumber(f)
		}
		return "×" + formatNumber(f) + " (" + abs(x) + ")"
	}
	return abs(x)
}

// groupDigits puts commas between thousands of a plain decimal number.
func groupDigits(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if strings.ContainsAny(whole, "e") || len(whole) <= 3 {
		return sign + s
	}
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}

// describeParams returns the description of each path on the base scenario.
func describeParams(base *scenarios.Scenario, paths []string) []Param {
	var tree yaml.Node
	if b, err := base.YAML(); err == nil {
		_ = yaml.Unmarshal(b, &tree) // a scenario's own YAML reads back
	}
	out := make([]Param, len(paths))
	for i, p := range paths {
		out[i] = describeParam(base, &tree, p)
	}
	return out
}

// describeParam describes one path; see Param.
func describeParam(s *scenarios.Scenario, tree *yaml.Node, path string) Param {
	p := Param{Path: path, Name: path}
	if n := lookup(tree, path); n != nil {
		switch n.Kind {
		case yaml.ScalarNode:
			if v, err := strconv.ParseFloat(n.Value, 64); err == nil {
				p.Base = &v
			}
		case yaml.MappingNode: // a series: {year: value}
			var ser scenarios.Series
			if err := n.Decode(&ser); err == nil {
				v := ser.At(s.Horizon.FirstYear)
				p.Base, p.Series = &v, true
			}
		}
	}
	owner, field := splitOwner(path)
	kind, id, _ := strings.Cut(strings.TrimSuffix(owner, "]"), "[")
	unitOf := func(material string) string {
		if m := s.MaterialByID(material); m != nil && m.Unit == "kg" {
			return "kg"
		}
		return "t"
	}
	words := strings.ReplaceAll(field, "_", " ")
	switch kind {
	case "markets":
		for _, m := range s.Markets {
			if m.ID == id {
				p.Name = nameOr(m.Name, id) + ": " + words
				switch field {
				case "price":
					p.Unit = "USD/" + unitOf(m.Material)
				case "demand", "required":
					p.Unit = unitOf(m.Material) + "/yr"
				}
			}
		}
	case "feedstocks":
		for _, f := range s.Feedstocks {
			if f.ID == id {
				p.Name = nameOr(f.Name, id) + ": " + words
				switch field {
				case "availability":
					p.Unit = unitOf(f.Material) + "/yr"
				case "cost":
					p.Unit = "USD/" + unitOf(f.Material)
				}
			}
		}
	case "imports":
		for _, im := range s.Imports {
			if im.ID == id {
				p.Name = nameOr(im.Name, id) + ": " + words
				switch field {
				case "price":
					p.Unit = "USD/" + unitOf(im.Material)
				case "limit":
					p.Unit = unitOf(im.Material) + "/yr"
				}
			}
		}
	}
	switch path {
	case "budget.total":
		p.Name, p.Unit = "Capital budget", "USD"
	case "discount_rate":
		p.Name = "Discount rate"
	}
	return p
}

// nameOr is name, or id when there is none.
func nameOr(name, id string) string {
	if name != "" {
		return name
	}
	return id
}

// splitOwner splits a path at its last field: markets[x].price gives
// markets[x] and price, budget.total gives budget and total.
func splitOwner(path string) (owner, field string) {
	i := strings.LastIndexByte(path, '.')
	if i < 0 || strings.LastIndexByte(path, ']') > i {
		return "", path
	}
	return path[:i], path[i+1:]
}

// lookup returns the node at a --set path (key.key, list[id] or list[0]) in a
// YAML document, nil when there is none.
func lookup(doc *yaml.Node, path string) *yaml.Node {
	n := doc
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for _, seg := range pathSegments(path) {
		if n == nil {
			return nil
		}
		switch {
		case seg.sel != "" && n.Kind == yaml.SequenceNode:
			var hit *yaml.Node
			for i, it := range n.Content {
				if id := mapValue(it, "id"); (id != nil && id.Value == seg.sel) || strconv.Itoa(i) == seg.sel {
					hit = it
					break
				}
			}
			n = hit
		case seg.sel == "" && n.Kind == yaml.MappingNode:
			n = mapValue(n, seg.key)
		default:
			return nil
		}
	}
	return n
}

// mapValue is the value of key k in mapping n, nil when absent.
func mapValue(n *yaml.Node, k string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == k {
			return n.Content[i+1]
		}
	}
	return nil
}

// segment is a key (name) or a list selector ([id]) of a path.
type pathSegment struct{ key, sel string }

// pathSegments splits markets[x].price into markets, [x], price.
func pathSegments(path string) []pathSegment {
	var out []pathSegment
	for path != "" {
		switch {
		case path[0] == '.':
			path = path[1:]
		case path[0] == '[':
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return append(out, pathSegment{key: path})
			}
			out = append(out, pathSegment{sel: path[1:end]})
			path = path[end+1:]
		default:
			end := strings.IndexAny(path, ".[")
			if end < 0 {
				end = len(path)
			}
			out = append(out, pathSegment{key: path[:end]})
			path = path[end:]
		}
	}
	return out
}

// paramOf returns the description of path among ps, or a bare one.
func paramOf(ps []Param, path string) Param {
	for _, p := range ps {
		if p.Path == path {
			return p
		}
	}
	return Param{Path: path, Name: path}
}

// numberCell writes a number for a table: empty for NaN, up to 10 significant
// digits otherwise.
func numberCell(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return formatNumber(roundSig(v, 10))
}

// valueCells returns the value-used and factor cells of a --set value of p.
func valueCells(p Param, v string) (value, factor string) {
	x, f, ok := p.Value(v)
	if !ok {
		return v, ""
	}
	return numberCell(x), numberCell(f)
}
