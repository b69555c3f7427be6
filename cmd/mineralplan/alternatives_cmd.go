package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/mineralplan/mineralplan/alternatives"
	"github.com/mineralplan/mineralplan/results"
)

// alternativesCommand finds near-optimal plans that differ in their sites and
// technologies.
func alternativesCommand() *cli.Command {
	return &cli.Command{
		Name:      "alternatives",
		Usage:     "near-optimal plans within --slack of the optimum whose (site, technology) choices differ most, and which of the optimum's choices are forced (the embedded default when no file is given)",
		ArgsUsage: "[SCENARIO.yaml | -]",
		Flags: append(solverFlags(),
			&cli.Float64Flag{Name: "slack", Value: 0.05, Usage: "NPV an alternative may give up, as a `SHARE` of |optimal NPV|"},
			&cli.IntFlag{Name: "count", Value: 5, Usage: "at most `N` alternatives"},
			&cli.StringFlag{Name: "out", Usage: "write the output folder to `DIR` (required)"},
			formatFlag(),
		),
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 || c.String("out") == "" {
				return cli.Exit("alternatives: give at most one scenario file and --out DIR", exitUsage)
			}
			if err := checkRunDir("--out", c.String("out")); err != nil {
				return err
			}
			if v := c.Float64("slack"); !(v >= 0 && v <= 10) {
				return usageErrorf("alternatives: --slack %s: give the NPV a plan may give up as a share of |optimal NPV|, from 0 to 10, such as 0.05", fmtFlag(v))
			}
			if v := c.Int("count"); v < 1 || v > 100 {
				return usageErrorf("alternatives: --count %d: give how many alternatives to look for, 1 to 100", v)
			}
			formats, err := parseFormats("--format", c.String("format"))
			if err != nil {
				return err
			}
			s, err := loadScenario(c.Args().First(), c.StringSlice("set"))
			if err != nil {
				return err
			}
			if err := checkNotInput("--out", c.String("out"), s.Files); err != nil {
				return err
			}
			if err := needNPV(s, "alternatives are plans within a slack of the optimal NPV", "add --set objective.kind=npv"); err != nil {
				return err
			}
			ctx, stop := signalContext()
			defer stop()
			res, err := alternatives.Find(ctx, s, alternatives.Options{Slack: c.Float64("slack"), Count: c.Int("count"), Solve: solveOptions(c)})
			if err != nil {
				return exitForSolveError(ctx, err)
			}
			tool, hv := versions()
			man := results.Manifest{ScenarioFile: c.Args().First(), ToolVersion: tool, HiGHSVersion: hv,
				Options: map[string]string{"slack": fmt.Sprint(c.Float64("slack")), "count": fmt.Sprint(c.Int("count"))}}
			if err := res.Write(c.String("out"), man, formats); err != nil {
				return cli.Exit(fmt.Sprintf("writing %s: %v", c.String("out"), err), exitInternal)
			}
			fmt.Fprint(os.Stdout, res.String())
			if inc := res.Incomplete(); len(inc) > 0 {
				return cli.Exit(strings.Join(inc, "\n"), exitNotOpt)
			}
			return nil
		},
	}
}
