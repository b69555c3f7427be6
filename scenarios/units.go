package scenarios

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Money is an amount of money. In YAML it is a number (in the base currency, USD)
// or a string: a number, an optional scale word and an optional currency, in either
// order of number and currency, for example "12.5 M USD", "USD 3e6", "450 crore INR",
// "₹75 lakh", "$2bn". Scales: k, thousand, M, mn, million, bn, B, billion, lakh,
// crore (cr). Currencies: USD ($), INR (₹, Rs). Lakh and crore require INR.
//
// After loading, USD holds the amount in US dollars (INR converted with the
// scenario's currency.inr_per_usd).
type Money struct {
	// Amount is the number as written times its scale, in Currency.
	Amount float64
	// Currency is "USD" or "INR".
	Currency string
	// USD is Amount converted to US dollars; set when the scenario is loaded.
	USD float64
}

// USDAmount returns an amount already in US dollars.
func USDAmount(v float64) Money { return Money{Amount: v, Currency: "USD", USD: v} }

var moneyScales = map[string]float64{
	"k": 1e3, "thousand": 1e3,
	"m": 1e6, "mn": 1e6, "million": 1e6,
	"b": 1e9, "bn": 1e9, "billion": 1e9,
	"lakh": 1e5, "lakhs": 1e5,
	"crore": 1e7, "crores": 1e7, "cr": 1e7,
}

// ParseMoney parses the string form of Money described on the type.
func ParseMoney(s string) (Money, error) {
	orig := s
	s = strings.TrimSpace(s)
	if s == "" {
		return Money{}, fmt.Errorf("empty amount; write a number such as 1.5e6 or \"12 M USD\"")
	}
	cur := ""
	for _, p := range []struct{ tok, cur string }{{"USD", "USD"}, {"INR", "INR"}, {"Rs.", "INR"}, {"Rs", "INR"}, {"₹", "INR"}, {"$", "USD"}} {
		if strings.HasPrefix(s, p.tok) {
			cur, s = p.cur, strings.TrimSpace(s[len(p.tok):])
			break
		}
		if strings.HasSuffix(s, p.tok) {
			cur, s = p.cur, strings.TrimSpace(s[:len(s)-len(p.tok)])
			break
		}
	}
	fields := strings.Fields(s)
	scale := 1.0
	scaleWord := ""
	switch len(fields) {
	case 1:
		// A scale may be glued to the number: "12M", "2bn", "3.5k".
		num := fields[0]
		i := len(num)
		for i > 0 && (num[i-1] >= 'a' && num[i-1] <= 'z' || num[i-1] >= 'A' && num[i-1] <= 'Z') {
			i--
		}
		if i < len(num) && i > 0 && !strings.ContainsAny(num[i-1:i], "eE") {
			scaleWord = num[i:]
			fields = []string{num[:i]}
		}
	case 2:
		scaleWord = fields[1]
		fields = fields[:1]
	default:
		return Money{}, fmt.Errorf("cannot read %q as money; write a number, a scale and a currency, such as \"12.5 M USD\" or \"450 crore INR\"", orig)
	}
	if scaleWord != "" {
		f, ok := moneyScales[strings.ToLower(scaleWord)]
		if !ok {
			return Money{}, fmt.Errorf("unknown scale %q in %q; use k, M, bn, lakh or crore", scaleWord, orig)
		}
		scale = f
		lw := strings.ToLower(scaleWord)
		if strings.HasPrefix(lw, "lakh") || strings.HasPrefix(lw, "cr") {
			if cur == "" {
				return Money{}, fmt.Errorf("%q uses %s but names no currency; lakh and crore are Indian units, write \"%s INR\"", orig, scaleWord, strings.TrimSpace(s))
			}
			if cur != "INR" {
				return Money{}, fmt.Errorf("%q uses %s with %s; lakh and crore go with INR", orig, scaleWord, cur)
			}
		}
	}
	if !thousandsOK(fields[0]) {
		return Money{}, fmt.Errorf("cannot read the number in %q: a comma may only separate thousands (1,500,000 or 15,00,000), and the decimal mark is a point; write it without the commas, such as 5.5 or 14000.5", orig)
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(fields[0], ",", ""), 64)
	if err != nil {
		return Money{}, fmt.Errorf("cannot read the number in %q; write digits such as 1.5e6 or 450", orig)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) || math.IsInf(v*scale, 0) {
		return Money{}, fmt.Errorf("%q is not a finite amount", orig)
	}
	if math.Abs(v*scale) > MaxMagnitude {
		return Money{}, fmt.Errorf("%q is beyond the largest amount a scenario may hold (±1e15); check the number's exponent and scale", orig)
	}
	if cur == "" {
		cur = "USD"
	}
	m := Money{Amount: v * scale, Currency: cur}
	if cur == "USD" {
		m.USD = m.Amount
	}
	return m, nil
}

