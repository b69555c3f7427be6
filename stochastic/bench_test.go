package stochastic

import (
	"context"
	"fmt"
	"testing"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
	"github.com/mineralplan/mineralplan/study"
	"github.com/mineralplan/mineralplan/sweep"
)

// benchFutures are n futures of the default drawn as `stochastic --samples n
// --dist … --seed 1 --lhs` draws them: lithium and platinum prices.
func benchFutures(b *testing.B, n int) *study.Study {
	b.Helper()
	base, err := scenarios.Default()
	if err != nil {
		b.Fatal(err)
	}
	var dists []sweep.Dist
	for _, f := range []string{"markets[li2co3-japan].price=triangular(*0.6,*1,*1.3)", "markets[pt-japan].price=triangular(*0.7,*1,*1.3)"} {
		d, err := sweep.ParseDist(f)
		if err != nil {
			b.Fatal(err)
		}
		dists = append(dists, d)
	}
	st := &study.Study{Name: "bench", Base: base}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = string(rune('a' + i))
	}
	g, err := st.WithFutures(ids, sweep.SampleSets(dists, n, 1, true))
	if err != nil {
		b.Fatal(err)
	}
	return g
}

// BenchmarkExtensive8 solves the extensive form (expected NPV) of 8 futures of
// the default at a relative gap of 1e-3: the figure the issue compares with one
// default solve (BenchmarkDefaultSolve). Run each alone under /usr/bin/time for
// user-CPU seconds.
func BenchmarkExtensive8(b *testing.B) { benchmarkExtensive(b, false) }

// BenchmarkExtensive8Seeded is BenchmarkExtensive8 as stochastic.Solve does it:
// the expected-value problem first, its plan evaluated in every future (EEV),
// and that solution the extensive form's warm start; all three timed.
func BenchmarkExtensive8Seeded(b *testing.B) { benchmarkExtensive(b, true) }

func benchmarkExtensive(b *testing.B, seeded bool) {
	st := benchFutures(b, 8)
	for b.Loop() {
		scens := futureScenarios(st)
		ids := make([]string, len(scens))
		for i := range ids {
			ids[i] = st.Futures[i].ID
		}
		ext, err := model.BuildExtensive(scens, ids, st.Probabilities(), model.ExtensiveSpec{})
		if err != nil {
			b.Fatal(err)
		}
		opt := model.Options{MIPGap: 1e-3}
		if seeded {
			ev, _, err := ext.SolveMean(context.Background(), opt)
			if err != nil {
				b.Fatal(err)
			}
			fixed, _ := model.BuildExtensive(scens, ids, st.Probabilities(), model.ExtensiveSpec{})
			fixed.FixShared(ev)
			eev, err := fixed.Solve(context.Background(), opt)
			if err != nil {
				b.Fatal(err)
			}
			opt.WarmStart = eev.Values
		}
		res, err := ext.Solve(context.Background(), opt)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Stats.Columns), "columns")
		b.ReportMetric(float64(res.Stats.Rows), "rows")
		b.ReportMetric(float64(res.Stats.Nonzeros), "nonzeros")
		b.ReportMetric(float64(res.Stats.Integers), "integers")
		b.ReportMetric(res.MIPGap, "gap")
	}
}

// BenchmarkDefaultSolve solves the default scenario once at a gap of 1e-3.
func BenchmarkDefaultSolve(b *testing.B) {
	s, err := scenarios.Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		p, err := model.Build(s)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := p.Solve(context.Background(), model.Options{MIPGap: 1e-3}); err != nil {
			b.Fatal(err)
		}
		st := p.Stats()
		b.ReportMetric(float64(st.Columns), "columns")
		b.ReportMetric(float64(st.Rows), "rows")
		b.ReportMetric(float64(st.Integers), "integers")
	}
}

// BenchmarkStudy8 is `mineralplan stochastic` on benchFutures(8) without the
// output folder: each future alone, the expected-value problem and its
// evaluation, the extensive form, each future's plan and the 10 × 8 regret
// matrix, with one worker and with two (the wall time differs, the results do
// not).
func BenchmarkStudy8(b *testing.B) {
	st := benchFutures(b, 8)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			for b.Loop() {
				opt := Options{Solve: model.Options{MIPGap: 1e-3}, Workers: workers}
				res, err := Solve(context.Background(), st, opt)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := res.RegretMatrix(context.Background(), opt.Solve, workers); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(res.ExpectedNPV/1e6, "E[NPV]-$M")
			}
		})
	}
}
