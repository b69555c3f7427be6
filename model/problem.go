package model

import (
	"fmt"
	"math"
	"strconv"

	"github.com/mineralplan/mineralplan/highs"
	"github.com/mineralplan/mineralplan/scenarios"
)

// Scaling inside the model keeps coefficients within a few orders of magnitude:
// mass in thousands of units (kt for materials in t, t for materials in kg) and
// money in millions of USD. Results are converted back.
const (
	massScale  = 1e-3 // model mass per unit of material
	moneyScale = 1e-6 // model money ($M) per USD
)

// Problem is a scenario turned into a mixed-integer program: the HiGHS model with
// named columns and rows, and the index that maps them back to scenario terms.
type Problem struct {
	Scenario *scenarios.Scenario
	// Years are the modelled years, the first calendar years of Periods.
	Years []int
	// Periods are the horizon's periods: each modelled year and the calendar
	// years it stands for.
	Periods []scenarios.Period

	Model highs.Model

	net   *network
	techs [][]int // per site: technologies that may operate there

	builds     []buildVar
	throughput []throughputVar
	flows      []flowVar
	disposals  []disposalVar
	shortfalls []shortfallVar
	rows       []rowInfo

	// tputCol maps (site, technology, year index) to its throughput column.
	tputCol map[[3]int]int
	// buildsAt maps (site, technology) to indices into builds.
	buildsAt map[[2]int][]int
	// objectiveKind is npv, cost, security or weighted.
	objectiveKind string
	// continuing is continuingFactor: the extra weight of the last modelled
	// year's yearly amounts, incentives excepted, when the terminal value is
	// continuing (0 otherwise).
	continuing float64
	// opCols are the free columns of each modelled year's operating cash flow
	// a year (model money), built once for the tax and debt rows; nil until
	// then.
	opCols []int
	// depreciation adds a calendar year's tax depreciation to a row; nil
	// without finance.tax.
	depreciation func(e *expr, y int)
	// taxBase are the taxed years' base columns (income taxed, model money),
	// whose tax is the year's rate × the column.
	taxBase []yearCol
}

// yearCol is a column of one calendar year.
type yearCol struct{ Year, Col int }

type buildVar struct {
	Col                    int
	Site, Tech, Size, Year int // Year is an index into Years
}

type throughputVar struct {
	Col              int
	Site, Tech, Year int
}

type flowVar struct {
	Col       int
	Arc, Year int
}

type disposalVar struct {
	Col      int
	Site     int
	Material string
	Year     int
}

type shortfallVar struct {
	Col          int
	Market, Year int
}

// RowKind names a family of constraints; each family is built by one function.
type RowKind string

// The constraint families.
const (
	RowSupply        RowKind = "supply"
	RowImportLimit   RowKind = "import_limit"
	RowBalance       RowKind = "balance"
	RowIntake        RowKind = "intake"
	RowCapacity      RowKind = "capacity"
	RowMinUtil       RowKind = "min_utilisation"
	RowThroughputMIR RowKind = "throughput_mir"
	RowDemand        RowKind = "demand"
	RowRequired      RowKind = "required"
	RowBudget        RowKind = "budget"
	RowBudgetYear    RowKind = "budget_year"
	RowPartner       RowKind = "partner_cap"
	RowSitePlants    RowKind = "site_plants"
	RowModules       RowKind = "modules"
	RowChinaShare    RowKind = "china_share"
	RowRecovery      RowKind = "recovery"
	RowLink          RowKind = "link"
	RowMinSecurity   RowKind = "min_security"
	RowTax           RowKind = "tax"
)

// rowInfo says what a row means in scenario terms.
type rowInfo struct {
	Kind RowKind
	// Subject is the scenario object the row is about (a feedstock, market, site,
	// material, partner … id), Extra a second key (technology, material).
	Subject, Extra string
	Year           int // calendar year, 0 when the row spans the horizon
	// Path is where the binding figure is written in the scenario (--set syntax).
	Path string
	// ToUnit converts the row's model units into scenario units (t, kg, USD,
	// plants); a dual in model money per model unit is then worth
	// dual / (moneyScale × ToUnit) USD per scenario unit.
	ToUnit float64
	// Unit describes what one unit of the row's right-hand side is.
	Unit string
}

// expr is a linear expression under construction.
type expr struct {
	idx []int
	val []float64
}

func (e *expr) add(col int, coef float64) {
	if coef != 0 {
		e.idx = append(e.idx, col)
		e.val = append(e.val, coef)
	}
}

func (e *expr) empty() bool { return len(e.idx) == 0 }

// addRow appends a named row lo ≤ e ≤ hi and records its meaning.
func (p *Problem) addRow(info rowInfo, lo, hi float64, e *expr, keys ...any) int {
	p.rows = append(p.rows, info)
	return p.Model.AddRow(name(string(info.Kind), keys...), lo, hi, e.idx, e.val)
}

// name builds a readable name such as build[sanand,hydromet,large,2028]. Keys are
// strings or ints; bytes that MPS and LP files do not accept become '_'.
func name(kind string, keys ...any) string {
	b := make([]byte, 0, 64)
	b = append(b, kind...)
	b = append(b, '[')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		switch v := k.(type) {
		case string:
			b = append(b, v...)
		case int:
			b = strconv.AppendInt(b, int64(v), 10)
		default:
			b = fmt.Append(b, v)
		}
	}
	b = append(b, ']')
	for i, c := range b {
		if c <= ' ' || c > '~' || c == ':' {
			b[i] = '_'
		}
	}
	return string(b)
}

// Stats describes the size of a built problem.
type Stats struct {
	Columns, Rows, Nonzeros, Integers int
}

// Stats returns the size of the problem.
func (p *Problem) Stats() Stats {
	st := Stats{Columns: p.Model.NumCols(), Rows: p.Model.NumRows(), Nonzeros: p.Model.NumNonzeros()}
	for _, t := range p.Model.ColType {
		if t == highs.Integer {
			st.Integers++
		}
	}
	return st
}

// discount is the factor for money spent at the start of calendar year y.
func (p *Problem) discount(y int) float64 {
	return discountFactor(p.Scenario, y)
}

// yearWeight is the sum of discount factors of the calendar years that
// modelled year index yi stands for: the factor applied to a yearly flow.
func (p *Problem) yearWeight(yi int) float64 {
	return periodWeight(p.Scenario, p.Periods[yi])
}

// operatingWeight is the weight of a yearly operating amount (anything but an
// incentive) in modelled year index yi: yearWeight, plus the continuing factor
// in the last modelled year, whose last calendar year's free cash flow the
// continuing terminal value repeats.
func (p *Problem) operatingWeight(yi int) float64 {
	w := p.yearWeight(yi)
	if yi == len(p.Years)-1 {
		w += p.continuing
	}
	return w
}

// discountFactor is δ(y) = (1+r)^−(y−y₀): the value at the start of the first
// year y₀ of one USD paid at the start of calendar year y.
func discountFactor(s *scenarios.Scenario, y int) float64 {
	return math.Pow(1+s.DiscountRate, -float64(y-s.Horizon.FirstYear))
}

// periodWeight is w = Σ_{c<Length} δ(Year+c): the present value of one USD a
// year paid in every calendar year of the period.
func periodWeight(s *scenarios.Scenario, pd scenarios.Period) float64 {
	w := 0.0
	for c := range pd.Length {
		w += discountFactor(s, pd.Year+c)
	}
	return w
}
