package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// library holds the shipped scenarios, the YAML files of this folder.
//
//go:embed *.yaml
var library embed.FS

// DefaultName is the library scenario that Default loads: the India–Japan
// scenario for 2026–2035.
const DefaultName = "india-japan-2026.yaml"

// LibraryNames returns the file names of the shipped scenarios, sorted.
func LibraryNames() []string {
	names, _ := fs.Glob(library, "*.yaml") // the pattern is valid
	slices.Sort(names)
	return names
}

// LoadLibrary loads a shipped scenario by file name, with or without ".yaml",
// through its extends, with sets applied; see LoadFile. An unknown name is an
// error with a did-you-mean.
func LoadLibrary(name string, sets []string) (*Scenario, Diagnostics, error) {
	file := name
	if !strings.HasSuffix(file, ".yaml") {
		file += ".yaml"
	}
	if names := LibraryNames(); !slices.Contains(names, file) {
		ds := Diagnostics{{Pos: Position{File: name}, Msg: fmt.Sprintf("no shipped scenario is called %q", name), Fix: didYouMean(file, names, "the library is empty")}}
		return nil, ds, ds.Err()
	}
	return LoadFS(library, file, sets)
}

// Default loads the default scenario (DefaultName) from the library. It fails
// only if the shipped file is broken, which the tests rule out.
func Default() (*Scenario, error) {
	s, _, err := LoadLibrary(DefaultName, nil)
	if err != nil {
		return nil, fmt.Errorf("loading the default scenario %s: %w", DefaultName, err)
	}
	return s, nil
}
