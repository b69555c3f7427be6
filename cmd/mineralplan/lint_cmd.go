package main

import (
	"fmt"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/mineralplan/mineralplan/lint"
	"github.com/mineralplan/mineralplan/scenarios"
)

// lintCommand judges scenarios physically and economically (package lint) and
// reports each finding as file:line:col with the rule that fired. Findings are
// warnings, or errors with --strict; it exits 2 when a file does not load or, with
// --strict, when any rule fires.
var lintCommand = &cli.Command{
	Name:  "lint",
	Usage: "judge scenarios: mass balance, capex scale, price bands, gate fees, incentive eligibility, dead data (no FILE: the embedded default)",
	Description: "validate says whether a scenario can be planned; lint says whether its numbers make sense. " +
		"Each finding names its rule (" + ruleNames() + ") and where the value was written. " +
		"Findings are warnings; with --strict they are errors and the exit code is 2.",
	ArgsUsage: "[FILE... | -]",
	Flags: []cli.Flag{
		setFlag,
		&cli.BoolFlag{Name: "strict", Usage: "report findings as errors and exit 2 when any rule fires"},
		&cli.Float64Flag{Name: "price-band", Value: lint.DefaultPriceBand,
			Usage: "widest spread between the highest and lowest price of one material among its markets and imports in a year, as a fraction of the lowest"},
	},
	Action: func(c *cli.Context) error {
		if band := c.Float64("price-band"); band <= 0 {
			return cli.Exit(fmt.Sprintf("lint: --price-band is %g; give a fraction above 0, such as 0.5", band), exitUsage)
		}
		files := c.Args().Slice()
		names := files
		if len(files) == 0 {
			names = []string{scenarios.DefaultName + " (embedded)"}
		}
		sev := scenarios.Warning
		if c.Bool("strict") {
			sev = scenarios.Error
		}
		var loadErrs, errs, warns int
		// A finding in a file that others extend is said once, not once per file.
		seen := map[string]bool{}
		for i := range names {
			var (
				s   *scenarios.Scenario
				ds  scenarios.Diagnostics
				err error
			)
			if len(files) == 0 {
				s, ds, err = scenarios.LoadLibrary(scenarios.DefaultName, c.StringSlice("set"))
			} else {
				s, ds, err = loadScenarioFile(files[i], c.StringSlice("set"))
			}
			printDiagnostics(c.App.ErrWriter, ds)
			lastDiagnostics = append(lastDiagnostics, ds...) // for --json
			if err != nil {
				loadErrs++
				fmt.Fprintf(c.App.ErrWriter, "%s: does not load; run mineralplan validate on it first\n", names[i])
				continue
			}
			for _, f := range lint.Check(s, lint.Options{PriceBand: c.Float64("price-band")}) {
				d := f.Diagnostic(sev)
				if len(files) > 0 && d.Pos.File != "" && filepath.Clean(d.Pos.File) != filepath.Clean(files[i]) {
					// Written in a file this one extends, but judged in this scenario.
					d.Msg += " (in " + names[i] + ")"
				}
				line := d.String()
				if seen[line] {
					continue
				}
				seen[line] = true
				fmt.Fprintln(c.App.ErrWriter, line)
				lastDiagnostics = append(lastDiagnostics, d)
				if sev == scenarios.Error {
					errs++
				} else {
					warns++
				}
			}
		}
		summary := fmt.Sprintf("%d %s linted: %d %s, %d %s", len(names), plural(len(names), "file", "files"),
			errs, plural(errs, "error", "errors"), warns, plural(warns, "warning", "warnings"))
		if loadErrs > 0 {
			summary += fmt.Sprintf(", %d %s that did not load", loadErrs, plural(loadErrs, "file", "files"))
		}
		if loadErrs > 0 || errs > 0 {
			return cli.Exit(summary, exitUsage)
		}
		fmt.Fprintln(c.App.ErrWriter, summary)
		return nil
	},
}

func ruleNames() string {
	s := ""
	for i, r := range lint.Rules {
		if i > 0 {
			s += ", "
		}
		s += string(r)
	}
	return s
}
