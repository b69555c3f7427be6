package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/mineralplan/mineralplan/highs"
	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/requirements"
	"github.com/mineralplan/mineralplan/results"
	"github.com/mineralplan/mineralplan/scenarios"
)

func runCommand() *cli.Command {
	return &cli.Command{
		Name:      "run",
		Usage:     "plan one scenario (the embedded India–Japan default when no file is given)",
		ArgsUsage: "[SCENARIO.yaml | -]",
		Flags: append(solverFlags(),
			&cli.BoolFlag{Name: "json", Usage: "print the summary as one JSON object on stdout"},
			&cli.StringFlag{Name: "out", Usage: "write the run folder to `DIR`", DefaultText: "out/<scenario name>"},
			&cli.BoolFlag{Name: "no-out", Usage: "write no run folder"},
			formatFlag(),
			&cli.BoolFlag{Name: "no-marginals", Usage: "skip the LP re-solve for marginal values"},
			&cli.BoolFlag{Name: "no-requirement-costs", Usage: "skip the re-solves that price each hard requirement"},
		),
		Action: func(c *cli.Context) error {
			// A time limit is the whole command's: loading, building, solving,
			// checking and pricing the requirements all count.
			start := time.Now()
			if c.NArg() > 1 {
				return cli.Exit("run takes at most one scenario file; use 'mineralplan batch' for several", exitUsage)
			}
			formats, err := parseFormats("--format", c.String("format"))
			if err != nil {
				return err
			}
			if c.IsSet("out") && c.Bool("no-out") {
				return usageErrorf("--out %s and --no-out contradict each other; give one of them", c.String("out"))
			}
			if c.IsSet("format") && c.Bool("no-out") {
				return usageErrorf("--format goes with a run folder, which --no-out leaves out; drop one of them")
			}
			if c.IsSet("out") {
				if err := checkOutDir("--out", c.String("out")); err != nil {
					return err
				}
			}
			s, err := loadScenario(c.Args().First(), c.StringSlice("set"))
			if err != nil {
				return err
			}
			dir := c.String("out")
			if dir == "" {
				dir = filepath.Join("out", s.Name)
			}
			if !c.Bool("no-out") {
				if err := checkRunDir("--out", dir); err != nil {
					return err
				}
				if err := checkNotInput("--out", dir, s.Files); err != nil {
					return err
				}
			}
			results.RemoveTempsOnSignal()
			ctx, stop := signalContext()
			defer stop()
			opt := solveOptions(c)
			opt.Marginals = !c.Bool("no-marginals")
			limit := opt.Limit(s)
			left := func() time.Duration { return max(limit-time.Since(start), time.Millisecond) }
			if limit > 0 {
				opt.TimeLimit = left()
			}
			var progress *progressLine
			if isTerminal(os.Stderr) && !c.Bool("json") {
				progress = &progressLine{}
				opt.Progress = progress.update
			}
			dog := startWatchdog(s.Name, start, limit, c.Bool("json"))
			plan, solveErr := model.Solve(ctx, s, opt)
			dog.stop()
			progress.done()
			if solveErr == nil && plan.Status == model.StatusOptimal && plan.ObjectiveKind == "npv" && !c.Bool("no-requirement-costs") {
				o := opt
				o.Progress = nil
				if limit > 0 {
					o.TimeLimit = left()
				}
				costs, err := requirements.Costs(ctx, s, plan, o)
				if err != nil {
					return cli.Exit(fmt.Sprintf("pricing the hard requirements: %v", err), exitInternal)
				}
				plan.RequirementCosts = costs
				if n := len(requirements.Hard(s)); len(costs) < n {
					fmt.Fprintf(os.Stderr, "mineralplan: %d of %d hard requirements were not priced within the time limit; raise --time-limit, or pass --no-requirement-costs\n", n-len(costs), n)
				}
			}
			if plan != nil && plan.Status != model.StatusInfeasible && plan.Status != model.StatusUnbounded && (solveErr == nil || model.IsCheckError(solveErr)) && !c.Bool("no-out") {
				if err := writeRunFolder(dir, c.Args().First(), plan, s, c, formats); err != nil {
					return writeError(dir, err)
				}
			}
			if plan != nil && solveErr == nil {
				if c.Bool("json") {
					if err := printJSON(results.Summary(plan)); err != nil {
						return cli.Exit(err.Error(), exitInternal)
					}
				} else {
					results.PrintSummary(os.Stdout, plan, ansiOK(os.Stdout))
				}
			}
			return exitForPlan(plan, solveErr)
		},
	}
}

