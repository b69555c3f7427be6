package sweep

import (
	"runtime"

	"github.com/mineralplan/mineralplan/scenarios"
)

// Options say how a sweep solves and writes its cases.
type Options struct {
	// Workers is how many cases are solved at once, HiGHS with one thread each;
	// 0 means runtime.NumCPU().
	Workers int
	// WarmStart gives every case that has no solved neighbour to start from
	// the base scenario's plants, with the case's best flows for them, as
	// HiGHS's starting point, when the two models have the same columns and the
	// plan fits the case. It costs one solve of the base before the cases start,
	// and the results depend on it (among equally good plans), so the manifest
	// records it.
	WarmStart bool
	// Reuse proves cases of a grid optimal from the solves of their neighbours
	// along its last axis, where the models allow it, instead of solving each
	// (see lines.go): a case whose objective lies between two solved cases' is
	// bounded by their bounds, and one whose limits are inside a solved case's is
	// bounded by its bound. A budget frontier proves a budget from a larger one
	// the same way. A proved case carries the plan that meets the bound within the
	// scenario's gap, checked like any other. The manifest records it.
	Reuse bool
	// Stack, with Reuse, also proves cases across the lines of a grid along an
	// axis that moves a limit, such as the budget: a case is proved from the
	// case in its position of the next more relaxed line, where that plan fits
	// (see lines.go). The lines along that axis then form a stack, run one after
	// another, and shards deal whole stacks, so a grid has at most as many
	// useful shards as stacks. The manifest records the axis.
	Stack bool
	// Resume continues a sweep folder: cases whose folder holds a result are not
	// solved again.
	Resume bool
	// RetryFailed, with Resume, solves again the cases that ended without an
	// optimal plan.
	RetryFailed bool
	// CaseFormats are the results formats of each case folder (csv, json, md,
	// html; see results.WriteRun); empty means json.
	CaseFormats []string
	// ToolVersion and HiGHSVersion are recorded in each case's manifest.json.
	ToolVersion, HiGHSVersion string
	// Progress, when set, is called after each case with the counts so far, from
	// one goroutine at a time.
	Progress func(Progress)
}

// Progress counts the cases of a running sweep.
type Progress struct {
	Total   int // cases this run solves (its shard's), known so far
	Done    int // finished, skipped ones included
	Failed  int // of Done, without an optimal plan
	Skipped int // of Done, found finished in the folder (resume)
}

// Config is a sweep to run: the base scenario, where to write and how.
type Config struct {
	// Base is the loaded base scenario, its fixed sets (and the solver settings
	// of the sweep, such as solver.mip_gap) already applied.
	Base *scenarios.Scenario
	// BaseFile is the base scenario file as given (empty for the embedded
	// default) and BaseSets the fixed sets applied to Base, for the manifest.
	BaseFile string
	BaseSets []string
	// Out is the sweep folder.
	Out string
	// Shard is the part of the sweep to solve; the zero Shard solves all.
	Shard Shard
	Options
}

// workers returns the number of workers to start.
func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.NumCPU()
}
