package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/mineralplan/mineralplan/highs"
	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// solverFlags are the flags every solving command shares.
func solverFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "set", Usage: "override a scenario value: `PATH=VALUE` (e.g. budget.total=300e6, 'markets[li2co3-japan].price=*1.2'); repeatable"},
		&cli.Float64Flag{Name: "time-limit", Usage: "HiGHS time limit in `SECONDS`", DefaultText: "the scenario's"},
		&cli.Float64Flag{Name: "gap", Usage: "relative MIP `GAP`", DefaultText: "the scenario's, else 1e-4"},
		&cli.IntFlag{Name: "threads", Usage: "HiGHS threads", DefaultText: "the scenario's, else 1 for reproducible plans"},
	}
}

func solveOptions(c *cli.Context) model.Options {
	return model.Options{
		TimeLimit: time.Duration(c.Float64("time-limit") * float64(time.Second)),
		MIPGap:    c.Float64("gap"),
		Threads:   c.Int("threads"),
	}
}

// loadScenario reads the named file with --set overrides, or the embedded default
// scenario when path is empty. Bad input is a usage error (exit 2) listing every
// problem with its file:line:col.
func loadScenario(path string, sets []string) (*scenarios.Scenario, error) {
	var (
		s     *scenarios.Scenario
		diags scenarios.Diagnostics
		err   error
	)
	if path == "" {
		s, diags, err = scenarios.LoadLibrary(scenarios.DefaultName, sets)
	} else {
		s, diags, err = loadScenarioFile(path, sets)
	}
	for _, d := range diags {
		if d.Severity == scenarios.Warning {
			fmt.Fprintln(os.Stderr, d.String())
		}
	}
	if err != nil {
		lastDiagnostics = diags
		return nil, cli.Exit(err.Error(), exitUsage)
	}
	return s, nil
}

// stdinPath is the scenario path that means standard input.
const stdinPath = "-"

// stdin holds standard input once read, so that every "-" on a command line
// gets the same scenario.
var stdin struct {
	once sync.Once
	data []byte
	err  error
}

// loadScenarioFile loads the scenario file at path with sets (see
// scenarios.LoadFile), or from standard input when path is "-": its positions
// then read <stdin>:line:col and its extends are relative to the working
// directory.
func loadScenarioFile(path string, sets []string) (*scenarios.Scenario, scenarios.Diagnostics, error) {
	if path != stdinPath {
		return scenarios.LoadFile(path, sets)
	}
	stdin.once.Do(func() {
		// One byte over the limit, so that LoadReader reports a file too large.
		stdin.data, stdin.err = io.ReadAll(io.LimitReader(os.Stdin, scenarios.MaxFileSize+1))
	})
	if stdin.err != nil {
		ds := scenarios.Diagnostics{{Pos: scenarios.Position{File: scenarios.StdinName}, Msg: "cannot read standard input: " + stdin.err.Error()}}
		return nil, ds, ds.Err()
	}
	return scenarios.LoadReader(bytes.NewReader(stdin.data), sets)
}

// scenarioFileName is how manifests name the scenario file given on the command
// line: <stdin> for "-".
func scenarioFileName(path string) string {
	if path == stdinPath {
		return scenarios.StdinName
	}
	return path
}

// signalContext is cancelled by SIGINT or SIGTERM, so HiGHS stops cleanly.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// buildError maps an error of model.Build to an exit code: a model over the
// size limit is the input's fault (exit 2), anything else a bug (exit 3).
func buildError(err error) error {
	var se *model.SizeError
	if errors.As(err, &se) {
		return cli.Exit(err.Error(), exitUsage)
	}
	return cli.Exit(err.Error(), exitInternal)
}

// exitForSolveError maps the error of a command that solves several problems
// (stochastic, evaluate, alternatives) to the documented exit codes, as run's:
// an infeasible problem, a solve that found no plan in time, or an interrupted
// command (Ctrl-C, SIGTERM: ctx is done) is exit 1, with the JSON object's
// status saying which; anything else is an internal error (exit 3).
func exitForSolveError(ctx context.Context, err error) error {
	lastSolveError = err
	var (
		inf    *model.InfeasibleError
		noPlan *model.NoPlanError
	)
	switch {
	case ctx.Err() != nil || errors.Is(err, context.Canceled):
		lastSolveError = &model.NoPlanError{Status: model.StatusInterrupted}
		msg := err.Error()
		if !strings.Contains(msg, "interrupted") {
			msg = "interrupted: " + msg
		}
		return cli.Exit(msg, exitNotOpt)
	case errors.As(err, &inf), errors.As(err, &noPlan):
		return cli.Exit(err.Error(), exitNotOpt)
	}
	return cli.Exit(err.Error(), exitInternal)
}

