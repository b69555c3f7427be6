package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/mineralplan/mineralplan/results"
)

// compareCommand sets run folders side by side against the first.
var compareCommand = &cli.Command{
	Name:      "compare",
	Usage:     "compare run folders side by side: key figures, plants opened/closed/resized/moved/delayed, flows",
	ArgsUsage: "DIR DIR...",
	Description: `Each DIR is a run folder written by "mineralplan run --out DIR" with the csv and json
formats (summary.json, plants.csv, flows.csv, imports.csv). The first is the base:
every other run is compared with it.

Exit codes: 0 done, 1 with --fail-on-change when the plans differ, 2 bad usage or a
folder that cannot be read.

Examples:
   mineralplan compare out/base out/budget-400m
   mineralplan compare out/base out/* --format md > comparison.md
   mineralplan compare golden/ out/ --fail-on-change     # in CI: has the plan changed?`,
	Flags: []cli.Flag{
		&cli.StringFlag{Name: "format", Value: "text", Usage: "output format: " + strings.Join(results.CompareFormats, ", ")},
		&cli.BoolFlag{Name: "fail-on-change", Usage: "exit with code 1 when any plan differs from the base's (times and gap aside)"},
		&cli.BoolFlag{Name: "json", Usage: "print the comparison as one JSON object on stdout (--format json)"},
	},
	Action: func(c *cli.Context) error {
		dirs, format, fail, err := compareArgs(c)
		if err != nil {
			return err
		}
		if len(dirs) < 2 {
			return cli.Exit("compare needs at least two run folders: mineralplan compare DIR DIR... (see --help)", exitUsage)
		}
		if !results.ValidCompareFormat(format) {
			return cli.Exit(fmt.Sprintf("--format %q: use %s", format, strings.Join(results.CompareFormats, ", ")), exitUsage)
		}
		cmp, err := results.Compare(dirs)
		if err != nil {
			return cli.Exit(err.Error(), exitUsage)
		}
		if err := cmp.Render(c.App.Writer, format); err != nil {
			return cli.Exit(fmt.Sprintf("write the comparison: %v", err), exitInternal)
		}
		jsonPrinted = format == "json"
		if fail && cmp.Changed() {
			return cli.Exit("", exitNotOpt)
		}
		return nil
	},
}

// compareArgs returns the folders, --format (json with --json) and
// --fail-on-change. The flags
// may also follow the folders ("compare a b --format md"), which urfave/cli
// leaves among the arguments; "--" ends the flags.
func compareArgs(c *cli.Context) (dirs []string, format string, fail bool, err error) {
	format, fail = c.String("format"), c.Bool("fail-on-change")
	if c.Bool("json") {
		format = "json"
	}
	args := c.Args().Slice()
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch {
		case a == "--":
			return append(dirs, args[i+1:]...), format, fail, nil
		case !strings.HasPrefix(a, "-") || a == "-":
			dirs = append(dirs, a)
		case name == "format" && hasValue:
			format = value
		case name == "format" && i+1 < len(args):
			i++
			format = args[i]
		case name == "fail-on-change" && (!hasValue || value == "true" || value == "false"):
			fail = !hasValue || value == "true"
		case name == "json" && (!hasValue || value == "true" || value == "false"):
			if !hasValue || value == "true" {
				format = "json"
			}
		default:
			return nil, "", false, cli.Exit(fmt.Sprintf("compare: unknown or incomplete flag %q (see --help)", a), exitUsage)
		}
	}
	return dirs, format, fail, nil
}
