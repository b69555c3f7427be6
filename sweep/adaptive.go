package sweep

import "context"

// Pareto fronts and budget frontiers choose their next cases from the results of
// the last ones: they add cases to the manifest batch by batch.

// runMore appends cases to the manifest, numbering them after those it holds,
// and solves them; it returns their results in the order given.
func runMore(ctx context.Context, p *pool, m *Manifest, more []Case) ([]*Result, error) {
	return runMoreProved(ctx, p, m, more, make([]*proof, len(more)))
}

// runMoreProved is runMore with a proof to try for each case (nil: solve it).
func runMoreProved(ctx context.Context, p *pool, m *Manifest, more []Case, proofs []*proof) ([]*Result, error) {
	start := len(m.Cases)
	for i, c := range more {
		c.Index, c.ID = start+i, caseID(start+i)
		m.Cases = append(m.Cases, c)
	}
	tasks := make([]task, len(more))
	for i := range more {
		tasks[i] = task{c: &m.Cases[start+i], proof: proofs[i]}
	}
	p.addTotal(len(more))
	byIndex, err := p.runTasks(ctx, tasks)
	if err != nil {
		return nil, err
	}
	out := make([]*Result, len(more))
	for i := range more {
		out[i] = byIndex[start+i]
	}
	return out, nil
}

// interrupted ends an adaptive sweep that was cancelled (err nil) or failed to
// write (err set).
func interrupted(cfg Config, m *Manifest, err error) (*Outcome, error) {
	if err != nil {
		return nil, err
	}
	return &Outcome{Dir: cfg.Out, Manifest: m, Interrupted: true}, nil
}
