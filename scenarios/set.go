package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A set is an override PATH=VALUE applied to the merged YAML tree before decoding:
//
//	budget.total=300e6                     a value, written as in YAML
//	sites[sanand].capital_subsidy=0.2      [id] selects a list entry by id
//	sites[sanand].existing[0].count=2      [i] selects by index a list without ids
//	markets[japan-li].price=*1.2           *F multiplies every real number under the path
//	markets[japan-li].price.2030=5000      a year of a year series
//	markets[japan-li].demand=null          null removes a key (or a list entry)
//
// A relative change multiplies numbers, amounts and every year of a series; it
// leaves whole numbers (years, counts, lead times) alone. A key the types know may
// be set even when the scenario does not give it; an unknown key or id is an error
// with a did-you-mean.

// setExpr is one parsed --set.
type setExpr struct {
	raw      string
	line     int // the set's number among those applied, its Line in positions
	segs     []segment
	value    string
	valueCol int
	relative bool
	factor   float64
}

// segment is a key (.key) or a list selector ([sel]) of a path.
type segment struct {
	name  string
	isSel bool
	col   int
}

func setError(line, col int, fix, format string, args ...any) *Diagnostic {
	return &Diagnostic{Pos: Position{File: "--set", Line: line, Col: col}, Msg: fmt.Sprintf(format, args...), Fix: fix}
}

const pathFix = "write a path such as budget.total or sites[sanand].capital_subsidy"

// parseSet parses raw, the line-th set.
func parseSet(raw string, line int) (setExpr, *Diagnostic) {
	e := setExpr{raw: raw, line: line}
	depth, eq := 0, -1
	for i := 0; i < len(raw) && eq < 0; i++ {
		switch raw[i] {
		case '[':
			depth++
		case ']':
			depth--
		case '=':
			if depth == 0 {
				eq = i
			}
		}
	}
	if eq < 0 {
		return e, setError(line, 1, "write PATH=VALUE, such as budget.total=300e6", "%q has no =", raw)
	}
	segs, d := parsePath(raw[:eq], line)
	if d != nil {
		return e, d
	}
	e.segs = segs
	e.value = strings.TrimSpace(raw[eq+1:])
	e.valueCol = eq + 2 + len(raw[eq+1:]) - len(strings.TrimLeft(raw[eq+1:], " \t"))
	switch {
	case e.value == "":
		return e, setError(line, eq+2, "write PATH=VALUE; PATH=null removes the key", "%q has no value after =", raw)
	case strings.HasPrefix(e.value, "*"):
		f, err := strconv.ParseFloat(strings.TrimSpace(e.value[1:]), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return e, setError(line, e.valueCol, "a relative change is * and a number, such as *1.2 or *0.8", "%q: cannot read %q as a factor", raw, e.value)
		}
		e.relative, e.factor = true, f
	}
	return e, nil
}

// parsePath splits a path into keys and [selectors].
func parsePath(p string, line int) ([]segment, *Diagnostic) {
	var segs []segment
	i := 0
	for {
		start := i
		for i < len(p) && p[i] != '.' && p[i] != '[' && p[i] != ']' {
			i++
		}
		if i == start {
			return nil, setError(line, i+1, pathFix, "path %q: expected a key at column %d", p, i+1)
		}
		segs = append(segs, segment{name: strings.TrimSpace(p[start:i]), col: start + 1})
		for i < len(p) && p[i] == '[' {
			end := strings.IndexByte(p[i:], ']')
			if end < 0 {
				return nil, setError(line, i+1, pathFix, "path %q: [ without ]", p)
			}
			sel := p[i+1 : i+end]
			if sel == "" || strings.ContainsAny(sel, "[.") {
				return nil, setError(line, i+1, pathFix, "path %q: expected an id or an index between [ and ]", p)
			}
			segs = append(segs, segment{name: sel, isSel: true, col: i + 2})
			i += end + 1
		}
		if i == len(p) {
			return segs, nil
		}
		if p[i] != '.' {
			return nil, setError(line, i+1, pathFix, "path %q: unexpected %q", p, p[i])
		}
		i++
	}
}

