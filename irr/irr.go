// Package irr finds the internal rates of return of a series of yearly cash
// flows: the rates r > −1 at which their net present value is zero. It brackets
// every sign change of the NPV on a fine grid of rates and narrows each bracket by
// bisection, so it never reports a rate it has not bracketed, and it says when
// the rate is not unique or does not exist.
package irr

import (
	"math"
	"slices"
)

// Status says what a search found.
type Status string

const (
	// Unique: one rate, and no other can exist in r > −1 because the cash
	// flows change sign once (Descartes' rule of signs on the NPV as a
	// polynomial in 1/(1+r)); or one rate r > 0 found, no other in MinRate … 0,
	// and the running sums of the cash flows change sign once with a non-zero
	// total, so no other r > 0 exists (Norström's criterion).
	Unique Status = "unique"
	// OneFound: one rate found in the range, but the cash flows change sign
	// more than once and neither rule excludes others (outside the range, or
	// touching zero without crossing it).
	OneFound Status = "one_found"
	// NotUnique: several rates make the NPV zero; Roots lists them.
	NotUnique Status = "not_unique"
	// NoSignChange: the cash flows never change sign (or are all zero), so no
	// rate makes their NPV zero.
	NoSignChange Status = "no_sign_change"
	// NotFound: the cash flows change sign but no root lies in the searched
	// range MinRate … MaxRate (or a root touches zero without crossing it).
	NotFound Status = "not_found"
)

// The searched range of rates, per year.
const (
	MinRate = -0.99
	MaxRate = 100.0
)

// Result is the outcome of a search. Roots are sorted, each within 1e-12 of a
// rate where the NPV changes sign (or is exactly zero).
type Result struct {
	Status      Status
	Roots       []float64
	SignChanges int // sign changes of the cash flows, zeros skipped
}

// Rate is the IRR when it is unique; ok is false otherwise.
func (r Result) Rate() (rate float64, ok bool) {
	if r.Status == Unique {
		return r.Roots[0], true
	}
	return 0, false
}

// NPV is Σ_t cf[t] (1+rate)^−t, cf[0] undiscounted.
func NPV(cf []float64, rate float64) float64 {
	x := 1 / (1 + rate)
	v := 0.0
	for t := len(cf) - 1; t >= 0; t-- {
		v = v*x + cf[t]
	}
	return v
}

// grid is the rates at which the NPV is sampled: steps of 0.001 from MinRate to
// 1, then steps growing by 2 % to MaxRate.
var grid = func() []float64 {
	var g []float64
	for k := 0; ; k++ {
		r := MinRate + 0.001*float64(k)
		if r > 1 {
			break
		}
		g = append(g, r)
	}
	for r := 1.0; r < MaxRate; r *= 1.02 {
		g = append(g, r)
	}
	return append(g, MaxRate)
}()

// Find searches cf (cf[t] is the cash flow of year t) for its internal rates of
// return.
func Find(cf []float64) Result {
	res := Result{SignChanges: signChanges(cf)}
	if res.SignChanges == 0 {
		res.Status = NoSignChange
		return res
	}
	prevR, prevV := grid[0], NPV(cf, grid[0])
	if prevV == 0 {
		res.Roots = append(res.Roots, prevR)
	}
	for _, r := range grid[1:] {
		v := NPV(cf, r)
		switch {
		case v == 0:
			res.Roots = append(res.Roots, r)
		case prevV != 0 && (v > 0) != (prevV > 0):
			res.Roots = append(res.Roots, bisect(cf, prevR, r, prevV))
		}
		prevR, prevV = r, v
	}
	res.Roots = slices.Compact(res.Roots)
	switch {
	case len(res.Roots) == 0:
		res.Status = NotFound
	case len(res.Roots) == 1 && res.SignChanges == 1:
		res.Status = Unique
	case len(res.Roots) == 1 && res.Roots[0] > 0 && norstrom(cf):
		res.Status = Unique
	case len(res.Roots) == 1:
		res.Status = OneFound
	default:
		res.Status = NotUnique
	}
	return res
}

// bisect narrows a bracket [lo, hi] of a sign change (NPV(lo) = vlo ≠ 0) to
// 1e-12.
func bisect(cf []float64, lo, hi, vlo float64) float64 {
	for hi-lo > 1e-12 {
		mid := lo + (hi-lo)/2
		if mid == lo || mid == hi {
			break
		}
		v := NPV(cf, mid)
		if v == 0 {
			return mid
		}
		if (v > 0) == (vlo > 0) {
			lo, vlo = mid, v
		} else {
			hi = mid
		}
	}
	return lo + (hi-lo)/2
}

// norstrom reports whether the running sums S_t = cf[0] + … + cf[t] start
// negative, change sign exactly once (zeros skipped) and end non-zero: then the
// NPV has exactly one root r > 0.
func norstrom(cf []float64) bool {
	sums := make([]float64, len(cf))
	s := 0.0
	for t, c := range cf {
		s += c
		sums[t] = s
	}
	first := 0.0
	for _, v := range sums {
		if v != 0 {
			first = v
			break
		}
	}
	return first < 0 && s != 0 && signChanges(sums) == 1
}

// signChanges counts the sign changes along cf, zeros skipped.
func signChanges(cf []float64) int {
	n, last := 0, 0.0
	for _, c := range cf {
		if c == 0 || math.IsNaN(c) {
			continue
		}
		if last != 0 && (c > 0) != (last > 0) {
			n++
		}
		last = c
	}
	return n
}
