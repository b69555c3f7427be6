package scenarios

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Position is where something was written: a file, a 1-based line and a 1-based
// column. The zero Position means unknown. Values given with --set have the File
// "--set", the Line of the set among those given (1 for the first) and the Col of
// the value within it.
type Position struct {
	File      string
	Line, Col int
}

// String returns "file:line:col", just "file" when the line is unknown, or "" when
// the position is unknown.
func (p Position) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line <= 0:
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity says whether a diagnostic stops a scenario from loading.
type Severity int

const (
	// Error is a mistake: the scenario does not load.
	Error Severity = iota
	// Warning is something suspicious that does not stop loading, such as
	// coordinates outside India.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one finding about a scenario: where, what is wrong and how to fix
// it.
type Diagnostic struct {
	Pos      Position
	Severity Severity
	// Msg says what is wrong; Fix, possibly empty, how to put it right.
	Msg, Fix string
}

// String returns "file:line:col: msg; fix", with "warning: " before msg for a
// warning.
func (d Diagnostic) String() string {
	var b strings.Builder
	if p := d.Pos.String(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	if d.Fix != "" {
		b.WriteString("; ")
		b.WriteString(d.Fix)
	}
	return b.String()
}

// Diagnostics is a list of findings. As an error it holds only errors; its message
// is one diagnostic per line.
type Diagnostics []Diagnostic

// Error returns the diagnostics one per line.
func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Err returns the errors among ds as a Diagnostics error, or nil when there are
// none: warnings alone are not an error.
func (ds Diagnostics) Err() error {
	var errs Diagnostics
	for _, d := range ds {
		if d.Severity == Error {
			errs = append(errs, d)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// Count returns the number of errors and of warnings in ds.
func (ds Diagnostics) Count() (errors, warnings int) {
	for _, d := range ds {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// sorted returns ds ordered by file, line, column, severity and message, with
// exact repeats removed.
func (ds Diagnostics) sorted() Diagnostics {
	out := slices.Clone(ds)
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			comparePos(a.Pos, b.Pos),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Msg, b.Msg),
			cmp.Compare(a.Fix, b.Fix),
		)
	})
	return slices.Compact(out)
}

func (ds Diagnostics) hasErrors() bool {
	errs, _ := ds.Count()
	return errs > 0
}
