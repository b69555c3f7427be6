package highs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// wyndor is the Wyndor Glass LP of Hillier and Lieberman with a third, unattractive
// product z:
//
//	maximise 3x + 5y + z
//	r1:  x             ≤ 4
//	r2:       2y       ≤ 12
//	r3: 3x + 2y + 2z   ≤ 18,   x, y, z ≥ 0.
//
// Optimum x = 2, y = 6, z = 0 with objective 36; r2 and r3 bind, r1 has slack 2.
// The dual min 4u1 + 12u2 + 18u3 s.t. u1 + 3u3 ≥ 3, 2u2 + 2u3 ≥ 5, 2u3 ≥ 1, u ≥ 0
// has optimum u = (0, 1.5, 1), also 36. Reduced costs c − Aᵀu are 0, 0 and
// 1 − 2·1 = −1. Both solutions are unique (strict complementarity).
func wyndor() *Model {
	m := &Model{Sense: Maximize}
	x := m.AddCol("x", 3, 0, Inf, Continuous)
	y := m.AddCol("y", 5, 0, Inf, Continuous)
	z := m.AddCol("z", 1, 0, Inf, Continuous)
	m.AddRow("r1", -Inf, 4, []int{x}, []float64{1})
	m.AddRow("r2", -Inf, 12, []int{y}, []float64{2})
	m.AddRow("r3", -Inf, 18, []int{x, y, z}, []float64{3, 2, 2})
	return m
}

// TestLPMaximizeDuals checks the optimum and duals of wyndor. HiGHS's convention,
// confirmed here for a maximisation: RowDual[i] is the change of the optimal
// objective per unit increase of row i's active bound (positive for a binding ≤ row
// when maximising) and ColDual = c − AᵀRowDual.
func TestLPMaximizeDuals(t *testing.T) {
	sol := solveModel(t, wyndor(), Options{})
	checkStatus(t, sol, Optimal)
	if !sol.HasPrimal || !sol.HasDual {
		t.Errorf("HasPrimal, HasDual = %v, %v; want true, true", sol.HasPrimal, sol.HasDual)
	}
	checkValue(t, "Objective", sol.Objective, 36)
	checkVector(t, "ColValue", sol.ColValue, []float64{2, 6, 0})
	checkVector(t, "RowValue", sol.RowValue, []float64{2, 12, 18})
	checkVector(t, "RowDual", sol.RowDual, []float64{0, 1.5, 1})
	checkVector(t, "ColDual", sol.ColDual, []float64{0, 0, -1})
	wantCol := []BasisStatus{BasisBasic, BasisBasic, BasisLower}
	wantRow := []BasisStatus{BasisBasic, BasisUpper, BasisUpper}
	if !slices.Equal(sol.ColBasis, wantCol) || !slices.Equal(sol.RowBasis, wantRow) {
		t.Errorf("basis = %v, %v; want %v, %v", sol.ColBasis, sol.RowBasis, wantCol, wantRow)
	}
}

// TestLPMinimizeDuals checks the sign convention for a minimisation with ≥ rows and
// an objective offset:
//
//	minimise 10 + 2x + 3y
//	r1: x +  y ≥ 4
//	r2: x + 3y ≥ 6,   x, y ≥ 0.
//
// Both rows bind at x = 3, y = 1 (objective 10 + 9 = 19). The dual
// max 4v1 + 6v2 s.t. v1 + v2 ≤ 2, v1 + 3v2 ≤ 3, v ≥ 0 has optimum v = (1.5, 0.5):
// raising a binding ≥ bound of a minimisation raises the cost, so RowDual ≥ 0.
func TestLPMinimizeDuals(t *testing.T) {
	m := &Model{Offset: 10}
	x := m.AddCol("x", 2, 0, Inf, Continuous)
	y := m.AddCol("y", 3, 0, Inf, Continuous)
	m.AddRow("r1", 4, Inf, []int{x, y}, []float64{1, 1})
	m.AddRow("r2", 6, Inf, []int{x, y}, []float64{1, 3})
	sol := solveModel(t, m, Options{})
	checkStatus(t, sol, Optimal)
	checkValue(t, "Objective", sol.Objective, 19)
	checkVector(t, "ColValue", sol.ColValue, []float64{3, 1})
	checkVector(t, "RowDual", sol.RowDual, []float64{1.5, 0.5})
	checkVector(t, "ColDual", sol.ColDual, []float64{0, 0})
	if want := []BasisStatus{BasisLower, BasisLower}; !slices.Equal(sol.RowBasis, want) {
		t.Errorf("RowBasis = %v, want %v", sol.RowBasis, want)
	}
}

