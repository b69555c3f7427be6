package sweep

import "context"

// Pareto fronts and budget frontiers choose their next cases from the results of
// the last ones: they add cases to the manifest batch by batch.

// runMore appends cases to the manifest, numbering them after those it holds,
// and solves them; it returns their results in the order given.
func runMore(ctx context.Context, p *pool, m *Manifest, more []Case) ([]*Result, error) {
	start := len(m.Cases)
	for i, c := range more {
		c.Index, c.ID = start+i, caseID(start+i)
		m.Cases = append(m.Cases, c)
	}
	ptrs := make([]*Case, len(more))
	for i := range more {
		ptrs[i] = &m.Cases[start+i]
	}
	p.addTotal(len(more))
	byIndex, err := p.run(ctx, ptrs)
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
