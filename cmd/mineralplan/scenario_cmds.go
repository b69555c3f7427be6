package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"
	"go.yaml.in/yaml/v3"

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
// defaults filled, money in USD) as canonical YAML, or with --json as JSON.
var resolveCommand = &cli.Command{
	Name:      "resolve",
	Usage:     "print a scenario merged through extends and --set, defaults filled, money in USD (no FILE: the embedded default)",
	ArgsUsage: "[FILE | -]",
	Flags:     []cli.Flag{setFlag, &cli.BoolFlag{Name: "json", Usage: "print the resolved scenario as one JSON object (the JSON Schema's form) instead of YAML"}},
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
			lastDiagnostics = ds
			e, _ := ds.Count()
			return cli.Exit(fmt.Sprintf("resolve: %d %s", e, plural(e, "error", "errors")), exitUsage)
		}
		out, err := s.YAML()
		if err != nil {
			return cli.Exit(fmt.Sprintf("resolve: %v", err), exitInternal)
		}
		if c.Bool("json") {
			v, err := jsonValue(out)
			if err != nil {
				return cli.Exit(fmt.Sprintf("resolve: %v", err), exitInternal)
			}
			return printJSON(v)
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

// jsonValue turns canonical scenario YAML into a value encoding/json writes in
// the same form (the JSON Schema's): maps keyed by years get string keys.
func jsonValue(y []byte) (any, error) {
	var v any
	if err := yaml.Unmarshal(y, &v); err != nil {
		return nil, err
	}
	var conv func(any) any
	conv = func(x any) any {
		switch t := x.(type) {
		case map[string]any:
			for k, e := range t {
				t[k] = conv(e)
			}
			return t
		case map[any]any:
			m := make(map[string]any, len(t))
			for k, e := range t {
				m[fmt.Sprint(k)] = conv(e)
			}
			return m
		case []any:
			for i, e := range t {
				t[i] = conv(e)
			}
			return t
		}
		return x
	}
	return conv(v), nil
}