// setter applies sets to a tree.
type setter struct {
	t *tree
	p *parser
}

// step is where a walk along a path has got to: node cur of Go type typ is
// parent.Content[idx] (parent nil at the top).
type step struct {
	cur, parent *yaml.Node
	idx         int
	typ         reflect.Type
	path        string
}

// apply applies one set to the tree.
func (s *setter) apply(e setExpr) *Diagnostic {
	at := step{cur: s.t.root, typ: scenarioType}
	for i, sg := range e.segs {
		last := i == len(e.segs)-1
		var d *Diagnostic
		var created bool
		if sg.isSel {
			at, d = s.selectEntry(at, sg, e)
		} else {
			at, created, d = s.key(at, sg, e, last)
		}
		if d != nil {
			return d
		}
		if created {
			return nil
		}
	}
	if e.relative {
		return s.scaleAt(at, e)
	}
	return s.replace(at, e)
}

// selectEntry steps into the list entry [sel].
func (s *setter) selectEntry(at step, sg segment, e setExpr) (step, *Diagnostic) {
	if shapeOf(at.typ) != shapeList || at.cur.Kind != yaml.SequenceNode {
		return at, setError(e.line, sg.col, "[ID] selects an entry of a list such as sites", "%q: %s is not a list", e.raw, label(at.path))
	}
	elem := elemType(at.typ)
	j := -1
	if hasID(elem) {
		var ids []string
		for k, it := range at.cur.Content {
			id, _ := idOf(it)
			if id == sg.name {
				j = k
				break
			}
			ids = append(ids, id)
		}
		if j < 0 {
			return at, setError(e.line, sg.col, s.p.hints.didYouMean(sg.name, ids, at.path+" is empty"), "%q: %s has no entry with id %q", e.raw, at.path, sg.name)
		}
	} else {
		n, err := strconv.Atoi(sg.name)
		if err != nil || n < 0 || n >= len(at.cur.Content) {
			fix := at.path + " is empty"
			if len(at.cur.Content) > 0 {
				fix = fmt.Sprintf("its entries have no ids: select one by index, 0 to %d", len(at.cur.Content)-1)
			}
			return at, setError(e.line, sg.col, fix, "%q: %s has no entry [%s]", e.raw, at.path, sg.name)
		}
		j = n
	}
	return step{cur: at.cur.Content[j], parent: at.cur, idx: j, typ: elem, path: joinIndex(at.path, sg.name)}, nil
}

