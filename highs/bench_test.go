package highs

import (
	"fmt"
	"testing"
)

// BenchmarkPassModel builds a 10,000-row, 20,000-column model with 200,000 nonzeros
// (20 per row) and passes it, with names, to HiGHS.
func BenchmarkPassModel(b *testing.B) {
	const rows, cols, perRow = 10_000, 20_000, 20
	g := lcg(1)
	idx := make([]int, perRow)
	val := make([]float64, perRow)
	for b.Loop() {
		var m Model
		for j := range cols {
			m.AddCol(fmt.Sprint("x", j), float64(g.next(10)), 0, 100, Continuous)
		}
		for i := range rows {
			for k := range perRow {
				idx[k] = (i*perRow + k) % cols
				val[k] = float64(1 + g.next(9))
			}
			m.AddRow(fmt.Sprint("r", i), -Inf, 1000, idx, val)
		}
		s, err := NewSolver(&m, Options{})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
