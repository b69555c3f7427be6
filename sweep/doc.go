// Package sweep solves many variants of one scenario and reports how the plan
// moves: grid sweeps, one-at-a-time ranges (tornado), Monte Carlo sampling
// (plain or Latin hypercube), the NPV–supply-security Pareto front by the
// ε-constraint method, and the budget frontier with the exact budgets where the
// chosen plants change.
//
// A variant is a Case: the base scenario with --set style overrides (see
// scenarios.LoadFile), such as budget.total=300e6 or markets[japan-li].price=*1.2.
// Cases are solved by a pool of workers, HiGHS with one thread each. Every case
// is written to its own folder OUT/cases/<hash>, where hash is the first 12 hex
// digits of the resolved scenario's hash (scenarios.Scenario.Hash); the folder is
// filled under a temporary name and renamed into place, so a folder that exists
// with its result.json is a finished case. That makes a sweep safe to interrupt
// (a case in progress is dropped, a finished one is never lost) and resumable.
// The sweep folder itself is filled under its work folder (WorkDir) and renamed
// to OUT, with manifest.json written last, when the sweep has finished; so OUT is
// absent or complete at every moment (workdir.go).
//
// A sweep folder holds:
//
//	sweep.json     the manifest: the base scenario's hash, the sweep's settings and
//	               every case with its varied values and hash
//	manifest.json  every file of the folder with its size and SHA-256, last
//	cases.csv      one row per case, sorted by case index; the seconds column last
//	summary.md     the analysis: tables and links to the charts
//	case_plants.csv the new modules of every case: case, site, technology, size,
//	               year, count
//	*.svg          charts (package chart, the report's drawing layer)
//	cases/<hash>/  result.json, scenario.resolved.yaml and the case's run folder
//	               files (results.WriteRun), or error.txt for a failed case
//
// With Options.Reuse, a grid is solved line by line along its last axis, and a
// case is proved optimal from solved neighbours where the models allow it,
// instead of being solved (lines.go says when and why that is exact); such a
// result has Method "proved" and names the cases it used.
//
// Sharding splits a sweep over machines: shard i/n (1 ≤ i ≤ n) solves the cases
// whose index modulo n is i−1 (or whose line's index is, with reuse), so costly
// regions of a grid spread over every shard. Merge joins shard folders into the
// folder one machine would have written, byte for byte apart from timings. A
// grid with fewer lines than shards has its lines cut into pieces so that every
// shard has cases (Shard.Pieces); its proofs then differ from one machine's.
//
// Everything written is deterministic: cases in a fixed order, samples from a
// fixed seed, HiGHS with one thread and its seed from the scenario, and no
// timing outside the seconds columns and the case run folders' manifests.
package sweep
