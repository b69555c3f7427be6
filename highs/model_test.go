package highs

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestAddColAddRow(t *testing.T) {
	var m Model
	x := m.AddCol("x", 1, 0, 10, Continuous)
	y := m.AddCol("y", 2, -Inf, Inf, Integer)
	idx, val := []int{x, y}, []float64{3, 4}
	r0 := m.AddRow("both", -Inf, 12, idx, val)
	idx[0], val[0] = 99, 99 // AddRow copied them
	r1 := m.AddRow("", 1, 1, []int{y}, []float64{1})
	r2 := m.AddRow("none", 0, Inf, nil, nil)
	if x != 0 || y != 1 || r0 != 0 || r1 != 1 || r2 != 2 {
		t.Errorf("indices %d %d %d %d %d, want 0 1 0 1 2", x, y, r0, r1, r2)
	}
	if m.NumCols() != 2 || m.NumRows() != 3 || m.NumNonzeros() != 3 {
		t.Errorf("size %d×%d with %d nonzeros, want 3×2 with 3", m.NumRows(), m.NumCols(), m.NumNonzeros())
	}
	if !slices.Equal(m.AStart, []int{0, 2, 3, 3}) || !slices.Equal(m.AIndex, []int{0, 1, 1}) ||
		!slices.Equal(m.AValue, []float64{3, 4, 1}) {
		t.Errorf("matrix %v %v %v", m.AStart, m.AIndex, m.AValue)
	}
	if !slices.Equal(m.ColType, []VarType{Continuous, Integer}) || !slices.Equal(m.RowNames, []string{"both", "", "none"}) {
		t.Errorf("ColType %v, RowNames %q", m.ColType, m.RowNames)
	}
	m.Offset = 0.5
	if v := m.ObjectiveValue([]float64{3, -2}); v != 0.5+3-4 {
		t.Errorf("ObjectiveValue = %v, want -0.5", v)
	}
	if err := m.Validate(); err != nil {
		t.Error(err)
	}
}

// A model whose column types and names were left empty gets them filled in when a
// column is added.
func TestAddColPadsOptionalSlices(t *testing.T) {
	m := Model{ColCost: []float64{1}, ColLower: []float64{0}, ColUpper: []float64{1}}
	m.AddCol("b", 1, 0, 1, Integer)
	if !slices.Equal(m.ColType, []VarType{Continuous, Integer}) || !slices.Equal(m.ColNames, []string{"", "b"}) {
		t.Errorf("ColType %v, ColNames %q", m.ColType, m.ColNames)
	}
	if err := m.Validate(); err != nil {
		t.Error(err)
	}
}

func TestAddRowLengthMismatchPanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "len(idx) = 2 but len(val) = 1") {
			t.Errorf("recovered %v", r)
		}
	}()
	var m Model
	m.AddRow("r", 0, 1, []int{0, 1}, []float64{1})
}

func TestValidate(t *testing.T) {
	// base is valid: two columns, two rows.
	base := func() *Model {
		var m Model
		m.AddCol("x", 1, 0, 1, Continuous)
		m.AddCol("y", 1, 0, 1, Integer)
		m.AddRow("r0", 0, 1, []int{0, 1}, []float64{1, 1})
		m.AddRow("r1", -Inf, 1, []int{1}, []float64{2})
		return &m
	}
	if err := base().Validate(); err != nil {
		t.Fatalf("base: %v", err)
	}
	if err := (&Model{}).Validate(); err != nil {
		t.Errorf("empty model: %v", err)
	}
	nan := math.NaN()
	for _, tc := range []struct {
		name   string
		change func(m *Model)
		want   string
	}{
		{"sense", func(m *Model) { m.Sense = 2 }, "invalid objective sense 2"},
		{"offset", func(m *Model) { m.Offset = nan }, "objective offset is NaN"},
		{"ColLower length", func(m *Model) { m.ColLower = m.ColLower[:1] }, "len(ColLower) = 1, want len(ColCost) = 2"},
		{"ColUpper length", func(m *Model) { m.ColUpper = append(m.ColUpper, 1) }, "len(ColUpper) = 3"},
		{"ColType length", func(m *Model) { m.ColType = m.ColType[:1] }, "len(ColType) = 1"},
		{"ColNames length", func(m *Model) { m.ColNames = m.ColNames[:1] }, "len(ColNames) = 1"},
		{"RowUpper length", func(m *Model) { m.RowUpper = m.RowUpper[:1] }, "len(RowUpper) = 1, want len(RowLower) = 2"},
		{"RowNames length", func(m *Model) { m.RowNames = m.RowNames[:1] }, "len(RowNames) = 1"},
		{"AValue length", func(m *Model) { m.AValue = m.AValue[:2] }, "len(AValue) = 2, want len(AIndex) = 3"},
		{"AStart length", func(m *Model) { m.AStart = m.AStart[:2] }, "len(AStart) = 2, want NumRows()+1 = 3"},
		{"AStart first", func(m *Model) { m.AStart[0] = 1 }, "AStart[0] = 1, want 0"},
		{"AStart last", func(m *Model) { m.AStart[2] = 2 }, "AStart[2] = 2, want len(AIndex) = 3"},
		{"AStart decreasing", func(m *Model) { m.AStart[1] = 4 }, `row 0 ("r0"): AStart[0:2] = [0, 4] is not a valid range`},
		{"column bounds", func(m *Model) { m.ColLower[1] = 2 }, `column 1 ("y"): lower bound 2 > upper bound 1`},
		{"column NaN", func(m *Model) { m.ColUpper[0] = nan }, `column 0 ("x"): bounds [0, NaN] contain NaN`},
		{"lower +Inf", func(m *Model) { m.ColLower[0], m.ColUpper[0] = Inf, Inf }, "lower bound is +Inf"},
		{"upper -Inf", func(m *Model) { m.RowLower[1], m.RowUpper[1] = -Inf, -Inf }, `row 1 ("r1"): upper bound is -Inf`},
		{"cost", func(m *Model) { m.ColCost[0] = Inf }, `column 0 ("x"): cost is +Inf`},
		{"type", func(m *Model) { m.ColType[0] = 9 }, `column 0 ("x"): invalid type 9`},
		{"column name", func(m *Model) { m.ColNames[1] = "a\x00b" }, `column 1 ("a\x00b"): name contains a NUL byte`},
		{"row name", func(m *Model) { m.RowNames[0] = "\x00" }, "name contains a NUL byte"},
		{"row bounds", func(m *Model) { m.RowLower[0] = 5 }, `row 0 ("r0"): lower bound 5 > upper bound 1`},
		{"unnamed row", func(m *Model) { m.RowNames = nil; m.RowLower[1] = 5 }, "highs: row 1: lower bound 5 > upper bound 1"},
		{"index", func(m *Model) { m.AIndex[2] = -1 }, `row 1 ("r1"): column index -1 out of range [0, 2)`},
		{"duplicate", func(m *Model) { m.AIndex[1] = 0 }, `row 0 ("r0"): column 0 ("x") appears more than once`},
		{"value", func(m *Model) { m.AValue[2] = nan }, `row 1 ("r1"): coefficient of column 1 ("y") is NaN`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := base()
			tc.change(m)
			err := m.Validate()
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}
