package results

import (
	"encoding/json"
	"math"
	"slices"
	"testing"
)

func TestNum(t *testing.T) {
	for _, c := range []struct {
		v        float64
		decimals int
		want     string
	}{
		{0, 2, "0"},
		{-0.001, 2, "0"},
		{1234.5, 2, "1234.5"},
		{1234.5600000000002, 2, "1234.56"},
		{1e-9, 6, "0"},
		{0.0000006, 6, "0.000001"},
		{123456789012, 2, "123456789012"},
		{-3.25, 1, "-3.2"},
		{math.Inf(1), 2, "+Inf"},
		{math.NaN(), 2, "NaN"},
	} {
		if got := num(c.v, c.decimals); got != c.want {
			t.Errorf("num(%v, %d) = %q, want %q", c.v, c.decimals, got, c.want)
		}
	}
}

func TestPeopleFormats(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{grouped(1234567.891, 1), "1,234,567.9"},
		{grouped(-999.5, 0), "-1,000"},
		{grouped(-0.01, 0), "0"},
		{grouped(12, 0), "12"},
		{usdM(123.45e6), "$123.5M"},
		{usdM(-51e6), "-$51.0M"},
		{usdM(250000), "$0.25M"},
		{percent(0.65), "65%"},
		{percent(0.015), "1.5%"},
		{percent(0), "0%"},
		{human(12345.6), "12,346"},
		{human(2.25), "2.2"},
		{human(0.00123), "0.00123"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestFloatJSON(t *testing.T) {
	b, err := json.Marshal([]Float{1.5, Float(math.Inf(1)), Float(math.NaN())})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "[1.5,null,null]" {
		t.Errorf("marshal = %s", b)
	}
	var back []Float
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back[0] != 1.5 || !math.IsNaN(float64(back[1])) {
		t.Errorf("unmarshal = %v", back)
	}
}

func TestNiceTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		n      int
		want   []float64
	}{
		{0, 97, 5, []float64{0, 20, 40, 60, 80, 100}},
		{-51, 180, 5, []float64{-100, -50, 0, 50, 100, 150, 200}},
		{0, 0, 3, []float64{0, 0.5, 1}},
		{0, 0.3, 3, []float64{0, 0.1, 0.2, 0.3}},
	} {
		if got := niceTicks(c.lo, c.hi, c.n); !slices.Equal(got, c.want) {
			t.Errorf("niceTicks(%v, %v, %d) = %v, want %v", c.lo, c.hi, c.n, got, c.want)
		}
	}
}

func TestTickLabel(t *testing.T) {
	for _, c := range []struct {
		v     float64
		ticks []float64
		want  string
	}{
		{50, []float64{0, 50, 100}, "50"},
		{1500, []float64{0, 500, 1000, 1500}, "1,500"},
		{0.5, []float64{0, 0.5, 1}, "0.5"},
		{0.25, []float64{0, 0.25, 0.5}, "0.25"},
		{-100, []float64{-100, 0, 100}, "-100"},
	} {
		if got := tickLabel(c.v, c.ticks); got != c.want {
			t.Errorf("tickLabel(%v, %v) = %q, want %q", c.v, c.ticks, got, c.want)
		}
	}
}

func TestClipSegment(t *testing.T) {
	for _, c := range []struct {
		in   [4]float64
		want [4]float64
		ok   bool
	}{
		{[4]float64{10, 10, 50, 50}, [4]float64{10, 10, 50, 50}, true},
		{[4]float64{50, 50, 150, 50}, [4]float64{50, 50, 100, 50}, true},
		{[4]float64{-50, 50, 150, 50}, [4]float64{0, 50, 100, 50}, true},
		{[4]float64{150, 10, 200, 90}, [4]float64{}, false},
	} {
		x1, y1, x2, y2, ok := clipSegment(c.in[0], c.in[1], c.in[2], c.in[3], 100, 100)
		if ok != c.ok || (ok && [4]float64{x1, y1, x2, y2} != c.want) {
			t.Errorf("clipSegment(%v) = %v %v %v %v %v, want %v %v", c.in, x1, y1, x2, y2, ok, c.want, c.ok)
		}
	}
}

func TestLetterCode(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA"} {
		if got := letterCode(i); got != want {
			t.Errorf("letterCode(%d) = %q, want %q", i, got, want)
		}
	}
}
