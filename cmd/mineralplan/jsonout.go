package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// With --json a command prints exactly one JSON object on stdout for every
// outcome. run, stochastic, audit, compare, resolve and version print their
// own for a result (a plan, a comparison, a scenario); the other commands get
// --json from withJSON and print a doneObject when they finish, also with
// cases or scenarios not optimal (exit 1) or interrupted (exit 130). For every
// other outcome — a usage error, bad input, an infeasible scenario, a solve that
// found no plan in time, an internal error — the process prints an errorObject.

// jsonPrinted is set once a command has printed its JSON object.
var jsonPrinted bool

// lastDiagnostics are the errors of the last scenario that did not load, for
// the JSON object of a failed command.
var lastDiagnostics scenarios.Diagnostics

// lastSolveError is the error of the last solve, for the JSON object.
var lastSolveError error

// errorObject is the JSON object of an outcome without a result. Status is
// "error" (exit 2 or 3), or the plan's status for exit 1 (infeasible,
// time_limit, interrupted, unbounded).
type errorObject struct {
	Status   string `json:"status"`
	ExitCode int    `json:"exit_code"`
	// Error is the message also printed on stderr.
	Error string `json:"error"`
	// Diagnostics are the problems of the input, each with its position.
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	// Conflicts explain an infeasible scenario, each with its position.
	Conflicts []model.Conflict `json:"conflicts,omitempty"`
}

// jsonDiagnostic is one problem of the input.
type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Fix      string `json:"fix"`
}

// wantsJSON reports whether the command line asks for --json.
func wantsJSON(args []string) bool {
	for _, a := range args[1:] {
		if a == "--" {
			return false
		}
		if a == "--json" || a == "-json" || a == "--json=true" {
			return true
		}
	}
	return false
}

// diagnosticsJSON returns ds for a JSON object, never nil.
func diagnosticsJSON(ds scenarios.Diagnostics) []jsonDiagnostic {
	out := []jsonDiagnostic{}
	for _, d := range ds {
		sev := "error"
		if d.Severity == scenarios.Warning {
			sev = "warning"
		}
		out = append(out, jsonDiagnostic{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: sev, Message: d.Msg, Fix: d.Fix})
	}
	return out
}

// outcomeObject is the JSON object for a command that ended with code and msg.
func outcomeObject(code int, msg string) errorObject {
	o := errorObject{Status: "error", ExitCode: code, Error: msg, Diagnostics: diagnosticsJSON(lastDiagnostics)}
	var (
		inf    *model.InfeasibleError
		noPlan *model.NoPlanError
	)
	switch {
	case errors.As(lastSolveError, &inf):
		o.Status, o.Conflicts = model.StatusInfeasible, slices.Clone(inf.Conflicts)
	case errors.As(lastSolveError, &noPlan):
		o.Status = noPlan.Status
	case code == exitNotOpt && strings.Contains(msg, "interrupted"):
		o.Status = model.StatusInterrupted
	case code == exitNotOpt && strings.Contains(msg, "unbounded"):
		o.Status = model.StatusUnbounded
	}
	return o
}

// doneObject is the JSON object of a command that finished without printing a
// result object of its own.
type doneObject struct {
	// Status is "ok" (exit 0); "not_optimal" (exit 1: a batch, sweep or merge
	// finished with scenarios or cases without an optimal plan, or cases
	// missing); "interrupted" (exit 130: a sweep stopped by a signal, its
	// finished cases kept).
	Status   string `json:"status"`
	ExitCode int    `json:"exit_code"`
	// Error is the message also printed on stderr; empty for "ok".
	Error string `json:"error,omitempty"`
	// Command is the command's name, such as "sweep".
	Command string `json:"command"`
	// Out is the folder or file the command wrote, when it wrote one.
	Out string `json:"out,omitempty"`
	// Files are the files of Out listed by its manifest.json, relative to Out.
	Files []string `json:"files,omitempty"`
	// Summary is Out's summary.json, when it has one.
	Summary json.RawMessage `json:"summary,omitempty"`
	// Diagnostics are the warnings of the inputs (validate: every file's).
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

// withJSON gives a command (and its subcommands) that has an action but no
// --json of its own the flag: its text output goes to stderr and, when it
// finishes (exit 0, 1 or 130), a doneObject to stdout.
func withJSON(c *cli.Command) {
	for _, sub := range c.Subcommands {
		withJSON(sub)
	}
	if c.Action == nil {
		return
	}
	for _, f := range c.Flags {
		if slices.Contains(f.Names(), "json") {
			return
		}
	}
	c.Flags = append(c.Flags, &cli.BoolFlag{Name: "json", Usage: "print one JSON object on stdout for the outcome (the text output goes to stderr)"})
	action := c.Action
	c.Action = func(ctx *cli.Context) error {
		if !ctx.Bool("json") {
			return action(ctx)
		}
		err := textToStderr(ctx, action)
		if jsonPrinted {
			return err
		}
		o := newDoneObject(ctx)
		var ec cli.ExitCoder
		switch {
		case err == nil:
		case errors.As(err, &ec) && ec.ExitCode() == exitNotOpt:
			o.Status, o.ExitCode, o.Error = "not_optimal", exitNotOpt, err.Error()
		case errors.As(err, &ec) && ec.ExitCode() == exitInterrupted:
			o.Status, o.ExitCode, o.Error = model.StatusInterrupted, exitInterrupted, err.Error()
		default:
			return err // the failure object, printed by run
		}
		if perr := printJSON(o); perr != nil {
			return perr
		}
		return err
	}
}

// textToStderr runs action with its text output (os.Stdout and the app's
// writer) sent to stderr.
func textToStderr(ctx *cli.Context, action cli.ActionFunc) error {
	stdout, writer := os.Stdout, ctx.App.Writer
	os.Stdout, ctx.App.Writer = os.Stderr, ctx.App.ErrWriter
	defer func() { os.Stdout, ctx.App.Writer = stdout, writer }()
	return action(ctx)
}

// newDoneObject describes the finished command of ctx: what it wrote (the
// first of its --out, --output, --mps and --lp that is set) and the inputs' warnings.
func newDoneObject(ctx *cli.Context) doneObject {
	o := doneObject{Status: "ok", Command: ctx.Command.Name, Diagnostics: diagnosticsJSON(lastDiagnostics)}
	for _, name := range []string{"out", "output", "mps", "lp"} {
		if ctx.IsSet(name) && ctx.String(name) != "" {
			o.Out = ctx.String(name)
			break
		}
	}
	if o.Out == "" {
		return o
	}
	if b, err := os.ReadFile(filepath.Join(o.Out, "manifest.json")); err == nil {
		var m struct {
			Files []struct {
				Name string `json:"name"`
			} `json:"files"`
		}
		if json.Unmarshal(b, &m) == nil {
			for _, f := range m.Files {
				o.Files = append(o.Files, f.Name)
			}
		}
	}
	if b, err := os.ReadFile(filepath.Join(o.Out, "summary.json")); err == nil && json.Valid(b) {
		o.Summary = b
	}
	return o
}
