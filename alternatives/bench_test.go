package alternatives

import (
	"context"
	"testing"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// BenchmarkDefault5 finds five alternatives of the default scenario within 5 %
// of its optimum, as `mineralplan alternatives --slack 0.05 --count 5` does:
// the optimum and five searches. Compare its user-CPU time (run it alone under
// /usr/bin/time) less one default solve with five default solves
// (BenchmarkDefaultSolve in package stochastic).
func BenchmarkDefault5(b *testing.B) {
	s, err := scenarios.Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := Find(context.Background(), s, Options{Slack: 0.05, Count: 5})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Alternatives) != 5 {
			b.Fatalf("%d alternatives, want 5", len(res.Alternatives))
		}
		b.ReportMetric(float64(res.Alternatives[len(res.Alternatives)-1].Distance), "last-distance")
	}
}

// BenchmarkDefaultOptimum is BenchmarkDefault5's first step alone: the optimum
// Find starts from (the scenario's gap, no marginal values).
func BenchmarkDefaultOptimum(b *testing.B) {
	s, err := scenarios.Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		p, err := model.Build(s)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := p.Solve(context.Background(), model.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
