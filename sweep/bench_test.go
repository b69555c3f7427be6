package sweep

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/mineralplan/mineralplan/scenarios"
)

// benchCases is the number of cases of the default-scenario benchmark;
// $MINERALPLAN_BENCH_CASES overrides it.
const benchCases = 8

// benchSweep runs a grid of n budgets from 0.9 to 1.1 times the base's with each
// number of workers, with and without warm starts and with and without reuse
// along the line (Options.Reuse), and reports cases/s; the two-worker runs also
// report their parallel efficiency against one worker: rate₂ ÷ (2 × rate₁), in %.
func benchSweep(b *testing.B, base *scenarios.Scenario, n int) {
	axis := Axis{Path: "budget.total"}
	for i := range n {
		axis.Values = append(axis.Values, "*"+formatNumber(roundSig(0.9+0.2*float64(i)/float64(max(n-1, 1)), 12)))
	}
	st, err := NewGrid(base, []Axis{axis})
	if err != nil {
		b.Fatal(err)
	}
	for _, reuse := range []bool{false, true} {
		for _, warm := range []bool{false, true} {
			benchWorkers(b, base, st, n, reuse, warm)
		}
	}
}

// benchWorkers runs the study with one and with two workers (see benchSweep).
func benchWorkers(b *testing.B, base *scenarios.Scenario, st *Study, n int, reuse, warm bool) {
	rate1 := 0.0
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("reuse=%v/warm=%v/workers=%d", reuse, warm, workers), func(b *testing.B) {
			root := b.TempDir()
			for i := 0; i < b.N; i++ {
				cfg := Config{Base: base, Out: filepath.Join(root, strconv.Itoa(i)), Options: Options{Workers: workers, WarmStart: warm, Reuse: reuse}}
				o, err := Run(context.Background(), cfg, st)
				if err != nil {
					b.Fatal(err)
				}
				if len(o.Failed) > 0 {
					b.Fatalf("%d cases failed: %v", len(o.Failed), o.Failed[0])
				}
			}
			rate := float64(n*b.N) / b.Elapsed().Seconds()
			b.ReportMetric(rate, "cases/s")
			b.ReportMetric(0, "ns/op")
			if workers == 1 {
				rate1 = rate
			} else if rate1 > 0 {
				b.ReportMetric(100*rate/(float64(workers)*rate1), "efficiency_%")
			}
		})
	}
}

// BenchmarkSweepDefault measures cases per second on the library's default
// scenario (see benchSweep).
func BenchmarkSweepDefault(b *testing.B) {
	base, ds, err := scenarios.LoadFile("../scenarios/india-japan-2026.yaml", nil)
	if err != nil {
		b.Fatalf("%v\n%v", err, ds)
	}
	n := benchCases
	if v, err := strconv.Atoi(os.Getenv("MINERALPLAN_BENCH_CASES")); err == nil && v > 0 {
		n = v
	}
	benchSweep(b, base, n)
}

// BenchmarkSweepTiny measures the sweep machinery itself (resolving, hashing,
// writing case folders and the report) on 200 cases that solve in milliseconds.
func BenchmarkSweepTiny(b *testing.B) {
	benchSweep(b, loadTiny(b), 200)
}
