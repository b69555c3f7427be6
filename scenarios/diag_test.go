package scenarios

import (
	"errors"
	"testing"
)

func TestDiagnosticString(t *testing.T) {
	for _, c := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Pos: Position{"a.yaml", 3, 7}, Msg: "budget.total is 0", Fix: "give a budget"}, "a.yaml:3:7: budget.total is 0; give a budget"},
		{Diagnostic{Pos: Position{"a.yaml", 3, 7}, Severity: Warning, Msg: "outside India"}, "a.yaml:3:7: warning: outside India"},
		{Diagnostic{Pos: Position{File: "a.yaml"}, Msg: "cannot read a.yaml"}, "a.yaml: cannot read a.yaml"},
		{Diagnostic{Msg: "no position"}, "no position"},
	} {
		if got := c.d.String(); got != c.want {
			t.Errorf("String() = %q, want %q", got, c.want)
		}
	}
	if Error.String() != "error" || Warning.String() != "warning" {
		t.Error("severity names")
	}
}

func TestDiagnosticsErr(t *testing.T) {
	warn := Diagnostic{Pos: Position{"a.yaml", 1, 1}, Severity: Warning, Msg: "w"}
	bad := Diagnostic{Pos: Position{"a.yaml", 2, 1}, Msg: "e"}
	if err := (Diagnostics{warn}).Err(); err != nil {
		t.Errorf("warnings alone: Err() = %v", err)
	}
	err := Diagnostics{warn, bad}.Err()
	var ds Diagnostics
	if !errors.As(err, &ds) || len(ds) != 1 || err.Error() != "a.yaml:2:1: e" {
		t.Errorf("Err() = %v", err)
	}
	if e, w := (Diagnostics{warn, bad, bad}).Count(); e != 2 || w != 1 {
		t.Errorf("Count() = %d, %d", e, w)
	}
}

func TestDiagnosticsSorted(t *testing.T) {
	ds := Diagnostics{
		{Pos: Position{"b.yaml", 1, 1}, Msg: "x"},
		{Pos: Position{"a.yaml", 10, 2}, Msg: "y"},
		{Pos: Position{"a.yaml", 2, 9}, Msg: "z"},
		{Pos: Position{"a.yaml", 2, 3}, Msg: "w"},
		{Pos: Position{"a.yaml", 2, 3}, Msg: "w"},
	}.sorted()
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	want := []string{"a.yaml:2:3: w", "a.yaml:2:9: z", "a.yaml:10:2: y", "b.yaml:1:1: x"}
	if len(got) != len(want) {
		t.Fatalf("sorted = %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sorted[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"capacity", "capex", "fixed_opex", "lifetime", "max_utilisation", "id"}
	for _, c := range []struct{ word, want string }{
		{"lifetme", "lifetime"},
		{"Capex", "capex"},
		{"max_utilization", "max_utilisation"},
		{"capasity", "capacity"},
		{"xyz", ""},
		{"ix", "id"},
		{"colour", ""},
	} {
		if got := suggest(c.word, keys); got != c.want {
			t.Errorf("suggest(%q) = %q, want %q", c.word, got, c.want)
		}
	}
	if got := didYouMean("zzz", []string{"b", "a"}, "none"); got != "known: a, b" {
		t.Errorf("didYouMean lists %q", got)
	}
	if got := didYouMean("zzz", nil, "define one"); got != "define one" {
		t.Errorf("didYouMean without candidates = %q", got)
	}
}
