package main

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/results"
	"github.com/mineralplan/mineralplan/stochastic"
	"github.com/mineralplan/mineralplan/study"
	"github.com/mineralplan/mineralplan/sweep"
)

// stochasticCommand solves a study: one shared plan for weighted futures.
func stochasticCommand() *cli.Command {
	return &cli.Command{
		Name:      "stochastic",
		Usage:     "plan for weighted futures (a study file): the shared plan, its NPV and regret in each future, EVPI and VSS",
		ArgsUsage: "STUDY.yaml",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Usage: "write the output folder to `DIR` (required)"},
			&cli.BoolFlag{Name: "json", Usage: "print summary.json on stdout"},
			&cli.StringFlag{Name: "objective", Usage: "expected (E[NPV]), cvar ((1−w)·E[NPV] + w·CVaR, needs the study's risk) or regret (min max regret); default: cvar when the study has a risk, else expected"},
			&cli.IntFlag{Name: "samples", Usage: "replace the study's futures by `N` equally likely futures drawn from --dist", DefaultText: "the study's own futures"},
			&cli.StringSliceFlag{Name: "dist", Usage: "distribution of a scenario value for --samples, `PATH=DIST` as in sweep; repeatable"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "random seed of --samples"},
			&cli.BoolFlag{Name: "lhs", Usage: "draw --samples as a Latin hypercube"},
			&cli.Float64Flag{Name: "time-limit", Usage: "HiGHS time limit per solve in `SECONDS`", DefaultText: "the scenario's"},
			&cli.Float64Flag{Name: "gap", Usage: "relative MIP gap", DefaultText: "the scenario's, 1e-4"},
			&cli.IntFlag{Name: "threads", Usage: "HiGHS threads", DefaultText: "the scenario's, else 1"},
			&cli.IntFlag{Name: "workers", Value: runtime.NumCPU(), DefaultText: "the number of cores", Usage: "independent solves run at once (each future alone, the regret matrix's cells); results do not depend on it"},
			formatFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return cli.Exit("stochastic: name one study file", exitUsage)
			}
			if c.String("out") == "" {
				return cli.Exit("stochastic: give --out DIR", exitUsage)
			}
			if err := checkRunDir("--out", c.String("out")); err != nil {
				return err
			}
			switch c.String("objective") {
			case "", model.ExpectedNPV, model.MeanCVaR, model.MinMaxRegret:
			default:
				return cli.Exit(fmt.Sprintf("--objective %q: use expected, cvar or regret", c.String("objective")), exitUsage)
			}
			formats, err := parseFormats("--format", c.String("format"))
			if err != nil {
				return err
			}
			st, err := loadStudy(c)
			if err != nil {
				return err
			}
			if err := checkNotInput("--out", c.String("out"), st.Files()); err != nil {
				return err
			}
			if c.String("objective") == model.MeanCVaR && st.Risk == nil {
				return cli.Exit(fmt.Sprintf("--objective cvar: %s has no risk; add risk: {measure: cvar, alpha: 0.9, weight: 0.3}", c.Args().First()), exitUsage)
			}
			ctx, stop := signalContext()
			defer stop()
			if c.Int("workers") < 1 {
				return cli.Exit(fmt.Sprintf("--workers %d: give at least 1", c.Int("workers")), exitUsage)
			}
			opt := stochastic.Options{Objective: c.String("objective"), Solve: solveOptions(c), Workers: c.Int("workers")}
			res, err := stochastic.Solve(ctx, st, opt)
			if err != nil {
				return exitForSolveError(ctx, err)
			}
			regrets, err := res.RegretMatrix(ctx, opt.Solve, opt.Workers)
			if err != nil {
				return exitForSolveError(ctx, err)
			}
			tool, hv := versions()
			wo := stochastic.WriteOptions{Formats: formats, Manifest: results.Manifest{ScenarioFile: c.Args().First(), ToolVersion: tool, HiGHSVersion: hv}}
			if err := res.Write(c.String("out"), regrets, wo); err != nil {
				return cli.Exit(fmt.Sprintf("writing %s: %v", c.String("out"), err), exitInternal)
			}
			if c.Bool("json") {
				if err := printJSON(res.Summary(regrets)); err != nil {
					return cli.Exit(err.Error(), exitInternal)
				}
			} else {
				fmt.Fprintf(os.Stdout, "study %s: %s, objective %s %s $M; E[NPV] %s $M, EVPI %s $M", st.Name, res.Status, res.Objective, millions(res.ObjectiveValue), millions(res.ExpectedNPV), millions(res.EVPI))
				if res.VSS != nil {
					fmt.Fprintf(os.Stdout, ", VSS %s $M", millions(*res.VSS))
				}
				fmt.Fprintf(os.Stdout, "; written to %s\n", c.String("out"))
			}
			if u := res.Unproven(); len(u) > 0 {
				return cli.Exit(strings.Join(u, "\n"), exitNotOpt)
			}
			return nil
		},
	}
}

// loadStudy reads the study file, with --samples futures in place of its own
// when asked. Bad input is a usage error (exit 2) with positions.
func loadStudy(c *cli.Context) (*study.Study, error) {
	st, ds, err := study.Load(c.Args().First())
	if err != nil {
		lastDiagnostics = ds
		return nil, cli.Exit(ds.Error(), exitUsage)
	}
	if !c.IsSet("samples") && !c.IsSet("dist") {
		return st, nil
	}
	n := c.Int("samples")
	if n < 1 || len(c.StringSlice("dist")) == 0 {
		return nil, cli.Exit("--samples N needs N ≥ 1 and at least one --dist PATH=DIST", exitUsage)
	}
	var dists []sweep.Dist
	for _, f := range c.StringSlice("dist") {
		d, err := sweep.ParseDist(f)
		if err != nil {
			return nil, cli.Exit(err.Error(), exitUsage)
		}
		dists = append(dists, d)
	}
	sets := sweep.SampleSets(dists, n, c.Uint64("seed"), c.Bool("lhs"))
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("sample-%0*d", len(fmt.Sprint(n)), i+1)
	}
	g, err := st.WithFutures(ids, sets)
	if err != nil {
		return nil, cli.Exit(err.Error(), exitUsage)
	}
	return g, nil
}

// millions formats USD as $M with two decimals, without a sign on zero.
func millions(usd float64) string {
	v := math.Round(usd/1e4) / 100
	if v == 0 {
		v = 0
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}
