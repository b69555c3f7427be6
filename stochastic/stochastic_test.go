package stochastic

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/study"
)

func loadToy(t *testing.T) *study.Study {
	t.Helper()
	st, ds, err := study.Load("../study/testdata/toy-study.yaml")
	if err != nil {
		t.Fatalf("%v\n%v", err, ds)
	}
	return st
}

// enumerated is every plan of the toy study (each subset of the three candidate
// refineries) with its NPV in each future, found by fixing the builds and
// solving each future's operations alone; infeasible plans are left out.
func enumerated(t *testing.T, st *study.Study) (plans [][]model.ModuleBuild, npv [][]float64) {
	t.Helper()
	cands := model.Candidates(st.Base)
	for mask := 0; mask < 1<<len(cands); mask++ {
		var builds []model.ModuleBuild
		for i, c := range cands {
			if mask&(1<<i) != 0 {
				c.Count = 1
				builds = append(builds, c)
			}
		}
		row := make([]float64, len(st.Futures))
		ok := true
		for f, fu := range st.Futures {
			p, err := model.Build(fu.Scenario)
			if err != nil {
				t.Fatal(err)
			}
			plan, _, err := p.SolveWithBuilds(context.Background(), builds, 0, model.Options{})
			if err != nil {
				ok = false
				break
			}
			row[f] = plan.NPV
		}
		if ok {
			plans, npv = append(plans, builds), append(npv, row)
		}
	}
	return plans, npv
}

// TestToyMatchesEnumeration: on a study whose plans can all be listed, the
// stochastic plan's objective equals the best enumerated one, for expected NPV,
// mean–CVaR and min–max regret.
func TestToyMatchesEnumeration(t *testing.T) {
	st := loadToy(t)
	plans, npv := enumerated(t, st)
	if len(plans) < 4 {
		t.Fatalf("only %d feasible plans; the toy should have several", len(plans))
	}
	probs := st.Probabilities()
	ws := make([]float64, len(st.Futures))
	for f := range st.Futures {
		ws[f] = math.Inf(-1)
		for _, row := range npv {
			ws[f] = max(ws[f], row[f])
		}
	}
	w, a := st.Risk.Weight, st.Risk.Alpha
	score := map[string]func(row []float64) float64{
		model.ExpectedNPV: func(row []float64) float64 { return Expectation(row, probs) },
		model.MeanCVaR:    func(row []float64) float64 { return (1-w)*Expectation(row, probs) + w*CVaR(row, probs, a) },
		model.MinMaxRegret: func(row []float64) float64 {
			r := math.Inf(-1)
			for f := range row {
				r = max(r, ws[f]-row[f])
			}
			return -r
		},
	}
	bestPlans := map[string]string{}
	for _, obj := range []string{model.ExpectedNPV, model.MeanCVaR, model.MinMaxRegret} {
		best, arg := math.Inf(-1), -1
		for i, row := range npv {
			if v := score[obj](row); v > best {
				best, arg = v, i
			}
		}
		res, err := Solve(context.Background(), st, Options{Objective: obj})
		if err != nil {
			t.Fatalf("%s: %v", obj, err)
		}
		if math.Abs(res.ObjectiveValue-best) > 1e-6*math.Max(1, math.Abs(best)) {
			t.Errorf("%s: stochastic objective %.6f, enumerated best %.6f (plan %v)", obj, res.ObjectiveValue, best, plans[arg])
		}
		if math.Abs(res.SolverObjective-res.ObjectiveValue) > 1e-6*math.Max(1, math.Abs(best)) {
			t.Errorf("%s: the solver's objective %.6f differs from the one recomputed from the futures %.6f", obj, res.SolverObjective, res.ObjectiveValue)
		}
		for f, fu := range res.Futures {
			if math.Abs(fu.WaitAndSee-ws[f]) > 1e-6*math.Max(1, math.Abs(ws[f])) {
				t.Errorf("future %s: wait-and-see %.6f, enumerated best %.6f", fu.ID, fu.WaitAndSee, ws[f])
			}
			if err := model.Check(fu.Scenario(st), fu.Plan); err != nil {
				t.Errorf("%s: future %s fails Check: %v", obj, fu.ID, err)
			}
		}
		bestPlans[obj] = fmtBuilds(res.Shared)
		t.Logf("%s: objective %.2f, plan %s, E[NPV] %.2f, EVPI %.2f, VSS %v (%s)", obj, res.ObjectiveValue, fmtBuilds(res.Shared), res.ExpectedNPV, res.EVPI, deref(res.VSS), res.VSSNote)
	}
	// The toy is made so that risk aversion changes the plan: otherwise the
	// CVaR case would not test the CVaR rows.
	if bestPlans[model.ExpectedNPV] == bestPlans[model.MeanCVaR] {
		t.Errorf("expected NPV and mean–CVaR choose the same plan %s; the toy no longer separates them", bestPlans[model.ExpectedNPV])
	}
}

