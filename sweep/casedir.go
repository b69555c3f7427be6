package sweep

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/results"
	"github.com/mineralplan/mineralplan/scenarios"
)

// Files of a case folder written by this package (the run files come from
// results.WriteRun).
const (
	resultFile   = "result.json"
	errorFile    = "error.txt"
	resolvedFile = "scenario.resolved.yaml"
	casesDir     = "cases"
	tmpPrefix    = ".tmp-"
)

// caseDir is the folder of the case with the given hash.
func caseDir(out, hash string) string { return filepath.Join(out, casesDir, hash) }

// writeCase writes a case folder under a temporary name and renames it into
// place, so that a killed sweep leaves whole case folders or none. A plan with a
// solution gets its run files (results.WriteRun, cfg.CaseFormats); a failed case
// gets error.txt; every case gets result.json, written last. The case files are
// not synced one by one (that would cost more than a small solve): after a crash
// of the machine itself, a case whose result.json does not read is solved again
// on resume. An older folder of the same case (a retried failure) is replaced.
func writeCase(cfg Config, c *Case, res *Result, plan *model.Plan, s *scenarios.Scenario, resolved []byte) error {
	parent := filepath.Join(cfg.Out, casesDir)
	tmp, err := os.MkdirTemp(parent, tmpPrefix+c.Hash+"-")
	if err != nil {
		return fmt.Errorf("case %s: %w", c.Name(), err)
	}
	if err := fillCase(tmp, cfg, c, res, plan, s, resolved); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("case %s: %w", c.Name(), err)
	}
	final := caseDir(cfg.Out, c.Hash)
	if _, err := os.Stat(final); err == nil {
		old := tmp + ".old"
		if err := os.Rename(final, old); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("case %s: %w", c.Name(), err)
		}
		defer os.RemoveAll(old)
	}
	if err := os.Rename(tmp, final); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("case %s: %w", c.Name(), err)
	}
	return nil
}

// fillCase writes the files of a case into dir.
func fillCase(dir string, cfg Config, c *Case, res *Result, plan *model.Plan, s *scenarios.Scenario, resolved []byte) error {
	hasPlan := plan != nil && s != nil && model.HasPlan(plan.Status) && !res.NoPlan
	switch {
	case hasPlan:
		formats := cfg.CaseFormats
		if len(formats) == 0 {
			formats = []string{"json"}
		}
		run := results.Run{Plan: plan, Scenario: s, ResolvedYAML: resolved, Manifest: results.Manifest{
			ScenarioHash: res.ScenarioHash, ScenarioFile: cfg.BaseFile,
			ToolVersion: cfg.ToolVersion, HiGHSVersion: cfg.HiGHSVersion,
			Options: map[string]string{"set": strings.Join(append(append([]string{}, cfg.BaseSets...), c.Sets...), " ")},
		}}
		if err := results.WriteRunInto(dir, run, formats); err != nil {
			return err
		}
	case resolved != nil:
		if err := os.WriteFile(filepath.Join(dir, resolvedFile), resolved, 0o644); err != nil {
			return err
		}
	}
	if res.Error != "" {
		if err := os.WriteFile(filepath.Join(dir, errorFile), []byte(res.Error+"\n"), 0o644); err != nil {
			return err
		}
	}
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, resultFile), append(b, '\n'), 0o644)
}

// readResult reads the result of the case with the given hash from a sweep
// folder; an error wrapping os.ErrNotExist means the case has not finished.
func readResult(out, hash string) (*Result, error) {
	b, err := os.ReadFile(filepath.Join(caseDir(out, hash), resultFile))
	if err != nil {
		return nil, err
	}
	var r Result
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(caseDir(out, hash), resultFile), err)
	}
	return &r, nil
}

// removeTemps removes the temporary case folders that a killed run left behind.
func removeTemps(out string) error {
	entries, err := os.ReadDir(filepath.Join(out, casesDir))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tmpPrefix) {
			if err := os.RemoveAll(filepath.Join(out, casesDir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}
