package audit_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mineralplan/mineralplan/audit"
	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/requirements"
	"github.com/mineralplan/mineralplan/results"
	"github.com/mineralplan/mineralplan/scenarios"
)

// writeRun solves the scenario and writes its run folder (csv and json) under
// a temporary directory.
func writeRun(t *testing.T, s *scenarios.Scenario) string {
	t.Helper()
	plan, err := model.Solve(context.Background(), s, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	resolved, err := s.YAML()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "run")
	if err := results.WriteRun(dir, results.Run{Plan: plan, Scenario: s, ResolvedYAML: resolved}, []string{"csv", "json"}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func small(t *testing.T) *scenarios.Scenario {
	t.Helper()
	s, _, err := scenarios.LoadFile("testdata/small.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSolvedRunHolds(t *testing.T) {
	dir := writeRun(t, small(t))
	r, err := audit.Folder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Ok() {
		t.Fatalf("the audit of a solved run found %d problems:\n%s", len(r.Findings), strings.Join(r.Findings, "\n"))
	}
	if r.Compared < 200 {
		t.Errorf("the audit compared %d figures; a run of this scenario has several hundred", r.Compared)
	}
	// The scenario exercises what it is meant to: a plan that builds, imports,
	// disposes of residue and has a short last period.
	for _, want := range []struct{ file, text string }{
		{"plants.csv", "refine"}, {"flows.csv", "import"}, {"disposals.csv", "residue"}, {"flows.csv", "2030,1,"},
	} {
		b, err := os.ReadFile(filepath.Join(dir, want.file))
		if err != nil || !strings.Contains(string(b), want.text) {
			t.Errorf("%s has no %q: the test scenario no longer covers it", want.file, want.text)
		}
	}
}

// TestTerminalValueMethodsHold: runs valued with each terminal value method
// hold, and a continuing value differs from the book value it replaces.
func TestTerminalValueMethodsHold(t *testing.T) {
	npv := map[string]float64{}
	for _, method := range []string{"book", "continuing", "none"} {
		s := small(t)
		s.Finance.TerminalValue = method
		dir := writeRun(t, s)
		r, err := audit.Folder(dir)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Ok() {
			t.Fatalf("%s: the audit found %d problems:\n%s", method, len(r.Findings), strings.Join(r.Findings, "\n"))
		}
		b, _ := os.ReadFile(filepath.Join(dir, "summary.json"))
		var m struct {
			NPV   float64            `json:"npv"`
			Split map[string]float64 `json:"npv_split"`
		}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		npv[method] = m.NPV
		if method == "none" && m.Split["terminal_value"] != 0 {
			t.Errorf("none: terminal value %v; want 0", m.Split["terminal_value"])
		}
	}
	if npv["book"] == npv["continuing"] || npv["book"] < npv["none"] {
		t.Errorf("NPVs %v: want continuing ≠ book ≥ none", npv)
	}
}

// TestTaxedRunsHold: runs of the small scenario under finance.tax — written-down
// depreciation with a straight-line override, with and without carry-forward
// and a holiday — hold, pay tax, and a tax or depreciation changed in
// finance.csv is caught.
func TestTaxedRunsHold(t *testing.T) {
	for _, c := range []struct {
		name    string
		carry   string
		holiday int
	}{{"no carry-forward", "none", 0}, {"unlimited carry-forward", "unlimited", 0}, {"holiday", "unlimited", 2}} {
		t.Run(c.name, func(t *testing.T) {
			// Dearer black mass and cathode make the plan profitable enough to pay tax.
			s, ds, err := scenarios.LoadFile("testdata/small.yaml", []string{"markets[bm-india].price=*2", "markets[cathode-japan].price=*1.5"})
			if err != nil {
				t.Fatal(ds)
			}
			s.Finance.Tax = &scenarios.Tax{Rate: scenarios.Constant(0.25), HolidayYears: c.holiday, LossCarryForward: c.carry,
				Depreciation: scenarios.Depreciation{Method: "written_down", Rate: 0.4,
					Technologies: map[string]scenarios.DepreciationRule{"shred": {Method: "straight_line", Years: 3}}}}
			dir := writeRun(t, s)
			r, err := audit.Folder(dir)
			if err != nil {
				t.Fatal(err)
			}
			if !r.Ok() {
				t.Fatalf("the audit found %d problems:\n%s", len(r.Findings), strings.Join(r.Findings, "\n"))
			}
			b, _ := os.ReadFile(filepath.Join(dir, "summary.json"))
			var m struct {
				NPV       float64 `json:"npv"`
				NPVPreTax float64 `json:"npv_pre_tax"`
			}
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			if !(m.NPV < m.NPVPreTax) {
				t.Fatalf("npv %v, npv_pre_tax %v: the run pays no tax, so the test checks nothing", m.NPV, m.NPVPreTax)
			}
			for _, col := range []string{"tax_usd", "depreciation_usd"} {
				wantFinanceFinding(t, dir, col)
			}
		})
	}
}

// TestDebtRunsHold: a taxed run of the small scenario financed by two lenders
// (an annuity with grace and a DSCR covenant, an equal-principal loan that
// outlasts the horizon) holds, and changed interest or principal is caught.
func TestDebtRunsHold(t *testing.T) {
	s, ds, err := scenarios.LoadFile("testdata/small.yaml", []string{"markets[bm-india].price=*2", "markets[cathode-japan].price=*1.5"})
	if err != nil {
		t.Fatal(ds)
	}
	s.Finance.Tax = &scenarios.Tax{Rate: scenarios.Constant(0.25), LossCarryForward: "unlimited",
		Depreciation: scenarios.Depreciation{Method: "written_down", Rate: 0.4}}
	s.Finance.Debt = []scenarios.Lender{
		{ID: "concessional", Share: 0.3, InterestRate: 0.02, Tenor: 4, GraceYears: 1, Repayment: "annuity", MinDSCR: 1.2},
		{ID: "bank", Share: 0.2, InterestRate: 0.09, Tenor: 10, Repayment: "equal_principal"},
	}
	hurdle := 0.12
	s.Budget.Partners = []scenarios.Partner{{ID: "jp", Share: 0.6, HurdleRate: &hurdle, Currency: "JPY",
		Offtake: []scenarios.Offtake{{Material: "cathode", Market: "cathode-japan", Share: 0.4}}}, {ID: "in", Share: 0.4, Currency: "INR"}}
	s.Currency.JPYPerUSD = scenarios.Series{Points: []scenarios.Point{{Year: 2026, Value: 150}, {Year: 2035, Value: 120}}}
	s.Currency.INRPerUSD = scenarios.Series{Points: []scenarios.Point{{Year: 2026, Value: 85}, {Year: 2035, Value: 93}}}
	dir := writeRun(t, s)
	r, err := audit.Folder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Ok() {
		t.Fatalf("the audit found %d problems:\n%s", len(r.Findings), strings.Join(r.Findings, "\n"))
	}
	bad := copyDir(t, dir)
	edit(t, bad, "partners.csv", func(get func(string) string) bool { return get("partner") == "jp" && get("cash_flow_usd") != "0" },
		"cash_flow_usd", add(1000))
	if r, err := audit.Folder(bad); err != nil || r.Ok() || !strings.Contains(strings.Join(r.Findings, "\n"), "cash_flow_usd") {
		t.Errorf("a partner's cash flow changed by 1,000: %v, %v; want a finding", err, r)
	}
	// The flows in the partner's own currency follow the yen path, and the
	// offtake is recomputed from flows.csv.
	for _, col := range []string{"cash_flow_local", "discounted_at_hurdle_local", "offtake_usd"} {
		bad := copyDir(t, dir)
		edit(t, bad, "partners.csv", func(get func(string) string) bool { return get("partner") == "jp" && get(col) != "0" }, col, add(1e6))
		if r, err := audit.Folder(bad); err != nil || r.Ok() || !strings.Contains(strings.Join(r.Findings, "\n"), col) {
			t.Errorf("a partner's %s changed by 1e6 JPY: %v, %v; want a finding", col, err, r)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "summary.json"))
	var m struct {
		MinDSCR *float64 `json:"min_dscr"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.MinDSCR == nil || *m.MinDSCR < 1.2-1e-6 {
		t.Fatalf("min_dscr %v; want a year with debt service, covered 1.2 times or more", m.MinDSCR)
	}
	// The equity IRR is reproduced from finance.csv's equity cash flows.
	bad = copyDir(t, dir)
	var sum map[string]any
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	if sum["equity_irr"] == nil {
		t.Fatalf("equity_irr is null (status %v); want a unique rate", sum["equity_irr_status"])
	}
	sum["equity_irr"] = sum["equity_irr"].(float64) + 0.01
	b, _ = json.Marshal(sum)
	os.WriteFile(filepath.Join(bad, "summary.json"), b, 0o644)
	if r, err := audit.Folder(bad); err != nil || r.Ok() || !strings.Contains(strings.Join(r.Findings, "\n"), "equity_irr") {
		t.Errorf("equity_irr raised by 1 point: %v, %v; want a finding on equity_irr", err, r)
	}
	for _, col := range []string{"interest_usd", "principal_usd", "debt_outstanding_usd"} {
		wantFinanceFinding(t, dir, col)
	}
}

// edit rewrites the cells of column col in the rows of a CSV file for which
// match is true, with change(old) → new.
// wantFinanceFinding raises column col of finance.csv by 1,000 USD wherever it
// is not 0, in a copy of the run folder dir, and fails unless the audit names
// col.
func wantFinanceFinding(t *testing.T, dir, col string) {
	t.Helper()
	bad := copyDir(t, dir)
	edit(t, bad, "finance.csv", func(get func(string) string) bool { return get(col) != "0" }, col, add(1000))
	r, err := audit.Folder(bad)
	if err != nil {
		t.Fatal(err)
	}
	if r.Ok() || !strings.Contains(strings.Join(r.Findings, "\n"), col) {
		t.Errorf("%s changed by 1,000: findings %q; want one on %s", col, r.Findings, col)
	}
}

func edit(t *testing.T, dir, file string, match func(get func(string) string) bool, col string, change func(string) string) {
	t.Helper()
	path := filepath.Join(dir, file)
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(fh).ReadAll()
	fh.Close()
	if err != nil {
		t.Fatal(err)
	}
	ix := map[string]int{}
	for i, h := range recs[0] {
		ix[h] = i
	}
	n := 0
	for _, rec := range recs[1:] {
		if match(func(c string) string { return rec[ix[c]] }) {
			rec[ix[col]] = change(rec[ix[col]])
			n++
		}
	}
	if n == 0 {
		t.Fatalf("%s: no row to edit", file)
	}
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(out)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	out.Close()
}

func add(v float64) func(string) string {
	return func(s string) string {
		x, _ := strconv.ParseFloat(s, 64)
		return strconv.FormatFloat(x+v, 'f', -1, 64)
	}
}

func copyDir(t *testing.T, from string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "copy")
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
	return to
}

func appendLines(t *testing.T, path string, lines ...string) {
	t.Helper()
	fh, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	for _, l := range lines {
		if _, err := fh.WriteString(l + "\n"); err != nil {
			t.Fatal(err)
		}
	}
}

func TestTamperedRunsAreCaught(t *testing.T) {
	base := writeRun(t, small(t))
	year := func(y string) func(func(string) string) bool {
		return func(get func(string) string) bool { return get("year") == y }
	}
	for _, tc := range []struct {
		name, want string
		tamper     func(dir string)
	}{
		{"material passes through a site", "no pass-through", func(dir string) {
			// South takes and emits li2co3 (cam, refine), but nothing runs there in 2026.
			appendLines(t, filepath.Join(dir, "flows.csv"),
				"2026,2,li2co3,import,li-chile,site,south,chile,50,t,0,0",
				"2026,2,li2co3,site,south,market,li-india,,50,t,0,0")
		}},
		{"revenue overstated", "revenue_usd", func(dir string) {
			edit(t, dir, "finance.csv", year("2029"), "revenue_usd", add(1000))
		}},
		{"China share misreported", "china_share_after", func(dir string) {
			edit(t, dir, "security.csv", func(get func(string) string) bool { return get("china_share_after") != "" },
				"china_share_after", add(0.01))
		}},
		{"capex understated", "capex_net_usd", func(dir string) {
			edit(t, dir, "plants.csv", func(get func(string) string) bool { return get("existing") == "false" }, "capex_net_usd", add(-1000))
		}},
		{"transport cost understated", "transport_usd_per_unit", func(dir string) {
			edit(t, dir, "flows.csv", func(get func(string) string) bool { return get("transport_usd_per_unit") != "0" },
				"transport_usd_per_unit", add(-0.01))
		}},
		{"more feedstock than available", "availability", func(dir string) {
			edit(t, dir, "flows.csv", func(get func(string) string) bool { return get("from") == "scrap-south" }, "quantity_per_year", add(100))
		}},
		{"NPV overstated", "npv", func(dir string) {
			b, _ := os.ReadFile(filepath.Join(dir, "summary.json"))
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			m["npv"] = m["npv"].(float64) + 100
			b, _ = json.Marshal(m)
			os.WriteFile(filepath.Join(dir, "summary.json"), b, 0o644)
		}},
		{"NPV carried by subsidies rather than operations", "npv_split.subsidies", func(dir string) {
			b, _ := os.ReadFile(filepath.Join(dir, "summary.json"))
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			sp := m["npv_split"].(map[string]any)
			sp["subsidies"] = sp["subsidies"].(float64) + 1e5
			sp["operations"] = sp["operations"].(float64) - 1e5
			b, _ = json.Marshal(m)
			os.WriteFile(filepath.Join(dir, "summary.json"), b, 0o644)
		}},
		{"IRR misreported", "project_irr", func(dir string) {
			b, _ := os.ReadFile(filepath.Join(dir, "summary.json"))
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			roots := m["project_irr_roots"].([]any)
			if len(roots) == 0 {
				t.Fatal("the test run has no IRR to tamper with")
			}
			roots[0] = roots[0].(float64) + 0.01
			if m["project_irr"] != nil {
				m["project_irr"] = roots[0]
			}
			b, _ = json.Marshal(m)
			os.WriteFile(filepath.Join(dir, "summary.json"), b, 0o644)
		}},
		{"terminal value overstated", "terminal_value_usd", func(dir string) {
			edit(t, dir, "finance.csv", year("2030"), "terminal_value_usd", add(1000))
		}},
		{"a year of operations left out", "no row for calendar year", func(dir string) {
			b, _ := os.ReadFile(filepath.Join(dir, "finance.csv"))
			lines := strings.Split(strings.TrimSpace(string(b)), "\n")
			os.WriteFile(filepath.Join(dir, "finance.csv"), []byte(strings.Join(lines[:len(lines)-1], "\n")+"\n"), 0o644)
		}},
		{"plant at a site that does not allow it", "does not allow", func(dir string) {
			edit(t, dir, "plants.csv", func(get func(string) string) bool { return get("technology") == "cam" },
				"site", func(string) string { return "north" })
		}},
		{"rows of the wrong period length", "period_years", func(dir string) {
			edit(t, dir, "flows.csv", year("2030"), "period_years", func(string) string { return "2" })
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyDir(t, base)
			tc.tamper(dir)
			r, err := audit.Folder(dir)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, f := range r.Findings {
				found = found || strings.Contains(f, tc.want)
			}
			if !found {
				t.Errorf("no finding mentions %q; findings:\n%s", tc.want, strings.Join(r.Findings, "\n"))
			}
		})
	}
}

// TestRequirementCostsAudited: a run with its requirements priced holds, and a
// misreported cost or a requirement left out is caught.
func TestRequirementCostsAudited(t *testing.T) {
	s := small(t)
	plan, err := model.Solve(context.Background(), s, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if plan.RequirementCosts, err = requirements.Costs(context.Background(), s, plan, model.Options{}); err != nil {
		t.Fatal(err)
	}
	if len(plan.RequirementCosts) == 0 {
		t.Fatal("testdata/small.yaml has no hard requirement to price")
	}
	resolved, err := s.YAML()
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(t.TempDir(), "run")
	if err := results.WriteRun(base, results.Run{Plan: plan, Scenario: s, ResolvedYAML: resolved}, []string{"csv", "json"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, want string
		change     func(rc []any) []any
	}{
		{"as written", "", func(rc []any) []any { return rc }},
		{"cost misreported", "cost", func(rc []any) []any {
			rc[0].(map[string]any)["cost"] = rc[0].(map[string]any)["cost"].(float64) + 1000
			return rc
		}},
		{"requirement left out", "hard requirements", func(rc []any) []any { return rc[1:] }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyDir(t, base)
			b, _ := os.ReadFile(filepath.Join(dir, "summary.json"))
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			m["requirement_costs"] = tc.change(m["requirement_costs"].([]any))
			b, _ = json.Marshal(m)
			os.WriteFile(filepath.Join(dir, "summary.json"), b, 0o644)
			r, err := audit.Folder(dir)
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == "" {
				if !r.Ok() {
					t.Fatalf("the audit found:\n%s", strings.Join(r.Findings, "\n"))
				}
				return
			}
			found := false
			for _, f := range r.Findings {
				found = found || strings.Contains(f, tc.want)
			}
			if !found {
				t.Errorf("no finding mentions %q; findings:\n%s", tc.want, strings.Join(r.Findings, "\n"))
			}
		})
	}
}
