package highs

import (
	"fmt"
	"math"
	"strings"
)

// Inf is the bound value HiGHS treats as infinite: use -Inf for "no lower bound" and
// Inf for "no upper bound". HiGHS also treats any bound of magnitude at least 1e20
// as infinite.
var Inf = math.Inf(1)

// Sense is the direction of optimisation. The zero value is Minimize.
type Sense int

// Objective senses.
const (
	Minimize Sense = iota // minimise the objective (the default)
	Maximize              // maximise the objective
)

// String returns "minimize" or "maximize".
func (s Sense) String() string {
	switch s {
	case Minimize:
		return "minimize"
	case Maximize:
		return "maximize"
	}
	return fmt.Sprintf("Sense(%d)", int(s))
}

// VarType is the integrality of a column. The zero value is Continuous. The values
// mirror HiGHS's kHighsVarType constants.
type VarType int

// Column types.
const (
	Continuous     VarType = iota // any value in [lower, upper]
	Integer                       // an integer in [lower, upper]
	SemiContinuous                // zero, or any value in [lower, upper]
	SemiInteger                   // zero, or an integer in [lower, upper]
)

// String returns "continuous", "integer", "semi_continuous" or "semi_integer".
func (t VarType) String() string {
	switch t {
	case Continuous:
		return "continuous"
	case Integer:
		return "integer"
	case SemiContinuous:
		return "semi_continuous"
	case SemiInteger:
		return "semi_integer"
	}
	return fmt.Sprintf("VarType(%d)", int(t))
}

// Model is a linear or mixed-integer program held as plain Go data:
//
//	optimise  Offset + Σ_j ColCost[j]·x[j]                 (in direction Sense)
//	subject to RowLower[i] ≤ Σ_j A[i][j]·x[j] ≤ RowUpper[i]  for every row i
//	           ColLower[j] ≤ x[j] ≤ ColUpper[j]              for every column j
//	           x[j] integral where ColType[j] is Integer.
//
// The column slices ColCost, ColLower and ColUpper have one entry per column; ColType
// and ColNames have one entry per column or are empty (all continuous; no names).
// RowLower and RowUpper have one entry per row; RowNames has one per row or is empty.
// Use ±Inf for absent bounds and equal bounds for equalities.
//
// The constraint matrix A is stored row-wise in compressed sparse form: the entries
// of row i have column indices AIndex[AStart[i]:AStart[i+1]] and values
// AValue[AStart[i]:AStart[i+1]]. Once the model has a row, len(AStart) == NumRows()+1,
// AStart[0] == 0 and AStart[NumRows()] == len(AIndex) == len(AValue).
//
// AddCol and AddRow maintain these invariants; a Model filled in directly can be
// checked with Validate. The zero Model is an empty minimisation.
type Model struct {
	Sense  Sense
	Offset float64 // constant term of the objective

	ColCost  []float64
	ColLower []float64
	ColUpper []float64
	ColType  []VarType
	ColNames []string

	RowLower []float64
	RowUpper []float64
	RowNames []string

	AStart []int
	AIndex []int
	AValue []float64
}

// AddCol appends a column (variable) with the given name, objective coefficient,
// bounds and type, and returns its index. The column has no matrix entries until
// rows that use it are added. The name may be empty; if other columns are named,
// NewSolver names it c<index> for HiGHS, which rejects empty names. Names written
// to MPS or LP files (Solver.WriteModel) must be unique and free of spaces.
func (m *Model) AddCol(name string, cost, lower, upper float64, t VarType) int {
	j := m.NumCols()
	for len(m.ColType) < j {
		m.ColType = append(m.ColType, Continuous)
	}
	for len(m.ColNames) < j {
		m.ColNames = append(m.ColNames, "")
	}
	m.ColCost = append(m.ColCost, cost)
	m.ColLower = append(m.ColLower, lower)
	m.ColUpper = append(m.ColUpper, upper)
	m.ColType = append(m.ColType, t)
	m.ColNames = append(m.ColNames, name)
	return j
}