// key steps into key sg of a map, creating it when the types allow; created
// reports that the last key was created with the set's value.
func (s *setter) key(at step, sg segment, e setExpr, last bool) (step, bool, *Diagnostic) {
	var ktyp reflect.Type
	free := false // any key may be added: a map's or a year series'
	switch sh := shapeOf(at.typ); sh {
	case shapeStruct:
		f, ok := infoOf(at.typ).field(sg.name)
		if !ok || f.key == "extends" {
			fix := s.p.hints.didYouMean(sg.name, infoOf(at.typ).keys, "")
			if ok {
				fix = "extends is read from files only; pass the other file instead"
			}
			return at, false, setError(e.line, sg.col, fix, "%q: unknown key %q in %s", e.raw, sg.name, label(at.path))
		}
		ktyp = f.typ
	case shapeMap:
		ktyp, free = elemType(at.typ), true
	case shapeSeries, shapeMoneySeries:
		if y, err := strconv.Atoi(sg.name); err != nil || y < 1900 || y > 2200 {
			return at, false, setError(e.line, sg.col, "the keys of a year series are years such as 2030", "%q: %q is not a year", e.raw, sg.name)
		}
		if at.cur.Kind != yaml.MappingNode {
			return at, false, setError(e.line, sg.col, "set "+at.path+" itself, as a number or a map of year: value", "%q: %s is a single value, not a map of years", e.raw, at.path)
		}
		ktyp, free = reflect.TypeFor[float64](), true
		if sh == shapeMoneySeries {
			ktyp = moneyType
		}
	default:
		return at, false, setError(e.line, sg.col, "end the path at "+at.path, "%q: %s is not a map, so it has no key %q", e.raw, at.path, sg.name)
	}
	if at.cur.Kind != yaml.MappingNode {
		return at, false, setError(e.line, sg.col, "fix "+label(at.path)+" in the scenario first", "%q: %s is not a map", e.raw, label(at.path))
	}
	path := joinKey(at.path, sg.name)
	v, vi := mapGet(at.cur, sg.name)
	if v != nil {
		return step{cur: v, parent: at.cur, idx: vi, typ: ktyp, path: path}, false, nil
	}
	switch {
	case last && e.relative:
		return at, false, setError(e.line, e.valueCol, "give it a value instead of a relative change", "%q: %s is not given, so there is nothing to scale", e.raw, path)
	case last:
		val, d := s.value(e, ktyp, path)
		if d != nil {
			return at, false, d
		}
		if !isNull(val) {
			k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: sg.name}
			s.mark(k, e.line, sg.col)
			at.cur.Content = append(at.cur.Content, k, val)
		}
		return at, true, nil
	case free:
		var keys []string
		for i := 0; i+1 < len(at.cur.Content); i += 2 {
			keys = append(keys, at.cur.Content[i].Value)
		}
		return at, false, setError(e.line, sg.col, s.p.hints.didYouMean(sg.name, keys, label(at.path)+" is empty"), "%q: %s has no key %q", e.raw, label(at.path), sg.name)
	}
	if sh := shapeOf(ktyp); sh != shapeStruct && sh != shapeMap {
		return at, false, setError(e.line, sg.col, "set "+path+" itself", "%q: %s is not given", e.raw, path)
	}
	k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: sg.name}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	s.mark(k, e.line, sg.col)
	s.mark(m, e.line, sg.col)
	at.cur.Content = append(at.cur.Content, k, m)
	return step{cur: m, parent: at.cur, idx: len(at.cur.Content) - 1, typ: ktyp, path: path}, false, nil
}