// writeError maps an error writing a run folder to an exit code: interrupted
// (exit 1), not a run folder or not writable (exit 2), else exit 3.
func writeError(dir string, err error) error {
	switch {
	case errors.Is(err, results.ErrInterrupted):
		return cli.Exit(fmt.Sprintf("writing %s: %v", dir, err), exitNotOpt)
	case errors.Is(err, results.ErrNotRunFolder), errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EROFS):
		return cli.Exit(fmt.Sprintf("writing %s: %v", dir, err), exitUsage)
	}
	return cli.Exit(fmt.Sprintf("writing %s: %v", dir, err), exitInternal)
}

// formatFlag is --format, what a run folder holds.
func formatFlag() cli.Flag {
	return &cli.StringFlag{Name: "format", Value: "csv,json,md,html", Usage: "what the run folder holds: any of csv,json,md,html"}
}

// parseFormats reads a formats flag (--format, --case-format) with the value v.
func parseFormats(flag, v string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		switch f {
		case "csv", "json", "md", "html":
			out = append(out, f)
		case "":
		default:
			return nil, cli.Exit(fmt.Sprintf("%s %q: use any of csv,json,md,html", flag, f), exitUsage)
		}
	}
	if len(out) == 0 {
		return nil, cli.Exit(fmt.Sprintf("%s %q: name at least one of csv,json,md,html", flag, v), exitUsage)
	}
	return out, nil
}

// writeRunFolder writes a plan's tables, reports and manifest.
func writeRunFolder(dir, file string, plan *model.Plan, s *scenarios.Scenario, c *cli.Context, formats []string) error {
	resolved, err := s.YAML()
	if err != nil {
		return err
	}
	tool, hv := versions()
	options := map[string]string{}
	for _, name := range []string{"set", "time-limit", "gap", "threads", "format", "no-marginals", "no-requirement-costs"} {
		if c.IsSet(name) {
			if name == "set" {
				options[name] = strings.Join(c.StringSlice(name), " ")
			} else {
				options[name] = fmt.Sprint(c.Value(name))
			}
		}
	}
	return results.WriteRun(dir, results.Run{
		Plan: plan, Scenario: s, ResolvedYAML: resolved,
		Manifest: results.Manifest{ScenarioHash: s.Hash(), ScenarioFile: scenarioFileName(file), ToolVersion: tool, HiGHSVersion: hv, Options: options},
	}, formats)
}

// progressLine shows HiGHS's progress on one terminal line of stderr, rewritten
// in place with a carriage return and cleared with spaces: it writes no escape
// codes, so it is the same with NO_COLOR.
type progressLine struct {
	mu    sync.Mutex
	width int // characters of the longest line written
}

func (p *progressLine) update(pr highs.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	line := fmt.Sprintf("%6.1fs  best %.6g  bound %.6g  gap %.2f%%", pr.Elapsed.Seconds(), pr.Objective, pr.DualBound, 100*pr.Gap)
	p.width = max(p.width, len(line))
	fmt.Fprintf(os.Stderr, "\r%-*s", p.width, line)
}

func (p *progressLine) done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.width > 0 {
		fmt.Fprintf(os.Stderr, "\r%s\r", strings.Repeat(" ", p.width))
	}
}
