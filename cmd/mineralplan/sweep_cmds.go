package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"

	"github.com/mineralplan/mineralplan/highs"
	"github.com/mineralplan/mineralplan/progress"
	"github.com/mineralplan/mineralplan/sweep"
)

// exitInterrupted is the exit code of a sweep stopped by SIGINT or SIGTERM
// (128 + SIGINT, as shells report it): distinct from 1, so that cluster scripts
// can tell a stopped shard from one that finished with failed cases.
const exitInterrupted = 130

// sweepRunFlags are the flags of every command that solves many cases.
func sweepRunFlags(caseFormat string) []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "set", Usage: "fixed override applied to every case: `PATH=VALUE` (e.g. budget.total=300e6, 'markets[li2co3-japan].price=*1.2'); repeatable"},
		&cli.StringFlag{Name: "out", Usage: "the sweep folder `DIR`", DefaultText: "out/<command>-<scenario name>"},
		&cli.IntFlag{Name: "workers", Value: runtime.NumCPU(), DefaultText: "the number of cores", Usage: "cases solved at once, HiGHS with one thread each"},
		&cli.BoolFlag{Name: "resume", Usage: "continue the sweep in --out: finished cases are not solved again"},
		&cli.BoolFlag{Name: "retry-failed", Usage: "with --resume, solve again the cases that ended without an optimal plan"},
		&cli.BoolFlag{Name: "warm-start", Usage: "start each case that has no solved neighbour to start from with the base scenario's plan, where that plan fits it (costs one solve before the cases start; on the default scenario it halves a Monte Carlo of prices, saves nothing on a grid, and costs about 10% where budgets vary, so it is off by default)"},
		&cli.BoolFlag{Name: "reuse", Value: true, Usage: "grids and frontiers: prove cases optimal from solved neighbours (along the last --vary axis; from larger budgets) where the models allow it (--reuse=false to solve every case)"},
		&cli.BoolFlag{Name: "stack", Value: true, Usage: "grids, with --reuse: also prove cases from the next larger value of an axis that moves a limit, such as budget.total; shards then keep each stack of lines along it whole (--stack=false to deal lines to shards)"},
		&cli.StringFlag{Name: "case-format", Value: caseFormat, Usage: "what each case folder holds besides result.json: any of csv,json,md,html"},
		&cli.Float64Flag{Name: "time-limit", Usage: "HiGHS time limit per case in `SECONDS`", DefaultText: "the scenario's"},
		quietFlag(),
	}
}

// quietFlag silences the progress lines (or bar) of a long command.
func quietFlag() cli.Flag {
	return &cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print no progress: no bar on a terminal, no progress lines (every few cases or 30 s) and no summary line elsewhere"}
}

