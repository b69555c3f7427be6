package highs

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// WriteMPS writes m in free MPS format with every number in the shortest form
// that reads back as the same float64 (strconv's 'g', -1), so another solver —
// or HiGHS's command line — reads exactly the model this package passes to
// HiGHS. (HiGHS's own writer, Solver.WriteModel, rounds numbers to about ten
// significant digits, which can change a MIP's search path.)
//
// Rows become L, G or E rows, a row with two different finite bounds an L row
// with a RANGES entry, a free row an L row with an infinite right-hand side.
// Every column gets explicit bounds, integer columns between INTORG/INTEND
// markers. The objective's constant is written as the objective row's
// right-hand side, negated, as MPS readers expect. Names must be unique and
// free of spaces; unnamed columns and rows are written as c<index> and r<index>.
// Semi-continuous and semi-integer columns are refused.
func (m *Model) WriteMPS(w io.Writer, name string) error {
	if err := m.Validate(); err != nil {
		return err
	}
	colName := func(j int) string {
		if j < len(m.ColNames) && m.ColNames[j] != "" {
			return m.ColNames[j]
		}
		return "c" + strconv.Itoa(j)
	}
	rowName := func(i int) string {
		if i < len(m.RowNames) && m.RowNames[i] != "" {
			return m.RowNames[i]
		}
		return "r" + strconv.Itoa(i)
	}
	const obj = "OBJ" // the objective row's name
	for j := range m.NumCols() {
		if colName(j) == obj {
			return errors.New("highs: WriteMPS: a column is named OBJ, the objective row's name")
		}
		if strings.ContainsAny(colName(j), " \t\n") {
			return fmt.Errorf("highs: WriteMPS: column %d's name %q has white space", j, colName(j))
		}
		if j < len(m.ColType) && (m.ColType[j] == SemiContinuous || m.ColType[j] == SemiInteger) {
			return fmt.Errorf("highs: WriteMPS: column %q is %s, which this writer does not support", colName(j), m.ColType[j])
		}
	}
	for i := range m.NumRows() {
		if strings.ContainsAny(rowName(i), " \t\n") {
			return fmt.Errorf("highs: WriteMPS: row %d's name %q has white space", i, rowName(i))
		}
	}
	num := func(v float64) string {
		switch {
		case math.IsInf(v, 1) || v >= 1e20:
			return "Inf"
		case math.IsInf(v, -1) || v <= -1e20:
			return "-Inf"
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	b := bufio.NewWriter(w)
	if name == "" {
		name = "model"
	}
	fmt.Fprintf(b, "NAME %s\n", strings.Join(strings.Fields(name), "_"))
	if m.Sense == Maximize {
		b.WriteString("OBJSENSE\n    MAX\n")
	}
	b.WriteString("ROWS\n N  " + obj + "\n")
	finite := func(v float64) bool { return !math.IsInf(v, 0) && math.Abs(v) < 1e20 }
	for i := range m.NumRows() {
		lo, up := m.RowLower[i], m.RowUpper[i]
		kind := "L"
		switch {
		case finite(lo) && finite(up) && lo == up:
			kind = "E"
		case finite(lo) && !finite(up):
			kind = "G"
		}
		fmt.Fprintf(b, " %s  %s\n", kind, rowName(i))
	}

	// Columns: the matrix is row-wise, MPS wants it by column.
	count := make([]int, m.NumCols()+1)
	for _, j := range m.AIndex {
		count[j+1]++
	}
	for j := range m.NumCols() {
		count[j+1] += count[j]
	}
	start := append([]int(nil), count...)
	rowOf := make([]int, len(m.AIndex))
	valOf := make([]float64, len(m.AIndex))
	for i := range m.NumRows() {
		for k := m.AStart[i]; k < m.AStart[i+1]; k++ {
			j := m.AIndex[k]
			rowOf[count[j]], valOf[count[j]] = i, m.AValue[k]
			count[j]++
		}
	}
	isInt := func(j int) bool { return j < len(m.ColType) && m.ColType[j] == Integer }
	b.WriteString("COLUMNS\n")
	inInt, marker := false, 0
	for j := range m.NumCols() {
		if isInt(j) != inInt {
			kind := "'INTEND'"
			if !inInt {
				kind = "'INTORG'"
			}
			fmt.Fprintf(b, "    MARKER%d  'MARKER'  %s\n", marker, kind)
			marker++
			inInt = !inInt
		}
		c := colName(j)
		if m.ColCost[j] != 0 {
			fmt.Fprintf(b, "    %s  %s  %s\n", c, obj, num(m.ColCost[j]))
		}
		for k := start[j]; k < start[j+1]; k++ {
			fmt.Fprintf(b, "    %s  %s  %s\n", c, rowName(rowOf[k]), num(valOf[k]))
		}
		if m.ColCost[j] == 0 && start[j] == start[j+1] {
			// A column in no row and not in the objective is still declared.
			fmt.Fprintf(b, "    %s  %s  0\n", c, obj)
		}
	}
	if inInt {
		fmt.Fprintf(b, "    MARKER%d  'MARKER'  'INTEND'\n", marker)
	}

	b.WriteString("RHS\n")
	if m.Offset != 0 {
		fmt.Fprintf(b, "    RHS  %s  %s\n", obj, num(-m.Offset))
	}
	var ranges []string
	for i := range m.NumRows() {
		lo, up := m.RowLower[i], m.RowUpper[i]
		var rhs float64
		switch {
		case finite(lo) && finite(up):
			if lo == up {
				rhs = lo
			} else {
				rhs = up
				ranges = append(ranges, fmt.Sprintf("    RNG  %s  %s\n", rowName(i), num(up-lo)))
			}
		case finite(up):
			rhs = up
		case finite(lo):
			rhs = lo
		default:
			fmt.Fprintf(b, "    RHS  %s  Inf\n", rowName(i))
			continue
		}
		if rhs != 0 {
			fmt.Fprintf(b, "    RHS  %s  %s\n", rowName(i), num(rhs))
		}
	}
	if len(ranges) > 0 {
		b.WriteString("RANGES\n")
		for _, r := range ranges {
			b.WriteString(r)
		}
	}

	b.WriteString("BOUNDS\n")
	for j := range m.NumCols() {
		c, lo, up := colName(j), m.ColLower[j], m.ColUpper[j]
		switch {
		case finite(lo) && finite(up) && lo == up:
			fmt.Fprintf(b, " FX BND  %s  %s\n", c, num(lo))
			continue
		case !finite(lo) && !finite(up):
			fmt.Fprintf(b, " FR BND  %s\n", c)
			continue
		case !finite(lo):
			fmt.Fprintf(b, " MI BND  %s\n", c)
		default:
			fmt.Fprintf(b, " LO BND  %s  %s\n", c, num(lo))
		}
		if finite(up) {
			fmt.Fprintf(b, " UP BND  %s  %s\n", c, num(up))
		} else {
			fmt.Fprintf(b, " PL BND  %s\n", c)
		}
	}
	b.WriteString("ENDATA\n")
	return b.Flush()
}
