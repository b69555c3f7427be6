package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/progress"
	"github.com/mineralplan/mineralplan/results"
	"github.com/mineralplan/mineralplan/scenarios"
)

func batchCommand() *cli.Command {
	return &cli.Command{
		Name:      "batch",
		Usage:     "plan several scenarios in parallel, one run folder each, and a batch.csv of them all",
		ArgsUsage: "SCENARIO.yaml...",
		Flags: append(solverFlags(),
			&cli.StringFlag{Name: "out", Value: "out", Usage: "write run folders and batch.csv under `DIR`"},
			&cli.IntFlag{Name: "workers", Value: runtime.NumCPU(), DefaultText: "the number of cores", Usage: "scenarios solved at once (each with one HiGHS thread)"},
			formatFlag(),
			quietFlag(),
		),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return cli.Exit("batch needs at least one scenario file", exitUsage)
			}
			formats, err := parseFormats("--format", c.String("format"))
			if err != nil {
				return err
			}
			if err := checkOutDir("--out", c.String("out")); err != nil {
				return err
			}
			if c.Int("workers") < 1 {
				return usageErrorf("--workers %d: give at least 1", c.Int("workers"))
			}
			// Every member is loaded and validated before any is solved: a bad
			// file, or two members that would write the same folder, is a usage
			// error found at once.
			files := c.Args().Slice()
			loaded := make([]*scenarios.Scenario, len(files))
			var bad []string
			byName := map[string]string{}
			for i, f := range files {
				s, ds, err := loadScenarioFile(f, c.StringSlice("set"))
				if err != nil {
					for _, d := range ds {
						if d.Severity == scenarios.Error {
							bad = append(bad, d.String())
						}
					}
					continue
				}
				if other, ok := byName[s.Name]; ok {
					bad = append(bad, fmt.Sprintf("%s: scenario name %q is also the name of %s, so both would write %s; give each scenario its own name", f, s.Name, other, filepath.Join(c.String("out"), s.Name)))
					continue
				}
				byName[s.Name] = f
				if err := checkRunDir("--out", filepath.Join(c.String("out"), s.Name)); err != nil {
					bad = append(bad, fmt.Sprintf("%s: %v", f, err))
					continue
				}
				if err := checkNotInput("--out", filepath.Join(c.String("out"), s.Name), s.Files); err != nil {
					bad = append(bad, fmt.Sprintf("%s: %v", f, err))
					continue
				}
				loaded[i] = s
			}
			if len(bad) > 0 {
				return usageErrorf("%s\nbatch: %d of %d scenarios cannot run; nothing was solved", strings.Join(bad, "\n"), len(bad), len(files))
			}
			results.RemoveTempsOnSignal()
			out := c.String("out")
			rows := make([]results.BatchRow, len(files))
			fill := func(dst string) error {
				solveAll(c, dst, files, loaded, formats, rows)
				return results.WriteBatchCSV(filepath.Join(dst, "batch.csv"), rows)
			}
			// A new folder (or an earlier whole one) is written whole, like a
			// stochastic folder: absent or complete at every moment. A folder
			// shared with other runs (the default out/) gets the run folders
			// and batch.csv in place, each whole.
			if results.CheckRunDir(out) == nil {
				tool, hv := versions()
				err = results.WriteTree(out, "batch", results.Manifest{ScenarioFile: strings.Join(files, " "), ToolVersion: tool, HiGHSVersion: hv}, fill)
			} else if err = os.MkdirAll(out, 0o755); err == nil {
				err = fill(out)
			}
			if err != nil {
				return writeError(out, err)
			}
			path := filepath.Join(out, "batch.csv")
			failed := 0
			for _, r := range rows {
				if r.Status != model.StatusOptimal {
					failed++
					fmt.Fprintf(os.Stderr, "%s: %s %s\n", r.Scenario, r.Status, r.Error)
				}
			}
			fmt.Fprintf(os.Stderr, "wrote %s: %d scenarios, %d solved to optimality\n", path, len(rows), len(rows)-failed)
			if failed > 0 {
				return cli.Exit("", exitNotOpt)
			}
			return nil
		},
	}
}

// solveAll solves the loaded scenarios of files with --workers workers, each
// writing its run folder under dst, and fills rows; it stops starting and
// interrupts solves on SIGINT or SIGTERM.
func solveAll(c *cli.Context, dst string, files []string, loaded []*scenarios.Scenario, formats []string, rows []results.BatchRow) {
	workers := max(1, c.Int("workers"))
	ctx, stop := signalContext()
	defer stop()
	jobs := make(chan int)
	var wg sync.WaitGroup
	rep := newReporter("batch", "scenarios", c.Bool("quiet"))
	var mu sync.Mutex
	counts := progress.Counts{Total: len(files)}
	rep.update(counts)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				rows[i] = solveOne(ctx, c, dst, files[i], loaded[i], formats)
				mu.Lock()
				counts.Done++
				if rows[i].Status != model.StatusOptimal {
					counts.Failed++
				}
				rep.update(counts)
				mu.Unlock()
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	rep.finish(c.String("out"))
}

// solveOne solves one scenario of a batch and writes its run folder under dst;
// failures become the row's error so the batch goes on.
func solveOne(ctx context.Context, c *cli.Context, dst, file string, s *scenarios.Scenario, formats []string) results.BatchRow {
	t0 := time.Now()
	opt := solveOptions(c)
	opt.Threads = max(opt.Threads, 1)
	opt.Marginals = true
	plan, err := model.Solve(ctx, s, opt)
	if plan != nil && err == nil {
		if werr := writeRunFolder(filepath.Join(dst, s.Name), file, plan, s, c, formats); werr != nil {
			err = werr
		}
	}
	return results.BatchRowOf(s.Name, plan, err, time.Since(t0).Seconds())
}
