// Package model turns a validated scenario into a mixed-integer linear program,
// solves it with HiGHS (package highs) and returns a Plan that Check has verified
// independently of the solver.
//
// The formulation is stated in docs/model.md, family by family, as Build makes
// it: one function per kind of constraint (constraints.go), one per kind of
// column (build.go). Inside the model, mass is in thousands of the material's unit
// (kt, or t for materials counted in kg) and money in millions of USD, so that
// coefficients stay within a few orders of magnitude; plans are in USD and the
// materials' own units.
//
// The flow is one way: Build → (*Problem).Solve → extract → Evaluate → Check.
// After an optimal solve, the integer decisions can be fixed and the LP re-solved
// for marginal values; an infeasible scenario is re-solved elastically to name the
// requirements that conflict.
package model
