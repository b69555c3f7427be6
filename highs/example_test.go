package highs_test

import (
	"context"
	"fmt"
	"log"

	"github.com/mineralplan/mineralplan/highs"
)

// Maximise x + y with x ≤ 4 continuous, y a non-negative integer and x + 2y ≤ 10:
// y = 3 leaves room for x = 4, giving 7.
func ExampleNewSolver() {
	m := highs.Model{Sense: highs.Maximize}
	x := m.AddCol("x", 1, 0, 4, highs.Continuous)
	y := m.AddCol("y", 1, 0, highs.Inf, highs.Integer)
	m.AddRow("cap", -highs.Inf, 10, []int{x, y}, []float64{1, 2})

	s, err := highs.NewSolver(&m, highs.Options{MIPRelGap: 1e-6})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	sol, err := s.Solve(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(sol.Status, sol.Objective, sol.ColValue)
	// Output: optimal 7 [4 3]
}
