package main

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/mineralplan/mineralplan/results"
	"github.com/mineralplan/mineralplan/scenarios"
)

// Every value and path a user gives is checked here, before any solve starts:
// a mistake in a flag is a usage error (exit 2) found in milliseconds, not an
// internal error (exit 3) found after minutes of solving.

// checkSolverFlags checks --time-limit, --gap and --threads, where the command has
// them, against the limits a scenario's solver: section has.
func checkSolverFlags(c *cli.Context) error {
	has := func(name string) bool {
		return slices.ContainsFunc(c.Command.Flags, func(f cli.Flag) bool { return slices.Contains(f.Names(), name) }) && c.IsSet(name)
	}
	if has("time-limit") {
		v := c.Float64("time-limit")
		if math.IsNaN(v) || v <= 0 || v > scenarios.MaxTimeLimit {
			return usageErrorf("--time-limit %s: give the seconds HiGHS may take, a number above 0 and at most %g (leave the flag out for the scenario's)", fmtFlag(v), scenarios.MaxTimeLimit)
		}
	}
	if has("gap") {
		v := c.Float64("gap")
		if math.IsNaN(v) || v < 0 || v >= 1 {
			return usageErrorf("--gap %s: give a relative gap from 0 to below 1, such as 1e-4 (as solver.mip_gap in a scenario)", fmtFlag(v))
		}
	}
	if has("threads") {
		v := c.Int("threads")
		if v < 0 || v > scenarios.MaxThreads {
			return usageErrorf("--threads %d: give 1 to %d threads (0 or no flag: the scenario's, else 1 for reproducible plans)", v, scenarios.MaxThreads)
		}
	}
	return nil
}

// fmtFlag prints a flag's number as the user would have written it.
func fmtFlag(v float64) string { return fmt.Sprintf("%g", v) }

// usageErrorf is a usage error (exit 2).
func usageErrorf(format string, args ...any) error {
	return cli.Exit(fmt.Sprintf(format, args...), exitUsage)
}

// checkOutDir checks a folder a command will write its results into, before any
// work: flag is the flag that named it ("--out"). The folder may be missing (it
// is made, with its parents) or a folder; not a file, and not empty text.
func checkOutDir(flag, dir string) error {
	if dir == "" {
		return usageErrorf("%s '': give a folder name, such as %s out/my-run", flag, flag)
	}
	fi, err := os.Stat(dir)
	switch {
	case err == nil && !fi.IsDir():
		return usageErrorf("%s %s: it is a file, not a folder; name a new folder or an earlier run's folder", flag, dir)
	case err == nil:
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return usageErrorf("%s %s: %v", flag, dir, unwrapPathError(err))
	}
	// Missing: its nearest existing ancestor must be a folder.
	for p := filepath.Dir(filepath.Clean(dir)); ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err == nil {
			if !fi.IsDir() {
				return usageErrorf("%s %s: %s is a file, so the folder cannot be made there", flag, dir, p)
			}
			return nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return usageErrorf("%s %s: %v", flag, dir, unwrapPathError(err))
		}
		if p == filepath.Dir(p) {
			return nil
		}
	}
}

// checkOutFile checks a file a command will write: its folder must exist and
// the name must not be a folder.
func checkOutFile(flag, path string) error {
	if path == "" {
		return usageErrorf("%s '': give a file name", flag)
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return usageErrorf("%s %s: it is a folder; give a file name", flag, path)
	}
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usageErrorf("%s %s: the folder %s does not exist; make it first (mkdir -p %s)", flag, path, dir, dir)
	case err != nil:
		return usageErrorf("%s %s: %v", flag, path, unwrapPathError(err))
	case !fi.IsDir():
		return usageErrorf("%s %s: %s is a file, not a folder", flag, path, dir)
	}
	return nil
}

// unwrapPathError is the reason of a *fs.PathError without the repeated path.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// checkRunDir checks the folder a run folder will be written to: missing, empty,
// or an earlier run folder (one with a manifest.json), which the new run
// replaces whole. Any other folder is refused, so that a mistyped --out never
// replaces a folder of the user's own files.
func checkRunDir(flag, dir string) error {
	if err := checkOutDir(flag, dir); err != nil {
		return err
	}
	return results.CheckRunDir(dir)
}

// checkNotInput refuses an output folder out (named by flag) that is one of the
// paths a command reads, or holds one: the command replaces its output folder
// whole, so it would delete what it read (a plan's run folder, a scenario file
// kept in an earlier run's folder). Inputs that do not exist as files or folders
// (library scenario names, standard input) are skipped.
func checkNotInput(flag, out string, inputs []string) error {
	outAbs := realPath(out)
	for _, in := range inputs {
		if _, err := os.Stat(in); err != nil {
			continue
		}
		inAbs := realPath(in)
		if inAbs == outAbs || strings.HasPrefix(inAbs, outAbs+string(filepath.Separator)) {
			return usageErrorf("%s %s would replace %s, which this command reads; give another %s", flag, out, in, flag)
		}
	}
	return nil
}

// realPath is path made absolute, with symbolic links resolved where it exists.
func realPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	return abs
}

// needNPV refuses a scenario whose objective kind is not npv, for a command
// that compares plans by their NPV (why says how), at objective.kind; fix is
// how to change it with the command.
func needNPV(s *scenarios.Scenario, why, fix string) error {
	k := s.Objective.Kind
	if k == "" || k == "npv" {
		return nil
	}
	at := s.Position("objective.kind").String()
	if at != "" {
		at += ": "
	}
	return usageErrorf("%sobjective.kind is %s, but %s; %s", at, k, why, fix)
}
