package main

import (
	"errors"
	"slices"
	"strings"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// With --json a command prints exactly one JSON object on stdout for every
// outcome. Commands print their own for a result (a plan, a comparison); for
// every other outcome — a usage error, bad input, an infeasible scenario, a
// solve that found no plan in time, an internal error — run prints an
// errorObject.

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

// outcomeObject is the JSON object for a command that ended with code and msg.
func outcomeObject(code int, msg string) errorObject {
	o := errorObject{Status: "error", ExitCode: code, Error: msg, Diagnostics: []jsonDiagnostic{}}
	for _, d := range lastDiagnostics {
		sev := "error"
		if d.Severity == scenarios.Warning {
			sev = "warning"
		}
		o.Diagnostics = append(o.Diagnostics, jsonDiagnostic{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: sev, Message: d.Msg, Fix: d.Fix})
	}
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