// sweepCommand solves a grid, a tornado or a Monte Carlo sample of a scenario.
var sweepCommand = &cli.Command{
	Name:      "sweep",
	Usage:     "solve variants of a scenario: a grid (--vary), a tornado (--tornado) or a Monte Carlo sample (--samples)",
	ArgsUsage: "[BASE.yaml | -]",
	Description: `Solves many variants (cases) of the base scenario (the embedded default when no
file is given) on all cores and writes a sweep folder: sweep.json, cases.csv (one row
per case), summary.md, SVG charts and one folder per case under cases/. Give one of:

   --vary PATH=LO:HI:STEP | PATH=V1,V2,...    a full grid over every --vary (repeatable);
                                               *0.8:*1.2:*0.1 steps a factor of the base value
   --tornado 20% [--param PATH]... [--tornado-param PATH=LO:HI]... [--metric npv]
                                               each parameter low and high, one at a time;
                                               by default the budget, every market price and
                                               every feedstock availability
   --samples N --dist PATH=DIST... [--seed 1] [--lhs]
                                               Monte Carlo; DIST is triangular(lo,mode,hi),
                                               uniform(lo,hi), normal(mu,sd) or lognormal(mu,sigma),
                                               absolute or with * as factors: triangular(*0.8,*1,*1.2)

Ctrl-C stops cleanly, keeping every finished case; --resume carries on. --shard i/n
solves the cases whose index modulo n is i-1 (1 ≤ i ≤ n); 'mineralplan merge' joins
the shards' folders. See docs/cluster.md for Slurm and Kubernetes.

Exit codes: 0 every case optimal, 1 some case without an optimal plan, 2 bad usage or
input, 3 internal error, 130 interrupted (SIGINT or SIGTERM; finished cases are kept).

Examples:
   mineralplan sweep s.yaml --vary budget.total=100e6:400e6:25e6
   mineralplan sweep s.yaml --vary 'markets[li2co3-japan].price=*0.8:*1.2:*0.1' --vary budget.total=200e6,300e6
   mineralplan sweep s.yaml --tornado 20% --metric security
   mineralplan sweep scenarios/jbic-financed.yaml --tornado 20% --metric equity_irr
   mineralplan sweep s.yaml --samples 1000 --lhs --dist 'markets[li2co3-japan].price=triangular(*0.7,*1,*1.2)'
   mineralplan sweep s.yaml --vary budget.total=100e6:400e6:1e6 --shard 3/10 --out out/b3`,
	Flags: append(append(sweepRunFlags("json"), clusterFlags()...),
		&cli.StringSliceFlag{Name: "vary", Usage: "grid axis `PATH=LO:HI:STEP` or PATH=V1,V2,...; repeatable"},
		&cli.StringFlag{Name: "tornado", Usage: "tornado: move each parameter down and up by `PERCENT` (such as 20%)"},
		&cli.StringSliceFlag{Name: "param", Usage: "tornado parameter `PATH`; repeatable", DefaultText: "the budget, every market price and every feedstock availability"},
		&cli.StringSliceFlag{Name: "tornado-param", Usage: "tornado parameter with its own range, `PATH=LO:HI`; repeatable"},
		&cli.StringFlag{Name: "metric", Value: "npv", Usage: "tornado metric: " + strings.Join(sweep.Metrics, ", ")},
		&cli.IntFlag{Name: "samples", Usage: "Monte Carlo: `N` samples", DefaultText: "none"},
		&cli.StringSliceFlag{Name: "dist", Usage: "Monte Carlo distribution `PATH=DIST`; repeatable"},
		&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "Monte Carlo random seed"},
		&cli.BoolFlag{Name: "lhs", Usage: "Monte Carlo: Latin hypercube sampling"},
		&cli.StringFlag{Name: "shard", Usage: "solve shard `i/n` of the cases (index modulo n = i-1)"},
		&cli.Float64Flag{Name: "gap", Usage: "relative MIP `GAP` per case", DefaultText: "the scenario's"},
	),
	Action: func(c *cli.Context) error {
		cfg, err := sweepConfig(c, "sweep", c.Float64("gap"))
		if err != nil {
			return err
		}
		if s := c.String("shard"); s != "" {
			if cfg.Shard, err = sweep.ParseShard(s); err != nil {
				return cli.Exit(err.Error(), exitUsage)
			}
		}
		st, err := sweepStudy(c, cfg)
		if err != nil {
			return cli.Exit(err.Error(), exitUsage)
		}
		if c.IsSet("slurm") || c.IsSet("k8s") {
			noteEmptyShards(sweep.ShardSizes(cfg, st, c.Int("array-size")))
			return writeClusterJobs(c, cfg.Out)
		}
		return runSweep(c, cfg, "sweep", func(ctx context.Context, cfg sweep.Config) (*sweep.Outcome, error) { return sweep.Run(ctx, cfg, st) })
	},
}

// noteEmptyShards warns, before a cluster job is written, of the shards that
// would get no cases (the sweep has fewer cases, or groups of them, than shards).
func noteEmptyShards(sizes []int) {
	var empty []string
	for i, n := range sizes {
		if n == 0 {
			empty = append(empty, strconv.Itoa(i+1))
		}
	}
	if len(empty) > 0 {
		fmt.Fprintf(os.Stderr, "mineralplan: note: %d of the %d shards get no cases (shard %s); they finish at once, and a smaller --array-size does the same work with fewer tasks\n",
			len(empty), len(sizes), strings.Join(empty, ", "))
	}
}