func deref(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

func TestCVaR(t *testing.T) {
	// Outcomes 10, 20, 30 with probabilities 0.2, 0.3, 0.5. The worst 30%:
	// all of 10 (0.2) and 0.1 of 20 → (2 + 2) / 0.3.
	got := CVaR([]float64{30, 10, 20}, []float64{0.5, 0.2, 0.3}, 0.7)
	if want := 4 / 0.3; math.Abs(got-want) > 1e-12 {
		t.Errorf("CVaR %v, want %v", got, want)
	}
	if got := CVaR([]float64{5, 7}, []float64{0.5, 0.5}, 1e-12); math.Abs(got-6) > 1e-9 {
		t.Errorf("CVaR at alpha→0 is the mean 6, got %v", got)
	}
}

// TestRecourse: with decide_by before the last year, the 2026 builds are the same
// in every future, later builds may differ, and recourse is worth something:
// E[NPV] with recourse ≥ E[NPV] with every build shared, and ≤ wait-and-see.
func TestRecourse(t *testing.T) {
	st, ds, err := study.Load("../study/testdata/toy-recourse.yaml")
	if err != nil {
		t.Fatalf("%v\n%v", err, ds)
	}
	rec, err := Solve(context.Background(), st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	all := *st
	all.DecideBy = 0
	shared, err := Solve(context.Background(), &all, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("recourse E[NPV] %.2f (shared %s), all shared %.2f, wait-and-see %.2f", rec.ExpectedNPV, fmtBuilds(rec.Shared), shared.ExpectedNPV, rec.WaitAndSee)
	tol := 1e-6 * math.Abs(rec.WaitAndSee)
	if rec.ExpectedNPV < shared.ExpectedNPV-tol || rec.ExpectedNPV > rec.WaitAndSee+tol {
		t.Errorf("E[NPV] with recourse %.2f not between all-shared %.2f and wait-and-see %.2f", rec.ExpectedNPV, shared.ExpectedNPV, rec.WaitAndSee)
	}
	// The futures' problems differ in rows (boom's 2027 demand cap changes which
	// valid inequalities exist); the expected-value problem is still formed.
	if rec.VSS == nil || *rec.VSS < -tol {
		t.Errorf("VSS %v (%s), want ≥ 0", deref(rec.VSS), rec.VSSNote)
	}
	later := false
	for _, fu := range rec.Futures {
		var first []model.ModuleBuild
		for _, b := range fu.Plan.Builds() {
			if b.Year <= 2026 {
				first = append(first, b)
			} else {
				later = true
			}
		}
		if fmtBuilds(first) != fmtBuilds(rec.Shared) {
			t.Errorf("future %s builds %s in 2026, not the shared %s", fu.ID, fmtBuilds(first), fmtBuilds(rec.Shared))
		}
		if err := model.Check(fu.Scenario(st), fu.Plan); err != nil {
			t.Errorf("future %s fails Check: %v", fu.ID, err)
		}
	}
	// In boom the 2027 price triples and demand grows past what two refineries
	// make: a third built in 2027 pays only there, so recourse must use it.
	if !later || rec.ExpectedNPV <= shared.ExpectedNPV+tol {
		t.Errorf("no later build (%v) or no gain from recourse", later)
	}
}

// TestUnprovenNamesEverySolve: a result whose solves stopped at a time limit
// names each of them, and one whose solves were all proven names none; the
// study's report says the same.
func TestUnprovenNamesEverySolve(t *testing.T) {
	st := loadToy(t)
	res, err := Solve(context.Background(), st, Options{Objective: model.ExpectedNPV})
	if err != nil {
		t.Fatal(err)
	}
	if u := res.Unproven(); len(u) != 0 {
		t.Fatalf("the toy's solves are proven, but Unproven says %v", u)
	}
	res.Status = model.StatusTimeLimit
	own := *res.Futures[1].Own
	own.Status = model.StatusTimeLimit
	res.Futures[1].Own = &own
	res.evUnproven = []string{"the expected-value problem: the solve ended time_limit, so its plan is the best found"}
	u := res.Unproven()
	if len(u) != 3 || !strings.HasPrefix(u[0], "the stochastic plan: the solve ended time_limit") ||
		!strings.HasPrefix(u[1], res.Futures[1].ID+" on its own: the solve ended time_limit") || !strings.HasPrefix(u[2], "the expected-value problem") {
		t.Errorf("Unproven = %q", u)
	}
	if md := string(res.reportMD(nil)); !strings.Contains(md, "Not proven: the stochastic plan") {
		t.Errorf("report.md does not say what is not proven:\n%s", md)
	}
}

// TestEvaluationUnproven: an evaluation whose targets were all solved to
// optimality names nothing unproven; one whose target stopped at a time limit
// names that target.
func TestEvaluationUnproven(t *testing.T) {
	st := loadToy(t)
	var targets []Target
	for _, f := range st.Futures {
		targets = append(targets, Target{ID: f.ID, Group: st.Name, Probability: f.Probability, Scenario: f.Scenario})
	}
	ev, err := Evaluate(context.Background(), []NamedPlan{{Name: "nothing"}}, targets, model.Options{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if u := ev.Unproven(); len(u) != 0 {
		t.Fatalf("Unproven = %q, want none", u)
	}
	own := *ev.OwnPlans[1]
	own.Status = model.StatusTimeLimit
	ev.OwnPlans[1] = &own
	if u := ev.Unproven(); len(u) != 1 || !strings.HasPrefix(u[0], targets[1].ID+" on its own: the solve ended time_limit") {
		t.Errorf("Unproven = %q", u)
	}
}
