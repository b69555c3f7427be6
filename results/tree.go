package results

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// TreeManifest is manifest.json at the top of an output folder that holds run
// folders and files of its own (stochastic, evaluate, alternatives): written
// last, it lists every file under the folder but itself, so a folder without it
// is from a command that did not finish. Sweep folders (package sweep) carry one
// too.
type TreeManifest struct {
	// Kind is the command that wrote the folder: stochastic, evaluate,
	// alternatives, or a sweep's kind (grid, tornado, montecarlo, pareto,
	// frontier).
	Kind string `json:"kind"`
	// Input is the study or scenario file as given on the command line.
	Input        string `json:"input"`
	ToolVersion  string `json:"tool_version"`
	HiGHSVersion string `json:"highs_version"`
	// Files lists every file under the folder by its slash-separated path,
	// the run folders' own manifests included, in path order.
	Files []manifestItem `json:"files"`
}

// WriteTree writes the output folder dir of a command of the given kind whole:
// fill writes everything into a new temporary folder (its argument) next to
// dir, then manifest.json is written last, listing every file, and the folder
// is renamed to dir, replacing an earlier output folder there. So dir is at
// every moment absent, the earlier folder, or the new one complete — also when
// the process is killed. A folder at dir that is not empty and has no
// manifest.json is refused, as by WriteRun. man gives the input file (its
// ScenarioFile) and the versions.
func WriteTree(dir, kind string, man Manifest, fill func(tmp string) error) error {
	err := swapDir(dir, func(tmp string) error {
		if err := fill(tmp); err != nil {
			return err
		}
		return WriteTreeManifest(tmp, kind, man)
	})
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	return nil
}

// WriteTreeManifest writes manifest.json into dir, a folder finished by a
// command of the given kind: a TreeManifest listing every file under dir with
// its size and SHA-256. man gives the input file (its ScenarioFile) and the
// versions. Written last, it tells a finished folder from an unfinished one.
func WriteTreeManifest(dir, kind string, man Manifest) error {
	tm := TreeManifest{Kind: kind, Input: man.ScenarioFile, ToolVersion: man.ToolVersion, HiGHSVersion: man.HiGHSVersion, Files: []manifestItem{}}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		tm.Files = append(tm.Files, manifestItem{Name: filepath.ToSlash(rel), Bytes: len(b), SHA256: sha256Hex(b)})
		return nil
	})
	if err != nil {
		return err
	}
	sort.Slice(tm.Files, func(i, j int) bool { return tm.Files[i].Name < tm.Files[j].Name })
	b, err := json.MarshalIndent(tm, "", "  ")
	if err != nil {
		return err
	}
	return writeNew(filepath.Join(dir, "manifest.json"), append(b, '\n'))
}

// NotARunFolder returns an error when dir is the output folder of a command
// that writes run folders inside it (its manifest.json is a TreeManifest with
// a kind: stochastic, evaluate, alternatives, batch, a sweep), naming a few of
// the run folders it holds; nil otherwise.
func NotARunFolder(dir string) error {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil
	}
	var tm TreeManifest
	if json.Unmarshal(b, &tm) != nil || tm.Kind == "" {
		return nil
	}
	var runs []string
	for _, f := range tm.Files {
		if d, ok := strings.CutSuffix(f.Name, "/summary.json"); ok && len(runs) < 3 {
			runs = append(runs, filepath.Join(dir, filepath.FromSlash(d)))
		}
	}
	hint := "it holds no run folders"
	if len(runs) > 0 {
		hint = "name one of the run folders it holds, such as " + strings.Join(runs, ", ")
	}
	what := "mineralplan " + tm.Kind
	switch tm.Kind {
	case "grid", "tornado", "montecarlo", "pareto", "frontier":
		what = "a sweep (" + tm.Kind + ")"
	}
	return fmt.Errorf("%s is the output folder of %s, not a run folder; %s", dir, what, hint)
}