// value parses the set's value for Go type t at path.
func (s *setter) value(e setExpr, t reflect.Type, path string) (*yaml.Node, *Diagnostic) {
	before := len(s.p.ds)
	v, err := s.p.parseValue("--set", []byte(e.value))
	if err != nil {
		d := s.p.ds[len(s.p.ds)-1]
		s.p.ds = s.p.ds[:before]
		d.Pos = Position{File: "--set", Line: e.line, Col: e.valueCol + max(d.Pos.Col, 1) - 1}
		d.Msg = fmt.Sprintf("%q: %s", e.raw, d.Msg)
		return nil, &d
	}
	if v == nil {
		v = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		col := e.valueCol
		if n.Line == 1 {
			col += n.Column - 1
		}
		s.mark(n, e.line, col)
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(v)
	var ds Diagnostics
	checkIDs(v, t, path, s.t.files, &ds)
	if len(ds) > 0 {
		return nil, &ds[0]
	}
	return v, nil
}

// mark gives node n the position of a set.
func (s *setter) mark(n *yaml.Node, line, col int) {
	n.Line, n.Column = line, col
	s.t.files[n] = "--set"
}

// replace puts the set's value at the step reached (null removes it).
func (s *setter) replace(at step, e setExpr) *Diagnostic {
	v, d := s.value(e, at.typ, at.path)
	if d != nil {
		return d
	}
	switch {
	case !isNull(v):
		at.parent.Content[at.idx] = v
	case at.parent.Kind == yaml.MappingNode:
		s.p.removed[at.path] = v
		at.parent.Content = append(at.parent.Content[:at.idx-1:at.idx-1], at.parent.Content[at.idx+1:]...)
	default:
		at.parent.Content = append(at.parent.Content[:at.idx:at.idx], at.parent.Content[at.idx+1:]...)
	}
	return nil
}

// scaleAt applies a relative change at the step reached.
func (s *setter) scaleAt(at step, e setExpr) *Diagnostic {
	if sh := shapeOf(at.typ); sh == shapeInt {
		return setError(e.line, e.valueCol, "give it a value instead: years, counts and lead times are not scaled", "%q: %s is a whole number", e.raw, at.path)
	}
	sc := scaler{s: s, e: e}
	sc.scale(at.cur, at.typ)
	switch {
	case sc.err != nil:
		return sc.err
	case sc.count == 0:
		return setError(e.line, e.valueCol, "give it a value instead", "%q: %s holds no numbers to scale", e.raw, at.path)
	}
	return nil
}

// scaler multiplies the real numbers of a tree by a set's factor.
type scaler struct {
	s     *setter
	e     setExpr
	count int
	err   *Diagnostic
}

func (sc *scaler) scale(n *yaml.Node, t reflect.Type) {
	if sc.err != nil {
		return
	}
	switch shapeOf(t) {
	case shapeFloat:
		sc.number(n)
	case shapeMoney:
		sc.money(n)
	case shapeSeries, shapeMoneySeries:
		point := sc.number
		if shapeOf(t) == shapeMoneySeries {
			point = sc.money
		}
		if n.Kind != yaml.MappingNode {
			point(n)
			return
		}
		for i := 1; i < len(n.Content); i += 2 {
			point(n.Content[i])
		}
	case shapeStruct:
		if n.Kind == yaml.MappingNode {
			si := infoOf(t)
			for i := 0; i+1 < len(n.Content); i += 2 {
				if f, ok := si.field(n.Content[i].Value); ok {
					sc.scale(n.Content[i+1], f.typ)
				}
			}
		}
	case shapeList, shapeMap:
		for i, c := range n.Content {
			if n.Kind == yaml.SequenceNode || i%2 == 1 {
				sc.scale(c, elemType(t))
			}
		}
	}
}

// number scales a plain number; anything else is left for the decoder to report.
func (sc *scaler) number(n *yaml.Node) {
	if v, ok := scalarNumber(n); ok {
		sc.set(n, v*sc.e.factor, "!!float", "")
	}
}

// money scales a number or an amount string, keeping its currency.
func (sc *scaler) money(n *yaml.Node) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		sc.number(n)
		return
	}
	m, err := ParseMoney(n.Value)
	if err != nil {
		sc.err = &Diagnostic{Pos: Position{File: sc.s.t.files[n], Line: n.Line, Col: n.Column}, Msg: err.Error()}
		return
	}
	sc.set(n, m.Amount*sc.e.factor, "!!str", " "+m.Currency)
}

func (sc *scaler) set(n *yaml.Node, v float64, tag, suffix string) {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		sc.err = setError(sc.e.line, sc.e.valueCol, "use a smaller factor", "%q: %s times %s is too large", sc.e.raw, n.Value, formatFloat(sc.e.factor))
		return
	}
	n.Tag, n.Value, n.Style = tag, formatFloat(v)+suffix, 0
	sc.s.mark(n, sc.e.line, sc.e.valueCol)
	sc.count++
}

// numericPaths appends the paths of the real numbers, amounts and series in tree n
// of Go type t at path, in the order written.
func numericPaths(n *yaml.Node, t reflect.Type, path string, out *[]string) {
	switch sh := shapeOf(t); {
	case sh.isReal():
		*out = append(*out, path)
	case sh == shapeStruct && n.Kind == yaml.MappingNode:
		si := infoOf(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			if f, ok := si.field(n.Content[i].Value); ok {
				numericPaths(n.Content[i+1], f.typ, joinKey(path, f.key), out)
			}
		}
	case sh == shapeMap && n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			numericPaths(n.Content[i+1], elemType(t), joinKey(path, n.Content[i].Value), out)
		}
	case sh == shapeList && n.Kind == yaml.SequenceNode:
		withID := hasID(elemType(t))
		for i, it := range n.Content {
			sel := strconv.Itoa(i)
			if id, _ := idOf(it); withID && id != "" {
				sel = id
			}
			numericPaths(it, elemType(t), joinIndex(path, sel), out)
		}
	}
}
