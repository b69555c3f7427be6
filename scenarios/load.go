package scenarios

import (
	"io"
	"io/fs"
	"reflect"

	"go.yaml.in/yaml/v3"
)

// tree is a scenario's merged YAML, with the file each node was written in.
type tree struct {
	root  *yaml.Node
	files map[*yaml.Node]string
	chain []string // the files read, the named one first
	sets  int      // sets applied so far: the next one is Line sets+1
}

// clone returns a deep copy, so that sets can change it while t stays as it is.
func (t *tree) clone() *tree {
	c := &tree{files: make(map[*yaml.Node]string, len(t.files)), chain: t.chain, sets: t.sets}
	var cp func(n *yaml.Node) *yaml.Node
	cp = func(n *yaml.Node) *yaml.Node {
		m := *n
		m.Content = make([]*yaml.Node, len(n.Content))
		for i, x := range n.Content {
			m.Content[i] = cp(x)
		}
		c.files[&m] = t.files[n]
		return &m
	}
	c.root = cp(t.root)
	return c
}

// LoadFile loads the scenario in the file at path, with the files it extends, then
// applies sets (PATH=VALUE overrides, see below), fills defaults, converts money to
// USD and validates the result.
//
// It returns the scenario (nil when there are errors), every diagnostic found
// (errors and warnings, sorted by file, line and column) and an error, which is
// nil or ds.Err(): a Diagnostics holding the errors.
//
// Extends: a file may name another with extends: other.yaml (relative to its own
// folder), and that one another, up to 16 files. The file extending overrides the
// one extended: maps merge key by key and a null value removes a key; lists of
// objects with an id merge by id (an entry with a known id merges into it, a new id
// is appended, {id: x, remove: true} removes x); other values are replaced whole.
// Cycles and missing files are errors naming the chain.
//
// Sets: budget.total=300e6 sets a value (written as in YAML);
// sites[sanand].capital_subsidy=0.2 selects a list entry by id ([0] by index in a
// list without ids); markets[japan-li].price=*1.2 multiplies every real number
// under the path, each year of a series included (whole numbers such as years are
// left alone); a path ending in a year (price.2030) sets one year of a series;
// =null removes. Unknown keys and ids are errors with a did-you-mean.
//
// A file extends a shipped scenario (see LibraryNames) by its name, with or
// without ".yaml", when no file of that name is in its folder: positions in it
// then read <library>/india-japan-2026.yaml:12:5.
func LoadFile(path string, sets []string) (*Scenario, Diagnostics, error) {
	return load(osSource{}, path, sets)
}

// LoadReader is LoadFile for a scenario read from r, such as standard input:
// positions name it StdinName (<stdin>:3:5), and the files it extends are
// relative to the working directory.
func LoadReader(r io.Reader, sets []string) (*Scenario, Diagnostics, error) {
	return load(osSource{stdin: r}, StdinName, sets)
}

// LoadFS is LoadFile reading from fsys: name and the files it extends are paths in
// fsys (extends may not lead outside it).
func LoadFS(fsys fs.FS, name string, sets []string) (*Scenario, Diagnostics, error) {
	return load(fsSource{fsys}, name, sets)
}

func load(src source, name string, sets []string) (*Scenario, Diagnostics, error) {
	p := newParser()
	l := &chainLoader{src: src, p: p}
	root := l.load(name, nil, nil)
	if root == nil {
		ds := p.ds.sorted()
		return nil, ds, ds.Err()
	}
	dropNulls(root)
	t := &tree{root: root, files: p.files, chain: l.files}
	return build(t, p, sets)
}

// With returns the scenario s with more sets applied (see LoadFile), loaded and
// validated again from the YAML s was loaded from; s itself does not change, and
// several goroutines may call With on one scenario at once. It is how sweeps make
// variants of a scenario without reading files again. A scenario built in Go,
// not loaded, has no YAML: With then returns an error.
func (s *Scenario) With(sets ...string) (*Scenario, Diagnostics, error) {
	if s.src == nil {
		ds := Diagnostics{{Msg: "the scenario was not loaded from YAML, so sets cannot apply", Fix: "load it with LoadFile or LoadFS"}}
		return nil, ds, ds.Err()
	}
	return build(s.src.clone(), newParser(), sets)
}

// build applies defaults and sets to t, decodes it and validates the result.
func build(t *tree, p *parser, sets []string) (*Scenario, Diagnostics, error) {
	var ds Diagnostics
	fillDefaults(t.root, scenarioType, t.files)
	st := &setter{t: t, p: p}
	for _, raw := range sets {
		t.sets++
		e, d := parseSet(raw, t.sets)
		if d == nil {
			d = st.apply(e)
		}
		if d != nil {
			ds = append(ds, *d)
		}
	}
	if ds.hasErrors() {
		ds = append(ds, p.ds...).sorted()
		return nil, ds, ds.Err()
	}
	fillDefaults(t.root, scenarioType, t.files)

	s := &Scenario{Files: t.chain, src: t}
	dec := newDecoder(t.files, p.hints)
	dec.removed = p.removed
	dec.value(t.root, reflect.ValueOf(s).Elem(), "")
	s.pos = dec.pos
	ds = append(ds, dec.ds...)
	ds = append(ds, s.convertMoney(dec.bad)...)
	s.fillDerived()
	ds = append(ds, validate(s, dec.bad, p.hints)...)
	ds = append(ds, p.ds...).sorted()
	if err := ds.Err(); err != nil {
		return nil, ds, err
	}
	return s, ds, nil
}
