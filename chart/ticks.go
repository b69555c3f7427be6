package chart

import (
	"math"
	"strconv"
	"strings"
)

// NiceTicks returns about n round tick values (1, 2 or 5 × a power of ten
// apart) covering [lo, hi].
func NiceTicks(lo, hi float64, n int) []float64 {
	if hi <= lo {
		hi = lo + 1
	}
	raw := (hi - lo) / float64(max(n, 1))
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	// i × step, computed so that 3 × 0.1 is 0.3 and not 0.30000000000000004.
	at := func(i float64) float64 {
		if mag < 1 {
			return i * (step / mag) / math.Round(1/mag)
		}
		return i * step
	}
	var ticks []float64
	for i := math.Floor(lo / step); at(i) <= hi+step*1e-9; i++ {
		ticks = append(ticks, at(i))
	}
	if ticks[len(ticks)-1] < hi {
		ticks = append(ticks, at(math.Floor(lo/step)+float64(len(ticks))))
	}
	return ticks
}

// TickLabel formats a tick value with the decimals its step needs (50, not
// 50.0, in steps of 50; 0.5 in steps of 0.5) and thousands separated by
// commas.
func TickLabel(v float64, ticks []float64) string {
	d := 0
	if len(ticks) >= 2 {
		step := math.Abs(ticks[1] - ticks[0])
		for ; d < 6; d++ {
			if x := step * math.Pow(10, float64(d)); math.Abs(x-math.Round(x)) < 1e-9*math.Max(1, x) {
				break
			}
		}
	}
	return Grouped(v, d)
}

// Grouped formats v rounded to decimals digits, with thousands separated by
// commas ("12,345.6") and no minus sign on zero.
func Grouped(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// Scale maps data values linearly onto a pixel range.
type Scale struct {
	D0, D1 float64 // data range
	P0, P1 float64 // pixel range (P1 < P0 for a y axis that grows upwards)
}

// At is the pixel position of v.
func (s Scale) At(v float64) float64 {
	if s.D1 == s.D0 {
		return (s.P0 + s.P1) / 2
	}
	return s.P0 + (v-s.D0)/(s.D1-s.D0)*(s.P1-s.P0)
}
