package scenarios

import (
	"fmt"
	"reflect"

	"go.yaml.in/yaml/v3"
)

// How a file that extends another changes it (merge works on YAML trees, so every
// value keeps the file, line and column where it was written):
//
//   - maps merge key by key, recursively; a key whose value is null is removed;
//   - lists of objects with an id (sites, technologies, sizes, …) merge by id: an
//     entry whose id is in the parent list merges into that entry, an entry with a
//     new id is appended, and an entry {id: x, remove: true} removes x;
//   - everything else (numbers, strings, year series, amounts, lists without ids
//     such as existing plants or lanes) is replaced whole.

var scenarioType = reflect.TypeFor[Scenario]()

type merger struct {
	files   map[*yaml.Node]string
	removed map[string]*yaml.Node // see parser.removed
	hints   *hinter
	ds      Diagnostics
}

func (m *merger) errorf(n *yaml.Node, fix, format string, args ...any) {
	m.ds = append(m.ds, Diagnostic{Pos: Position{File: m.files[n], Line: n.Line, Col: n.Column}, Msg: fmt.Sprintf(format, args...), Fix: fix})
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// merge returns child laid over parent, both written for Go type t at path.
func (m *merger) merge(parent, child *yaml.Node, t reflect.Type, path string) *yaml.Node {
	if parent.Kind != child.Kind {
		return child
	}
	switch shapeOf(t) {
	case shapeStruct:
		if child.Kind == yaml.MappingNode {
			si := infoOf(t)
			return m.mergeMap(parent, child, path, func(k string) (reflect.Type, bool) {
				f, ok := si.field(k)
				return f.typ, ok
			})
		}
	case shapeMap:
		if child.Kind == yaml.MappingNode {
			e := elemType(t)
			return m.mergeMap(parent, child, path, func(string) (reflect.Type, bool) { return e, true })
		}
	case shapeList:
		if child.Kind == yaml.SequenceNode && hasID(elemType(t)) {
			return m.mergeList(parent, child, elemType(t), path)
		}
	}
	return child
}

// mergeMap merges two maps key by key; keyType gives the Go type of a key's value
// (false for a key the type does not know, which the child's value replaces).
func (m *merger) mergeMap(parent, child *yaml.Node, path string, keyType func(string) (reflect.Type, bool)) *yaml.Node {
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: child.Tag, Style: child.Style, Line: child.Line, Column: child.Column}
	m.files[out] = m.files[child]
	inChild := map[string]int{}
	for i := 0; i+1 < len(child.Content); i += 2 {
		inChild[child.Content[i].Value] = i
	}
	for i := 0; i+1 < len(parent.Content); i += 2 {
		k := parent.Content[i].Value
		ci, ok := inChild[k]
		if !ok {
			out.Content = append(out.Content, parent.Content[i], parent.Content[i+1])
			continue
		}
		cv := child.Content[ci+1]
		if isNull(cv) {
			if m.removed != nil {
				m.removed[joinKey(path, k)] = cv
			}
			continue
		}
		if t, known := keyType(k); known {
			cv = m.merge(parent.Content[i+1], cv, t, joinKey(path, k))
		}
		out.Content = append(out.Content, child.Content[ci], cv)
	}
	for i := 0; i+1 < len(child.Content); i += 2 {
		k, v := child.Content[i], child.Content[i+1]
		if pv, _ := mapGet(parent, k.Value); pv == nil && !isNull(v) {
			out.Content = append(out.Content, k, v)
		}
	}
	return out
}

// mergeList merges two lists of objects by id.
func (m *merger) mergeList(parent, child *yaml.Node, elem reflect.Type, path string) *yaml.Node {
	out := &yaml.Node{Kind: yaml.SequenceNode, Tag: child.Tag, Style: child.Style, Line: child.Line, Column: child.Column}
	m.files[out] = m.files[child]
	items := append([]*yaml.Node(nil), parent.Content...)
	index := map[string]int{}
	var ids []string
	for i, it := range items {
		if id, _ := idOf(it); id != "" {
			if _, dup := index[id]; !dup {
				index[id] = i
				ids = append(ids, id)
			}
		}
	}
	for _, c := range child.Content {
		id, _ := idOf(c)
		i, inherited := index[id]
		if rm, _ := mapGet(c, "remove"); rm != nil {
			if !m.removal(c, rm, id, inherited, ids, path) {
				continue
			}
			items[i] = nil
			delete(index, id)
			continue
		}
		if id != "" && inherited {
			items[i] = m.merge(items[i], c, elem, joinIndex(path, id))
			continue
		}
		items = append(items, c)
		if id != "" {
			index[id] = len(items) - 1
		}
	}
	for _, it := range items {
		if it != nil {
			out.Content = append(out.Content, it)
		}
	}
	return out
}

// removal checks an entry {id: x, remove: true} and reports whether it removes an
// inherited entry.
func (m *merger) removal(c, rm *yaml.Node, id string, inherited bool, ids []string, path string) bool {
	if rm.Kind != yaml.ScalarNode || rm.Tag != "!!bool" || rm.Value != "true" {
		m.errorf(rm, "write remove: true to remove the inherited entry, or delete the remove key", "%s: remove takes true, found %s", path, describe(rm))
		return false
	}
	if len(c.Content) != 4 {
		m.errorf(c, "write only {id: "+id+", remove: true}", "%s: an entry that removes takes only id and remove", path)
		return false
	}
	if id == "" {
		m.errorf(c, "write {id: ID, remove: true}", "%s: an entry that removes needs the id of the entry to remove", path)
		return false
	}
	if !inherited {
		_, idNode := idOf(c)
		m.errorf(idNode, m.hints.didYouMean(id, ids, "the parent scenario has none"), "%s: no inherited entry with id %q to remove", path, id)
		return false
	}
	return true
}

// checkIDs reports ids given twice in one list of objects, anywhere in a tree n
// of Go type t: lists merge by id, so ids must be unique within each list.
func checkIDs(n *yaml.Node, t reflect.Type, path string, files map[*yaml.Node]string, ds *Diagnostics) {
	switch shapeOf(t) {
	case shapeStruct:
		if n.Kind != yaml.MappingNode {
			return
		}
		si := infoOf(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			if f, ok := si.field(n.Content[i].Value); ok {
				checkIDs(n.Content[i+1], f.typ, joinKey(path, f.key), files, ds)
			}
		}
	case shapeMap:
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			checkIDs(n.Content[i+1], elemType(t), joinKey(path, n.Content[i].Value), files, ds)
		}
	case shapeList:
		if n.Kind != yaml.SequenceNode {
			return
		}
		elem := elemType(t)
		withID := hasID(elem)
		first := map[string]*yaml.Node{}
		for i, it := range n.Content {
			sel := fmt.Sprint(i)
			if id, idNode := idOf(it); withID && id != "" {
				sel = id
				if f, dup := first[id]; dup {
					*ds = append(*ds, Diagnostic{
						Pos: Position{File: files[idNode], Line: idNode.Line, Col: idNode.Column},
						Msg: fmt.Sprintf("%s: id %q is given twice (first at line %d)", path, id, f.Line),
						Fix: "give each entry its own id",
					})
					continue
				}
				first[id] = idNode
			}
			checkIDs(it, elem, joinIndex(path, sel), files, ds)
		}
	}
}
