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
// cfg.Out: sweep.json first (so that resume and merge know every case), each
// case folder as it finishes, then cases.csv, summary.md and the charts. When
// ctx is cancelled it stops starting cases, drops those in progress and returns
// an Outcome with Interrupted set; rerun with Resume to finish. The error is for
// a taken folder (ErrExists) or a failure to write.
func Run(ctx context.Context, cfg Config, st *Study) (*Outcome, error) {
	m := st.m
	m.Cases = slices.Clone(st.m.Cases)
	lineLen := 0
	var stk stack
	stacked := false
	if cfg.Reuse && m.Kind == KindGrid && reuseApplies(cfg, m.Grid) {
		lineLen, m.Reuse = len(m.Grid[len(m.Grid)-1].Values), true
		if cfg.Stack {
			stk, stacked = stackAxis(cfg, m.Grid)
		}
		if stacked {
			m.Stack = m.Grid[stk.Axis].Path
			if stacks := len(m.Cases) / lineLen / stk.Depth; cfg.Shard.Count > stacks {
				slog.Warn(fmt.Sprintf("sweep: the grid's lines stack along %s into %d stacks, which shards keep whole, so only %d of the %d shards have cases; pass --stack=false to deal lines instead",
					m.Stack, stacks, stacks, cfg.Shard.Count))
			}
		}
		if !cfg.Shard.Whole() {
			cfg.Shard.Block = lineLen
			if stacked {
				cfg.Shard.Stride, cfg.Shard.Depth = stk.Stride, stk.Depth
			}
		}
	}
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
	p.addTotal(len(owned))
	if lineLen > 0 {
		lines := gridLines(owned, lineLen)
		if stacked {
			stackLines(lines, lineLen, stk)
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