// sweepStudy builds the grid, tornado or Monte Carlo study the flags ask for.
func sweepStudy(c *cli.Context, cfg sweep.Config) (*sweep.Study, error) {
	grid := c.IsSet("vary")
	tornado := c.IsSet("tornado") || c.IsSet("tornado-param") || c.IsSet("param")
	mc := c.IsSet("samples") || c.IsSet("dist")
	switch n := btoi(grid) + btoi(tornado) + btoi(mc); {
	case n == 0:
		return nil, errors.New("sweep needs --vary (a grid), --tornado (one at a time) or --samples with --dist (Monte Carlo); see --help")
	case n > 1:
		return nil, errors.New("give one kind of sweep: --vary, --tornado or --samples, not several; run them into separate --out folders")
	case grid:
		var axes []sweep.Axis
		for _, f := range c.StringSlice("vary") {
			a, err := sweep.ParseVary(f)
			if err != nil {
				return nil, err
			}
			axes = append(axes, a)
		}
		return sweep.NewGrid(cfg.Base, axes)
	case tornado:
		share := 0.0
		if c.IsSet("tornado") {
			var err error
			if share, err = sweep.ParsePercent(c.String("tornado")); err != nil {
				return nil, err
			}
		}
		var ranged []sweep.TornadoParam
		for _, f := range c.StringSlice("tornado-param") {
			p, err := sweep.ParseTornadoParam(f)
			if err != nil {
				return nil, err
			}
			ranged = append(ranged, p)
		}
		paths := c.StringSlice("param")
		if len(paths) == 0 && len(ranged) == 0 {
			paths = sweep.DefaultTornadoPaths(cfg.Base)
		}
		params, err := sweep.TornadoParams(paths, share, ranged)
		if err != nil {
			return nil, err
		}
		return sweep.NewTornado(cfg.Base, sweep.TornadoSpec{Metric: c.String("metric"), Params: params})
	}
	var dists []sweep.Dist
	for _, f := range c.StringSlice("dist") {
		d, err := sweep.ParseDist(f)
		if err != nil {
			return nil, err
		}
		dists = append(dists, d)
	}
	return sweep.NewMonteCarlo(cfg.Base, sweep.MonteCarloSpec{Samples: c.Int("samples"), Seed: c.Uint64("seed"), LHS: c.Bool("lhs"), Dists: dists})
}

// paretoCommand traces the NPV–security Pareto front.
var paretoCommand = &cli.Command{
	Name:      "pareto",
	Usage:     "trace the Pareto front of NPV against supply security by the ε-constraint method",
	ArgsUsage: "[BASE.yaml | -]",
	Description: `Solves the base scenario for the most supply security and for the best NPV, then
--points cases that maximise NPV with objective.min_security = ε for ε spread evenly
between the two. Each point is a full plan in its own case folder; summary.md has the
table and pareto.svg the chart. Ctrl-C stops cleanly; --resume carries on.

Exit codes: 0 every point optimal, 1 some point without an optimal plan, 2 bad usage
or input, 3 internal error, 130 interrupted (finished cases are kept).

Example:
   mineralplan pareto scenarios/india-japan-2026.yaml --points 10`,
	Flags: append(sweepRunFlags("csv,json,md"),
		&cli.IntFlag{Name: "points", Value: 10, Usage: "points on the front, ends included"},
		&cli.Float64Flag{Name: "gap", Usage: "relative MIP `GAP` per case", DefaultText: "the scenario's"},
	),
	Action: func(c *cli.Context) error {
		spec := sweep.ParetoSpec{Points: c.Int("points")}
		if err := spec.Validate(); err != nil {
			return cli.Exit(err.Error(), exitUsage)
		}
		cfg, err := sweepConfig(c, "pareto", c.Float64("gap"))
		if err != nil {
			return err
		}
		return runSweep(c, cfg, "pareto", func(ctx context.Context, cfg sweep.Config) (*sweep.Outcome, error) {
			return sweep.Pareto(ctx, cfg, spec)
		})
	},
}

// frontierCommand finds the best NPV as a function of the budget.
var frontierCommand = &cli.Command{
	Name:      "frontier",
	Usage:     "find the best NPV against the capital budget, with the exact budgets where the plants change",
	ArgsUsage: "[BASE.yaml | -]",
	Description: `Solves budget.total at --from, --to and --steps-1 budgets between. Where two
neighbouring budgets build different plant sets, the larger budget's plan is optimal
down to its capex and no smaller budget can build it, so the plant set changes just
there: it solves that capex (proved from the larger budget, with --reuse) and the
capex less --tol, and goes on down until every interval is at most --tol wide.
summary.md lists each breakpoint (a budget interval whose upper end is the larger
set's capex), the plants entering and leaving there and the NPV on each side;
frontier.svg draws the frontier. Solves use a tight
gap (--gap, 1e-7) so that NPV never falls as the budget rises; a point that breaks
this is solved again with a gap 100 times tighter.

Exit codes: 0 every point optimal, 1 some point without an optimal plan, 2 bad usage
or input, 3 internal error, 130 interrupted (finished cases are kept).

Example:
   mineralplan frontier scenarios/india-japan-2026.yaml --from 100e6 --to 400e6 --tol 1e6`,
	Flags: append(sweepRunFlags("json"),
		&cli.Float64Flag{Name: "from", Usage: "lowest budget, `USD`", Required: true},
		&cli.Float64Flag{Name: "to", Usage: "highest budget, `USD`", Required: true},
		&cli.Float64Flag{Name: "tol", Value: 1e6, Usage: "width, `USD`, to which each breakpoint is located"},
		&cli.IntFlag{Name: "steps", Value: 8, Usage: "intervals of the first, coarse grid"},
		&cli.Float64Flag{Name: "gap", Value: sweep.DefaultFrontierGap, Usage: "relative MIP gap of every solve"},
		&cli.StringFlag{Name: "tolerance", Value: "1%", Usage: "NPV, `USD or PERCENT` of the largest NPV, that a new plant set must gain for its breakpoint to be kept; closer sets are merged (0 keeps every change)"},
	),
	Action: func(c *cli.Context) error {
		spec := sweep.FrontierSpec{From: c.Float64("from"), To: c.Float64("to"), Tol: c.Float64("tol"), Steps: c.Int("steps"), Gap: c.Float64("gap")}
		var err error
		if spec.Tolerance, spec.ToleranceShare, err = sweep.ParseTolerance(c.String("tolerance")); err != nil {
			return cli.Exit(err.Error(), exitUsage)
		}
		if err := spec.Validate(); err != nil {
			return cli.Exit(err.Error(), exitUsage)
		}
		cfg, err := sweepConfig(c, "frontier", 0)
		if err != nil {
			return err
		}
		return runSweep(c, cfg, "frontier", func(ctx context.Context, cfg sweep.Config) (*sweep.Outcome, error) {
			return sweep.Frontier(ctx, cfg, spec)
		})
	},
}

