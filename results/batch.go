package results

import (
	"fmt"

	"github.com/mineralplan/mineralplan/model"
)

// BatchRow is one scenario of a batch run. Money in USD, security in t,
// seconds of wall time for the whole scenario (load, build, solve, write).
type BatchRow struct {
	Scenario string
	// Status is the plan's status, or "error" when the scenario gave no plan.
	Status string
	// Error is what went wrong (empty when the scenario solved).
	Error string
	// Objective is in its own unit: USD for npv and cost, t for security.
	Objective float64
	NPV       float64 // USD
	Capex     float64 // net capex, USD
	Plants    int     // new modules built (existing plants not counted)
	Security  float64 // t of critical material delivered from domestic plants over the horizon
	Seconds   float64
}

// BatchRowOf fills a batch row from a scenario's outcome: its plan (nil when
// it has none), the error its solve returned (nil when none) and the seconds
// it took.
func BatchRowOf(scenario string, plan *model.Plan, err error, seconds float64) BatchRow {
	row := BatchRow{Scenario: scenario, Status: model.StatusError, Seconds: seconds}
	if err != nil {
		row.Error = err.Error()
	}
	if plan == nil {
		return row
	}
	row.Status, row.Objective, row.NPV, row.Capex, row.Security = plan.Status, plan.Objective, plan.NPV, plan.Capex, plan.Security
	for _, p := range plan.Plants {
		if !p.Existing {
			row.Plants += p.Count
		}
	}
	return row
}

// batchHeader is the header of the batch table.
var batchHeader = []string{"scenario", "status", "error", "objective", "npv_usd", "capex_usd", "plants", "security_t", "seconds"}

// WriteBatchCSV writes the batch table to path atomically: one row per
// scenario, sorted by scenario name (rows of the same name keep their order).
// Seconds are rounded to milliseconds; other numbers as in the run tables. A
// scenario without a plan (error, infeasible, unbounded, no plan in time) has
// its objective, npv_usd, capex_usd, plants and security_t cells empty.
func WriteBatchCSV(path string, rows []BatchRow) error {
	t := table{name: path, header: batchHeader}
	for _, r := range sortedBy(rows, func(a, b BatchRow) int { return cmpStr(a.Scenario, b.Scenario) }) {
		row := []string{r.Scenario, r.Status, r.Error, num(r.Objective, rateDecimals), money(r.NPV),
			money(r.Capex), integer(r.Plants), qty(r.Security), num(r.Seconds, 3)}
		if !model.HasPlan(r.Status) {
			// No plan, no figures: an empty cell, never a 0 that reads as one.
			for i := 3; i <= 7; i++ {
				row[i] = ""
			}
		}
		t.rows = append(t.rows, row)
	}
	if err := WriteFileAtomic(path, t.csvBytes()); err != nil {
		return fmt.Errorf("batch table: %w", err)
	}
	return nil
}
