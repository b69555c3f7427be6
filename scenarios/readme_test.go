package scenarios_test

import (
	"context"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/requirements"
	"github.com/mineralplan/mineralplan/scenarios"
)

// contestedRow is one row of the README's table of contested figures.
type contestedRow struct {
	figure      string
	npv, effect float64 // $M as printed
	sets        []string
}

// readContested reads the table under "### What each contested figure is worth"
// in README.md and the default NPV its introduction states.
func readContested(t *testing.T) (defaultNPV float64, rows []contestedRow) {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	i := strings.Index(text, "### What each contested figure is worth")
	if i < 0 {
		t.Fatal("README.md has no section \"What each contested figure is worth\"")
	}
	section := text[i:]
	if j := strings.Index(section[4:], "\n#"); j >= 0 {
		section = section[:j+4]
	}
	m := regexp.MustCompile(`default's −\$([0-9.]+)M`).FindStringSubmatch(section)
	if m == nil {
		t.Fatal("the section does not state the default's NPV as \"default's −$…M\"")
	}
	defaultNPV, _ = strconv.ParseFloat(m[1], 64)
	defaultNPV = -defaultNPV
	code := regexp.MustCompile("`([^`]+)`")
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 8 || strings.HasPrefix(strings.TrimSpace(cells[1]), "Figure") || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") {
			continue
		}
		var r contestedRow
		r.figure = strings.TrimSpace(cells[1])
		if r.npv, err = strconv.ParseFloat(strings.TrimSpace(cells[4]), 64); err != nil {
			t.Fatalf("row %q: NPV %q: %v", r.figure, cells[4], err)
		}
		if r.effect, err = strconv.ParseFloat(strings.TrimSpace(cells[5]), 64); err != nil {
			t.Fatalf("row %q: effect %q: %v", r.figure, cells[5], err)
		}
		for _, c := range code.FindAllStringSubmatch(cells[6], -1) {
			r.sets = append(r.sets, c[1])
		}
		if len(r.sets) == 0 {
			t.Fatalf("row %q gives no --set", r.figure)
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		t.Fatal("the table of contested figures has no rows")
	}
	return defaultNPV, rows
}

// solveNPV plans the default with sets and returns its NPV in $M.
func solveNPV(t *testing.T, sets []string) float64 {
	t.Helper()
	s, ds, err := scenarios.LoadLibrary(scenarios.DefaultName, sets)
	if err != nil {
		t.Fatalf("%v: %v", sets, ds)
	}
	plan, err := model.Solve(context.Background(), s, model.Options{})
	if err != nil {
		t.Fatalf("%v: %v", sets, err)
	}
	if plan.Status != model.StatusOptimal {
		t.Fatalf("%v: status %s", sets, plan.Status)
	}
	return plan.NPV / 1e6
}

// TestContestedFigures re-solves each row of the README's table of contested
// figures and checks its NPV and its effect against the default, as printed, to
// within $0.05M (the table rounds to $0.01M; the MIP gap is 1e-4 of the NPV).
func TestContestedFigures(t *testing.T) {
	const tol = 0.05
	wantDefault, rows := readContested(t)
	base := solveNPV(t, nil)
	if math.Abs(base-wantDefault) > tol {
		t.Errorf("default NPV: README says %.2f $M, the model gives %.2f $M", wantDefault, base)
	}
	for _, r := range rows {
		t.Run(r.figure, func(t *testing.T) {
			t.Parallel()
			npv := solveNPV(t, r.sets)
			if math.Abs(npv-r.npv) > tol {
				t.Errorf("NPV: README says %.2f $M, the model gives %.2f $M", r.npv, npv)
			}
			if math.Abs((npv-base)-r.effect) > tol {
				t.Errorf("effect: README says %+.2f $M, the model gives %+.2f $M", r.effect, npv-base)
			}
		})
	}
}

// usdMText is $M to one decimal as the README prints it, with a minus sign.
func usdMText(v float64) string {
	s := "$" + strconv.FormatFloat(math.Abs(v)/1e6, 'f', 1, 64) + "M"
	if v < 0 && s != "$0.0M" {
		s = "−" + s
	}
	return s
}

// TestWhatCarriesTheNPV re-solves the default with each terminal value method
// and prices its hard requirements, and finds each figure the README states
// about them.
func TestWhatCarriesTheNPV(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := strings.Join(strings.Fields(string(b)), " ")
	want := func(what string, text string) {
		if !strings.Contains(readme, text) {
			t.Errorf("README.md does not state %s as %s", what, text)
		}
	}
	for _, method := range []string{"continuing", "none"} {
		s, ds, err := scenarios.LoadLibrary(scenarios.DefaultName, []string{"finance.terminal_value=" + method})
		if err != nil {
			t.Fatalf("%s: %v", method, ds)
		}
		plan, err := model.Solve(context.Background(), s, model.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want("the NPV with "+method, "`"+method+"` the default's NPV is "+usdMText(plan.NPV))
	}
	s, ds, err := scenarios.LoadLibrary(scenarios.DefaultName, nil)
	if err != nil {
		t.Fatal(ds)
	}
	plan, err := model.Solve(context.Background(), s, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sp := plan.Split
	want("the split", "operations "+usdMText(sp.Operations)+", terminal value "+usdMText(sp.TerminalValue))
	want("the subsidies", "subsidies "+usdMText(sp.Subsidies))
	costs, err := requirements.Costs(context.Background(), s, plan, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range costs {
		switch c.Subject {
		case "bwmr-epr":
			want("the recovery target's cost", "without the recovery target the NPV would be "+usdMText(c.Cost)+" higher")
		case "li2co3-india":
			want("the offtake's cost", "without the domestic lithium-carbonate offtake "+usdMText(c.Cost)+" higher")
		}
	}
}