// mergeCommand joins the folders of a sharded sweep.
var mergeCommand = &cli.Command{
	Name:      "merge",
	Usage:     "join the folders of a sharded sweep into one, as a single machine would have written it",
	ArgsUsage: "DIR...",
	Description: `Each DIR is the folder of one shard ('mineralplan sweep --shard i/n --out DIR').
merge checks that they hold one sweep and that every case has a result, copies the
case folders into --out and writes sweep.json, cases.csv, summary.md and the charts.
When cases are missing it names them (with their shard) and writes nothing.

Exit codes: 0 merged, every case optimal; 1 merged with cases without an optimal
plan, or cases missing (nothing merged); 2 bad usage, or folders of different sweeps.

Example:
   mineralplan merge out/shard-* --out out/sweep`,
	Flags: []cli.Flag{
		&cli.StringFlag{Name: "out", Usage: "the merged sweep folder `DIR`", Required: true},
	},
	Action: func(c *cli.Context) error {
		if c.NArg() == 0 {
			return cli.Exit("merge needs the shards' folders: mineralplan merge DIR... --out DIR", exitUsage)
		}
		o, err := sweep.Merge(c.Args().Slice(), c.String("out"))
		var inc *sweep.IncompleteError
		switch {
		case errors.As(err, &inc):
			return cli.Exit(err.Error(), exitNotOpt)
		case errors.Is(err, sweep.ErrMismatch), errors.Is(err, sweep.ErrExists), errors.Is(err, os.ErrNotExist):
			return cli.Exit(err.Error(), exitUsage)
		case err != nil:
			return cli.Exit(err.Error(), exitInternal)
		}
		return sweepExit("merge", o)
	},
}

// sweepConfig loads the base scenario with --set (and the solver flags as sets)
// and reads the flags every sweeping command shares.
func sweepConfig(c *cli.Context, command string, gap float64) (sweep.Config, error) {
	if c.NArg() > 1 {
		return sweep.Config{}, cli.Exit(fmt.Sprintf("%s takes one base scenario file; vary it with flags (see --help)", command), exitUsage)
	}
	sets := c.StringSlice("set")
	if c.IsSet("time-limit") {
		sets = append(sets, "solver.time_limit="+strconv.FormatFloat(c.Float64("time-limit"), 'g', -1, 64))
	}
	if gap > 0 {
		sets = append(sets, "solver.mip_gap="+strconv.FormatFloat(gap, 'g', -1, 64))
	}
	file := c.Args().First()
	base, err := loadScenario(file, sets)
	if err != nil {
		return sweep.Config{}, err
	}
	formats, err := parseFormats("--case-format", c.String("case-format"))
	if err != nil {
		return sweep.Config{}, err
	}
	if c.Int("workers") < 1 {
		return sweep.Config{}, cli.Exit(fmt.Sprintf("--workers %d: give at least 1", c.Int("workers")), exitUsage)
	}
	if c.Bool("retry-failed") && !c.Bool("resume") {
		return sweep.Config{}, cli.Exit("--retry-failed goes with --resume", exitUsage)
	}
	out := c.String("out")
	if c.IsSet("out") {
		if err := checkOutDir("--out", out); err != nil {
			return sweep.Config{}, err
		}
	} else {
		out = filepath.Join("out", command+"-"+base.Name)
	}
	if err := checkNotInput("--out", out, base.Files); err != nil {
		return sweep.Config{}, err
	}
	return sweep.Config{Base: base, BaseFile: scenarioFileName(file), BaseSets: sets, Out: out, Options: sweep.Options{
		Workers: c.Int("workers"), WarmStart: c.Bool("warm-start"), Reuse: c.Bool("reuse"), Stack: c.Bool("stack"), Resume: c.Bool("resume"), RetryFailed: c.Bool("retry-failed"),
		CaseFormats: formats, ToolVersion: version, HiGHSVersion: highs.Version(),
	}}, nil
}

