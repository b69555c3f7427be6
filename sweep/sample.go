package sweep

import (
	"math"
	"math/rand/v2"
)

// drawSamples returns n samples of the distributions, one row per sample and one
// column per distribution, from a PCG generator seeded with seed. Plain sampling
// draws each value with the distribution's own Rand, sample by sample; with lhs
// the samples form a Latin hypercube: in every column each of the n
// equal-probability strata holds exactly one sample.
func drawSamples(dists []Dist, n int, seed uint64, lhs bool) [][]float64 {
	src := rand.NewPCG(seed, 0x6d696e6572616c70) // "mineralp": a fixed second word
	out := make([][]float64, n)
	if lhs {
		u := latinHypercube(n, len(dists), rand.New(src))
		for i := range out {
			out[i] = make([]float64, len(dists))
			for j, d := range dists {
				out[i][j] = d.Quantile(u[i][j])
			}
		}
		return out
	}
	ds := make([]distribution, len(dists))
	for j, d := range dists {
		ds[j] = d.dist(src)
	}
	for i := range out {
		out[i] = make([]float64, len(dists))
		for j, d := range ds {
			out[i][j] = d.Rand()
		}
	}
	return out
}

// latinHypercube returns n points in (0, 1)^d, one row per point: in each
// dimension the strata [k/n, (k+1)/n), k = 0 … n−1, hold one point each, placed
// uniformly within its stratum, and the strata are paired across dimensions by
// independent random permutations.
func latinHypercube(n, d int, rng *rand.Rand) [][]float64 {
	u := make([][]float64, n)
	for i := range u {
		u[i] = make([]float64, d)
	}
	for j := range d {
		perm := rng.Perm(n)
		for i := range n {
			p := (float64(perm[i]) + rng.Float64()) / float64(n)
			if p == 0 {
				p = math.SmallestNonzeroFloat64 // Quantile(0) is −∞ for normals
			}
			u[i][j] = p
		}
	}
	return u
}

// SampleSets draws n samples of the distributions (see drawSamples: seeded, a
// Latin hypercube with lhs) and returns each as the --set expressions that apply
// it, one per distribution, in the distributions' order. Package stochastic makes
// its generated futures with it, so that they are drawn exactly as a Monte Carlo
// sweep draws its cases.
func SampleSets(dists []Dist, n int, seed uint64, lhs bool) [][]string {
	draws := drawSamples(dists, n, seed, lhs)
	out := make([][]string, n)
	for i, row := range draws {
		for j, d := range dists {
			out[i] = append(out[i], d.Path+"="+d.setValue(row[j]))
		}
	}
	return out
}
