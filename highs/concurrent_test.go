package highs

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

// TestConcurrentSolves solves eight different knapsack MIPs at once, one goroutine
// and one single-threaded Solver each, and checks every optimum against dynamic
// programming. Run it with -race.
func TestConcurrentSolves(t *testing.T) {
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			k := newKnapsack(30+5*i, 300+50*i, uint64(100+i))
			s, err := NewSolver(k.model(), Options{Threads: 1, MIPRelGap: 1e-9})
			if err != nil {
				errs[i] = err
				return
			}
			defer s.Close()
			sol, err := s.Solve(context.Background())
			switch want := float64(k.optimum()); {
			case err != nil:
				errs[i] = err
			case sol.Status != Optimal || !near(sol.Objective, want, 1e-9):
				errs[i] = fmt.Errorf("status %v, objective %g; want optimal, %g", sol.Status, sol.Objective, want)
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("knapsack %d: %v", i, err)
		}
	}
}
