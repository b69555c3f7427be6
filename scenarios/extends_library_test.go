package scenarios

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeFile writes a scenario file for a test.
func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestExtendsLibraryByName extends the shipped default from a folder outside the
// repository, by name with and without .yaml.
func TestExtendsLibraryByName(t *testing.T) {
	dir := t.TempDir()
	for _, ext := range []string{"india-japan-2026", "india-japan-2026.yaml"} {
		path := filepath.Join(dir, "mine.yaml")
		writeFile(t, path, "extends: "+ext+"\nname: mine\nbudget:\n  total: 300e6\n")
		s, _, err := LoadFile(path, nil)
		if err != nil {
			t.Fatalf("extends: %s: %v", ext, err)
		}
		if s.Name != "mine" || s.Budget.Total.USD != 300e6 || len(s.Sites) == 0 {
			t.Errorf("extends: %s: name %q, budget %v, %d sites", ext, s.Name, s.Budget.Total.USD, len(s.Sites))
		}
		if len(s.Files) != 2 || s.Files[1] != "<library>/india-japan-2026.yaml" {
			t.Errorf("extends: %s: files %v", ext, s.Files)
		}
		if p := s.Position("budget.total"); p.File != path || p.Line != 4 {
			t.Errorf("budget.total written at %v; want %s:4", p, path)
		}
		if p := s.Position("budget.partners"); p.File != "<library>/india-japan-2026.yaml" || p.Line < 1 {
			t.Errorf("budget.partners written at %v; want a line of <library>/india-japan-2026.yaml", p)
		}
	}
}

// TestExtendsFileBeforeLibrary: a file next to the scenario wins over the shipped
// scenario of the same name.
func TestExtendsFileBeforeLibrary(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "india-japan-2026.yaml"), "extends: india-japan-2026.yaml\nname: local-copy\n")
	// The local file extends the shipped one by the same name: that is a cycle on
	// disk, so it must be reported, not resolved to the library.
	_, _, err := LoadFile(filepath.Join(dir, "india-japan-2026.yaml"), nil)
	if err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("a file extending its own name: %v; want a cycle", err)
	}
	writeFile(t, filepath.Join(dir, "india-japan-2026.yaml"), "extends: budget-400m\nname: local\n")
	writeFile(t, filepath.Join(dir, "child.yaml"), "extends: india-japan-2026.yaml\nname: child\n")
	s, _, err := LoadFile(filepath.Join(dir, "child.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "child.yaml"), filepath.Join(dir, "india-japan-2026.yaml"), "<library>/budget-400m.yaml", "<library>/india-japan-2026.yaml"}
	if !slices.Equal(s.Files, want) {
		t.Errorf("files %v; want %v", s.Files, want)
	}
}

func TestExtendsNeitherFileNorLibrary(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mine.yaml")
	writeFile(t, path, "extends: india-japan-2062\nname: mine\n")
	_, _, err := LoadFile(path, nil)
	want := path + `:1:10: extends "india-japan-2062": cannot read ` + filepath.Join(dir, "india-japan-2062") +
		": no such file (chain: " + path + " → " + filepath.Join(dir, "india-japan-2062") + "); the path is relative to the folder of " + path +
		`, and no shipped scenario (such as india-japan-2026) has this name either; did you mean the shipped "india-japan-2026"?`
	if err == nil || err.Error() != want {
		t.Errorf("error %v;\nwant %s", err, want)
	}
}

// TestLoadReader reads a scenario from a reader, as from stdin: positions name
// <stdin>, and extends are relative to the working directory.
func TestLoadReader(t *testing.T) {
	s, _, err := LoadReader(strings.NewReader("extends: testdata/valid/chain-child.yaml\nname: piped\nbudget:\n  total: 5e6\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "piped" || s.Files[0] != StdinName || s.Files[1] != "testdata/valid/chain-child.yaml" {
		t.Errorf("name %q, files %v", s.Name, s.Files)
	}
	if p := s.Position("budget.total"); p.String() != "<stdin>:4:10" {
		t.Errorf("budget.total at %v; want <stdin>:4:10", p)
	}
	_, _, err = LoadReader(strings.NewReader("name: x\nhorizon: {first_year: 2026, last_year: 2026}\nbudgett: 1\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "<stdin>:3:1: ") {
		t.Errorf("error %v; want one at <stdin>:3:1", err)
	}
	_, _, err = LoadReader(strings.NewReader("extends: no-such.yaml\nname: x\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "relative to the working directory") {
		t.Errorf("error %v; want the extends named relative to the working directory", err)
	}
}
