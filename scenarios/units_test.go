package scenarios

import (
	"math"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestParseMoney(t *testing.T) {
	for _, c := range []struct {
		in       string
		amount   float64
		currency string
	}{
		{"1.5e6", 1.5e6, "USD"},
		{"12.5 M USD", 12.5e6, "USD"},
		{"USD 3e6", 3e6, "USD"},
		{"$2bn", 2e9, "USD"},
		{"450 crore INR", 450e7, "INR"},
		{"450 cr INR", 450e7, "INR"},
		{"₹75 lakh", 75e5, "INR"},
		{"Rs 1,000", 1000, "INR"},
		{"3.5k", 3500, "USD"},
		{"12M", 12e6, "USD"},
		{"2 thousand USD", 2000, "USD"},
	} {
		m, err := ParseMoney(c.in)
		if err != nil {
			t.Errorf("ParseMoney(%q): %v", c.in, err)
			continue
		}
		if math.Abs(m.Amount-c.amount) > 1e-9*c.amount || m.Currency != c.currency {
			t.Errorf("ParseMoney(%q) = %v %s, want %v %s", c.in, m.Amount, m.Currency, c.amount, c.currency)
		}
	}
}

func TestParseMoneyErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "empty amount"},
		{"50 lakh USD", "lakh and crore go with INR"},
		{"2000 crore", "names no currency"},
		{"12 zillion USD", `unknown scale "zillion"`},
		{"twelve USD", "cannot read the number"},
		{"1 2 3 USD", "cannot read"},
		{"nan", "not a finite amount"},
		{"1e305 crore INR", "not a finite amount"},
	} {
		_, err := ParseMoney(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseMoney(%q) error = %v, want one containing %q", c.in, err, c.want)
		}
	}
}

func TestMoneyConvert(t *testing.T) {
	m, err := ParseMoney("850 crore INR")
	if err != nil {
		t.Fatal(err)
	}
	m.Convert(85)
	if m.USD != 1e8 {
		t.Errorf("850 crore INR at 85 INR/USD = %v USD, want 1e8", m.USD)
	}
	u := USDAmount(7)
	u.Convert(85)
	if u.USD != 7 {
		t.Errorf("7 USD converts to %v", u.USD)
	}
}

func TestSeriesAt(t *testing.T) {
	var s Series
	if err := yaml.Unmarshal([]byte("{2030: 250, 2026: 100}"), &s); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		year int
		want float64
	}{
		{2020, 100}, {2026, 100}, {2027, 137.5}, {2028, 175}, {2030, 250}, {2040, 250},
	} {
		if got := s.At(c.year); got != c.want {
			t.Errorf("At(%d) = %v, want %v", c.year, got, c.want)
		}
	}
	if s.IsConstant() {
		t.Error("a two-year series is not constant")
	}
	if c := Constant(3); c.At(1999) != 3 || c.At(2100) != 3 || !c.IsConstant() {
		t.Error("Constant(3) is not 3 everywhere")
	}
	if (Series{}).At(2030) != 0 {
		t.Error("the zero Series is not 0")
	}
}

func TestMoneySeriesAt(t *testing.T) {
	var s MoneySeries
	if err := yaml.Unmarshal([]byte(`{2026: "85 crore INR", 2028: 3e6}`), &s); err != nil {
		t.Fatal(err)
	}
	for i := range s.Points {
		s.Points[i].Value.Convert(85)
	}
	if got := s.At(2026); got != 1e7 {
		t.Errorf("At(2026) = %v, want 1e7", got)
	}
	if got := s.At(2027); got != 6.5e6 {
		t.Errorf("At(2027) = %v, want 6.5e6 (halfway from 1e7 to 3e6)", got)
	}
	if got := ConstantMoney(USDAmount(4)).At(2050); got != 4 {
		t.Errorf("ConstantMoney(4).At(2050) = %v", got)
	}
}

func TestSeriesErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"{}", "at least one year"},
		{"{twenty: 3}", `"twenty" is not a year`},
		{"{2030: 1, 2030: 2}", "year 2030 is given twice"},
		{"{2030: abc}", "expected a number"},
		{"[1, 2]", "found a list"},
		{".inf", "not a finite number"},
	} {
		var s Series
		err := yaml.Unmarshal([]byte(c.in), &s)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Series from %q: error %v, want one containing %q", c.in, err, c.want)
		}
	}
}

func TestFormatFloat(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {300e6, "300000000"}, {0.08, "0.08"}, {1e-4, "0.0001"}, {141176470.5882353, "141176470.5882353"},
		{1e20, "1e+20"}, {2.5e-9, "2.5e-09"}, {-5, "-5"},
	} {
		if got := formatFloat(c.v); got != c.want {
			t.Errorf("formatFloat(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}
