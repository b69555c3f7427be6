package orlib

import (
	"context"
	"fmt"
	"testing"

	"github.com/mineralplan/mineralplan/model"
)

// BenchmarkGeneratedCFLP solves generated capacitated facility-location
// instances (Generate, ratio 3) end to end through model.Solve: build, HiGHS,
// the LP with the plants fixed, marginal values and the plan's check.
// scripts/bench-cflp.sh compares the same instances, run by the command, with
// the HiGHS command line on the exported model.
func BenchmarkGeneratedCFLP(b *testing.B) {
	for _, size := range []struct{ m, n int }{{30, 200}, {50, 300}} {
		in := Generate(size.m, size.n, 3, 1)
		name := fmt.Sprintf("%dx%d", size.m, size.n)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := model.Solve(context.Background(), in.Scenario(name), model.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
