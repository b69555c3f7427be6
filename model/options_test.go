package model

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/mineralplan/mineralplan/scenarios"
)

// TestRootPresolveOnlyCase pins a perturbation of the budget-100m library
// scenario (testdata/root-presolve-case.sets, one --set per line) that HiGHS
// 1.10 declares infeasible at the root when mip_root_presolve_only is on, though
// building plants worth about $346.7M NPV is feasible (the HiGHS command line
// with default settings finds it). The model's solve settings must find that
// plan, and an infeasibility claimed under changed settings is confirmed with
// HiGHS's defaults.
func TestRootPresolveOnlyCase(t *testing.T) {
	b, err := os.ReadFile("testdata/root-presolve-case.sets")
	if err != nil {
		t.Fatal(err)
	}
	// The case was found before tax; without finance.tax it stays the same problem.
	sets := append(strings.Split(strings.TrimSpace(string(b)), "\n"), "finance.tax=null")
	s, _, err := scenarios.LoadLibrary("budget-100m", sets)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := p.mipOptions()["mip_root_presolve_only"]; ok {
		t.Error("the MIP is solved with mip_root_presolve_only, which HiGHS 1.10 gets wrong on this case")
	}
	plan, err := Solve(context.Background(), s, Options{MIPGap: 1e-3})
	if err != nil {
		t.Fatalf("a feasible scenario: %v", err)
	}
	if plan.Status != StatusOptimal || plan.NPV < 340e6 || plan.NPV > 350e6 {
		t.Errorf("status %s, NPV %.6g; want optimal, about 346.7e6", plan.Status, plan.NPV)
	}
}

// TestPresolveInfeasibleCase pins a model HiGHS 1.10's presolve declares
// infeasible, with its default options, though it has plans (found by the
// property suite: the root-presolve case with its budget 30% higher and tax
// on). An infeasibility is reported only when the MIP without presolve agrees,
// so the solve finds the plan.
func TestPresolveInfeasibleCase(t *testing.T) {
	b, err := os.ReadFile("testdata/root-presolve-case.sets")
	if err != nil {
		t.Fatal(err)
	}
	sets := append(strings.Split(strings.TrimSpace(string(b)), "\n"), "budget.total=*1.3")
	s, _, err := scenarios.LoadLibrary("budget-100m", sets)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := Solve(context.Background(), s, Options{MIPGap: 5e-3})
	if err != nil {
		t.Fatalf("a feasible scenario: %v", err)
	}
	if plan.Status != StatusOptimal || plan.NPV < 200e6 {
		t.Errorf("status %s, NPV %.6g; want optimal and above the $200M the scenario allows", plan.Status, plan.NPV)
	}
}

// TestSolveOptionsByPeriods pins the rule by which HiGHS's options are chosen:
// restarts off for a model with several modelled years, HiGHS's defaults for a
// one-period model.
func TestSolveOptionsByPeriods(t *testing.T) {
	one, err := Build(toy())
	if err != nil {
		t.Fatal(err)
	}
	if len(one.Years) != 1 || len(one.mipOptions()) != 0 {
		t.Errorf("one-period model (%d years): options %v, want HiGHS's defaults", len(one.Years), one.mipOptions())
	}
	s := toy()
	s.Horizon.LastYear = s.Horizon.FirstYear + 2
	multi, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(multi.Years) < 2 {
		t.Fatalf("%d modelled years; the test needs several", len(multi.Years))
	}
	if got, ok := multi.mipOptions()["mip_allow_restart"]; !ok || got != false {
		t.Errorf("multi-period model: mip_allow_restart = %v, want false", got)
	}
}
