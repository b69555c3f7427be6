package scenarios

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestHostileInput feeds documents built to exhaust a parser: each must fail with
// one clear error, quickly and with bounded memory.
func TestHostileInput(t *testing.T) {
	var deepBlock strings.Builder
	for i := range 200 {
		deepBlock.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"oversized", bytes.Repeat([]byte("# padding\n"), MaxFileSize/10+1), "f.yaml: cannot read f.yaml: the file is over the limit of 8388608 bytes; a scenario file is far smaller; check that this is the right file"},
		{"many tokens", []byte("name: [" + strings.Repeat("0,", 3<<20) + "0]"), "f.yaml:1:524294: more than 524288 words and brackets to parse; a scenario is far smaller; check that this is the right file"},
		{"deep flow", []byte("name: " + strings.Repeat("[", 5000)), "f.yaml:1:1: invalid YAML: did not find expected node content; check the indentation, the colons after keys and the quotes"},
		{"deep flow closed", []byte("name: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000)), "f.yaml:1:71: the document is nested more than 64 levels deep; a scenario is about 6 levels deep; check the indentation and brackets"},
		{"deep block", []byte(deepBlock.String()), "f.yaml:65:65: the document is nested more than 64 levels deep; a scenario is about 6 levels deep; check the indentation and brackets"},
		{"NUL bytes", []byte("name: a\x00b\n"), "f.yaml:1:8: the file is not text (control byte 0x00); a scenario is a YAML text file in UTF-8"},
		{"not UTF-8", []byte("name: caf\xe9\n"), "f.yaml:1:10: the file is not UTF-8 text (byte 0xe9); a scenario is a YAML text file in UTF-8"},
		{"whitespace only", []byte("  \n\n# just a comment\n"), "f.yaml:1:1: the file is empty; a scenario needs at least name, horizon, discount_rate, materials, technologies, sites and budget"},
		{"null document", []byte("~\n"), "f.yaml:1:1: the file is empty; a scenario needs at least name, horizon, discount_rate, materials, technologies, sites and budget"},
		{"unknown anchor", []byte("name: x\nbudget: {total: *money}\n"), "f.yaml:2:17: invalid YAML: alias *money names no anchor; check the indentation, the colons after keys and the quotes"},
		{"merge of a scalar", []byte("a: &a 1\nbudget: {<<: *a}\n"), "f.yaml:2:10: a merge key (<<) takes a map or a list of maps, found integer \"1\"; write <<: *anchor where &anchor names a map"},
		{"key is a list", []byte("? [a, b]\n: 1\n"), "f.yaml:1:3: a key must be a plain name, found a list; write keys as names such as capacity"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			s, ds, err := LoadFS(fstest.MapFS{"f.yaml": {Data: c.data}}, "f.yaml", nil)
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			found := slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.String() == c.want })
			if s != nil || err == nil || !found {
				t.Errorf("got %v\nwant %s", ds, c.want)
			}
			if elapsed > time.Second {
				t.Errorf("took %v", elapsed)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
				t.Errorf("allocated %d MiB", alloc>>20)
			}
		})
	}
}

func TestOversizedFileIsNotRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.yaml")
	if err := os.WriteFile(path, bytes.Repeat([]byte("a"), MaxFileSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	_, ds, err := LoadFile(path, nil)
	want := path + ": cannot read " + path + ": the file is over the limit of 8388608 bytes; a scenario file is far smaller; check that this is the right file"
	if err == nil || len(ds) != 1 || ds[0].String() != want {
		t.Errorf("got %v, want %s", ds, want)
	}
}

func TestMergeKeys(t *testing.T) {
	base, err := os.ReadFile("testdata/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(base) + `
x-site: &site {state: Gujarat, capex_factor: 1.1}
`
	// x-site is not a key of the format: the merge key is fine, the anchor's home
	// is reported.
	_, ds, _ := LoadFS(fstest.MapFS{"f.yaml": {Data: []byte(doc)}}, "f.yaml", nil)
	if len(ds) != 1 || !strings.Contains(ds[0].String(), `unknown key "x-site" at the top level`) {
		t.Errorf("got %v", ds)
	}
	doc = strings.Replace(string(base), "sites:\n", "sites:\n  - {id: hosur, lat: 12.7, lon: 77.8, <<: {state: Tamil Nadu, capex_factor: 1.1}}\n", 1)
	s, _, err := LoadFS(fstest.MapFS{"f.yaml": {Data: []byte(doc)}}, "f.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if h := s.SiteByID("hosur"); h.State != "Tamil Nadu" || h.CapexFactor != 1.1 {
		t.Errorf("merged site = %+v", h)
	}
}

// TestPositionsOfFaults: a problem is reported where the user must change the
// file — an over-indented key at its own column, a value copied by an alias at
// the alias — and a list that does not decode is the one error about it, not
// every reference into it.
func TestPositionsOfFaults(t *testing.T) {
	base := "name: t\nhorizon: {first_year: 2026, last_year: 2026}\n"
	cases := []struct{ name, text, want string }{
		{"over-indented key", base + "budget:\n  total: 5\n     per_year: 1\n", "f.yaml:5:6: invalid YAML: mapping values are not allowed in this context; this line is indented deeper than \"total\" on line 4, which already has a value"},
		{"alias", base + "discount_rate: &r \"abc\"\nbudget: {total: *r}\n", "f.yaml:4:17: budget.total: cannot read the number in \"abc\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, ds, err := LoadFS(fstest.MapFS{"f.yaml": {Data: []byte(c.text)}}, "f.yaml", nil)
			if err == nil {
				t.Fatal("no error")
			}
			found := false
			for _, d := range ds {
				found = found || strings.HasPrefix(d.String(), c.want)
			}
			if !found {
				t.Errorf("diagnostics %v\nwant one starting %q", ds, c.want)
			}
		})
	}
	lib := fstest.MapFS{}
	for _, name := range LibraryNames() {
		b, err := fs.ReadFile(library, name)
		if err != nil {
			t.Fatal(err)
		}
		lib[name] = &fstest.MapFile{Data: b}
	}
	for _, list := range []string{"sites: 5", "materials: {id: x}", "technologies: x", "feedstocks: 3", "markets: {a: 1}"} {
		lib["o.yaml"] = &fstest.MapFile{Data: []byte("extends: " + DefaultName + "\n" + list + "\n")}
		_, ds, err := LoadFS(lib, "o.yaml", nil)
		if err == nil || len(ds) != 1 || ds[0].Pos.File != "o.yaml" || ds[0].Pos.Line != 2 {
			t.Errorf("%s: want one error, at o.yaml:2, got %v", list, ds)
		}
	}
}

// TestParsedBaseCache: many overlays of one base parse it once, yet every load
// sees the base as it is on disk, and a load never changes what a later one sees.
func TestParsedBaseCache(t *testing.T) {
	dir := t.TempDir()
	base, err := fs.ReadFile(library, DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("base.yaml", string(base))
	a := write("a.yaml", "extends: base.yaml\nname: a\nbudget: {total: 3e8}\n")
	b := write("b.yaml", "extends: base.yaml\nname: b\n")
	load := func(p string) *Scenario {
		s, _, err := LoadFile(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	sa, sb := load(a), load(b)
	if sa.Budget.Total == sb.Budget.Total || sa.Name != "a" || sb.Name != "b" {
		t.Fatalf("overlays of one base: budgets %v and %v, names %s and %s", sa.Budget.Total, sb.Budget.Total, sa.Name, sb.Name)
	}
	if again := load(b); again.Hash() != sb.Hash() {
		t.Error("loading b again gives another scenario")
	}
	write("base.yaml", strings.Replace(string(base), "discount_rate: ", "discount_rate: 0.2 #", 1))
	if got := load(b).DiscountRate; got != 0.2 {
		t.Errorf("after the base changed on disk: discount rate %v, want 0.2", got)
	}
}