// UnmarshalYAML reads a number or a money string.
func (m *Money) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return &NodeError{Node: n, Msg: "expected an amount of money (a number or a string such as \"12 M USD\"), found " + kindName(n)}
	}
	if n.Tag == "!!int" || n.Tag == "!!float" {
		v, ok := scalarNumber(n)
		if !ok {
			return &NodeError{Node: n, Msg: fmt.Sprintf("%q is not a finite amount of money", n.Value), Fix: "write a finite number such as 1.5e6"}
		}
		if msg := magnitudeError(v); msg != "" {
			return &NodeError{Node: n, Msg: msg, Fix: magnitudeFix}
		}
		*m = USDAmount(v)
		return nil
	}
	if n.Tag != "!!str" {
		return &NodeError{Node: n, Msg: fmt.Sprintf("expected an amount of money, found %s %q", tagName(n.Tag), n.Value), Fix: "write a number such as 1.5e6 or a string such as \"12 M USD\""}
	}
	v, err := ParseMoney(n.Value)
	if err != nil {
		return &NodeError{Node: n, Msg: err.Error()}
	}
	*m = v
	return nil
}

// MarshalYAML writes the amount in US dollars.
func (m Money) MarshalYAML() (any, error) { return yamlFloat(m.USD), nil }

// Convert sets USD from Amount and Currency given the rupees per dollar.
func (m *Money) Convert(inrPerUSD float64) {
	switch m.Currency {
	case "INR":
		if inrPerUSD > 0 {
			m.USD = m.Amount / inrPerUSD
		}
	default:
		m.USD = m.Amount
	}
}

// Point is one year's value of a series.
type Point struct {
	Year  int
	Value float64
}

// Series is a quantity that may change over the years. In YAML it is a number
// (constant) or a map of year → number; between given years it is interpolated
// linearly, and outside them it is held at the nearest given value.
// The zero Series is the constant 0.
type Series struct {
	// Points in increasing year order; a constant has one point with Year 0.
	Points []Point
}

// Constant returns the series that is v in every year.
func Constant(v float64) Series { return Series{Points: []Point{{Year: 0, Value: v}}} }

// IsConstant reports whether the series was given as a single number.
func (s Series) IsConstant() bool { return len(s.Points) <= 1 }

// At returns the value in year y.
func (s Series) At(y int) float64 {
	return interpolate(len(s.Points), func(i int) (int, float64) { return s.Points[i].Year, s.Points[i].Value }, y)
}

func interpolate(n int, pt func(int) (int, float64), y int) float64 {
	if n == 0 {
		return 0
	}
	y0, v0 := pt(0)
	if n == 1 || y <= y0 {
		return v0
	}
	for i := 1; i < n; i++ {
		y1, v1 := pt(i)
		if y <= y1 {
			return v0 + (v1-v0)*float64(y-y0)/float64(y1-y0)
		}
		y0, v0 = y1, v1
	}
	return v0
}

