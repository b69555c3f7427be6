package model

import (
	"context"
	"fmt"
	"testing"

	"github.com/mineralplan/mineralplan/synth"
)

// benchSizes are synthetic scenarios of about 10k, 100k and 1M nonzeros.
var benchSizes = []struct {
	name string
	p    synth.Params
}{
	{"10k", synth.Params{Sites: 8, Technologies: 4, Sources: 6, Markets: 6, Years: 5, Seed: 1}},
	{"100k", synth.Params{Sites: 30, Technologies: 8, Sources: 20, Markets: 20, Years: 10, Seed: 1}},
	{"1M", synth.Params{Sites: 150, Technologies: 12, Sources: 100, Markets: 100, Years: 20, Seed: 1}},
}

// BenchmarkBuild measures building the MILP; it reports nonzeros and nonzeros per
// second of build time.
func BenchmarkBuild(b *testing.B) {
	for _, bs := range benchSizes {
		s, err := synth.Generate(bs.p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bs.name, func(b *testing.B) {
			var nnz int
			for i := 0; i < b.N; i++ {
				p, err := Build(s)
				if err != nil {
					b.Fatal(err)
				}
				nnz = p.Model.NumNonzeros()
			}
			b.ReportMetric(float64(nnz), "nonzeros")
			b.ReportMetric(float64(nnz)*float64(b.N)/b.Elapsed().Seconds(), "nonzeros/s")
		})
	}
}

// BenchmarkSolveSynthetic10k solves the 10k-nonzero synthetic scenario end to end.
func BenchmarkSolveSynthetic10k(b *testing.B) {
	s, err := synth.Generate(benchSizes[0].p)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		if _, err := Solve(context.Background(), s, Options{}); err != nil {
			b.Fatal(fmt.Errorf("solve: %w", err))
		}
	}
}
