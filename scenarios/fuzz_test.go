package scenarios

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"
)

// FuzzLoad loads arbitrary bytes as a scenario that may extend testdata/base.yaml
// (as ../base.yaml). Loading must never panic nor take seconds; a failure must be
// a Diagnostics error whose every entry has a position; a success must resolve to
// YAML that loads again to the same YAML. Seeds: testdata/fuzz/FuzzLoad and the scenarios
// of testdata.
func FuzzLoad(f *testing.F) {
	base, err := os.ReadFile(filepath.Join("testdata", "base.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	seeds, err := filepath.Glob(filepath.Join("testdata", "*", "*.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"base.yaml": {Data: base}, "invalid/fuzz.yaml": {Data: data}}
		start := time.Now()
		s, ds, err := LoadFS(fsys, "invalid/fuzz.yaml", nil)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("loading took %v", d)
		}
		for _, d := range ds {
			if d.Pos.File == "" || d.Pos.Line < 1 || d.Pos.Col < 1 {
				t.Errorf("diagnostic without a position: %q", d.String())
			}
		}
		if err != nil {
			var errs Diagnostics
			if s != nil || !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("failure is not a Diagnostics error: %v (scenario %v)", err, s != nil)
			}
			return
		}
		out, err := s.YAML()
		if err != nil {
			t.Fatal(err)
		}
		again, _, err := LoadFS(fstest.MapFS{"r.yaml": {Data: out}}, "r.yaml", nil)
		if err != nil {
			t.Fatalf("the resolved YAML does not load:\n%s\n%v", out, err)
		}
		out2, err := again.YAML()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, out2) {
			t.Fatalf("resolving twice differs:\n%s\n---\n%s", out, out2)
		}
	})
}
