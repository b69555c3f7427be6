package highs

import "time"

// Options configures a Solver. The zero value solves with HiGHS's defaults and
// prints nothing.
type Options struct {
	// TimeLimit bounds the wall-clock time of each solve (HiGHS option time_limit,
	// in seconds). Zero means no limit. A solve that reaches it ends with status
	// TimeLimit.
	TimeLimit time.Duration

	// MIPRelGap is the relative gap |primal − dual bound| / |primal| at which a MIP
	// solve stops as Optimal (option mip_rel_gap). Zero keeps HiGHS's default, 1e-4.
	MIPRelGap float64

	// Threads is the number of threads HiGHS may use (option threads). Zero lets
	// HiGHS choose, which is half the hardware threads. Use 1 when many Solvers run
	// in parallel.
	Threads int

	// RandomSeed seeds HiGHS's random number generators (option random_seed).
	RandomSeed int

	// Presolve is "on", "off", or "" to let HiGHS choose (option presolve).
	Presolve string

	// Output lets HiGHS print its log to standard output (option output_flag).
	// When false, the default, HiGHS prints nothing.
	Output bool

	// Extra sets any HiGHS option by name, after the fields above (so it overrides
	// them). Values must be bool, int, float64 or string matching the option's type;
	// an int is also accepted for a float64 option. An unknown name, a value of the
	// wrong type or a value HiGHS rejects is an error naming the option.
	Extra map[string]any

	// Progress, if not nil, is called when a MIP solve finds an improving solution
	// and, when Output is true, on each of HiGHS's MIP log lines (HiGHS makes no
	// logging calls while its output is off). Calls are serialised, but may come
	// from a thread other than the one that called Solve. Progress must not call
	// methods of the Solver being solved; if it panics, the solve is interrupted
	// and Solve re-raises the panic.
	Progress func(Progress)
}

// Progress is a snapshot of a running MIP solve, in the objective sense of the model.
type Progress struct {
	Elapsed   time.Duration // time since the solve started
	Objective float64       // objective of the best solution found so far (±Inf if none)
	DualBound float64       // best proven bound on the optimal objective
	Gap       float64       // relative gap between Objective and DualBound, as HiGHS reports it
	Nodes     int64         // branch-and-bound nodes explored so far
}
