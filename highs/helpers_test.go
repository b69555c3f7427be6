package highs

import (
	"context"
	"fmt"
	"math"
	"testing"
)

// solveModel builds a Solver for m, solves it and closes it.
func solveModel(t *testing.T, m *Model, opt Options) *Solution {
	t.Helper()
	s, err := NewSolver(m, opt)
	if err != nil {
		t.Fatalf("NewSolver: %v", err)
	}
	defer s.Close()
	sol, err := s.Solve(context.Background())
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	return sol
}

// near reports whether a and b agree to within tol, absolutely or relative to |b|.
func near(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b))
}

func checkStatus(t *testing.T, sol *Solution, want ModelStatus) {
	t.Helper()
	if sol.Status != want {
		t.Fatalf("status = %v, want %v", sol.Status, want)
	}
}

func checkValue(t *testing.T, name string, got, want float64) {
	t.Helper()
	if !near(got, want, 1e-9) {
		t.Errorf("%s = %.12g, want %.12g", name, got, want)
	}
}

func checkVector(t *testing.T, name string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s = %v, want %v", name, got, want)
	}
	for i := range want {
		if !near(got[i], want[i], 1e-9) {
			t.Errorf("%s[%d] = %.12g, want %.12g", name, i, got[i], want[i])
		}
	}
}

// lcg is a small deterministic generator for test instances.
type lcg uint64

func (g *lcg) next(n uint64) uint64 {
	*g = *g*6364136223846793005 + 1442695040888963407
	return uint64(*g>>33) % n
}

// knapsack is a 0/1 knapsack: maximise Σ value·x subject to Σ weight·x ≤ capacity.
type knapsack struct {
	value, weight []int
	capacity      int
}

func newKnapsack(items, capacity int, seed uint64) knapsack {
	g := lcg(seed)
	k := knapsack{capacity: capacity}
	for range items {
		k.value = append(k.value, 10+int(g.next(90)))
		k.weight = append(k.weight, 10+int(g.next(90)))
	}
	return k
}

func (k knapsack) model() *Model {
	m := &Model{Sense: Maximize}
	idx := make([]int, len(k.value))
	w := make([]float64, len(k.value))
	for j := range k.value {
		idx[j] = m.AddCol(fmt.Sprintf("item%d", j), float64(k.value[j]), 0, 1, Integer)
		w[j] = float64(k.weight[j])
	}
	m.AddRow("capacity", -Inf, float64(k.capacity), idx, w)
	return m
}

// optimum solves the knapsack exactly by dynamic programming over capacities.
func (k knapsack) optimum() int {
	best := make([]int, k.capacity+1)
	for j := range k.value {
		for c := k.capacity; c >= k.weight[j]; c-- {
			best[c] = max(best[c], best[c-k.weight[j]]+k.value[j])
		}
	}
	return best[k.capacity]
}

// marketSplit is a market-split instance (Cornuéjols and Dawande): rows equality
// constraints Σ_j a_ij·x_j + s⁺_i − s⁻_i = ⌊Σ_j a_ij / 2⌋ over binary x with random
// a_ij in [0, 100), minimising the slack Σ(s⁺ + s⁻). Instances with 4 rows and 30
// columns take branch and bound far longer than the limits the tests set.
func marketSplit(rows, cols int, seed uint64) *Model {
	g := lcg(seed)
	m := &Model{}
	for j := range cols {
		m.AddCol(fmt.Sprintf("x%d", j), 0, 0, 1, Integer)
	}
	for i := range rows {
		var idx []int
		var val []float64
		sum := 0.0
		for j := range cols {
			a := float64(g.next(100))
			idx, val = append(idx, j), append(val, a)
			sum += a
		}
		plus := m.AddCol(fmt.Sprintf("plus%d", i), 1, 0, Inf, Continuous)
		minus := m.AddCol(fmt.Sprintf("minus%d", i), 1, 0, Inf, Continuous)
		idx, val = append(idx, plus, minus), append(val, 1, -1)
		rhs := math.Floor(sum / 2)
		m.AddRow(fmt.Sprintf("split%d", i), rhs, rhs, idx, val)
	}
	return m
}
