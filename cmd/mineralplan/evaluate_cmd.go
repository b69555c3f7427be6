package main

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/mineralplan/mineralplan/results"
	"github.com/mineralplan/mineralplan/stochastic"
	"github.com/mineralplan/mineralplan/study"
)

// evaluateCommand fixes plans' builds in scenarios and study futures and
// re-optimises operations: NPV, security and regret per plan and scenario.
func evaluateCommand() *cli.Command {
	return &cli.Command{
		Name:      "evaluate",
		Usage:     "fix the builds of plans (run or stochastic folders) in scenarios or study futures, re-optimise operations, report NPV, security and regret",
		ArgsUsage: "SCENARIO|STUDY...",
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "plan", Usage: "a plan's folder, `RUN_DIR` (run, batch, stochastic, a future or an alternative); repeatable"},
			&cli.StringFlag{Name: "out", Usage: "write the output folder to `DIR` (required)"},
			&cli.Float64Flag{Name: "time-limit", Usage: "HiGHS time limit per solve in `SECONDS`", DefaultText: "the scenario's"},
			&cli.Float64Flag{Name: "gap", Usage: "relative MIP gap of the scenarios' own solves", DefaultText: "the scenario's, 1e-4"},
			&cli.IntFlag{Name: "threads", Usage: "HiGHS threads", DefaultText: "the scenario's, else 1"},
			&cli.IntFlag{Name: "workers", Value: runtime.NumCPU(), DefaultText: "the number of cores", Usage: "independent solves run at once (each scenario alone, each plan in each scenario); results do not depend on it"},
			formatFlag(),
		},
		Action: func(c *cli.Context) error {
			if len(c.StringSlice("plan")) == 0 || c.NArg() == 0 || c.String("out") == "" {
				return cli.Exit("evaluate: give --plan RUN_DIR (repeatable), --out DIR and one or more scenario or study files", exitUsage)
			}
			if err := checkRunDir("--out", c.String("out")); err != nil {
				return err
			}
			formats, err := parseFormats("--format", c.String("format"))
			if err != nil {
				return err
			}
			var plans []stochastic.NamedPlan
			taken := map[string]int{}
			for _, dir := range c.StringSlice("plan") {
				p, err := stochastic.ReadPlan(dir)
				if err != nil {
					return cli.Exit(err.Error(), exitUsage)
				}
				if taken[p.Name]++; taken[p.Name] > 1 {
					p.Name = fmt.Sprintf("%s-%d", p.Name, taken[p.Name])
				}
				plans = append(plans, p)
			}
			inputs := slices.Clone(c.StringSlice("plan"))
			var targets []stochastic.Target
			ids := map[string]bool{}
			for _, arg := range c.Args().Slice() {
				if study.IsStudyFile(arg) {
					st, ds, err := study.Load(arg)
					if err != nil {
						lastDiagnostics = ds
						return cli.Exit(ds.Error(), exitUsage)
					}
					for _, fu := range st.Futures {
						targets = append(targets, stochastic.Target{ID: fu.ID, Group: st.Name, Probability: fu.Probability, Scenario: fu.Scenario})
					}
					inputs = append(inputs, st.Files()...)
					continue
				}
				s, err := loadScenario(arg, nil)
				if err != nil {
					return err
				}
				if err := needNPV(s, "evaluate measures each plan's regret against the scenario's optimal NPV", "evaluate the plan in a scenario that extends this one with objective: {kind: npv}"); err != nil {
					return err
				}
				targets = append(targets, stochastic.Target{ID: s.Name, Probability: 1, Scenario: s})
				inputs = append(inputs, s.Files...)
			}
			if err := checkNotInput("--out", c.String("out"), inputs); err != nil {
				return err
			}
			for i := range targets {
				if ids[targets[i].ID] {
					targets[i].ID = targets[i].Group + "-" + targets[i].ID
				}
				if ids[targets[i].ID] {
					return cli.Exit(fmt.Sprintf("evaluate: %s is given twice", targets[i].ID), exitUsage)
				}
				ids[targets[i].ID] = true
			}
			if c.Int("workers") < 1 {
				return cli.Exit(fmt.Sprintf("--workers %d: give at least 1", c.Int("workers")), exitUsage)
			}
			ctx, stop := signalContext()
			defer stop()
			ev, err := stochastic.Evaluate(ctx, plans, targets, solveOptions(c), c.Int("workers"))
			if err != nil {
				return exitForSolveError(ctx, err)
			}
			tool, hv := versions()
			wo := stochastic.WriteOptions{Formats: formats, Manifest: results.Manifest{ScenarioFile: strings.Join(c.Args().Slice(), " "), ToolVersion: tool, HiGHSVersion: hv}}
			if err := ev.Write(c.String("out"), wo); err != nil {
				return cli.Exit(fmt.Sprintf("writing %s: %v", c.String("out"), err), exitInternal)
			}
			for p, row := range ev.Rows {
				for _, e := range row {
					if e.Operable {
						fmt.Fprintf(os.Stdout, "%-24s %-28s NPV %10.2f $M  regret %9.2f $M  security %12.0f t\n", ev.Plans[p].Name, e.Target, e.NPV/1e6, e.Regret/1e6, e.Security)
					}
				}
			}
			if ev.MinMaxRegret != "" {
				fmt.Fprintf(os.Stdout, "min-max-regret plan: %s\n", ev.MinMaxRegret)
			}
			if bad := append(ev.Inoperable(), ev.Unproven()...); len(bad) > 0 {
				return cli.Exit(strings.Join(bad, "\n"), exitNotOpt)
			}
			return nil
		},
	}
}
