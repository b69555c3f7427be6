package scenarios

import (
	"reflect"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// The Go types are the schema: merging, --set, decoding, defaults and the
// canonical output all walk a YAML tree next to the type it describes. This file
// says what a type looks like in YAML.

// shape is what a Go type is in YAML.
type shape int

const (
	shapeString shape = iota
	shapeInt
	shapeFloat
	shapeBool
	shapeMoney       // Money: a number or an amount string
	shapeSeries      // Series: a number or a map year → number
	shapeMoneySeries // MoneySeries: an amount or a map year → amount
	shapeStruct      // a map with the keys of the struct's fields
	shapeList        // a list
	shapeMap         // a map from free keys to values of one type
)

var (
	moneyType       = reflect.TypeFor[Money]()
	seriesType      = reflect.TypeFor[Series]()
	moneySeriesType = reflect.TypeFor[MoneySeries]()
)

// shapeOf returns the shape of t, looking through pointers.
func shapeOf(t reflect.Type) shape {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case moneyType:
		return shapeMoney
	case seriesType:
		return shapeSeries
	case moneySeriesType:
		return shapeMoneySeries
	}
	switch t.Kind() {
	case reflect.Int:
		return shapeInt
	case reflect.Float64:
		return shapeFloat
	case reflect.Bool:
		return shapeBool
	case reflect.Struct:
		return shapeStruct
	case reflect.Slice:
		return shapeList
	case reflect.Map:
		return shapeMap
	}
	return shapeString
}

// isReal reports whether a shape holds real numbers that a relative --set scales
// and NumericPaths lists.
func (s shape) isReal() bool {
	return s == shapeFloat || s == shapeMoney || s == shapeSeries || s == shapeMoneySeries
}

// deref returns t without pointers.
func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// elemType returns the element type of a list or map type (through pointers).
func elemType(t reflect.Type) reflect.Type { return deref(t).Elem() }

// field is one YAML key of a struct.
type field struct {
	key      string
	index    []int // for reflect.Value.FieldByIndex, through inlined structs
	typ      reflect.Type
	required bool // no omitempty: the key must be given
}

// structInfo lists the YAML keys of a struct type, inlined structs flattened.
type structInfo struct {
	fields []field
	byKey  map[string]int
	keys   []string
}

var structInfos sync.Map // reflect.Type → *structInfo

// infoOf returns the keys of struct type t (through pointers).
func infoOf(t reflect.Type) *structInfo {
	t = deref(t)
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{byKey: map[string]int{}}
	collectFields(t, nil, &si.fields)
	for i, f := range si.fields {
		si.byKey[f.key] = i
		si.keys = append(si.keys, f.key)
	}
	actual, _ := structInfos.LoadOrStore(t, si)
	return actual.(*structInfo)
}

func collectFields(t reflect.Type, index []int, out *[]field) {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		idx := append(slices.Clone(index), i)
		optList := strings.Split(opts, ",")
		if slices.Contains(optList, "inline") {
			collectFields(f.Type, idx, out)
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		*out = append(*out, field{key: name, index: idx, typ: f.Type, required: !slices.Contains(optList, "omitempty")})
	}
}

// field returns the field with YAML key k.
func (si *structInfo) field(k string) (field, bool) {
	i, ok := si.byKey[k]
	if !ok {
		return field{}, false
	}
	return si.fields[i], true
}

// hasID reports whether t (a struct, through pointers) has an id key: lists of
// such structs merge by id and are addressed as list[id].
func hasID(t reflect.Type) bool {
	t = deref(t)
	if t.Kind() != reflect.Struct {
		return false
	}
	_, ok := infoOf(t).byKey["id"]
	return ok
}

// mapGet returns the value node of key k in mapping n and its index in n.Content,
// or nil and -1.
func mapGet(n *yaml.Node, k string) (*yaml.Node, int) {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, -1
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == k {
			return n.Content[i+1], i + 1
		}
	}
	return nil, -1
}

// idOf returns the id of a list entry: the value of its id key when that is a
// scalar.
func idOf(n *yaml.Node) (string, *yaml.Node) {
	v, _ := mapGet(n, "id")
	if v == nil || v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		return "", nil
	}
	return v.Value, v
}

// joinKey appends a map key to a path.
func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// joinIndex appends a list selector ([id] or [index]) to a path.
func joinIndex(path, sel string) string { return path + "[" + sel + "]" }

// parentPath strips the last key or selector from a path; the parent of a
// top-level key is "".
func parentPath(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			return p[:i]
		}
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}
