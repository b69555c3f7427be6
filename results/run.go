package results

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// Formats are the output formats WriteRun knows, in the order it writes them.
var Formats = []string{"csv", "json", "md", "html"}

// Run is what a run folder is written from.
type Run struct {
	Plan     *model.Plan
	Scenario *scenarios.Scenario // the resolved scenario the plan solves
	// ResolvedYAML is the resolved scenario as YAML, written to
	// scenario.resolved.yaml (not written when nil).
	ResolvedYAML []byte
	Manifest     Manifest
}

// Manifest is what the caller knows about a run; WriteRun adds the plan's
// status, gap and times and the files it wrote, and writes manifest.json.
type Manifest struct {
	// ScenarioHash identifies the resolved scenario; when empty, WriteRun uses
	// the hex SHA-256 of ResolvedYAML.
	ScenarioHash string `json:"scenario_hash"`
	// ScenarioFile is the scenario file name as the user gave it (empty for the
	// embedded default).
	ScenarioFile string `json:"scenario_file"`
	ToolVersion  string `json:"tool_version"`
	HiGHSVersion string `json:"highs_version"`
	// Options are the run's settings as the user gave them (flag → value),
	// such as "set", "time-limit", "format".
	Options map[string]string `json:"options,omitempty"`
}

// manifestFile is manifest.json: the caller's Manifest and what the run produced.
type manifestFile struct {
	Manifest
	Scenario     string         `json:"scenario"`
	Status       string         `json:"status"`
	Objective    Float          `json:"objective"`
	MIPGap       Float          `json:"mip_gap"`
	BuildSeconds float64        `json:"build_seconds"`
	SolveSeconds float64        `json:"solve_seconds"`
	Files        []manifestItem `json:"files"`
}

