package results

import (
	"math"
	"strconv"
	"strings"
)

// Decimals used for numbers in the data tables (CSV) by kind of quantity.
const (
	moneyDecimals    = 2 // USD: cents
	quantityDecimals = 6 // t or kg: a gram of a material in t
	shareDecimals    = 6 // shares in [0, 1]
	rateDecimals     = 4 // USD per unit
)

// num formats v with at most decimals digits after the point, without trailing
// zeros, and never as "-0": the one number format of the data tables.
func num(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// money formats an amount of USD for a data table.
func money(v float64) string { return num(v, moneyDecimals) }

// qty formats a quantity of material (t or kg) for a data table.
func qty(v float64) string { return num(v, quantityDecimals) }

// share formats a share in [0, 1] for a data table.
func share(v float64) string { return num(v, shareDecimals) }

// optional formats *v with f, or an empty cell when v is nil (not defined).
func optional(v *float64, f func(float64) string) string {
	if v == nil {
		return ""
	}
	return f(*v)
}

// optionalText formats *v with f for people, or "–" when v is nil.
func optionalText(v *float64, f func(float64) string) string {
	if v == nil {
		return "–"
	}
	return f(*v)
}

// integer formats an int for a data table.
func integer(v int) string { return strconv.Itoa(v) }

// yearCell formats a year, empty when it is 0 (not applicable).
func yearCell(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// grouped formats v for people: rounded to decimals digits, with thousands
// separated by commas ("12,345.6").
func grouped(v float64, decimals int) string {
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

// usdM formats USD for people in millions: "$123.4M" (one decimal), "$0.25M"
// below one million, "$0" for nothing.
func usdM(v float64) string {
	if v == 0 {
		return "$0"
	}
	m := v / 1e6
	if math.Abs(m) < 1 && m != 0 {
		return dollar(grouped(m, 2)) + "M"
	}
	return dollar(grouped(m, 1)) + "M"
}

// dollar puts a dollar sign after a leading minus sign.
func dollar(s string) string {
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		return "-$" + rest
	}
	return "$" + s
}

// percent formats a share in [0, 1] as a percentage: whole from 10% ("65%"),
// one decimal from 1% ("1.5%"), two significant digits below ("0.01%").
func percent(v float64) string {
	p := v * 100
	switch a := math.Abs(p); {
	case a >= 10 || a == 0:
		return grouped(p, 0) + "%"
	case a >= 1:
		return grouped(p, 1) + "%"
	}
	return strconv.FormatFloat(p, 'g', 2, 64) + "%"
}

// human formats a quantity for people with a precision that suits its size.
func human(v float64) string {
	switch a := math.Abs(v); {
	case a >= 100:
		return grouped(v, 0)
	case a >= 1:
		return grouped(v, 1)
	case a == 0:
		return "0"
	default:
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
}
