// Command cflpgen writes random capacitated facility-location instances in the
// OR-Library cap format (orlib.Generate), for scripts/bench-cflp.sh.
//
//	go run ./scripts/cflpgen -m 30 -n 200 -ratio 3 -seed 1 > g30x200-1.txt
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/mineralplan/mineralplan/orlib"
)

func main() {
	m := flag.Int("m", 30, "warehouses")
	n := flag.Int("n", 200, "customers")
	ratio := flag.Float64("ratio", 3, "total capacity over total demand")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *m < 1 || *n < 1 || *m > 1000 || *n > 10000 || !(*ratio >= 1) {
		fmt.Fprintln(os.Stderr, "cflpgen: need 1 ≤ m ≤ 1000, 1 ≤ n ≤ 10000, ratio ≥ 1")
		os.Exit(2)
	}
	if err := orlib.Generate(*m, *n, *ratio, *seed).Write(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "cflpgen:", err)
		os.Exit(1)
	}
}