// exitForPlan maps a solve outcome to the documented exit codes.
func exitForPlan(plan *model.Plan, err error) error {
	lastSolveError = err
	var (
		inf    *model.InfeasibleError
		noPlan *model.NoPlanError
		size   *model.SizeError
	)
	switch {
	case errors.As(err, &inf), errors.As(err, &noPlan):
		return cli.Exit(err.Error(), exitNotOpt)
	case errors.As(err, &size):
		return cli.Exit(err.Error(), exitUsage)
	case errors.Is(err, context.Canceled):
		return cli.Exit("interrupted", exitNotOpt)
	case err != nil && plan != nil && plan.Status == model.StatusUnbounded:
		return cli.Exit(err.Error(), exitNotOpt)
	case err != nil:
		return cli.Exit(err.Error(), exitInternal)
	case plan.Status != model.StatusOptimal:
		return cli.Exit("", exitNotOpt)
	}
	return nil
}

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write the exact model of a scenario as MPS or LP, with readable names",
		ArgsUsage: "[SCENARIO.yaml | -]",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "mps", Usage: "write MPS to `FILE`"},
			&cli.StringFlag{Name: "lp", Usage: "write CPLEX LP to `FILE`"},
		}, solverFlags()[:1]...),
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return cli.Exit("export takes at most one scenario file", exitUsage)
			}
			mps, lp := c.String("mps"), c.String("lp")
			if (mps == "") == (lp == "") {
				return cli.Exit("export needs exactly one of --mps FILE or --lp FILE", exitUsage)
			}
			path, flag := mps+lp, map[bool]string{true: "--mps", false: "--lp"}[mps != ""]
			if want := map[bool]string{true: ".mps", false: ".lp"}[mps != ""]; !strings.HasSuffix(path, want) {
				return cli.Exit(fmt.Sprintf("%s %s: the file name must end in %s", flag, path, want), exitUsage)
			}
			if err := checkOutFile(flag, path); err != nil {
				return err
			}
			s, err := loadScenario(c.Args().First(), c.StringSlice("set"))
			if err != nil {
				return err
			}
			p, err := model.Build(s)
			if err != nil {
				return buildError(err)
			}
			if err := writeViaTemp(path, p.WriteModel); err != nil {
				if errors.Is(err, errInterrupted) {
					return cli.Exit(err.Error(), exitNotOpt)
				}
				return cli.Exit(err.Error(), exitInternal)
			}
			st := p.Stats()
			fmt.Fprintf(os.Stderr, "wrote %s: %d columns (%d integer), %d rows, %d nonzeros\n", path, st.Columns, st.Integers, st.Rows, st.Nonzeros)
			return nil
		},
	}
}

// writeViaTemp has write create a file next to path under a temporary name with
// the same extension, then renames it into place.
// A SIGINT or SIGTERM while the file is written removes the temporary file and
// ends with errInterrupted; path is then as it was.
func writeViaTemp(path string, write func(string) error) error {
	dir, base := filepath.Split(path)
	tmp := filepath.Join(dir, ".tmp-"+fmt.Sprint(os.Getpid())+"-"+base)
	cleanup := removeOnSignal(tmp)
	defer cleanup()
	if err := write(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// errInterrupted is returned by writes stopped by SIGINT or SIGTERM.
var errInterrupted = errors.New("interrupted; nothing was written")

// removeOnSignal removes the files or folders at paths and ends the process
// (exit 1, "interrupted") when SIGINT or SIGTERM arrives before the returned
// function is called. Writing a file through a C library (HiGHS) cannot be
// cancelled, so this is how an interrupted write leaves nothing behind.
func removeOnSignal(paths ...string) func() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
			for _, p := range paths {
				os.RemoveAll(p)
			}
			fmt.Fprintln(os.Stderr, "mineralplan:", errInterrupted)
			os.Exit(exitNotOpt)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// versions reports the tool and HiGHS versions for manifests.
func versions() (string, string) { return version, highs.Version() }

// printJSON writes v as indented JSON to stdout.
func printJSON(v any) error {
	jsonPrinted = true
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
