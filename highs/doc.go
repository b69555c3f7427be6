// Package highs is a thin, typed cgo binding to the HiGHS linear and mixed-integer
// optimisation solver (C API, HiGHS ≥ 1.10).
//
// A Model is plain Go data: columns (variables) with costs, bounds, integrality and
// names, rows (constraints) with bounds and names, and a sparse constraint matrix.
// It knows nothing of HiGHS until NewSolver passes it to HiGHS in one call.
//
//	m := highs.Model{Sense: highs.Maximize}
//	x := m.AddCol("x", 1, 0, 4, highs.Continuous)
//	y := m.AddCol("y", 1, 0, highs.Inf, highs.Integer)
//	m.AddRow("cap", -highs.Inf, 10, []int{x, y}, []float64{1, 2})
//	s, err := highs.NewSolver(&m, highs.Options{MIPRelGap: 1e-6})
//	if err != nil { ... }
//	defer s.Close()
//	sol, err := s.Solve(ctx)
//
// A Solver owns HiGHS memory: call Close when done. Several Solvers may run at the
// same time in one process; give each Threads: 1 when many run in parallel.
//
// Solve reports how HiGHS ended in Solution.Status (Optimal, Infeasible,
// TimeLimit, Interrupt, ...); its error is reserved for failed HiGHS calls. Only
// Solution.HasPrimal says whether a feasible point is available, whatever the status.
//
// Duals follow HiGHS's convention, in the model's own objective sense: RowDual is
// the rate of change of the optimal objective per unit increase of a row's active
// bound, and ColDual is the reduced cost ColCost − AᵀRowDual.
//
// The package links HiGHS through pkg-config (package name highs). It includes a
// small C++ file for what the 1.10 C API lacks: the irreducible infeasible subsystem
// (Solver.IIS) and reading names without a fixed-size buffer.
package highs
