package sweep

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
)

// ErrExists is returned (wrapped) when the sweep folder already holds a sweep
// and Resume is off, or holds a different sweep: a usage error.
var ErrExists = errors.New("the sweep folder is taken")

// Outcome is what a sweep, a Pareto front, a budget frontier or a merge reports.
type Outcome struct {
	Dir      string
	Manifest *Manifest
	// Results are the finished cases of the folder's shard, by case index.
	Results map[int]*Result
	// Failed lists the finished cases without an optimal plan, in index order.
	Failed []Failure
	// Interrupted reports that the context was cancelled: finished cases are in
	// their folders, but cases.csv and the summary were not written.
	Interrupted bool
	// The analysis of a whole sweep of the kind (nil for other kinds and shards).
	Tornado    *TornadoReport
	MonteCarlo *MonteCarloReport
	Pareto     *ParetoReport
	Frontier   *FrontierReport
}

// Failure is a finished case without an optimal plan.
type Failure struct {
	Case   Case
	Status string
	Error  string
}

// String names the case and says what went wrong.
func (f Failure) String() string {
	return fmt.Sprintf("%s: %s: %s", f.Case.Name(), f.Status, f.Error)
}

// Run solves a study's cases (those of cfg.Shard) and writes the sweep folder
// cfg.Out: in its work folder (WorkDir), sweep.json first (so that resume and
// merge know every case), each case folder as it finishes, then cases.csv,
// summary.md and the charts, and last manifest.json, when the work folder
// becomes cfg.Out. When ctx is cancelled it stops starting cases, drops those in
// progress and returns an Outcome with Interrupted set, naming the work folder;
// rerun with Resume to finish. The error is for
// a taken folder (ErrExists) or a failure to write.
func Run(ctx context.Context, cfg Config, st *Study) (*Outcome, error) {
	return inWorkDir(cfg, func(cfg Config) (*Outcome, error) { return run(ctx, cfg, st) })
}

// run is Run in the work folder cfg.Out.
func run(ctx context.Context, cfg Config, st *Study) (*Outcome, error) {
	m := st.m
	m.Cases = slices.Clone(st.m.Cases)
	lay := layOut(cfg, &m)
	if lay.note != "" {
		slog.Warn(lay.note)
	}
	cfg.Shard = lay.shard
	lineLen, stk, stacked := lay.lineLen, lay.stack, lay.stacked
	p, err := start(ctx, cfg, &m)
	if err != nil {
		return nil, err
	}
	var owned []*Case
	for i := range m.Cases {
		if cfg.Shard.Owns(i) {
			owned = append(owned, &m.Cases[i])
		}
	}
	if !cfg.Shard.Whole() && len(owned) == 0 {
		slog.Warn(fmt.Sprintf("sweep: shard %s has no cases: the sweep's %d cases are dealt in %s, fewer than its %d shards; it writes an empty shard folder, which merge takes as it is",
			cfg.Shard, len(m.Cases), lay.dealt(), cfg.Shard.Count))
	}
	p.addTotal(len(owned))
	if lineLen > 0 {
		lines := gridLines(owned, lineLen, cfg.Shard.Pieces)
		if stacked {
			stackLines(lines, lineLen, cfg.Shard.Pieces, stk)
		}
		_, err = p.runLines(ctx, lines)
	} else {
		_, err = p.run(ctx, owned)
	}
	if err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		return &Outcome{Dir: cfg.Out, Manifest: &m, Interrupted: true}, nil
	}
	if err := writeManifest(cfg.Out, &m); err != nil {
		return nil, err
	}
	return writeReport(cfg.Out, &m)
}

// layout is how a sweep's cases are solved and dealt to shards.
type layout struct {
	// lineLen is the length of a grid's lines when they prove cases from one
	// another (0: no lines); stack how they stack, when stacked.
	lineLen int
	stack   stack
	stacked bool
	// shard is the run's shard with its Block, Stride, Depth and Pieces set.
	shard Shard
	// units is the number of whole lines or stacks, or of cases without lines,
	// dealt to the shards (before any cutting into pieces).
	units int
	// note says how the cases were dealt when that is not as asked (lines cut
	// into pieces), for the log; empty otherwise.
	note string
}

