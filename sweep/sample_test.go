package sweep

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/stat"
)

func mustDist(t *testing.T, flag string) Dist {
	t.Helper()
	d, err := ParseDist(flag)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestLatinHypercubeStrata checks that every stratum of every dimension holds
// exactly one point.
func TestLatinHypercubeStrata(t *testing.T) {
	for _, n := range []int{1, 2, 7, 100} {
		u := latinHypercube(n, 3, rand.New(rand.NewPCG(1, 2)))
		for j := range 3 {
			count := make([]int, n)
			for i := range n {
				if u[i][j] <= 0 || u[i][j] >= 1 {
					t.Fatalf("n=%d: point %v outside (0, 1)", n, u[i][j])
				}
				count[int(u[i][j]*float64(n))]++
			}
			for k, c := range count {
				if c != 1 {
					t.Errorf("n=%d dimension %d: stratum %d holds %d points; want 1", n, j, k, c)
				}
			}
		}
	}
}

// TestLHSSamplesStratified checks the strata after the quantile transform: the
// CDF of the samples of each distribution puts one sample in each stratum.
func TestLHSSamplesStratified(t *testing.T) {
	dists := []Dist{
		mustDist(t, "a=triangular(*0.8,*1,*1.3)"),
		mustDist(t, "b=normal(100,15)"),
		mustDist(t, "c=lognormal(*0,0.2)"),
		mustDist(t, "d=uniform(5,6)"),
	}
	const n = 50
	xs := drawSamples(dists, n, 42, true)
	for j, d := range dists {
		count := make([]int, n)
		for i := range n {
			p := cdf(d, xs[i][j])
			count[min(int(p*n), n-1)]++
		}
		for k, c := range count {
			if c != 1 {
				t.Errorf("%s: stratum %d holds %d samples; want 1", d.Spec, k, c)
			}
		}
	}
}

// cdf inverts Quantile by bisection (enough for the test).
func cdf(d Dist, x float64) float64 {
	lo, hi := 0.0, 1.0
	for range 100 {
		mid := (lo + hi) / 2
		if d.Quantile(mid) < x {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

func TestSamplesDeterministic(t *testing.T) {
	dists := []Dist{mustDist(t, "a=normal(0,1)"), mustDist(t, "b=uniform(*0.5,*1.5)")}
	for _, lhs := range []bool{false, true} {
		a := drawSamples(dists, 20, 7, lhs)
		b := drawSamples(dists, 20, 7, lhs)
		c := drawSamples(dists, 20, 8, lhs)
		if diff := cmp.Diff(a, b); diff != "" {
			t.Errorf("lhs=%v: same seed, different samples:\n%s", lhs, diff)
		}
		if cmp.Equal(a, c) {
			t.Errorf("lhs=%v: seeds 7 and 8 gave the same samples", lhs)
		}
	}
}

// TestPlainSamplesMoments checks that plain samples follow their distributions.
func TestPlainSamplesMoments(t *testing.T) {
	dists := []Dist{mustDist(t, "a=normal(10,2)"), mustDist(t, "b=triangular(0,1,5)"), mustDist(t, "c=uniform(-1,1)")}
	means := []float64{10, 2, 0}
	sds := []float64{2, math.Sqrt((0 + 1 + 25 - 0 - 0 - 5) / 18.0), math.Sqrt(4.0 / 12)}
	const n = 20000
	xs := drawSamples(dists, n, 1, false)
	for j := range dists {
		col := make([]float64, n)
		for i := range n {
			col[i] = xs[i][j]
		}
		m, s := stat.MeanStdDev(col, nil)
		if math.Abs(m-means[j]) > 4*sds[j]/math.Sqrt(n) || math.Abs(s-sds[j]) > 0.03*sds[j] {
			t.Errorf("%s: mean %.4f sd %.4f; want %.4f and %.4f", dists[j].Spec, m, s, means[j], sds[j])
		}
	}
}
