package stochastic

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mineralplan/mineralplan/chart"
	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/results"
)

// PlanRegret is one plan evaluated in one future: the plan's shared builds fixed,
// later builds and operations re-optimised for that future.
type PlanRegret struct {
	Plan, Future string
	// NPV is the future's NPV with the plan (USD), nil when the plan cannot be
	// operated there; Regret = the future's own optimum − NPV.
	NPV, Regret *float64
}

// RegretMatrix evaluates the stochastic plan, the expected-value plan and every
// future's own optimal plan (their shared builds) in every future: the rows of
// regret.csv. Plans are named stochastic, expected-value and own-ID.
func (res *Result) RegretMatrix(ctx context.Context, opt model.Options, workers int) ([]PlanRegret, error) {
	st := res.Study
	type named struct {
		name   string
		builds []model.ModuleBuild
	}
	plans := []named{{"stochastic", res.Shared}}
	if res.EEV != nil {
		plans = append(plans, named{"expected-value", res.EVBuilds})
	}
	ids := make([]string, len(st.Futures))
	for f, fu := range res.Futures {
		ids[f] = fu.ID
		plans = append(plans, named{"own-" + fu.ID, fu.Own.Builds()})
	}
	spec := model.ExtensiveSpec{Shared: st.SharedYear}
	if st.DecideBy == 0 {
		spec.Shared = nil
	}
	// Each future on its own, so that one that cannot operate the plan does
	// not hide the others. Job f builds future f's problem once and evaluates
	// every plan in it (FixShared fixes every shared build column each time);
	// cell p·n + f is plan p in future f.
	n := len(res.Futures)
	out := make([]PlanRegret, len(plans)*n)
	err := forEach(n, workers, func(f int) error {
		fu := res.Futures[f]
		one, err := model.BuildExtensive(futureScenarios(st)[f:f+1], ids[f:f+1], []float64{1}, spec)
		if err != nil {
			return err
		}
		for p, pl := range plans {
			row := PlanRegret{Plan: pl.name, Future: fu.ID}
			if err := one.FixShared(one.SharedBuilds(pl.builds)); err != nil {
				return err
			}
			if sol, err := one.Solve(ctx, opt); err == nil {
				v := sol.NPV[0]
				r := fu.WaitAndSee - v
				row.NPV, row.Regret = &v, &r
			}
			out[p*n+f] = row
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// WriteOptions say how Write names the futures' run folders.
type WriteOptions struct {
	// Manifest is the template of every future's manifest.json; ScenarioHash is
	// filled per future.
	Manifest results.Manifest
	// Formats of the futures' run folders (see results.WriteRun); empty: all.
	Formats []string
}

// Write writes the output folder: summary.json, futures.csv, regret.csv,
// npv.svg, report.md, report.html and futures/ID/, a complete run folder per
// future. docs/outputs.md describes every file.
func (res *Result) Write(dir string, regrets []PlanRegret, wo WriteOptions) error {
	files := map[string][]byte{}
	sum, err := json.MarshalIndent(res.Summary(regrets), "", "  ")
	if err != nil {
		return err
	}
	files["summary.json"] = append(sum, '\n')
	files["futures.csv"] = res.futuresCSV()
	files["regret.csv"] = regretCSV(regrets)
	svg := res.npvChart()
	files["npv.svg"] = svg.Standalone("npv", chartW, res.chartH(), "NPV in each future", "The stochastic plan's NPV in each future (bar) and the future's own optimum (tick)")
	files["report.md"] = res.reportMD(regrets)
	files["report.html"] = res.reportHTML(regrets, svg.Frame("npv", chartW, res.chartH(), "NPV in each future", "The stochastic plan's NPV in each future (bar) and the future's own optimum (tick)"))
	return results.WriteTree(dir, "stochastic", wo.Manifest, func(dir string) error {
		return res.writeInto(dir, files, wo)
	})
}

// writeInto writes the folder's files and the futures' run folders into dir.
func (res *Result) writeInto(dir string, files map[string][]byte, wo WriteOptions) error {
	for f, fu := range res.Futures {
		s := res.Study.Futures[f].Scenario
		resolved, err := s.YAML()
		if err != nil {
			return err
		}
		man := wo.Manifest
		man.ScenarioHash = s.Hash()
		man.Options = map[string]string{"future": fu.ID}
		if len(res.Study.Futures[f].Set) > 0 {
			man.Options["set"] = strings.Join(res.Study.Futures[f].Set, " ")
		}
		if err := results.WriteRun(filepath.Join(dir, "futures", fu.ID), results.Run{Plan: fu.Plan, Scenario: s, ResolvedYAML: resolved, Manifest: man}, wo.Formats); err != nil {
			return err
		}
	}
	for _, name := range []string{"futures.csv", "regret.csv", "npv.svg", "report.md", "report.html", "summary.json"} {
		if err := results.WriteFileAtomic(filepath.Join(dir, name), files[name]); err != nil {
			return err
		}
	}
	return nil
}

// SummaryJSON is summary.json of a stochastic run.
type SummaryJSON struct {
	Study         string `json:"study"`
	Status        string `json:"status"`
	ObjectiveKind string `json:"objective_kind"`
	// Objective in USD: E[NPV], (1−w)·E[NPV] + w·CVaR, or −max regret.
	Objective        float64      `json:"objective"`
	MIPGap           float64      `json:"mip_gap"`
	ExpectedNPV      float64      `json:"expected_npv"`
	CVaR             *float64     `json:"cvar,omitempty"`
	CVaRAlpha        *float64     `json:"cvar_alpha,omitempty"`
	WaitAndSee       float64      `json:"wait_and_see_npv"`
	EVPI             float64      `json:"evpi"`
	EEV              *float64     `json:"eev"`
	VSS              *float64     `json:"vss"`
	VSSNote          string       `json:"vss_note,omitempty"`
	Unproven         []string     `json:"unproven,omitempty"`
	MaxRegret        float64      `json:"max_regret"`
	DecideBy         int          `json:"decide_by"`
	Plants           []Build      `json:"plants"`
	Futures          []FutureJSON `json:"futures"`
	MinMaxRegretPlan string       `json:"min_max_regret_plan,omitempty"`
	Model            ModelSize    `json:"model"`
}

// ModelSize is the size of the extensive form in summary.json.
type ModelSize struct {
	Columns  int `json:"columns"`
	Rows     int `json:"rows"`
	Nonzeros int `json:"nonzeros"`
	Integers int `json:"integers"`
}

// Build is one shared or later build in summary.json.
type Build struct {
	Site       string `json:"site"`
	Technology string `json:"technology"`
	Size       string `json:"size"`
	BuildYear  int    `json:"build_year"`
	Count      int    `json:"count"`
}

// FutureJSON is one future in summary.json.
type FutureJSON struct {
	ID            string  `json:"id"`
	Probability   float64 `json:"probability"`
	NPV           float64 `json:"npv"`
	WaitAndSeeNPV float64 `json:"wait_and_see_npv"`
	Regret        float64 `json:"regret"`
	LaterBuilds   []Build `json:"later_builds"`
}

func builds(bs []model.ModuleBuild) []Build {
	out := []Build{}
	for _, b := range bs {
		out = append(out, Build{Site: b.Site, Technology: b.Technology, Size: b.Size, BuildYear: b.Year, Count: b.Count})
	}
	return out
}

// Summary returns summary.json.
func (res *Result) Summary(regrets []PlanRegret) SummaryJSON {
	s := SummaryJSON{Study: res.Study.Name, Status: res.Status, ObjectiveKind: res.Objective, Objective: round(res.ObjectiveValue),
		MIPGap: res.MIPGap, ExpectedNPV: round(res.ExpectedNPV), WaitAndSee: round(res.WaitAndSee), EVPI: round(res.EVPI), Unproven: res.Unproven(),
		EEV: roundp(res.EEV), VSS: roundp(res.VSS), VSSNote: res.VSSNote, MaxRegret: round(res.MaxRegret),
		DecideBy: res.Study.DecideBy, Plants: builds(res.Shared), MinMaxRegretPlan: minMaxRegretPlan(regrets),
		Model: ModelSize{res.Stats.Columns, res.Stats.Rows, res.Stats.Nonzeros, res.Stats.Integers}}
	if res.CVaR != nil {
		s.CVaR, s.CVaRAlpha = roundp(res.CVaR), &res.Study.Risk.Alpha
	}
	for _, fu := range res.Futures {
		s.Futures = append(s.Futures, FutureJSON{ID: fu.ID, Probability: fu.Probability, NPV: round(fu.NPV),
			WaitAndSeeNPV: round(fu.WaitAndSee), Regret: round(fu.Regret), LaterBuilds: builds(fu.Later)})
	}
	return s
}

// round keeps money to the cent, so that summaries are stable to the last digit.
func round(v float64) float64 {
	r := math.Round(v*100) / 100
	if r == 0 {
		return 0 // not −0
	}
	return r
}

func roundp(v *float64) *float64 {
	if v == nil {
		return nil
	}
	r := round(*v)
	return &r
}

// minMaxRegretPlan names the plan of the regret matrix whose largest regret is
// smallest; a plan that cannot be operated in some future is never chosen.
func minMaxRegretPlan(regrets []PlanRegret) string {
	worst := map[string]float64{}
	var order []string
	for _, r := range regrets {
		if _, ok := worst[r.Plan]; !ok {
			order = append(order, r.Plan)
			worst[r.Plan] = math.Inf(-1)
		}
		if r.Regret == nil {
			worst[r.Plan] = math.Inf(1)
		} else {
			worst[r.Plan] = max(worst[r.Plan], *r.Regret)
		}
	}
	best, arg := math.Inf(1), ""
	for _, p := range order {
		if worst[p] < best {
			best, arg = worst[p], p
		}
	}
	return arg
}

func num(v float64) string { return strconv.FormatFloat(round(v), 'f', 2, 64) }

func writeCSV(rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows) // a bytes.Buffer does not fail
	return b.Bytes()
}

func buildsCell(bs []model.ModuleBuild) string {
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = fmt.Sprintf("%s/%s/%s@%d×%d", b.Site, b.Technology, b.Size, b.Year, b.Count)
	}
	return strings.Join(parts, " ")
}

func (res *Result) futuresCSV() []byte {
	rows := [][]string{{"future", "probability", "npv_usd", "wait_and_see_npv_usd", "regret_usd", "capex_usd", "security_t", "later_builds"}}
	for _, fu := range res.Futures {
		rows = append(rows, []string{fu.ID, strconv.FormatFloat(fu.Probability, 'g', -1, 64), num(fu.NPV), num(fu.WaitAndSee), num(fu.Regret),
			num(fu.Plan.Capex), strconv.FormatFloat(math.Round(fu.Plan.Security*1000)/1000, 'f', 3, 64), buildsCell(fu.Later)})
	}
	return writeCSV(rows)
}

func regretCSV(regrets []PlanRegret) []byte {
	rows := [][]string{{"plan", "future", "npv_usd", "regret_usd", "operable"}}
	for _, r := range regrets {
		if r.NPV == nil {
			rows = append(rows, []string{r.Plan, r.Future, "", "", "false"})
			continue
		}
		rows = append(rows, []string{r.Plan, r.Future, num(*r.NPV), num(*r.Regret), "true"})
	}
	return writeCSV(rows)
}

const chartW = 640.0

func (res *Result) chartH() float64 { return 70 + 26*float64(len(res.Futures)) + 40 }

// npvChart draws the NPV distribution: per future a bar of the stochastic plan's
// NPV and a tick at the future's own optimum, in $M.
func (res *Result) npvChart() *chart.Canvas {
	c := &chart.Canvas{}
	lo, hi := 0.0, 0.0
	for _, fu := range res.Futures {
		lo, hi = math.Min(lo, math.Min(fu.NPV, fu.WaitAndSee)), math.Max(hi, math.Max(fu.NPV, fu.WaitAndSee))
	}
	ticks := chart.NiceTicks(lo/1e6, hi/1e6, 5)
	tlo, thi := ticks[0], ticks[len(ticks)-1]
	left, right, top := 150.0, chartW-30, 50.0
	x := func(usd float64) float64 { return left + (usd/1e6-tlo)/(thi-tlo)*(right-left) }
	c.Text(10, 24, "start", "chart-title", "NPV of the stochastic plan in each future")
	for i, fu := range res.Futures {
		y := top + 26*float64(i)
		c.Text(left-8, y+15, "end", "label", fmt.Sprintf("%s (p %.3g)", fu.ID, fu.Probability))
		c.Rect(x(0), y+4, x(fu.NPV)-x(0), 16, chart.Palette[0].Fill, "bar", fmt.Sprintf("%s: NPV $%.2fM, own optimum $%.2fM", fu.ID, fu.NPV/1e6, fu.WaitAndSee/1e6))
		c.Line(x(fu.WaitAndSee), y+1, x(fu.WaitAndSee), y+23, "marker-line")
	}
	base := top + 26*float64(len(res.Futures)) + 4
	c.Line(left, base, right, base, "axis")
	for _, t := range ticks {
		c.Line(x(t*1e6), base, x(t*1e6), base+4, "axis")
		c.Text(x(t*1e6), base+16, "middle", "tick", strconv.FormatFloat(t, 'g', -1, 64))
	}
	c.Text((left+right)/2, base+34, "middle", "axis-title", "NPV, $M (bar: stochastic plan; dashed tick: the future's own optimum)")
	return c
}

func (res *Result) reportMD(regrets []PlanRegret) []byte {
	var b strings.Builder
	st := res.Study
	fmt.Fprintf(&b, "# Study %s\n\n", st.Name)
	if st.Description != "" {
		fmt.Fprintf(&b, "%s\n\n", st.Description)
	}
	shared := "every build is shared by all futures"
	if st.DecideBy != 0 {
		shared = fmt.Sprintf("builds up to %d are shared; later builds may differ per future", st.DecideBy)
	}
	fmt.Fprintf(&b, "Scenario %s, %d futures; %s. Objective: %s; status %s.\n\n", st.ScenarioRef, len(st.Futures), shared, res.Objective, res.Status)
	if u := res.Unproven(); len(u) > 0 {
		fmt.Fprintf(&b, "Not proven: %s.\n\n", strings.Join(u, "; "))
	}
	fmt.Fprintf(&b, "| Measure | $M |\n|---|---:|\n")
	fmt.Fprintf(&b, "| Expected NPV | %.2f |\n", res.ExpectedNPV/1e6)
	if res.CVaR != nil {
		fmt.Fprintf(&b, "| CVaR at %.3g | %.2f |\n", st.Risk.Alpha, *res.CVaR/1e6)
	}
	fmt.Fprintf(&b, "| Wait-and-see expectation | %.2f |\n| EVPI | %.2f |\n", res.WaitAndSee/1e6, res.EVPI/1e6)
	if res.VSS != nil {
		fmt.Fprintf(&b, "| Expected NPV of the expected-value plan (EEV) | %.2f |\n| VSS | %.2f |\n", *res.EEV/1e6, *res.VSS/1e6)
	} else {
		fmt.Fprintf(&b, "| VSS | not computed: %s |\n", res.VSSNote)
	}
	fmt.Fprintf(&b, "| Largest regret | %.2f |\n\n", res.MaxRegret/1e6)
	fmt.Fprintf(&b, "## The shared plan\n\n")
	if len(res.Shared) == 0 {
		b.WriteString("No new plants.\n\n")
	} else {
		b.WriteString("| Site | Technology | Size | Build year | Modules |\n|---|---|---|---:|---:|\n")
		for _, p := range res.Shared {
			fmt.Fprintf(&b, "| %s | %s | %s | %d | %d |\n", p.Site, p.Technology, p.Size, p.Year, p.Count)
		}
		b.WriteString("\n")
	}
	b.WriteString("## Futures\n\n![NPV in each future](npv.svg)\n\n| Future | Probability | NPV $M | Own optimum $M | Regret $M | Added later |\n|---|---:|---:|---:|---:|---|\n")
	for _, fu := range res.Futures {
		later := buildsCell(fu.Later)
		if later == "" {
			later = "–"
		}
		fmt.Fprintf(&b, "| [%s](futures/%s/report.md) | %.4g | %.2f | %.2f | %.2f | %s |\n", fu.ID, fu.ID, fu.Probability, fu.NPV/1e6, fu.WaitAndSee/1e6, fu.Regret/1e6, later)
	}
	if p := minMaxRegretPlan(regrets); p != "" {
		fmt.Fprintf(&b, "\nOf the plans in regret.csv (this plan, the expected-value plan and each future's own), %s has the smallest largest regret.\n", p)
	}
	return []byte(b.String())
}

func (res *Result) reportHTML(regrets []PlanRegret, svg string) []byte {
	mapSVG, mapLegend, mapCSS := res.sharedMap()
	extra := ""
	if mapSVG != "" {
		extra = "<h2>The shared plan on the map</h2>\n<p>The plants every future builds (and those that exist already); each future's own later builds and flows are in its run folder's report.</p>\n" +
			mapSVG + "\n" + mapLegend + "\n"
	}
	return results.MarkdownPage("Study "+res.Study.Name, res.reportMD(regrets), map[string]string{"npv.svg": svg}, mapCSS, extra)
}

// sharedMap draws the shared plan on the map of India: the plants of the most
// probable future's plan (the first on a tie) that are shared by every future
// or exist already, without flows, which differ by future. It returns the SVG,
// its legend and the CSS for both (the charts' alone, with an empty SVG, when
// no future has a plan).
func (res *Result) sharedMap() (svg, legend, css string) {
	best := -1
	for f, fu := range res.Futures {
		if fu.Plan != nil && (best < 0 || res.Study.Futures[f].Probability > res.Study.Futures[best].Probability) {
			best = f
		}
	}
	if best < 0 {
		return "", "", chart.CSS
	}
	shared := *res.Futures[best].Plan
	shared.Plants = nil
	shared.Flows = nil
	for _, p := range res.Futures[best].Plan.Plants {
		if p.Existing || res.Study.SharedYear(p.BuildYear) {
			shared.Plants = append(shared.Plants, p)
		}
	}
	return results.PlanMap(&shared, res.Study.Futures[best].Scenario)
}
