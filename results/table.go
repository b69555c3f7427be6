package results

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"slices"
	"strings"
	"unicode/utf8"
)

// table is a header and rows of cells: a data table for CSV, or a display
// table for the reports.
type table struct {
	name   string   // file name for data tables, caption for display tables
	header []string // column names; data tables put units in them
	rows   [][]string
	// right marks the columns to align right in reports (numbers).
	right []bool
}

// csvBytes encodes the table as CSV with a header row and LF line ends.
func (t table) csvBytes() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(t.header)
	w.WriteAll(t.rows) // a bytes.Buffer cannot fail; WriteAll flushes
	return b.Bytes()
}

// sortedBy returns a sorted copy of xs; less is a three-way comparison.
func sortedBy[T any](xs []T, compare func(a, b T) int) []T {
	out := slices.Clone(xs)
	slices.SortStableFunc(out, compare)
	return out
}

// compareKeys compares two rows key by key: the first non-zero comparison wins.
func compareKeys(cs ...int) int {
	for _, c := range cs {
		if c != 0 {
			return c
		}
	}
	return 0
}

// cmpStr and cmpInt are cmp.Compare for strings and ints, named for brevity in
// sort keys.
func cmpStr(a, b string) int { return cmp.Compare(a, b) }
func cmpInt(a, b int) int    { return cmp.Compare(a, b) }

// writeText writes the table as plain text columns two spaces apart, numbers
// aligned right, with no trailing spaces.
func (t table) writeText(b *strings.Builder) {
	widths := make([]int, len(t.header))
	for _, row := range append([][]string{t.header}, t.rows...) {
		for i, c := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	for _, row := range append([][]string{t.header}, t.rows...) {
		var line strings.Builder
		for i, c := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if i > 0 {
				line.WriteString("  ")
			}
			if i < len(t.right) && t.right[i] {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}
