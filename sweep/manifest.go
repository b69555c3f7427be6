package sweep

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/mineralplan/mineralplan/results"
)

// ManifestFile is the name of a sweep folder's manifest.
const ManifestFile = "sweep.json"

// manifestFormat is the version of sweep.json this package writes and reads.
const manifestFormat = 1

// Kinds of sweep.
const (
	KindGrid       = "grid"
	KindTornado    = "tornado"
	KindMonteCarlo = "montecarlo"
	KindPareto     = "pareto"
	KindFrontier   = "frontier"
)

// Manifest is sweep.json: what a sweep is and every case it holds. Resume and
// Merge read it to know the full case set; two folders hold the same sweep when
// their manifests agree apart from Shard and the case hashes.
type Manifest struct {
	Format int    `json:"format"`
	Kind   string `json:"kind"`
	Base   Base   `json:"base"`
	// WarmStart reports whether cases started from the base case's solution.
	WarmStart bool `json:"warm_start"`
	// Reuse reports whether cases were proved from their neighbours' solves
	// (Options.Reuse: along the lines of a grid, where it applied; from larger
	// budgets on a frontier).
	Reuse bool `json:"reuse"`
	// Stack is the path of the grid axis along which the lines prove cases from
	// one another (a limit such as budget.total); empty when they do not.
	Stack string `json:"stack,omitempty"`
	// CaseFormats are the results formats each case folder holds.
	CaseFormats []string `json:"case_formats"`

	// The settings of the sweep's kind; only the one of Kind is set.
	Grid       []Axis          `json:"grid,omitempty"`
	Tornado    *TornadoSpec    `json:"tornado,omitempty"`
	MonteCarlo *MonteCarloSpec `json:"monte_carlo,omitempty"`
	Pareto     *ParetoSpec     `json:"pareto,omitempty"`
	Frontier   *FrontierSpec   `json:"frontier,omitempty"`

	// Shard is the part of the sweep this folder solves; nil for a whole sweep
	// (also after a merge).
	Shard *Shard `json:"shard,omitempty"`
	// Columns name the case labels, in cases.csv order.
	Columns []string `json:"columns"`
	// Params describe the varied paths of a grid, tornado or Monte Carlo
	// sweep: their names, units and base values, for tables and charts.
	Params []Param `json:"params,omitempty"`
	// Cases are every case of the sweep, in index order, whichever shard owns them.
	Cases []Case `json:"cases"`
}

// Base is the scenario a sweep varies.
type Base struct {
	// File is the scenario file as given (empty for the embedded default).
	File string `json:"file"`
	Name string `json:"name"`
	// Hash is the full hash of the base scenario with Sets applied.
	Hash string `json:"hash"`
	// Sets are the fixed overrides applied to every case (--set).
	Sets []string `json:"sets"`
}

// writeManifest writes m to dir/sweep.json atomically.
func writeManifest(dir string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("sweep manifest: %w", err)
	}
	return results.WriteFileAtomic(filepath.Join(dir, ManifestFile), append(b, '\n'))
}

// ReadManifest reads dir/sweep.json.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s is not a sweep folder (it has no %s): %w", dir, ManifestFile, fs.ErrNotExist)
		}
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestFile), err)
	}
	if m.Format != manifestFormat {
		return nil, fmt.Errorf("%s: format %d; this mineralplan reads format %d", filepath.Join(dir, ManifestFile), m.Format, manifestFormat)
	}
	return &m, nil
}

// sameSweep reports whether m and o describe the same sweep: equal apart from
// Shard, the case hashes and the base file's name (the base hash identifies
// the scenario, however the path to it was written).
func (m *Manifest) sameSweep(o *Manifest) bool {
	x, y := m.withoutShard(), o.withoutShard()
	x.Base.File, y.Base.File = "", ""
	a, errA := json.Marshal(x)
	b, errB := json.Marshal(y)
	return errA == nil && errB == nil && bytes.Equal(a, b)
}

// withoutShard returns a copy of m with no Shard and no case hashes.
func (m *Manifest) withoutShard() *Manifest {
	c := *m
	c.Shard = nil
	c.Cases = slices.Clone(m.Cases)
	for i := range c.Cases {
		c.Cases[i].Hash = ""
	}
	return &c
}

// shard returns the manifest's shard, the zero Shard for a whole sweep.
func (m *Manifest) shard() Shard {
	if m.Shard == nil {
		return Shard{}
	}
	return *m.Shard
}