// UnmarshalYAML reads a number or a map of year → number.
func (s *Series) UnmarshalYAML(n *yaml.Node) error {
	pts, err := decodeSeries(n, func(v *yaml.Node) (float64, error) {
		if v.Kind != yaml.ScalarNode || (v.Tag != "!!int" && v.Tag != "!!float") {
			return 0, &NodeError{Node: v, Msg: fmt.Sprintf("expected a number, found %s", describe(v)), Fix: "write a number such as 1200"}
		}
		f, ok := scalarNumber(v)
		if !ok {
			return 0, &NodeError{Node: v, Msg: fmt.Sprintf("%q is not a finite number", v.Value), Fix: "write a finite number"}
		}
		if msg := magnitudeError(f); msg != "" {
			return 0, &NodeError{Node: v, Msg: msg, Fix: magnitudeFix}
		}
		return f, nil
	})
	if err != nil {
		return err
	}
	s.Points = pts
	return nil
}

// MarshalYAML writes a constant as a number and otherwise a map of year → value.
func (s Series) MarshalYAML() (any, error) {
	if s.IsConstant() {
		return yamlFloat(s.At(0)), nil
	}
	return seriesNode(len(s.Points), func(i int) (int, float64) { return s.Points[i].Year, s.Points[i].Value }), nil
}

// MoneySeries is a Series of amounts of money; each value is written as Money.
type MoneySeries struct {
	Points []MoneyPoint
}

// MoneyPoint is one year's amount of a MoneySeries.
type MoneyPoint struct {
	Year  int
	Value Money
}

// ConstantMoney returns the series that is m in every year.
func ConstantMoney(m Money) MoneySeries { return MoneySeries{Points: []MoneyPoint{{Value: m}}} }

// At returns the amount in US dollars in year y.
func (s MoneySeries) At(y int) float64 {
	return interpolate(len(s.Points), func(i int) (int, float64) { return s.Points[i].Year, s.Points[i].Value.USD }, y)
}

// IsConstant reports whether the series was given as a single amount.
func (s MoneySeries) IsConstant() bool { return len(s.Points) <= 1 }

// UnmarshalYAML reads an amount or a map of year → amount.
func (s *MoneySeries) UnmarshalYAML(n *yaml.Node) error {
	var vals []Money
	pts, err := decodeSeries(n, func(v *yaml.Node) (float64, error) {
		var m Money
		if err := m.UnmarshalYAML(v); err != nil {
			return 0, err
		}
		vals = append(vals, m)
		return float64(len(vals) - 1), nil
	})
	if err != nil {
		return err
	}
	s.Points = make([]MoneyPoint, len(pts))
	for i, p := range pts {
		s.Points[i] = MoneyPoint{Year: p.Year, Value: vals[int(p.Value)]}
	}
	return nil
}

// MarshalYAML writes amounts in US dollars.
func (s MoneySeries) MarshalYAML() (any, error) {
	if s.IsConstant() {
		return yamlFloat(s.At(0)), nil
	}
	return seriesNode(len(s.Points), func(i int) (int, float64) { return s.Points[i].Year, s.Points[i].Value.USD }), nil
}

// decodeSeries reads a scalar or a year → value mapping; value decodes one value
// node. Points come back sorted by year.
func decodeSeries(n *yaml.Node, value func(*yaml.Node) (float64, error)) ([]Point, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		v, err := value(n)
		if err != nil {
			return nil, err
		}
		return []Point{{Year: 0, Value: v}}, nil
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			return nil, &NodeError{Node: n, Msg: "a year series needs at least one year", Fix: "write a number, or a map such as {2026: 100, 2030: 250}"}
		}
		pts := make([]Point, 0, len(n.Content)/2)
		seen := map[int]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			y, err := strconv.Atoi(k.Value)
			if err != nil || k.Kind != yaml.ScalarNode || y < 1900 || y > 2200 {
				return nil, &NodeError{Node: k, Msg: fmt.Sprintf("%q is not a year", k.Value), Fix: "the keys of a year series are years such as 2030"}
			}
			if seen[y] {
				return nil, &NodeError{Node: k, Msg: fmt.Sprintf("year %d is given twice", y), Fix: "give each year once"}
			}
			seen[y] = true
			v, err := value(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			pts = append(pts, Point{Year: y, Value: v})
		}
		sort.Slice(pts, func(a, b int) bool { return pts[a].Year < pts[b].Year })
		return pts, nil
	default:
		return nil, &NodeError{Node: n, Msg: "expected a number or a map of year → number, found " + kindName(n), Fix: "write a number, or a map such as {2026: 100, 2030: 250}"}
	}
}