// layOut works out the lines and the dealing of a grid or other study m for
// cfg, and records in m whether it reuses and along which stack. A grid whose
// lines (or stacks) are fewer than the shards has each line cut into pieces so
// that every shard has cases, as long as its lines are long enough.
func layOut(cfg Config, m *Manifest) layout {
	lay := layout{shard: cfg.Shard, units: len(m.Cases)}
	if !(cfg.Reuse && m.Kind == KindGrid && reuseApplies(cfg, m.Grid)) {
		return lay
	}
	lay.lineLen, m.Reuse = len(m.Grid[len(m.Grid)-1].Values), true
	if cfg.Stack {
		lay.stack, lay.stacked = stackAxis(cfg, m.Grid)
	}
	lay.units = len(m.Cases) / lay.lineLen
	what := "lines"
	if lay.stacked {
		m.Stack = m.Grid[lay.stack.Axis].Path
		lay.units /= lay.stack.Depth
		what = "stacks of lines along " + m.Stack
	}
	if lay.shard.Whole() {
		return lay
	}
	lay.shard.Block = lay.lineLen
	if lay.stacked {
		lay.shard.Stride, lay.shard.Depth = lay.stack.Stride, lay.stack.Depth
	}
	if n := lay.shard.Count; lay.units < n {
		lay.shard.Pieces = min((n+lay.units-1)/lay.units, lay.lineLen)
		lay.note = fmt.Sprintf("sweep: the grid has %d %s for %d shards, so each line is cut into %d pieces of about %d cases, dealt to the shards; a piece is solved and proved from its own ends, so which cases are proved (method, proved_by) differs from a run on one machine, and every case is optimal within its gap all the same",
			lay.units, what, n, lay.shard.Pieces, (lay.lineLen+lay.shard.Pieces-1)/lay.shard.Pieces)
	}
	return lay
}

// dealt says in how many groups the cases are dealt to the shards, for the log.
func (lay layout) dealt() string {
	switch {
	case lay.lineLen == 0:
		return fmt.Sprintf("%d single cases", lay.units)
	case lay.shard.Pieces > 1:
		return fmt.Sprintf("%d pieces of lines", lay.units*lay.shard.Pieces)
	case lay.stacked:
		return fmt.Sprintf("%d stacks of lines", lay.units)
	}
	return fmt.Sprintf("%d lines", lay.units)
}

// ShardSizes returns the number of cases each of count shards would solve,
// shard 1 first, dealt as Run deals them for cfg (its Reuse and Stack).
func ShardSizes(cfg Config, st *Study, count int) []int {
	m := st.m
	cfg.Shard = Shard{Index: 1, Count: max(count, 1)}
	lay := layOut(cfg, &m)
	sizes := make([]int, lay.shard.Count)
	for i := range m.Cases {
		sizes[lay.shard.owner(i)-1]++
	}
	return sizes
}

// start fills in the manifest, readies the sweep folder (prepare) and returns
// the pool that solves the cases, warm-started when cfg asks for it.
func start(ctx context.Context, cfg Config, m *Manifest) (*pool, error) {
	cfg.fillManifest(m)
	if err := prepare(cfg, m); err != nil {
		return nil, err
	}
	p := newPool(cfg, m)
	if cfg.WarmStart {
		p.warmStart(ctx)
	}
	return p, nil
}

// fillManifest records the base scenario and the run settings that shape the
// results.
func (cfg Config) fillManifest(m *Manifest) {
	m.Format = manifestFormat
	m.Base = Base{File: cfg.BaseFile, Name: cfg.Base.Name, Hash: cfg.Base.Hash(), Sets: slices.Clone(cfg.BaseSets)}
	if m.Base.Sets == nil {
		m.Base.Sets = []string{}
	}
	m.WarmStart = cfg.WarmStart
	m.CaseFormats = cfg.CaseFormats
	if len(m.CaseFormats) == 0 {
		m.CaseFormats = []string{"json"}
	}
	if !cfg.Shard.Whole() {
		sh := cfg.Shard
		m.Shard = &sh
	}
}

// prepare readies the sweep folder: it refuses a folder that holds another
// sweep, or any sweep unless resuming, removes what a killed run left half
// written and writes the manifest. Cases of pareto and frontier sweeps are found
// as they run, so only their settings are compared.
func prepare(cfg Config, m *Manifest) error {
	if err := os.MkdirAll(filepath.Join(cfg.Out, casesDir), 0o755); err != nil {
		return err
	}
	old, err := ReadManifest(cfg.Out)
	switch {
	case err == nil && !cfg.Resume:
		return fmt.Errorf("%w: %s already holds a sweep; pass --resume to continue it, or choose another --out", ErrExists, cfg.Out)
	case err == nil:
		a, b := old, m
		if m.Kind == KindPareto || m.Kind == KindFrontier {
			a, b = old.spec(), m.spec()
		}
		if !a.sameSweep(b) || old.shard() != m.shard() {
			return fmt.Errorf("%w: %s holds a different sweep (its %s differs from this one's); choose another --out", ErrExists, cfg.Out, ManifestFile)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return err
	case !cfg.Resume:
		if entries, err := os.ReadDir(filepath.Join(cfg.Out, casesDir)); err == nil && len(entries) > 0 {
			return fmt.Errorf("%w: %s already holds case folders; pass --resume to use them, or choose another --out", ErrExists, cfg.Out)
		}
	}
	if err := removeTemps(cfg.Out); err != nil {
		return err
	}
	return writeManifest(cfg.Out, m)
}

// spec returns a copy of m without its cases.
func (m *Manifest) spec() *Manifest {
	c := *m
	c.Cases = nil
	return &c
}
