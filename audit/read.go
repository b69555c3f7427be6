package audit

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// rows is a CSV table read by column name.
type rows struct {
	file   string
	header map[string]int
	data   [][]string
}

// readTable reads a CSV file of a run folder with a header row and checks it
// has the named columns.
func readTable(dir, name string, columns ...string) (*rows, error) {
	path := filepath.Join(dir, name)
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	records, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(records) == 0 {
		return nil, fmt.Errorf("%s: no header row", path)
	}
	t := &rows{file: name, header: map[string]int{}, data: records[1:]}
	for i, h := range records[0] {
		t.header[h] = i
	}
	for _, c := range columns {
		if _, ok := t.header[c]; !ok {
			return nil, fmt.Errorf("%s: no column %q", path, c)
		}
	}
	return t, nil
}

// row is one data row of a table; line is its line number in the file.
type row struct {
	t    *rows
	rec  []string
	line int
	err  *error
}

// each calls f for every data row; the first unreadable number stops it.
func (t *rows) each(f func(r row)) error {
	var err error
	for i, rec := range t.data {
		f(row{t: t, rec: rec, line: i + 2, err: &err})
		if err != nil {
			return err
		}
	}
	return nil
}

// str is the cell in column c.
func (r row) str(c string) string { return r.rec[r.t.header[c]] }

// num is the cell in column c as a number; an empty cell is NaN.
func (r row) num(c string) float64 {
	s := r.str(c)
	if s == "" {
		return nan
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil && *r.err == nil {
		*r.err = fmt.Errorf("%s:%d: column %s: %q is not a number", r.t.file, r.line, c, s)
	}
	return v
}

// int is the cell in column c as a whole number (0 when empty).
func (r row) int(c string) int {
	v := r.num(c)
	if v != v {
		return 0
	}
	return int(v)
}

// where names the row for a finding: file:line.
func (r row) where() string { return fmt.Sprintf("%s:%d", r.t.file, r.line) }

// summary is what the audit reads from summary.json. Nullable figures are
// pointers.
type summary struct {
	Status        string   `json:"status"`
	ObjectiveKind string   `json:"objective_kind"`
	Objective     *float64 `json:"objective"`
	NPV           float64  `json:"npv"`
	NPVPreTax     float64  `json:"npv_pre_tax"`
	MinDSCR       *float64 `json:"min_dscr"`
	EquityIRR     *float64 `json:"equity_irr"`
	Partners      []struct {
		ID          string   `json:"id"`
		NPVAtHurdle *float64 `json:"npv_at_hurdle"`
		Currency    string   `json:"currency"`
		IRR         *float64 `json:"irr"`
		// NPVAtHurdleLocal is in the partner's currency.
		NPVAtHurdleLocal *float64 `json:"npv_at_hurdle_local"`
	} `json:"partners"`
	EquityIRRStatus string  `json:"equity_irr_status"`
	Capex           float64 `json:"capex"`
	CapexGross      float64 `json:"capex_gross"`
	Subsidies       float64 `json:"subsidies"`
	Land            float64 `json:"land"`
	Budget          float64 `json:"budget"`
	PaybackYear     int     `json:"payback_year"`
	NPVSplit        struct {
		Operations    float64 `json:"operations"`
		TerminalValue float64 `json:"terminal_value"`
		Incentives    float64 `json:"incentives"`
		Subsidies     float64 `json:"subsidies"`
		Tax           float64 `json:"tax"`
	} `json:"npv_split"`
	TerminalValueMethod string    `json:"terminal_value_method"`
	ContinuingYears     int       `json:"continuing_years"`
	ProjectIRR          *float64  `json:"project_irr"`
	ProjectIRRStatus    string    `json:"project_irr_status"`
	ProjectIRRRoots     []float64 `json:"project_irr_roots"`
	// RequirementCosts is nil when summary.json has none (not computed).
	RequirementCosts []struct {
		Kind       string  `json:"kind"`
		Subject    string  `json:"subject"`
		Without    string  `json:"without"`
		NPVWithout float64 `json:"npv_without"`
		Cost       float64 `json:"cost"`
		Status     string  `json:"status"`
	} `json:"requirement_costs"`
	Security   float64 `json:"security"`
	Jobs       float64 `json:"jobs"`
	CO2        float64 `json:"co2"`
	ChinaShare []struct {
		Material string   `json:"material"`
		Year     int      `json:"year"`
		Before   *float64 `json:"before"`
		After    *float64 `json:"after"`
		Cap      *float64 `json:"cap"`
	} `json:"china_share"`
}

func readSummary(dir string) (*summary, error) {
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		return nil, err
	}
	var s summary
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("summary.json: %w", err)
	}
	return &s, nil
}
