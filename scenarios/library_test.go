package scenarios

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestLibrary loads every shipped scenario: each must load without errors, and the
// library must hold the files of this folder, the default among them.
func TestLibrary(t *testing.T) {
	names := LibraryNames()
	onDisk, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 || !slices.Equal(names, onDisk) || !slices.Contains(names, DefaultName) {
		t.Fatalf("library %v, files %v, default %s", names, onDisk, DefaultName)
	}
	for _, name := range names {
		s, ds, err := LoadLibrary(name, nil)
		if err != nil {
			t.Errorf("%s:\n%v", name, err)
			continue
		}
		for _, d := range ds {
			t.Logf("%s", d)
		}
		if len(s.Files) == 0 || s.Files[0] != name {
			t.Errorf("%s: Files = %v", name, s.Files)
		}
		if _, err := os.Stat(name); err != nil {
			t.Errorf("%s is embedded but not in the folder: %v", name, err)
		}
	}
}

func TestDefault(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	byName, _, err := LoadLibrary("india-japan-2026", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Hash() != byName.Hash() || s.Name != "india-japan-2026" {
		t.Errorf("Default() is %q, not the library's %s", s.Name, DefaultName)
	}
	if len(s.Years()) == 0 || len(s.Sites) == 0 {
		t.Errorf("the default scenario has %d years and %d sites", len(s.Years()), len(s.Sites))
	}
	if v, _, err := LoadLibrary(DefaultName, []string{"budget.total=*2"}); err != nil || v.Budget.Total.USD != 2*s.Budget.Total.USD {
		t.Errorf("sets on a library scenario: %v", err)
	}
}

func TestLoadLibraryUnknown(t *testing.T) {
	s, ds, err := LoadLibrary("india-japan-2062", nil)
	want := `india-japan-2062: no shipped scenario is called "india-japan-2062"; did you mean "india-japan-2026.yaml"?`
	if s != nil || err == nil || len(ds) != 1 || ds[0].String() != want {
		t.Errorf("got %v, want %s", ds, want)
	}
}