func seriesNode(n int, pt func(int) (int, float64)) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := 0; i < n; i++ {
		y, v := pt(i)
		m.Content = append(m.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(y)},
			yamlFloat(v))
	}
	return m
}

// yamlFloat returns a YAML number node for v, tagged as YAML reads it back (!!int
// for a whole number), so that encoders write it plainly.
func yamlFloat(v float64) *yaml.Node {
	s := formatFloat(v)
	tag := "!!float"
	if _, err := strconv.ParseInt(s, 10, 64); err == nil {
		tag = "!!int"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s}
}

// formatFloat prints v in the shortest form that reads back exactly: plain digits
// from 1e-6 up to 1e15, an exponent outside that range.
func formatFloat(v float64) string {
	if a := math.Abs(v); a == 0 || (a >= 1e-6 && a < 1e15) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// NodeError is an error at a YAML node: what is wrong and how to fix it.
type NodeError struct {
	Node *yaml.Node
	Msg  string
	Fix  string
}

// Error returns "line:col: msg; fix".
func (e *NodeError) Error() string {
	s := fmt.Sprintf("%d:%d: %s", e.Node.Line, e.Node.Column, e.Msg)
	if e.Fix != "" {
		s += "; " + e.Fix
	}
	return s
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a map"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	return "a " + tagName(n.Tag)
}

func describe(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		v := n.Value
		if r := []rune(v); len(r) > 40 {
			v = string(r[:37]) + "..."
		}
		return fmt.Sprintf("%s %q", tagName(n.Tag), v)
	}
	return kindName(n)
}

// thousandsGrouping is a number whose commas separate thousands, in the Western
// (1,234,567) or the Indian (12,34,567) grouping, with a point for decimals.
var thousandsGrouping = regexp.MustCompile(`^[+-]?[0-9]{1,3}((,[0-9]{3})+|(,[0-9]{2})*,[0-9]{3})(\.[0-9]*)?$`)

// thousandsOK reports whether the commas in num, if any, separate thousands. A
// comma elsewhere ("5,5", "14.000,5") is a decimal comma or a typing error, and
// reading it either way would be a guess.
func thousandsOK(num string) bool {
	return !strings.Contains(num, ",") || thousandsGrouping.MatchString(num)
}

// MaxMagnitude is the largest absolute value a number in a scenario may have:
// 10¹⁵ (a quadrillion dollars, tonnes or rupees) is far beyond any real figure,
// and larger numbers make the model numerically meaningless (HiGHS treats
// 10²⁰ as infinite and refuses coefficients near it).
const MaxMagnitude = 1e15

// magnitudeError says that v is beyond MaxMagnitude, or "" when it is not.
func magnitudeError(v float64) string {
	if math.Abs(v) <= MaxMagnitude {
		return ""
	}
	return fmt.Sprintf("%s is beyond the largest number a scenario may hold (±1e15)", formatFloat(v))
}

// magnitudeFix is the fix for a number beyond MaxMagnitude.
const magnitudeFix = "check the number's exponent and unit; no real figure is that large"

// scalarNumber reads a YAML number, a scalar tagged !!int or !!float in any YAML
// form (1_000, 0x1F, 1e6, .5), as a float64; ok is false for anything else and
// for NaN and infinities.
func scalarNumber(n *yaml.Node) (v float64, ok bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		return 0, false
	}
	v, err := strconv.ParseFloat(n.Value, 64)
	if err != nil {
		if err := n.Decode(&v); err != nil {
			return 0, false
		}
	}
	return v, !math.IsNaN(v) && !math.IsInf(v, 0)
}

func tagName(tag string) string {
	switch tag {
	case "!!str":
		return "string"
	case "!!int":
		return "integer"
	case "!!float":
		return "number"
	case "!!bool":
		return "boolean"
	case "!!null":
		return "null"
	}
	return strings.TrimPrefix(tag, "!!")
}
