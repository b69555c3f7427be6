package audit_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mineralplan/mineralplan/audit"
	"github.com/mineralplan/mineralplan/scenarios"
)

// TestReviewCases pins the cases an outside review found where imported
// cathode material passed through Krishnagiri unprocessed: the default with
// cathode material 10% dearer in the west, the tornado's top bars (cathode
// material 20% dearer in the south and in the west), and the plan that
// maximises security (the Pareto front's end). Each plan's run folder must
// hold under the audit, and no site may receive cathode material in a year
// its plants consume none.
func TestReviewCases(t *testing.T) {
	for _, sets := range [][]string{
		{"markets[cam-india-west].price=*1.1"},
		{"markets[cam-india-south].price=*1.2"},
		{"markets[cam-india-west].price=*1.2"},
		{"objective.kind=security"},
	} {
		t.Run(strings.Join(sets, " "), func(t *testing.T) {
			s, _, err := scenarios.LoadLibrary("india-japan-2026", sets)
			if err != nil {
				t.Fatal(err)
			}
			dir := writeRun(t, s)
			r, err := audit.Folder(dir)
			if err != nil {
				t.Fatal(err)
			}
			if !r.Ok() {
				t.Fatalf("%d figures do not hold:\n%s", len(r.Findings), strings.Join(r.Findings, "\n"))
			}
			// The pass-through: cathode material into a site that runs no cell line.
			cells := map[string]bool{}
			read(t, dir, "throughput.csv", func(get func(string) string) {
				if get("technology") == "cell-manufacturing" && get("throughput_t_per_year") != "0" {
					cells[get("site")+"|"+get("year")] = true
				}
			})
			read(t, dir, "flows.csv", func(get func(string) string) {
				if get("material") == "cam" && get("to_kind") == "site" && !cells[get("to")+"|"+get("year")] {
					t.Errorf("%s t/yr of cathode material reach %s in %s, where no cell line runs",
						get("quantity_per_year"), get("to"), get("year"))
				}
			})
		})
	}
}

// read calls row for every data row of a CSV file of dir.
func read(t *testing.T, dir, file string, row func(get func(string) string)) {
	t.Helper()
	fh, err := os.Open(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	ix := map[string]int{}
	for i, h := range recs[0] {
		ix[h] = i
	}
	for _, rec := range recs[1:] {
		row(func(c string) string { return rec[ix[c]] })
	}
}