// smallMIP is
//
//	maximise 5x + 4y
//	cap: 6x + 4y ≤ 24
//	lim:  x + 2y ≤ 6,   x, y ≥ 0 (integer when t is Integer).
//
// The LP optimum is the vertex where both rows bind: y = 1.5, x = 3, objective 21
// (duals 0.75 and 0.5). Over the integers, x = 4 forces y = 0 (20); x = 3 allows
// y ≤ 1 (19); x = 2, y = 2 gives 18; x ≤ 1 at most 13. So the MIP optimum is
// x = 4, y = 0 with objective 20, below the relaxation's 21.
func smallMIP(t VarType) *Model {
	m := &Model{Sense: Maximize}
	x := m.AddCol("x", 5, 0, Inf, t)
	y := m.AddCol("y", 4, 0, Inf, t)
	m.AddRow("cap", -Inf, 24, []int{x, y}, []float64{6, 4})
	m.AddRow("lim", -Inf, 6, []int{x, y}, []float64{1, 2})
	return m
}

func TestMIPDiffersFromRelaxation(t *testing.T) {
	lp := solveModel(t, smallMIP(Continuous), Options{})
	checkStatus(t, lp, Optimal)
	checkValue(t, "LP objective", lp.Objective, 21)
	checkVector(t, "LP ColValue", lp.ColValue, []float64{3, 1.5})
	checkVector(t, "LP RowDual", lp.RowDual, []float64{0.75, 0.5})

	mip := solveModel(t, smallMIP(Integer), Options{})
	checkStatus(t, mip, Optimal)
	checkValue(t, "MIP objective", mip.Objective, 20)
	checkVector(t, "MIP ColValue", mip.ColValue, []float64{4, 0})
	checkVector(t, "MIP RowValue", mip.RowValue, []float64{24, 4})
	if !mip.HasPrimal || mip.HasDual || mip.ColDual != nil || mip.ColBasis != nil {
		t.Errorf("MIP solution: HasPrimal %v, HasDual %v, ColDual %v, ColBasis %v; want a primal solution only",
			mip.HasPrimal, mip.HasDual, mip.ColDual, mip.ColBasis)
	}
	// Default mip_rel_gap 1e-4: the proven bound is within 0.01% of 20.
	if mip.MIPGap > 1e-4 || mip.DualBound < 20-1e-9 || mip.DualBound > 20*(1+1e-4) {
		t.Errorf("MIPGap = %g, DualBound = %g; want a closed gap at 20", mip.MIPGap, mip.DualBound)
	}
	if mip.Nodes < 0 {
		t.Errorf("Nodes = %d, want ≥ 0", mip.Nodes)
	}
}

// TestInfeasible: x + y ≤ 1 and x + y ≥ 3 cannot both hold.
func TestInfeasible(t *testing.T) {
	for _, presolve := range []string{"on", "off"} {
		t.Run("presolve="+presolve, func(t *testing.T) {
			m := &Model{}
			x := m.AddCol("x", 1, 0, Inf, Continuous)
			y := m.AddCol("y", 1, 0, Inf, Continuous)
			m.AddRow("atMost1", -Inf, 1, []int{x, y}, []float64{1, 1})
			m.AddRow("atLeast3", 3, Inf, []int{x, y}, []float64{1, 1})
			sol := solveModel(t, m, Options{Presolve: presolve})
			checkStatus(t, sol, Infeasible)
			if sol.HasPrimal {
				t.Error("HasPrimal = true for an infeasible model")
			}
		})
	}
}

// TestUnbounded: maximise x + y subject to x − y ≤ 1, x, y ≥ 0. The point (0, 0) is
// feasible and (1 + t, t) stays feasible as t grows, so the LP is unbounded (not
// infeasible); without presolve HiGHS's simplex proves it and says Unbounded, not
// UnboundedOrInfeasible.
func TestUnbounded(t *testing.T) {
	m := &Model{Sense: Maximize}
	x := m.AddCol("x", 1, 0, Inf, Continuous)
	y := m.AddCol("y", 1, 0, Inf, Continuous)
	m.AddRow("r", -Inf, 1, []int{x, y}, []float64{1, -1})
	sol := solveModel(t, m, Options{Presolve: "off"})
	checkStatus(t, sol, Unbounded)
}

