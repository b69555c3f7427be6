package stochastic

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/study"
)

// TestLibraryStudy solves three futures of the default scenario (prices only, so
// that the expected-value problem exists) and checks the measures' signs that
// hold for any stochastic program, to within the MIP gap the solves are asked
// for: EVPI ≥ 0, VSS ≥ 0, E[NPV] ≤ the wait-and-see expectation; every future's
// plan passes model.Check and holds the same shared builds.
func TestLibraryStudy(t *testing.T) {
	st, ds, err := study.Load("../study/testdata/library-study.yaml")
	if err != nil {
		t.Fatalf("%v\n%v", err, ds)
	}
	const gap = 1e-6
	res, err := Solve(context.Background(), st, Options{Solve: model.Options{MIPGap: gap}})
	if err != nil {
		t.Fatal(err)
	}
	tol := 2 * gap * math.Abs(res.WaitAndSee)
	t.Logf("E[NPV] %.0f, wait-and-see %.0f, EVPI %.0f, EEV %v, VSS %v %s; shared %s", res.ExpectedNPV, res.WaitAndSee, res.EVPI, deref(res.EEV), deref(res.VSS), res.VSSNote, fmtBuilds(res.Shared))
	if res.Status != model.StatusOptimal {
		t.Errorf("status %s", res.Status)
	}
	if res.EVPI < -tol || res.ExpectedNPV > res.WaitAndSee+tol {
		t.Errorf("EVPI %.2f < 0: E[NPV] %.2f, wait-and-see %.2f", res.EVPI, res.ExpectedNPV, res.WaitAndSee)
	}
	if res.VSS == nil {
		t.Fatalf("VSS not computed: %s", res.VSSNote)
	}
	if *res.VSS < -tol {
		t.Errorf("VSS %.2f < 0", *res.VSS)
	}
	for _, fu := range res.Futures {
		if err := model.Check(fu.Scenario(st), fu.Plan); err != nil {
			t.Errorf("future %s fails Check: %v", fu.ID, err)
		}
		var shared []model.ModuleBuild
		for _, b := range fu.Plan.Builds() {
			if st.SharedYear(b.Year) {
				shared = append(shared, b)
			}
		}
		cmpBuild := func(a, b model.ModuleBuild) int {
			return cmpStrings(fmtBuilds([]model.ModuleBuild{a}), fmtBuilds([]model.ModuleBuild{b}))
		}
		slices.SortFunc(shared, cmpBuild)
		want := slices.Clone(res.Shared)
		slices.SortFunc(want, cmpBuild)
		if !slices.Equal(shared, want) {
			t.Errorf("future %s builds %s, not the shared %s", fu.ID, fmtBuilds(shared), fmtBuilds(want))
		}
		if fu.Regret < -tol {
			t.Errorf("future %s: regret %.2f < 0", fu.ID, fu.Regret)
		}
	}
}

func cmpStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