// AddRow appends the row lower ≤ Σ_k val[k]·x[idx[k]] ≤ upper with the given name
// and returns its index. An empty name among named rows becomes r<index> in HiGHS. The entries are copied, so idx and val may
// be reused by the caller. AddRow panics if len(idx) != len(val); column indices are
// checked by Validate and NewSolver, not here.
func (m *Model) AddRow(name string, lower, upper float64, idx []int, val []float64) int {
	if len(idx) != len(val) {
		panic(fmt.Sprintf("highs: AddRow %q: len(idx) = %d but len(val) = %d", name, len(idx), len(val)))
	}
	i := m.NumRows()
	for len(m.RowNames) < i {
		m.RowNames = append(m.RowNames, "")
	}
	if len(m.AStart) == 0 {
		m.AStart = append(m.AStart, 0)
	}
	m.RowLower = append(m.RowLower, lower)
	m.RowUpper = append(m.RowUpper, upper)
	m.RowNames = append(m.RowNames, name)
	m.AIndex = append(m.AIndex, idx...)
	m.AValue = append(m.AValue, val...)
	m.AStart = append(m.AStart, len(m.AIndex))
	return i
}

// NumCols returns the number of columns, len(m.ColCost).
func (m *Model) NumCols() int { return len(m.ColCost) }

// ObjectiveValue returns Offset + Σ_j ColCost[j]·x[j], the objective of the column
// values x (one per column).
func (m *Model) ObjectiveValue(x []float64) float64 {
	v := m.Offset
	for j, c := range m.ColCost {
		v += c * x[j]
	}
	return v
}

// NumRows returns the number of rows, len(m.RowLower).
func (m *Model) NumRows() int { return len(m.RowLower) }

// NumNonzeros returns the number of stored matrix entries, len(m.AIndex).
func (m *Model) NumNonzeros() int { return len(m.AIndex) }

// isMIP reports whether any column is not continuous.
func (m *Model) isMIP() bool {
	for _, t := range m.ColType {
		if t != Continuous {
			return true
		}
	}
	return false
}

