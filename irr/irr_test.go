package irr

import (
	"math"
	"testing"
)

func TestKnownCashFlows(t *testing.T) {
	for _, c := range []struct {
		name   string
		cf     []float64
		status Status
		roots  []float64
	}{
		{"one year at 10%", []float64{-100, 110}, Unique, []float64{0.1}},
		{"two years at 10%", []float64{-100, 0, 121}, Unique, []float64{0.1}},
		{"break-even", []float64{-100, 100}, Unique, []float64{0}},
		{"half lost", []float64{-100, 50}, Unique, []float64{-0.5}},
		// −4000 + 2000x + 4000x² = 0, x = 1/(1+r): x = (√68 − 2)/8 (Brealey, Myers
		// and Allen's project C).
		{"quadratic", []float64{-4000, 2000, 4000}, Unique, []float64{8/(math.Sqrt(68)-2) - 1}},
		// −100 + 230x − 132x² = (1.1x − 1)(1.2x − 1)·(−100): 10 % and 20 %.
		{"two rates", []float64{-100, 230, -132}, NotUnique, []float64{0.1, 0.2}},
		// Lorie and Savage's pump: 25 % and 400 %.
		{"Lorie–Savage pump", []float64{-1600, 10000, -10000}, NotUnique, []float64{0.25, 4}},
		{"all positive", []float64{100, 50, 20}, NoSignChange, nil},
		{"all negative", []float64{-100, -50}, NoSignChange, nil},
		{"all zero", []float64{0, 0, 0}, NoSignChange, nil},
		// −100 + 1 paid back: a rate below −99 % a year.
		{"nearly all lost", []float64{-100, 0.5}, NotFound, nil},
		// A five-year annuity of 250 for 1,000: 7.93 %, the textbook figure; by
		// Descartes unique.
		{"annuity", []float64{-1000, 250, 250, 250, 250, 250}, Unique, []float64{0.0793083}},
		// Capex twice, then income: the cash flows change sign three times, the
		// running sums once (−100, −60, −110, −50, 10, 70): one rate above 0.
		{"staged capex", []float64{-100, 40, -50, 60, 60, 60}, Unique, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := Find(c.cf)
			if res.Status != c.status {
				t.Fatalf("status %s (roots %v, %d sign changes); want %s", res.Status, res.Roots, res.SignChanges, c.status)
			}
			if c.roots != nil {
				if len(res.Roots) != len(c.roots) {
					t.Fatalf("roots %v; want %v", res.Roots, c.roots)
				}
				for i, r := range c.roots {
					if math.Abs(res.Roots[i]-r) > 1e-6 {
						t.Errorf("root %d: %.9f; want %.9f", i, res.Roots[i], r)
					}
				}
			}
			for _, r := range res.Roots {
				if v := NPV(c.cf, r); math.Abs(v) > 1e-6*sumAbs(c.cf) {
					t.Errorf("NPV at root %v is %v", r, v)
				}
			}
			rate, ok := res.Rate()
			if ok != (c.status == Unique) || (ok && rate != res.Roots[0]) {
				t.Errorf("Rate() = %v, %v with status %s", rate, ok, res.Status)
			}
		})
	}
}

// TestStagedCapexRate checks the staged-capex rate against its definition.
func TestStagedCapexRate(t *testing.T) {
	cf := []float64{-100, 40, -50, 60, 60, 60}
	r, ok := Find(cf).Rate()
	if !ok || r <= 0 || math.Abs(NPV(cf, r)) > 1e-8 {
		t.Fatalf("rate %v ok %v; want r > 0 with NPV 0", r, ok)
	}
	if NPV(cf, r-1e-4) <= 0 || NPV(cf, r+1e-4) >= 0 {
		t.Errorf("NPV does not fall through zero at %v", r)
	}
}

func TestSignChanges(t *testing.T) {
	for _, c := range []struct {
		cf   []float64
		want int
	}{{[]float64{-1, 0, 2}, 1}, {[]float64{-1, 2, -3, 4}, 3}, {[]float64{0, 0}, 0}, {[]float64{5, 0, 5}, 0}} {
		if got := signChanges(c.cf); got != c.want {
			t.Errorf("signChanges(%v) = %d; want %d", c.cf, got, c.want)
		}
	}
}

func sumAbs(cf []float64) float64 {
	s := 0.0
	for _, c := range cf {
		s += math.Abs(c)
	}
	return s
}
