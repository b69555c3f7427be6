package highs

import (
	"errors"
	"fmt"
)

// ModelStatus is the outcome of a solve. The values mirror HiGHS's
// HighsModelStatus codes (kHighsModelStatus* in the C API) exactly.
type ModelStatus int

// Model statuses. Only Optimal guarantees an optimal solution; TimeLimit,
// IterationLimit, SolutionLimit, Interrupt and MemoryLimit may come with a feasible
// solution (see Solution.HasPrimal).
const (
	NotSet                ModelStatus = 0  // no solve has run
	LoadError             ModelStatus = 1  // the model could not be loaded
	ModelError            ModelStatus = 2  // the model is invalid
	PresolveError         ModelStatus = 3  // presolve failed
	SolveError            ModelStatus = 4  // the solver failed
	PostsolveError        ModelStatus = 5  // postsolve failed
	ModelEmpty            ModelStatus = 6  // the model has no columns
	Optimal               ModelStatus = 7  // an optimal solution was found (within tolerances and MIP gap)
	Infeasible            ModelStatus = 8  // the model has no feasible point
	UnboundedOrInfeasible ModelStatus = 9  // the model is unbounded or infeasible; HiGHS did not decide which
	Unbounded             ModelStatus = 10 // the model is feasible and its objective is unbounded
	ObjectiveBound        ModelStatus = 11 // the objective_bound option was reached
	ObjectiveTarget       ModelStatus = 12 // the objective_target option was reached
	TimeLimit             ModelStatus = 13 // Options.TimeLimit was reached
	IterationLimit        ModelStatus = 14 // an iteration limit option was reached
	Unknown               ModelStatus = 15 // HiGHS stopped without a conclusion
	SolutionLimit         ModelStatus = 16 // the mip_max_improving_sols option was reached
	Interrupt             ModelStatus = 17 // the solve was interrupted (a cancelled context)
	MemoryLimit           ModelStatus = 18 // HiGHS ran out of memory
)

var modelStatusNames = [...]string{
	NotSet:                "not_set",
	LoadError:             "load_error",
	ModelError:            "model_error",
	PresolveError:         "presolve_error",
	SolveError:            "solve_error",
	PostsolveError:        "postsolve_error",
	ModelEmpty:            "model_empty",
	Optimal:               "optimal",
	Infeasible:            "infeasible",
	UnboundedOrInfeasible: "unbounded_or_infeasible",
	Unbounded:             "unbounded",
	ObjectiveBound:        "objective_bound",
	ObjectiveTarget:       "objective_target",
	TimeLimit:             "time_limit",
	IterationLimit:        "iteration_limit",
	Unknown:               "unknown",
	SolutionLimit:         "solution_limit",
	Interrupt:             "interrupt",
	MemoryLimit:           "memory_limit",
}

// String returns the status as a lower-case word, such as "optimal",
// "infeasible" or "time_limit".
func (s ModelStatus) String() string {
	if s >= 0 && int(s) < len(modelStatusNames) {
		return modelStatusNames[s]
	}
	return fmt.Sprintf("ModelStatus(%d)", int(s))
}

// BasisStatus is the status of a column or row in a simplex basis. The values mirror
// HiGHS's kHighsBasisStatus* constants.
type BasisStatus int

// Basis statuses.
const (
	BasisLower    BasisStatus = 0 // nonbasic at its lower bound
	BasisBasic    BasisStatus = 1 // basic
	BasisUpper    BasisStatus = 2 // nonbasic at its upper bound
	BasisZero     BasisStatus = 3 // nonbasic free variable at zero
	BasisNonbasic BasisStatus = 4 // nonbasic, bound not specified
)

// String returns "lower", "basic", "upper", "zero" or "nonbasic".
func (b BasisStatus) String() string {
	switch b {
	case BasisLower:
		return "lower"
	case BasisBasic:
		return "basic"
	case BasisUpper:
		return "upper"
	case BasisZero:
		return "zero"
	case BasisNonbasic:
		return "nonbasic"
	}
	return fmt.Sprintf("BasisStatus(%d)", int(b))
}

// BoundKind tells which bounds of a column or row belong to an irreducible
// infeasible subsystem. The values mirror HiGHS's IisBoundStatus codes.
type BoundKind int

// Bound kinds.
const (
	Free  BoundKind = 1 // no bound is in the IIS
	Lower BoundKind = 2 // the lower bound is in the IIS
	Upper BoundKind = 3 // the upper bound is in the IIS
	Boxed BoundKind = 4 // both bounds are in the IIS
)

// String returns "free", "lower", "upper" or "boxed".
func (k BoundKind) String() string {
	switch k {
	case Free:
		return "free"
	case Lower:
		return "lower"
	case Upper:
		return "upper"
	case Boxed:
		return "boxed"
	}
	return fmt.Sprintf("BoundKind(%d)", int(k))
}

// Error reports a HiGHS call that failed. Status is the HiGHS status it returned:
// -1 (kHighsStatusError), or 1 (kHighsStatusWarning) from a call that must succeed
// outright, such as Highs_feasibilityRelaxation.
type Error struct {
	Call   string // the C API call, with its key argument, e.g. `Highs_run` or `Highs_setDoubleOptionValue("time_limit")`
	Status int
}

func (e *Error) Error() string {
	return fmt.Sprintf("highs: %s failed (status %d)", e.Call, e.Status)
}

// ErrClosed is returned by Solver methods called after Close.
var ErrClosed = errors.New("highs: solver is closed")