// Validate checks that the slice lengths agree, that AStart is a valid row-start
// array, that every column index is in range and appears at most once per row, that
// no value is NaN, that costs and matrix values are finite, that every lower bound
// is at most its upper bound (and neither is infinite in the wrong direction), that
// column types are known and that names contain no NUL byte. The error names the
// first offending column or row.
func (m *Model) Validate() error {
	nc, nr, nz := m.NumCols(), m.NumRows(), m.NumNonzeros()
	if m.Sense != Minimize && m.Sense != Maximize {
		return fmt.Errorf("highs: invalid objective sense %d", int(m.Sense))
	}
	if math.IsNaN(m.Offset) || math.IsInf(m.Offset, 0) {
		return fmt.Errorf("highs: objective offset is %v", m.Offset)
	}
	if err := sameLen("ColLower", len(m.ColLower), "ColCost", nc); err != nil {
		return err
	}
	if err := sameLen("ColUpper", len(m.ColUpper), "ColCost", nc); err != nil {
		return err
	}
	if len(m.ColType) != 0 {
		if err := sameLen("ColType", len(m.ColType), "ColCost", nc); err != nil {
			return err
		}
	}
	if len(m.ColNames) != 0 {
		if err := sameLen("ColNames", len(m.ColNames), "ColCost", nc); err != nil {
			return err
		}
	}
	if err := sameLen("RowUpper", len(m.RowUpper), "RowLower", nr); err != nil {
		return err
	}
	if len(m.RowNames) != 0 {
		if err := sameLen("RowNames", len(m.RowNames), "RowLower", nr); err != nil {
			return err
		}
	}
	if err := sameLen("AValue", len(m.AValue), "AIndex", nz); err != nil {
		return err
	}
	switch {
	case nr == 0 && len(m.AStart) <= 1 && nz == 0:
	case len(m.AStart) != nr+1:
		return fmt.Errorf("highs: len(AStart) = %d, want NumRows()+1 = %d", len(m.AStart), nr+1)
	case m.AStart[0] != 0:
		return fmt.Errorf("highs: AStart[0] = %d, want 0", m.AStart[0])
	case m.AStart[nr] != nz:
		return fmt.Errorf("highs: AStart[%d] = %d, want len(AIndex) = %d", nr, m.AStart[nr], nz)
	}
	for j := range nc {
		if err := checkBounds(m.ColLower[j], m.ColUpper[j]); err != nil {
			return fmt.Errorf("highs: %s: %v", m.colLabel(j), err)
		}
		if c := m.ColCost[j]; math.IsNaN(c) || math.IsInf(c, 0) {
			return fmt.Errorf("highs: %s: cost is %v", m.colLabel(j), c)
		}
		if len(m.ColType) != 0 && (m.ColType[j] < Continuous || m.ColType[j] > SemiInteger) {
			return fmt.Errorf("highs: %s: invalid type %d", m.colLabel(j), int(m.ColType[j]))
		}
		if len(m.ColNames) != 0 && strings.IndexByte(m.ColNames[j], 0) >= 0 {
			return fmt.Errorf("highs: %s: name contains a NUL byte", m.colLabel(j))
		}
	}
	// lastRow[j] is 1 + the last row that used column j, to detect duplicates.
	lastRow := make([]int, nc)
	for i := range nr {
		if err := checkBounds(m.RowLower[i], m.RowUpper[i]); err != nil {
			return fmt.Errorf("highs: %s: %v", m.rowLabel(i), err)
		}
		if len(m.RowNames) != 0 && strings.IndexByte(m.RowNames[i], 0) >= 0 {
			return fmt.Errorf("highs: %s: name contains a NUL byte", m.rowLabel(i))
		}
		lo, hi := m.AStart[i], m.AStart[i+1]
		if lo > hi || hi > nz {
			return fmt.Errorf("highs: %s: AStart[%d:%d] = [%d, %d] is not a valid range of AIndex (length %d)",
				m.rowLabel(i), i, i+2, lo, hi, nz)
		}
		for k := lo; k < hi; k++ {
			j := m.AIndex[k]
			if j < 0 || j >= nc {
				return fmt.Errorf("highs: %s: column index %d out of range [0, %d)", m.rowLabel(i), j, nc)
			}
			if lastRow[j] == i+1 {
				return fmt.Errorf("highs: %s: %s appears more than once", m.rowLabel(i), m.colLabel(j))
			}
			lastRow[j] = i + 1
			if v := m.AValue[k]; math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("highs: %s: coefficient of %s is %v", m.rowLabel(i), m.colLabel(j), v)
			}
		}
	}
	return nil
}

func sameLen(name string, n int, ref string, want int) error {
	if n != want {
		return fmt.Errorf("highs: len(%s) = %d, want len(%s) = %d", name, n, ref, want)
	}
	return nil
}

func checkBounds(lower, upper float64) error {
	switch {
	case math.IsNaN(lower) || math.IsNaN(upper):
		return fmt.Errorf("bounds [%v, %v] contain NaN", lower, upper)
	case math.IsInf(lower, 1):
		return fmt.Errorf("lower bound is +Inf")
	case math.IsInf(upper, -1):
		return fmt.Errorf("upper bound is -Inf")
	case lower > upper:
		return fmt.Errorf("lower bound %v > upper bound %v", lower, upper)
	}
	return nil
}

func (m *Model) colLabel(j int) string {
	if j < len(m.ColNames) && m.ColNames[j] != "" {
		return fmt.Sprintf("column %d (%q)", j, m.ColNames[j])
	}
	return fmt.Sprintf("column %d", j)
}

func (m *Model) rowLabel(i int) string {
	if i < len(m.RowNames) && m.RowNames[i] != "" {
		return fmt.Sprintf("row %d (%q)", i, m.RowNames[i])
	}
	return fmt.Sprintf("row %d", i)
}
