package scenarios

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// decoder fills Go values from a YAML tree, reporting every unknown key, wrong type
// and missing key (not just the first), and records where each path was written.
type decoder struct {
	files   map[*yaml.Node]string
	removed map[string]*yaml.Node // see parser.removed
	hints   *hinter
	// pos maps a path in --set syntax to where its value was written.
	pos map[string]Position
	// bad holds the paths whose values could not be decoded; validation says
	// nothing more about them.
	bad map[string]bool
	ds  Diagnostics
}

func newDecoder(files map[*yaml.Node]string, hints *hinter) *decoder {
	return &decoder{files: files, hints: hints, pos: map[string]Position{}, bad: map[string]bool{}}
}

func (d *decoder) at(n *yaml.Node) Position {
	return Position{File: d.files[n], Line: n.Line, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, path, fix, format string, args ...any) {
	d.bad[path] = true
	d.ds = append(d.ds, Diagnostic{Pos: d.at(n), Msg: fmt.Sprintf(format, args...), Fix: fix})
}

// label names a path in a message.
func label(path string) string {
	if path == "" {
		return "the scenario"
	}
	return path
}

// value decodes n into v, the value at path.
func (d *decoder) value(n *yaml.Node, v reflect.Value, path string) {
	if _, ok := d.pos[path]; !ok {
		d.pos[path] = d.at(n)
	}
	if v.Kind() == reflect.Pointer {
		e := reflect.New(v.Type().Elem())
		d.value(n, e.Elem(), path)
		v.Set(e)
		return
	}
	switch sh := shapeOf(v.Type()); sh {
	case shapeMoney, shapeSeries, shapeMoneySeries:
		d.unit(n, v, path, sh)
	case shapeStruct:
		d.structValue(n, v, path)
	case shapeList:
		d.list(n, v, path)
	case shapeMap:
		d.mapValue(n, v, path)
	case shapeString:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
			d.errorf(n, path, quoteFix(n), "%s: expected a string, found %s", label(path), describe(n))
			return
		}
		v.SetString(n.Value)
	case shapeInt:
		var i int64
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&i) != nil || int64(int(i)) != i {
			d.errorf(n, path, "write a whole number such as 5", "%s: expected a whole number, found %s", label(path), describe(n))
			return
		}
		v.SetInt(i)
	case shapeFloat:
		f, ok := scalarNumber(n)
		switch {
		case !ok && n.Kind == yaml.ScalarNode && n.Tag == "!!float":
			d.errorf(n, path, "write a finite number such as 0.25 or 1.5e6", "%s is %s, not a finite number", label(path), n.Value)
			return
		case !ok:
			d.errorf(n, path, "write a number such as 0.25 or 1.5e6", "%s: expected a number, found %s", label(path), describe(n))
			return
		}
		if msg := magnitudeError(f); msg != "" {
			d.errorf(n, path, magnitudeFix, "%s: %s", label(path), msg)
			return
		}
		v.SetFloat(f)
	case shapeBool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.errorf(n, path, "write true or false", "%s: expected true or false, found %s", label(path), describe(n))
			return
		}
		v.SetBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE")
	}
}

// quoteFix is the fix for a value that should have been a string.
func quoteFix(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return fmt.Sprintf("put it in quotes: %q", n.Value)
	}
	return "write a single name"
}

// unit decodes a Money, Series or MoneySeries through its UnmarshalYAML and
// records the position of each year of a series.
func (d *decoder) unit(n *yaml.Node, v reflect.Value, path string, sh shape) {
	if err := v.Addr().Interface().(yaml.Unmarshaler).UnmarshalYAML(n); err != nil {
		at, msg, fix := n, err.Error(), ""
		var ne *NodeError
		if errors.As(err, &ne) {
			at, msg, fix = ne.Node, ne.Msg, ne.Fix
		}
		d.errorf(at, path, fix, "%s: %s", label(path), msg)
		return
	}
	if sh != shapeMoney && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			d.pos[joinKey(path, n.Content[i].Value)] = d.at(n.Content[i+1])
		}
	}
}

func (d *decoder) structValue(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "write its keys as key: value lines", "%s: expected a map of keys, found %s", label(path), describe(n))
		return
	}
	si := infoOf(v.Type())
	seen := make([]bool, len(si.fields))
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		fi, ok := si.byKey[k.Value]
		if !ok {
			d.unknownKey(k, si, path)
			continue
		}
		seen[fi] = true
		f := si.fields[fi]
		d.value(val, v.FieldByIndex(f.index), joinKey(path, f.key))
	}
	for i, f := range si.fields {
		if f.required && !seen[i] {
			if f.key == "id" {
				d.bad[path] = true
			}
			at, why := n, ""
			if null, ok := d.removed[joinKey(path, f.key)]; ok && d.files[null] != "" {
				at, why = null, " (null removes it here)"
			}
			d.errorf(at, joinKey(path, f.key), fmt.Sprintf("add %s: followed by %s", f.key, shapeHint(f.typ)), "%s has no %s%s", label(path), f.key, why)
		}
	}
}

func (d *decoder) unknownKey(k *yaml.Node, si *structInfo, path string) {
	where := "in " + path
	if path == "" {
		where = "at the top level"
	}
	if k.Value == "remove" {
		if _, ok := si.byKey["id"]; ok {
			d.errorf(k, path, "delete the entry instead: remove only takes away an entry of the scenario this one extends", "%s: nothing to remove here", label(path))
			return
		}
	}
	fix := d.hints.didYouMean(k.Value, si.keys, "")
	if path == "" && k.Value == "salvage" {
		// salvage: straight_line | none became finance.terminal_value.
		fix = "write finance: {terminal_value: book} for straight_line, or none; salvage moved to finance.terminal_value"
	}
	d.ds = append(d.ds, Diagnostic{Pos: d.at(k), Msg: fmt.Sprintf("unknown key %q %s", k.Value, where), Fix: fix})
}

// shapeHint says what a value of type t looks like, for a fix.
func shapeHint(t reflect.Type) string {
	switch shapeOf(t) {
	case shapeInt:
		return "a whole number"
	case shapeFloat:
		return "a number"
	case shapeBool:
		return "true or false"
	case shapeMoney:
		return "an amount such as 12e6 or \"100 crore INR\""
	case shapeSeries:
		return "a number or a map of year: number"
	case shapeMoneySeries:
		return "an amount or a map of year: amount"
	case shapeStruct:
		return "its keys"
	case shapeList:
		return "a list"
	case shapeMap:
		return "a map"
	}
	return "a name"
}

func (d *decoder) list(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, path, "write one entry per line, each starting with \"- \"", "%s: expected a list, found %s", label(path), describe(n))
		return
	}
	elem := v.Type().Elem()
	withID := hasID(elem)
	s := reflect.MakeSlice(v.Type(), 0, len(n.Content))
	for i, it := range n.Content {
		sel := strconv.Itoa(i)
		if id, _ := idOf(it); withID && id != "" {
			sel = id
		}
		e := reflect.New(elem).Elem()
		d.value(it, e, joinIndex(path, sel))
		s = reflect.Append(s, e)
	}
	v.Set(s)
}

func (d *decoder) mapValue(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "write name: value pairs, one per line", "%s: expected a map, found %s", label(path), describe(n))
		return
	}
	m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		e := reflect.New(v.Type().Elem()).Elem()
		d.value(n.Content[i+1], e, joinKey(path, k.Value))
		m.SetMapIndex(reflect.ValueOf(k.Value), e)
	}
	v.Set(m)
}
