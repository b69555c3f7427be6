package scenarios

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// keyDefault is the value a key takes when a scenario does not give it.
type keyDefault struct {
	key   string
	value any // int, float64 or string
}

// defaults lists the keys with a default, by the type they belong to. They are
// written into the YAML tree before --set applies (so a relative --set scales them
// too), they show in `resolve` and they are in the JSON Schema. Two defaults
// depend on other values and are set after decoding: an existing plant's online
// year (the horizon's first year) and the logistics default mode (the cheapest).
var defaults = map[reflect.Type][]keyDefault{
	reflect.TypeFor[Finance]():       {{"terminal_value", "book"}},
	reflect.TypeFor[Horizon]():       {{"step", 1}},
	reflect.TypeFor[Currency]():      {{"base", "USD"}},
	reflect.TypeFor[Partner]():       {{"currency", "USD"}},
	reflect.TypeFor[Material]():      {{"unit", "t"}},
	reflect.TypeFor[Technology]():    {{"lifetime", 20}, {"max_utilisation", 1.0}, {"max_modules", 1}},
	reflect.TypeFor[Site]():          {{"capex_factor", 1.0}},
	reflect.TypeFor[ExistingPlant](): {{"count", 1}},
	reflect.TypeFor[Logistics]():     {{"circuity", 1.3}},
	reflect.TypeFor[Objective]():     {{"kind", "npv"}},
	reflect.TypeFor[Solver]():        {{"mip_gap", 1e-4}},
}

// hasDefaults reports whether struct type t or a struct inside it has defaults.
func hasDefaults(t reflect.Type) bool {
	t = deref(t)
	if len(defaults[t]) > 0 {
		return true
	}
	for _, f := range infoOf(t).fields {
		if ft := deref(f.typ); ft.Kind() == reflect.Struct && shapeOf(ft) == shapeStruct && hasDefaults(ft) {
			return true
		}
	}
	return false
}

// scalarNode returns a YAML scalar for v (an int, float64 or string).
func scalarNode(v any) *yaml.Node {
	switch x := v.(type) {
	case int:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(x)}
	case float64:
		return yamlFloat(x)
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fmt.Sprint(v)}
}

// fillDefaults adds the missing keys that have defaults to tree n of Go type t,
// creating optional maps (such as solver) that hold defaults. New nodes take the
// position and file of the map they are added to.
func fillDefaults(n *yaml.Node, t reflect.Type, files map[*yaml.Node]string) {
	add := func(m, k, v *yaml.Node) {
		for _, x := range []*yaml.Node{k, v} {
			x.Line, x.Column = m.Line, m.Column
			files[x] = files[m]
		}
		m.Content = append(m.Content, k, v)
	}
	switch shapeOf(t) {
	case shapeStruct:
		if n.Kind != yaml.MappingNode {
			return
		}
		for _, kd := range defaults[deref(t)] {
			if v, _ := mapGet(n, kd.key); v == nil {
				add(n, scalarNode(kd.key), scalarNode(kd.value))
			}
		}
		for _, f := range infoOf(t).fields {
			v, _ := mapGet(n, f.key)
			if v == nil && !f.required && f.typ.Kind() == reflect.Struct && shapeOf(f.typ) == shapeStruct && hasDefaults(f.typ) {
				v = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
				add(n, scalarNode(f.key), v)
			}
			if v != nil {
				fillDefaults(v, f.typ, files)
			}
		}
	case shapeList:
		if n.Kind == yaml.SequenceNode {
			for _, it := range n.Content {
				fillDefaults(it, elemType(t), files)
			}
		}
	case shapeMap:
		if n.Kind == yaml.MappingNode {
			for i := 1; i < len(n.Content); i += 2 {
				fillDefaults(n.Content[i], elemType(t), files)
			}
		}
	}
}

// dropNulls removes the keys whose value is null from every map in n: null means
// absent.
func dropNulls(n *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		out := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			if !isNull(n.Content[i+1]) {
				out = append(out, n.Content[i], n.Content[i+1])
			}
		}
		n.Content = out
	}
	for _, c := range n.Content {
		dropNulls(c)
	}
}