// TestTimeLimit: a 4×30 market-split instance needs far more branch and bound than
// 50 ms (minutes for HiGHS), so the solve stops on its time limit.
func TestTimeLimit(t *testing.T) {
	sol := solveModel(t, marketSplit(4, 30, 1), Options{TimeLimit: 50 * time.Millisecond})
	checkStatus(t, sol, TimeLimit)
}

// TestContextCancelInterrupts cancels the context from the Progress callback on the
// first improving solution of the market-split MIP, which cannot finish before
// HiGHS's next interrupt check; the solve ends Interrupt with that solution.
func TestContextCancelInterrupts(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	s, err := NewSolver(marketSplit(4, 30, 1), Options{Progress: func(Progress) {
		calls++
		cancel()
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sol, err := s.Solve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	checkStatus(t, sol, Interrupt)
	if calls == 0 || !sol.HasPrimal {
		t.Errorf("progress calls = %d, HasPrimal = %v; want ≥ 1 and true", calls, sol.HasPrimal)
	}
}

// TestCancelledBeforeSolve: with presolve off, the simplex solver checks for an
// interrupt before its first iteration, so an already cancelled context stops it.
func TestCancelledBeforeSolve(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s, err := NewSolver(wyndor(), Options{Presolve: "off"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sol, err := s.Solve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	checkStatus(t, sol, Interrupt)
	// Solving again with a live context finishes the job.
	sol, err = s.Solve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checkStatus(t, sol, Optimal)
	checkValue(t, "Objective", sol.Objective, 36)
}

// TestProgress solves a 40-item knapsack (optimum from dynamic programming) and
// checks that the improving solutions reported climb to the final objective.
func TestProgress(t *testing.T) {
	k := newKnapsack(40, 500, 7)
	want := float64(k.optimum())
	var got []Progress
	sol := solveModel(t, k.model(), Options{MIPRelGap: 1e-9, Progress: func(p Progress) { got = append(got, p) }})
	checkStatus(t, sol, Optimal)
	checkValue(t, "Objective", sol.Objective, want)
	if len(got) == 0 {
		t.Fatal("no progress reported")
	}
	for i, p := range got {
		if i > 0 && p.Objective < got[i-1].Objective {
			t.Errorf("progress %d: objective %g fell from %g", i, p.Objective, got[i-1].Objective)
		}
		if p.Objective > want+1e-9 || p.Elapsed < 0 || p.Nodes < 0 {
			t.Errorf("progress %d = %+v: beyond the optimum %g or negative", i, p, want)
		}
	}
	checkValue(t, "last progress objective", got[len(got)-1].Objective, sol.Objective)
}

// TestProgressPanic: a panic in Progress interrupts HiGHS and is re-raised by Solve.
func TestProgressPanic(t *testing.T) {
	s, err := NewSolver(marketSplit(4, 30, 1), Options{Progress: func(Progress) { panic("stop here") }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	defer func() {
		if r := recover(); r != "stop here" {
			t.Errorf("recovered %v, want the Progress panic", r)
		}
	}()
	s.Solve(context.Background())
	t.Error("Solve returned normally")
}

// TestWarmStart gives smallMIP the feasible point x = 3, y = 1 (objective 19).
// HiGHS accepts it as its first incumbent, reported to Progress, and still proves
// the optimum 20.
func TestWarmStart(t *testing.T) {
	var got []float64
	s, err := NewSolver(smallMIP(Integer), Options{Presolve: "off", Progress: func(p Progress) {
		got = append(got, p.Objective)
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SetSolution([]float64{3, 1}); err != nil {
		t.Fatal(err)
	}
	sol, err := s.Solve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checkStatus(t, sol, Optimal)
	checkValue(t, "Objective", sol.Objective, 20)
	if len(got) == 0 || !near(got[0], 19, 1e-9) {
		t.Errorf("improving objectives %v, want the warm start's 19 first", got)
	}
	if err := s.SetSolution([]float64{1}); err == nil {
		t.Error("SetSolution with 1 value for 2 columns: no error")
	}

	lp, err := NewSolver(wyndor(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lp.Close()
	if err := lp.SetSolution([]float64{2, 6, 0}); err != nil {
		t.Fatal(err)
	}
	sol, err = lp.Solve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checkStatus(t, sol, Optimal)
	checkValue(t, "LP objective", sol.Objective, 36)
}

// TestWriteReadRoundTrip writes smallMIP in both formats and reads it back: the
// optimum (20, which needs the integrality) and the names survive.
func TestWriteReadRoundTrip(t *testing.T) {
	s, err := NewSolver(smallMIP(Integer), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, ext := range []string{".mps", ".lp"} {
		t.Run(ext, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "small"+ext)
			if err := s.WriteModel(path); err != nil {
				t.Fatal(err)
			}
			text, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"cap", "lim"} {
				if !regexp.MustCompile(`\b` + name + `\b`).Match(text) {
					t.Errorf("%s does not mention row %q:\n%s", path, name, text)
				}
			}
			r, err := ReadModel(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if r.NumCols() != 2 || r.NumRows() != 2 {
				t.Fatalf("read %d columns and %d rows, want 2 and 2", r.NumCols(), r.NumRows())
			}
			if r.ColName(0) != "x" || r.ColName(1) != "y" || r.RowName(0) != "cap" || r.RowName(1) != "lim" {
				t.Errorf("names %q %q %q %q, want x y cap lim", r.ColName(0), r.ColName(1), r.RowName(0), r.RowName(1))
			}
			sol, err := r.Solve(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			checkStatus(t, sol, Optimal)
			checkValue(t, "Objective", sol.Objective, 20)
		})
	}
}

func TestReadModelMissingFile(t *testing.T) {
	_, err := ReadModel(filepath.Join(t.TempDir(), "absent.mps"), Options{})
	var he *Error
	if !errors.As(err, &he) || !strings.HasPrefix(he.Call, "Highs_readModel") || he.Status != -1 {
		t.Errorf("err = %v, want a failed Highs_readModel", err)
	}
}

// infeasibleLP has free columns x, y and rows
//
//	cap:   x + y ≤ 1
//	needx: x     ≥ 2
//	needy:     y ≥ 0.5
//	loose: x − y ≤ 10,
//
// which are infeasible because needx and needy force x + y ≥ 2.5. Dropping any one
// of cap, needx and needy leaves a feasible system (loose included), and no subset
// without all three is infeasible: {cap, needx, needy} is the only IIS.
func infeasibleLP() *Model {
	m := &Model{}
	x := m.AddCol("x", 0, -Inf, Inf, Continuous)
	y := m.AddCol("y", 0, -Inf, Inf, Continuous)
	m.AddRow("cap", -Inf, 1, []int{x, y}, []float64{1, 1})
	m.AddRow("needx", 2, Inf, []int{x}, []float64{1})
	m.AddRow("needy", 0.5, Inf, []int{y}, []float64{1})
	m.AddRow("loose", -Inf, 10, []int{x, y}, []float64{1, -1})
	return m
}

// TestFeasibilityRelaxation: the violations of cap, needx and needy must add up to
// at least 2.5 − 1 = 1.5, and putting all of it on one row achieves that, so with
// unit penalties the minimal violation is 1.5. Penalising needx and needy ten times
// more than cap makes the relaxed point unique: x = 2, y = 0.5, cap's activity 2.5.
func TestFeasibilityRelaxation(t *testing.T) {
	s, err := NewSolver(infeasibleLP(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sol, err := s.FeasibilityRelaxation(1, 1, 1, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkValue(t, "unit-penalty violation", sol.Objective, 1.5)

	sol, err = s.FeasibilityRelaxation(1, 1, 1, nil, nil, []float64{1, 10, 10, 1})
	if err != nil {
		t.Fatal(err)
	}
	checkStatus(t, sol, NotSet)
	checkValue(t, "weighted violation", sol.Objective, 1.5)
	checkVector(t, "ColValue", sol.ColValue, []float64{2, 0.5})
	checkVector(t, "RowValue", sol.RowValue, []float64{2.5, 2, 0.5, 1.5})
	if sol.HasPrimal {
		t.Error("HasPrimal = true for a point that violates cap")
	}

	// The model itself is unchanged and still infeasible.
	if s.NumCols() != 2 || s.NumRows() != 4 {
		t.Fatalf("model now has %d columns and %d rows, want 2 and 4", s.NumCols(), s.NumRows())
	}
	again, err := s.Solve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checkStatus(t, again, Infeasible)

	if _, err := s.FeasibilityRelaxation(1, 1, 1, nil, nil, []float64{1}); err == nil {
		t.Error("localRhs of length 1 for 4 rows: no error")
	}
}

// TestIIS finds the unique IIS of infeasibleLP: cap by its upper bound and needx and
// needy by their lower bounds. The free columns x and y take part without bounds.
func TestIIS(t *testing.T) {
	s, err := NewSolver(infeasibleLP(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	iis, err := s.IIS()
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for k, i := range iis.Rows {
		rows = append(rows, s.RowName(i)+":"+iis.RowBounds[k].String())
	}
	if got, want := strings.Join(rows, " "), "cap:upper needx:lower needy:lower"; got != want {
		t.Errorf("IIS rows %q, want %q", got, want)
	}
	var cols []string
	for k, j := range iis.Cols {
		cols = append(cols, s.ColName(j)+":"+iis.ColBounds[k].String())
	}
	if got, want := strings.Join(cols, " "), "x:free y:free"; got != want {
		t.Errorf("IIS columns %q, want %q", got, want)
	}

	// x, y ∈ [0, 1] cannot reach x + y ≥ 3: the IIS is that row's lower bound with
	// both upper bounds.
	b := &Model{}
	x := b.AddCol("x", 0, 0, 1, Continuous)
	y := b.AddCol("y", 0, 0, 1, Continuous)
	b.AddRow("need3", 3, Inf, []int{x, y}, []float64{1, 1})
	bs, err := NewSolver(b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer bs.Close()
	iis, err = bs.IIS()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(iis.Rows, []int{0}) || !slices.Equal(iis.RowBounds, []BoundKind{Lower}) ||
		!slices.Equal(iis.Cols, []int{0, 1}) || !slices.Equal(iis.ColBounds, []BoundKind{Upper, Upper}) {
		t.Errorf("IIS = %+v, want row 0 (lower) and columns 0, 1 (upper)", iis)
	}

	// A feasible model has an empty IIS.
	f, err := NewSolver(wyndor(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Solve(context.Background()); err != nil {
		t.Fatal(err)
	}
	iis, err = f.IIS()
	if err != nil {
		t.Fatal(err)
	}
	if len(iis.Rows)+len(iis.Cols) != 0 {
		t.Errorf("IIS of a feasible LP = %+v, want empty", iis)
	}
}

func TestOptions(t *testing.T) {
	good := Options{
		TimeLimit:  time.Minute,
		MIPRelGap:  1e-6,
		Threads:    1,
		RandomSeed: 42,
		Presolve:   "off",
		Extra: map[string]any{
			"mip_feasibility_tolerance": 1e-7,
			"time_limit":                30, // an int for a double option
			"log_to_console":            false,
			"simplex_strategy":          1,
			"solver":                    "simplex",
		},
	}
	sol := solveModel(t, smallMIP(Integer), good)
	checkStatus(t, sol, Optimal)

	for _, tc := range []struct {
		name string
		opt  Options
		want string // in the error message
	}{
		{"unknown", Options{Extra: map[string]any{"no_such_option": 1}}, `"no_such_option"`},
		{"wrong type", Options{Extra: map[string]any{"presolve": true}}, `"presolve" takes a string, not bool`},
		{"float for int", Options{Extra: map[string]any{"threads": 1.5}}, `"threads" takes a int, not float64`},
		{"bad value", Options{Presolve: "sometimes"}, `"presolve"`},
		{"negative threads", Options{Threads: -1}, `"threads"`},
		{"negative time", Options{TimeLimit: -time.Second}, `"time_limit"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := NewSolver(smallMIP(Integer), tc.opt)
			if err == nil {
				s.Close()
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %s", err, tc.want)
			}
		})
	}
}

// TestThreadsChangeBetweenSolves solves with two threads and then one on the same OS
// thread. HiGHS sizes a per-OS-thread scheduler on first use and rejects a later
// solve with a different thread count unless that scheduler is reset, as Solve does.
func TestThreadsChangeBetweenSolves(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for _, threads := range []int{2, 1, 2} {
		sol := solveModel(t, smallMIP(Integer), Options{Threads: threads})
		checkStatus(t, sol, Optimal)
		checkValue(t, "Objective", sol.Objective, 20)
	}
}

func TestClose(t *testing.T) {
	s, err := NewSolver(wyndor(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s.Close()
	if _, err := s.Solve(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("Solve after Close: %v, want ErrClosed", err)
	}
	if err := s.WriteModel(filepath.Join(t.TempDir(), "m.mps")); !errors.Is(err, ErrClosed) {
		t.Errorf("WriteModel after Close: %v, want ErrClosed", err)
	}
	if s.NumCols() != 0 || s.NumRows() != 0 || s.ColName(0) != "" {
		t.Error("closed Solver reports a model")
	}
}

func TestNames(t *testing.T) {
	m := wyndor()
	m.ColNames[1] = ""
	s, err := NewSolver(m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got := []string{s.ColName(0), s.ColName(1), s.ColName(2), s.ColName(3), s.RowName(2), s.RowName(-1)}
	if want := []string{"x", "c1", "z", "", "r3", ""}; !slices.Equal(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
	if m.ColNames[1] != "" {
		t.Errorf("NewSolver changed the model's name to %q", m.ColNames[1])
	}

	m.ColNames, m.RowNames = nil, nil
	u, err := NewSolver(m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	if u.ColName(0) != "" || u.RowName(0) != "" {
		t.Errorf("unnamed model has names %q, %q", u.ColName(0), u.RowName(0))
	}
}

func TestNewSolverValidates(t *testing.T) {
	m := wyndor()
	m.AIndex[0] = 7
	if _, err := NewSolver(m, Options{}); err == nil || !strings.Contains(err.Error(), `row 0 ("r1"): column index 7 out of range`) {
		t.Errorf("err = %v, want the out-of-range index reported", err)
	}
}

func TestEmptyModel(t *testing.T) {
	sol := solveModel(t, &Model{}, Options{})
	checkStatus(t, sol, ModelEmpty)

	// A row without entries passes no matrix at all: minimise x ≥ 1 gives x = 1.
	var m Model
	m.AddCol("x", 1, 1, Inf, Continuous)
	m.AddRow("empty", 0, 1, nil, nil)
	sol = solveModel(t, &m, Options{})
	checkStatus(t, sol, Optimal)
	checkVector(t, "ColValue", sol.ColValue, []float64{1})
	checkVector(t, "RowValue", sol.RowValue, []float64{0})
}

func TestVersion(t *testing.T) {
	v := Version()
	parts := regexp.MustCompile(`^(\d+)\.(\d+)\.(\d+)$`).FindStringSubmatch(v)
	if parts == nil {
		t.Fatalf("Version() = %q, want major.minor.patch", v)
	}
	major, _ := strconv.Atoi(parts[1])
	minor, _ := strconv.Atoi(parts[2])
	if major < 1 || major == 1 && minor < 10 {
		t.Errorf("Version() = %q, want at least 1.10", v)
	}
}

func TestHasOption(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"mip_rel_gap", true},
		{"presolve", true},
		{"no_such_option", false},
		{"", false},
	} {
		// Twice: the second answer comes from the cache.
		for range 2 {
			if got := HasOption(tc.name); got != tc.want {
				t.Errorf("HasOption(%q) = %v, want %v", tc.name, got, tc.want)
			}
		}
	}
	// Where HasOption says yes, setting the option must work.
	for _, name := range []string{"mip_heuristic_run_rins", "mip_heuristic_run_rens", "mip_heuristic_run_root_reduced_cost"} {
		if !HasOption(name) {
			continue
		}
		sv, err := NewSolver(&Model{}, Options{Extra: map[string]any{name: false}})
		if err != nil {
			t.Errorf("HasOption(%q) is true, but setting it fails: %v", name, err)
			continue
		}
		sv.Close()
	}
}

func TestStrings(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{Optimal.String(), "optimal"},
		{Infeasible.String(), "infeasible"},
		{UnboundedOrInfeasible.String(), "unbounded_or_infeasible"},
		{TimeLimit.String(), "time_limit"},
		{Interrupt.String(), "interrupt"},
		{MemoryLimit.String(), "memory_limit"},
		{ModelStatus(42).String(), "ModelStatus(42)"},
		{BasisNonbasic.String(), "nonbasic"},
		{Boxed.String(), "boxed"},
		{Maximize.String(), "maximize"},
		{SemiInteger.String(), "semi_integer"},
		{(&Error{Call: "Highs_run", Status: -1}).Error(), "highs: Highs_run failed (status -1)"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	// The statuses mirror HiGHS's numeric codes.
	if Optimal != 7 || Infeasible != 8 || Unbounded != 10 || TimeLimit != 13 || Interrupt != 17 {
		t.Error("ModelStatus values differ from HiGHS's codes")
	}
}