// runSweep runs a sweep with a progress bar on a terminal, or progress lines
// elsewhere (none with --quiet), stopping cleanly on SIGINT or SIGTERM, and maps
// its outcome to the exit codes.
func runSweep(c *cli.Context, cfg sweep.Config, command string, run func(context.Context, sweep.Config) (*sweep.Outcome, error)) error {
	ctx, stop := signalContext()
	defer stop()
	go func() { // after the first signal, a second one ends the process at once
		<-ctx.Done()
		stop()
	}()
	rep := newReporter(command, "cases", c.Bool("quiet"))
	cfg.Progress = func(p sweep.Progress) {
		rep.update(progress.Counts{Total: p.Total, Done: p.Done, Failed: p.Failed, Skipped: p.Skipped})
	}
	o, err := run(ctx, cfg)
	switch {
	case errors.Is(err, sweep.ErrExists):
		rep.abandon()
		return cli.Exit(err.Error(), exitUsage)
	case err != nil:
		rep.abandon()
		return cli.Exit(err.Error(), exitInternal)
	case o.Interrupted:
		rep.abandon()
		return cli.Exit(fmt.Sprintf("%s interrupted: the finished cases are kept in %s; run the same command with --resume to finish", command, o.Dir), exitInterrupted)
	}
	rep.finish(o.Dir)
	return sweepExit(command, o)
}

// reporter shows a long command's progress: a bar on a terminal that allows
// escape codes, plain lines (package progress) elsewhere (a log file, or a
// terminal with NO_COLOR), nothing when quiet.
type reporter struct {
	command string
	unit    string // plural: cases, scenarios
	bar     *progressbar.ProgressBar
	lines   *progress.Lines
	t0      time.Time
	last    progress.Counts
}

func newReporter(command, unit string, quiet bool) *reporter {
	r := &reporter{command: command, unit: unit, t0: time.Now()}
	switch {
	case quiet:
	case ansiOK(os.Stderr):
		r.bar = progressbar.NewOptions(0, progressbar.OptionSetWriter(os.Stderr), progressbar.OptionSetDescription(command),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString(unit),
			progressbar.OptionSetPredictTime(true), progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
	default:
		r.lines = progress.New(os.Stderr, command, progress.Unit(unit))
	}
	return r
}

// update records the counts after a case.
func (r *reporter) update(c progress.Counts) {
	r.last = c
	switch {
	case r.bar != nil:
		r.bar.ChangeMax(c.Total)
		r.bar.Describe(fmt.Sprintf("%s: %d failed", r.command, c.Failed))
		r.bar.Set(c.Done)
	case r.lines != nil:
		r.lines.Update(c)
	}
}

// finish clears the bar or writes the summary line, naming dir.
func (r *reporter) finish(dir string) {
	switch {
	case r.bar != nil:
		r.bar.Clear()
		fmt.Fprintf(os.Stderr, "%s: %d %s in %s, %.1fs\n", r.command, r.last.Done, r.unit, dir, time.Since(r.t0).Seconds())
	case r.lines != nil:
		r.lines.Finish(dir)
	}
}

// abandon stops the bar or the lines without a summary: the command failed or
// was interrupted, and says so itself.
func (r *reporter) abandon() {
	switch {
	case r.bar != nil:
		r.bar.Clear()
	case r.lines != nil:
		r.lines.Stop()
	}
}

// maxListed is the most failed cases an exit message names.
const maxListed = 10

// sweepExit reports the cases without an optimal plan (exit 1), if any.
func sweepExit(command string, o *sweep.Outcome) error {
	if len(o.Failed) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d of %d cases have no optimal plan (see %s):", command, len(o.Failed), len(o.Results), filepath.Join(o.Dir, sweep.CasesFile))
	for i, f := range o.Failed {
		if i == maxListed {
			fmt.Fprintf(&b, "\n  … and %d more", len(o.Failed)-maxListed)
			break
		}
		fmt.Fprintf(&b, "\n  %s", f)
	}
	return cli.Exit(b.String(), exitNotOpt)
}

// btoi is 1 for true.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