// manifestItem is one file of the run folder with its size in bytes and hex
// SHA-256, so a reader can tell the folder is complete and unchanged.
type manifestItem struct {
	Name   string `json:"name"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// runFile is one file of a run folder, rendered in memory.
type runFile struct {
	name string
	data []byte
}

// WriteRun writes a run folder: for format csv the data tables (plants.csv,
// flows.csv, production.csv, imports.csv, finance.csv, security.csv,
// marginal_values.csv, throughput.csv, shortfalls.csv, disposals.csv,
// contributions.csv), the IAMC time series iamc.csv and the GeoJSON files
// plants.geojson and flows.geojson; for json summary.json, for md report.md,
// for html report.html; and always scenario.resolved.yaml (when given) and
// manifest.json. Formats is a subset of Formats; empty means all.
// docs/outputs.md describes every file and column.
//
// Every file is rendered before any is written. The folder is then written
// whole under a temporary name next to dir (.NAME.tmp-*), manifest.json last,
// and renamed into place; an earlier run folder at dir is replaced whole. So
// dir is at every moment absent, the earlier run folder, or the new one
// complete with a manifest listing every file — also when the process is
// killed. A folder at dir that is not empty and has no manifest.json is not a
// run folder and is refused (see CheckRunDir), so a mistyped --out never
// replaces a user's own files. A killed write leaves at most the temporary
// folder, which the next WriteRun in the same parent removes when its process
// is gone.
func WriteRun(dir string, in Run, formats []string) error {
	files, err := runFiles(dir, in, formats)
	if err != nil {
		return err
	}
	return replaceDir(dir, files)
}

// WriteRunInto writes the files of WriteRun into dir, a new empty folder the
// caller made and will rename into place itself (a sweep's temporary case
// folder), without a temporary folder of its own.
func WriteRunInto(dir string, in Run, formats []string) error {
	files, err := runFiles(dir, in, formats)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := writeNew(filepath.Join(dir, f.name), f.data); err != nil {
			return fmt.Errorf("write run: %w", err)
		}
	}
	return nil
}

// runFiles renders the files of a run folder, manifest.json last.
func runFiles(dir string, in Run, formats []string) ([]runFile, error) {
	if in.Plan == nil || in.Scenario == nil {
		return nil, errors.New("write run: the plan and the scenario are both needed")
	}
	want, err := parseFormats(formats)
	if err != nil {
		return nil, err
	}
	files, err := renderRun(in, want)
	if err != nil {
		return nil, fmt.Errorf("write run %s: %w", dir, err)
	}
	man := manifestFile{Manifest: in.Manifest, Scenario: in.Plan.Scenario, Status: in.Plan.Status,
		Objective: Float(in.Plan.Objective), MIPGap: Float(in.Plan.MIPGap),
		BuildSeconds: in.Plan.BuildSeconds, SolveSeconds: in.Plan.SolveSeconds, Files: []manifestItem{}}
	if man.ScenarioHash == "" && in.ResolvedYAML != nil {
		man.ScenarioHash = sha256Hex(in.ResolvedYAML)
	}
	for _, f := range files {
		man.Files = append(man.Files, manifestItem{Name: f.name, Bytes: len(f.data), SHA256: sha256Hex(f.data)})
	}
	manBytes, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("write run %s: manifest: %w", dir, err)
	}
	files = append(files, runFile{"manifest.json", append(manBytes, '\n')})

	return files, nil
}

// ErrNotRunFolder is returned for an --out folder that holds files but no
// manifest.json.
var ErrNotRunFolder = errors.New("not a run folder")

// CheckRunDir returns nil when dir is missing, an empty folder or a run folder
// (it has a manifest.json), and otherwise an error wrapping ErrNotRunFolder or
// saying why dir cannot be a run folder.
func CheckRunDir(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is a file, not a folder", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s holds %d files or folders but no manifest.json, so it is %w that a run may replace; name a new folder or empty this one", dir, len(entries), ErrNotRunFolder)
	}
	return nil
}

// replaceDir writes files into a new temporary folder next to dir and renames it
// to dir, replacing an earlier run folder there (see WriteRun).
func replaceDir(dir string, files []runFile) error {
	err := swapDir(dir, func(tmp string) error {
		for _, f := range files {
			if err := writeNew(filepath.Join(tmp, f.name), f.data); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("write run: %w", err)
	}
	return nil
}

// swapDir makes a new temporary folder next to dir (.NAME.tmp-PID-*), has fill
// write into it, and renames it to dir, replacing an earlier output folder there
// whole. A folder at dir that CheckRunDir refuses is left alone. When fill or a
// step fails, or the process is interrupted, the temporary folder is removed; a
// killed process leaves it for the next write in the same parent to remove.
func swapDir(dir string, fill func(tmp string) error) error {
	if err := CheckRunDir(dir); err != nil {
		return err
	}
	dir = filepath.Clean(dir)
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	removeStaleTemps(parent, base)
	tmp, err := os.MkdirTemp(parent, tempPrefix(base)+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return err
	}
	registerTemp(tmp)
	fail := func(err error) error {
		if rerr := releaseTemp(tmp); rerr != nil {
			err = rerr
		}
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fail(err)
	}
	if err := fill(tmp); err != nil {
		return fail(err)
	}
	if err := syncDir(tmp); err != nil {
		return fail(err)
	}
	if err := releaseTemp(tmp); err != nil {
		return err
	}
	var old string
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			os.RemoveAll(tmp)
			return err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		os.RemoveAll(tmp)
		return err
	}
	if old != "" {
		os.RemoveAll(old)
	}
	syncDir(parent)
	return nil
}

// tempPrefix is the name prefix of the temporary folders of run folder base.
func tempPrefix(base string) string { return "." + base + ".tmp-" }

// removeStaleTemps removes the temporary folders of run folder base in parent
// that a killed process left behind (their process id is not running).
func removeStaleTemps(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	prefix := tempPrefix(base)
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, prefix) {
			continue
		}
		pidText, _, _ := strings.Cut(strings.TrimPrefix(name, prefix), "-")
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		os.RemoveAll(filepath.Join(parent, name))
	}
}

// writeNew writes data to a new file at path and syncs it.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	return writeSync(f, data)
}

// syncDir syncs a folder's entries to disk.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// renderRun renders the files of the wanted formats, in a fixed order.
func renderRun(in Run, want map[string]bool) ([]runFile, error) {
	var files []runFile
	if in.ResolvedYAML != nil {
		files = append(files, runFile{"scenario.resolved.yaml", in.ResolvedYAML})
	}
	if want["csv"] {
		for _, t := range dataTables(in.Plan) {
			files = append(files, runFile{t.name, t.csvBytes()})
		}
		files = append(files, runFile{IAMCFile, iamcTable(in.Plan, in.Scenario).csvBytes()})
		for _, g := range []struct {
			name   string
			render func(*model.Plan, *scenarios.Scenario) ([]byte, error)
		}{{PlantsGeoJSON, plantsGeoJSON}, {FlowsGeoJSON, flowsGeoJSON}} {
			b, err := g.render(in.Plan, in.Scenario)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", g.name, err)
			}
			files = append(files, runFile{g.name, b})
		}
	}
	if want["json"] {
		b, err := summaryBytes(in.Plan)
		if err != nil {
			return nil, fmt.Errorf("summary.json: %w", err)
		}
		files = append(files, runFile{"summary.json", b})
	}
	if want["md"] || want["html"] {
		rep := newReport(in.Plan, in.Scenario)
		if want["md"] {
			files = append(files, runFile{"report.md", rep.markdown()})
		}
		if want["html"] {
			b, err := rep.html()
			if err != nil {
				return nil, fmt.Errorf("report.html: %w", err)
			}
			files = append(files, runFile{"report.html", b})
		}
	}
	return files, nil
}

// parseFormats checks formats against Formats; empty means all of them.
func parseFormats(formats []string) (map[string]bool, error) {
	want := map[string]bool{}
	for _, f := range formats {
		f = strings.ToLower(strings.TrimSpace(f))
		if !slices.Contains(Formats, f) {
			return nil, fmt.Errorf("unknown output format %q: use %s", f, strings.Join(Formats, ", "))
		}
		want[f] = true
	}
	if len(want) == 0 {
		for _, f := range Formats {
			want[f] = true
		}
	}
	return want, nil
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
