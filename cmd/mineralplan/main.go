// Command mineralplan plans critical-mineral processing and recycling plants: which
// to build, where, how large and when, within a capital budget. It reads scenario
// files (YAML), builds a mixed-integer program, solves it with HiGHS and writes the
// plan as tidy tables and reports.
//
// Exit codes: 0 solved (optimal or within the gap), 1 solved but not optimal or
// infeasible, 2 bad input or usage, 3 internal error.
package main

import (
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/mineralplan/mineralplan/highs"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit codes shared by every command.
const (
	exitSolved   = 0
	exitNotOpt   = 1
	exitUsage    = 2
	exitInternal = 3
)

func newApp() *cli.App {
	app := &cli.App{
		Name:    "mineralplan",
		Usage:   "plan critical-mineral processing and recycling plants in India with a MILP on HiGHS",
		Version: fmt.Sprintf("%s (HiGHS %s)", version, highs.Version()),
		Description: `mineralplan answers: given candidate sites, technologies, costs and feedstock
flows, which plants should be built, where, how large and when, within the budget —
and how does that change when prices, budgets, policies or supplies change?

Examples:
   mineralplan run                                  # the embedded India–Japan default scenario
   mineralplan run scenarios/budget-400m.yaml --json
   mineralplan run s.yaml --set budget.total=300e6 --set 'markets[li2co3-japan].price=*1.2'
   mineralplan validate scenarios/*.yaml
   mineralplan resolve scenarios/strict-epr.yaml
   mineralplan export --mps model.mps scenarios/india-japan-2026.yaml`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "log-level", Value: "warn", Usage: "debug, info, warn or error (logs go to stderr)"},
			&cli.StringFlag{Name: "log-format", Value: "text", Usage: "text or json"},
		},
		Before:   setupLogging,
		Commands: commands(),
		// The help command is ours (helpCommand): it shows exactly what --help does.
		HideHelpCommand: true,
		// Values such as --vary x=1,2,3 and --set 'p={2026: 1, 2030: 2}' keep their commas.
		DisableSliceFlagSeparator: true,
		ExitErrHandler:            func(*cli.Context, error) {},
		CommandNotFound: func(c *cli.Context, name string) {
			unknownCommand = unknownCommandMessage(c, name)
		},
	}
	conventions(app)
	return app
}

// unknownCommand is the message for a command line that names no known command,
// set by the app's CommandNotFound.
var unknownCommand string

func setupLogging(c *cli.Context) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.String("log-level"))); err != nil {
		return cli.Exit(fmt.Sprintf("--log-level %q: use debug, info, warn or error", c.String("log-level")), exitUsage)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch c.String("log-format") {
	case "text":
		slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, opts)))
	case "json":
		slog.SetDefault(slog.New(slog.NewJSONHandler(os.Stderr, opts)))
	default:
		return cli.Exit(fmt.Sprintf("--log-format %q: use text or json", c.String("log-format")), exitUsage)
	}
	return nil
}

func main() {
	os.Exit(run(os.Args))
}

// run executes the command line and returns the process exit code. With
// --json, every outcome prints one JSON object on stdout (see jsonout.go).
func run(args []string) int {
	code, msg := execute(args)
	if wantsJSON(args) && !jsonPrinted {
		printJSON(outcomeObject(code, msg))
	}
	return code
}

// execute runs the command line, prints its error on stderr and returns
// the exit code and the error message.
func execute(args []string) (int, string) {
	app := newApp()
	args = flagsFirst(app, args)
	if unknownCommand != "" {
		msg := unknownCommand
		unknownCommand = ""
		fmt.Fprintln(os.Stderr, "mineralplan:", msg)
		return exitUsage, msg
	}
	if missingValue != "" {
		msg := fmt.Sprintf("%s needs a value after it (see 'mineralplan %s --help')", missingValue, missingIn)
		fmt.Fprintln(os.Stderr, "mineralplan:", msg)
		return exitUsage, msg
	}
	err := app.Run(args)
	if unknownCommand != "" {
		msg := unknownCommand
		unknownCommand = ""
		fmt.Fprintln(os.Stderr, "mineralplan:", msg)
		return exitUsage, msg
	}
	if err == nil {
		return exitSolved, ""
	}
	var ec cli.ExitCoder
	if errors.As(err, &ec) {
		msg := err.Error()
		if msg != "" {
			fmt.Fprintln(os.Stderr, "mineralplan:", msg)
		}
		return ec.ExitCode(), msg
	}
	// Errors from flag parsing and unknown commands are usage errors.
	fmt.Fprintln(os.Stderr, "mineralplan:", err)
	return exitUsage, err.Error()
}