// fillDerived sets the defaults that depend on other values: an existing plant
// with no online year is online from the first year, and the logistics default
// mode is the cheapest mode (by cost per tonne-kilometre, then by name). Money must
// be converted first.
func (s *Scenario) fillDerived() {
	for i := range s.Sites {
		for j := range s.Sites[i].Existing {
			if e := &s.Sites[i].Existing[j]; e.Online == 0 {
				e.Online = s.Horizon.FirstYear
			}
		}
	}
	if s.Logistics.DefaultMode == "" && len(s.Logistics.Modes) > 0 {
		modes := slices.Sorted(maps.Keys(s.Logistics.Modes))
		best := modes[0]
		for _, m := range modes[1:] {
			if s.Logistics.Modes[m].USD < s.Logistics.Modes[best].USD {
				best = m
			}
		}
		s.Logistics.DefaultMode = best
	}
}

// convertMoney sets the USD of every amount in s (in series, pointers and maps
// too) from currency.inr_per_usd and returns the problems: amounts in INR without
// a rate (one diagnostic at the first, with the count; their paths are added to
// bad) and conversions that overflow.
func (s *Scenario) convertMoney(bad map[string]bool) Diagnostics {
	var ds Diagnostics
	rate := s.Currency.INRPerUSD.At(s.Horizon.FirstYear)
	var inr []string
	walkMoney(reflect.ValueOf(s).Elem(), "", func(path string, m *Money) {
		if m.Currency == "INR" && rate <= 0 {
			inr = append(inr, path)
			bad[path] = true // unconverted: its checks would mislead
			return
		}
		m.Convert(rate)
		if math.IsInf(m.USD, 0) || math.IsNaN(m.USD) {
			ds = append(ds, Diagnostic{Pos: s.Position(path), Msg: fmt.Sprintf("%s: the amount is too large to convert to USD", path), Fix: "check the amount and currency.inr_per_usd"})
		}
	})
	if len(inr) > 0 && s.written("currency.inr_per_usd") {
		// The rate is written but 0 or negative: validate says so at its line,
		// and the amounts in INR wait for it.
		inr = nil
	}
	if len(inr) > 0 {
		slices.SortFunc(inr, func(a, b string) int { return comparePos(s.Position(a), s.Position(b)) })
		what := inr[0] + " is"
		switch {
		case len(inr) == 2:
			what = inr[0] + " and 1 other amount are"
		case len(inr) > 2:
			what = fmt.Sprintf("%s and %d other amounts are", inr[0], len(inr)-1)
		}
		ds = append(ds, Diagnostic{
			Pos: s.Position(inr[0]),
			Msg: what + " in INR but currency.inr_per_usd is not set",
			Fix: "add currency: {inr_per_usd: 85} with the rupees per US dollar assumed",
		})
	}
	return ds
}

// comparePos orders positions by file, line and column.
func comparePos(a, b Position) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
}

// walkMoney calls fn for every Money inside v, the value at path, with the path of
// the amount (a year of a series is path.year).
func walkMoney(v reflect.Value, path string, fn func(string, *Money)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkMoney(v.Elem(), path, fn)
		}
		return
	case reflect.Slice:
		for i := range v.Len() {
			walkMoney(v.Index(i), joinIndex(path, selector(v.Index(i), i)), fn)
		}
		return
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.String(), b.String()) })
		for _, k := range keys {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			walkMoney(e, joinKey(path, k.String()), fn)
			v.SetMapIndex(k, e)
		}
		return
	case reflect.Struct:
	default:
		return
	}
	switch v.Type() {
	case moneyType:
		fn(path, v.Addr().Interface().(*Money))
	case moneySeriesType:
		ms := v.Addr().Interface().(*MoneySeries)
		for i := range ms.Points {
			p := path
			if !ms.IsConstant() {
				p = joinKey(path, strconv.Itoa(ms.Points[i].Year))
			}
			fn(p, &ms.Points[i].Value)
		}
	case seriesType:
	default:
		for _, f := range infoOf(v.Type()).fields {
			walkMoney(v.FieldByIndex(f.index), joinKey(path, f.key), fn)
		}
	}
}

// selector is the path selector of list element v at index i: its id, or the
// index when it has none.
func selector(v reflect.Value, i int) string {
	if v.Kind() == reflect.Struct && hasID(v.Type()) {
		if id := v.FieldByIndex(infoOf(v.Type()).fields[infoOf(v.Type()).byKey["id"]].index).String(); id != "" {
			return id
		}
	}
	return strconv.Itoa(i)
}
