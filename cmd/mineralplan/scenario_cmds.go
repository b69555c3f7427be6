package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/mineralplan/mineralplan/scenarios"
	"github.com/mineralplan/mineralplan/study"
)

// setFlag is --set PATH=VALUE, repeatable: an override applied after extends.
var setFlag = &cli.StringSliceFlag{
	Name:  "set",
	Usage: "override a value, as PATH=VALUE (budget.total=300e6, sites[sanand].capital_subsidy=0.2) or PATH=*FACTOR (markets[li2co3-japan].price=*1.2); repeatable",
}

// validateCommand checks scenario files and reports every problem as
// file:line:col: what; how to fix. It exits 2 when any file has an error.
var validateCommand = &cli.Command{
	Name:      "validate",
	Usage:     "check scenario and study files: every error and warning as file:line:col, exit 2 on errors",
	ArgsUsage: "FILE... (- for stdin)",
	Flags:     []cli.Flag{setFlag},
	Action: func(c *cli.Context) error {
		files := c.Args().Slice()
		if len(files) == 0 {
			return cli.Exit("validate: name one or more scenario files", exitUsage)
		}
		var errs, warns int
		for _, f := range files {
			var ds scenarios.Diagnostics
			if f != "-" && study.IsStudyFile(f) {
				_, ds, _ = study.Load(f)
			} else {
				_, ds, _ = loadScenarioFile(f, c.StringSlice("set"))
			}
			printDiagnostics(c.App.ErrWriter, ds)
			lastDiagnostics = append(lastDiagnostics, ds...) // every file's, for --json
			e, w := ds.Count()
			errs, warns = errs+e, warns+w
		}
		summary := fmt.Sprintf("%d %s checked: %d %s, %d %s", len(files), plural(len(files), "file", "files"),
			errs, plural(errs, "error", "errors"), warns, plural(warns, "warning", "warnings"))
		if errs > 0 {
			return cli.Exit(summary, exitUsage)
		}
		fmt.Fprintln(c.App.ErrWriter, summary)
		return nil
	},
}

// resolveCommand prints a scenario fully merged (extends and --set applied,
// defaults filled, money in USD) as canonical YAML.
var resolveCommand = &cli.Command{
	Name:      "resolve",
	Usage:     "print a scenario merged through extends and --set, defaults filled, money in USD (no FILE: the embedded default)",
	ArgsUsage: "[FILE | -]",
	Flags:     []cli.Flag{setFlag},
	Action: func(c *cli.Context) error {
		var (
			s   *scenarios.Scenario
			ds  scenarios.Diagnostics
			err error
		)
		switch c.NArg() {
		case 0:
			s, ds, err = scenarios.LoadLibrary(scenarios.DefaultName, c.StringSlice("set"))
		case 1:
			s, ds, err = loadScenarioFile(c.Args().First(), c.StringSlice("set"))
		default:
			return cli.Exit("resolve: name at most one scenario file", exitUsage)
		}
		printDiagnostics(c.App.ErrWriter, ds)
		if err != nil {
			e, _ := ds.Count()
			return cli.Exit(fmt.Sprintf("resolve: %d %s", e, plural(e, "error", "errors")), exitUsage)
		}
		out, err := s.YAML()
		if err != nil {
			return cli.Exit(fmt.Sprintf("resolve: %v", err), exitInternal)
		}
		_, err = c.App.Writer.Write(out)
		return err
	},
}

// schemaCommand prints the JSON Schema of the scenario format.
var schemaCommand = &cli.Command{
	Name:  "schema",
	Usage: "print the JSON Schema of the scenario format",
	Action: func(c *cli.Context) error {
		out, err := scenarios.JSONSchema()
		if err != nil {
			return cli.Exit(fmt.Sprintf("schema: %v", err), exitInternal)
		}
		_, err = fmt.Fprintf(c.App.Writer, "%s\n", out)
		return err
	},
}

func printDiagnostics(w io.Writer, ds scenarios.Diagnostics) {
	for _, d := range ds {
		fmt.Fprintln(w, d)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
