package scenarios

import (
	"bytes"
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
