package stochastic

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mineralplan/mineralplan/chart"
	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/results"
	"github.com/mineralplan/mineralplan/scenarios"
)

// NamedPlan is a plan's new builds, read from a folder.
type NamedPlan struct {
	// Name identifies the plan in tables: its folder's base name, made unique.
	Name, Dir string
	Builds    []model.ModuleBuild
}

// ReadPlan reads the new builds of the plan in dir: from plants.csv of a run
// folder (run, batch, a stochastic future, an alternative), else from the
// shared plants of a stochastic folder's summary.json.
func ReadPlan(dir string) (NamedPlan, error) {
	np := NamedPlan{Name: filepath.Base(filepath.Clean(dir)), Dir: dir}
	if f, err := os.Open(filepath.Join(dir, "plants.csv")); err == nil {
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil || len(recs) == 0 {
			return np, fmt.Errorf("%s: plants.csv: not a CSV table (%v)", dir, err)
		}
		col := map[string]int{}
		for i, h := range recs[0] {
			col[h] = i
		}
		for _, c := range []string{"site", "technology", "size", "count", "existing", "build_year"} {
			if _, ok := col[c]; !ok {
				return np, fmt.Errorf("%s: plants.csv has no column %s", dir, c)
			}
		}
		for line, r := range recs[1:] {
			if r[col["existing"]] == "true" {
				continue
			}
			n, err1 := strconv.Atoi(r[col["count"]])
			y, err2 := strconv.Atoi(r[col["build_year"]])
			if err1 != nil || err2 != nil {
				return np, fmt.Errorf("%s/plants.csv:%d: count and build_year must be whole numbers", dir, line+2)
			}
			np.Builds = append(np.Builds, model.ModuleBuild{Site: r[col["site"]], Technology: r[col["technology"]], Size: r[col["size"]], Year: y, Count: n})
		}
		return np, nil
	}
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		if fi, serr := os.Stat(dir); serr != nil || !fi.IsDir() {
			return np, fmt.Errorf("--plan %s: no such folder; name a run, stochastic or alternatives folder", dir)
		}
		if err := results.NotARunFolder(dir); err != nil {
			return np, fmt.Errorf("--plan %s: %v", dir, err)
		}
		return np, fmt.Errorf("--plan %s: the folder holds neither plants.csv (a run folder) nor summary.json (a stochastic folder)", dir)
	}
	var s struct {
		Study  string  `json:"study"`
		Plants []Build `json:"plants"`
	}
	if err := json.Unmarshal(b, &s); err != nil || s.Study == "" {
		return np, fmt.Errorf("%s/summary.json is not a stochastic summary (%v); give a run folder or a stochastic folder", dir, err)
	}
	for _, p := range s.Plants {
		np.Builds = append(np.Builds, model.ModuleBuild{Site: p.Site, Technology: p.Technology, Size: p.Size, Year: p.BuildYear, Count: p.Count})
	}
	return np, nil
}

// Target is a scenario a plan is evaluated in: a scenario given alone
// (Probability 1, Group "") or a future of a study (Group the study's name).
type Target struct {
	ID, Group   string
	Probability float64
	Scenario    *scenarios.Scenario
}

// Evaluation is one plan in one target.
type Evaluation struct {
	Plan, Target string
	// Operable reports whether the plan's builds can be operated in the target;
	// when not, Conflicts say which requirements or limits fail, and Error any
	// other reason (a module the target cannot build).
	Operable  bool
	Conflicts []model.Conflict
	Error     string
	// NPV (USD), Security (t) and Capex (USD) of the plan with the best
	// operations for it; Own the target's own optimal NPV; Regret = Own − NPV.
	NPV, Security, Capex, Own, Regret float64
	// Result is the checked plan of the evaluation, nil when not operable.
	Result *model.Plan
}

// Evaluated is the outcome of evaluating plans in targets.
type Evaluated struct {
	Plans   []NamedPlan
	Targets []Target
	// Rows[p][t] is plan p in target t.
	Rows [][]Evaluation
	// OwnPlans[t] is target t's own optimal plan.
	OwnPlans []*model.Plan
	// MinMaxRegret is the plan whose largest regret over the targets is
	// smallest among plans operable in every target; "" when none is.
	MinMaxRegret string
}

// Evaluate fixes each plan's builds in each target and re-optimises operations
// (model.Problem.SolveWithBuilds), and solves each target alone for its own
// optimum. A target that has no feasible plan at all is an error. The solves
// run on up to workers workers (< 1: GOMAXPROCS); the result does not depend
// on their number.
func Evaluate(ctx context.Context, plans []NamedPlan, targets []Target, opt model.Options, workers int) (*Evaluated, error) {
	opt.Marginals = false
	ev := &Evaluated{Plans: plans, Targets: targets, OwnPlans: make([]*model.Plan, len(targets))}
	err := forEach(len(targets), workers, func(ti int) error {
		own, err := model.Solve(ctx, targets[ti].Scenario, opt)
		if err != nil {
			return fmt.Errorf("%s on its own: %w", targets[ti].ID, err)
		}
		ev.OwnPlans[ti] = own
		return nil
	})
	if err != nil {
		return nil, err
	}
	ev.Rows = make([][]Evaluation, len(plans))
	for p := range ev.Rows {
		ev.Rows[p] = make([]Evaluation, len(targets))
	}
	// Cell i is plan i / len(targets) in target i % len(targets).
	err = forEach(len(plans)*len(targets), workers, func(i int) error {
		pl, ti := plans[i/len(targets)], i%len(targets)
		t := targets[ti]
		e := Evaluation{Plan: pl.Name, Target: t.ID, Own: ev.OwnPlans[ti].NPV}
		p, err := model.Build(t.Scenario)
		if err != nil {
			return err
		}
		plan, _, err := p.SolveWithBuilds(ctx, pl.Builds, ev.OwnPlans[ti].DualBound, opt)
		switch {
		case err == nil:
			e.Operable, e.NPV, e.Security, e.Capex, e.Result = true, plan.NPV, plan.Security, plan.Capex, plan
			e.Regret = e.Own - e.NPV
		case model.IsCheckError(err):
			return fmt.Errorf("plan %s in %s: %w", pl.Name, t.ID, err)
		default:
			e.Error = err.Error()
			if conflicts, cerr := p.ExplainWithBuilds(ctx, pl.Builds, opt); cerr == nil && len(conflicts) > 0 {
				e.Conflicts, e.Error = conflicts, ""
			}
		}
		ev.Rows[i/len(targets)][ti] = e
		return nil
	})
	if err != nil {
		return nil, err
	}
	best := math.Inf(1)
	for p, row := range ev.Rows {
		worst := math.Inf(-1)
		for _, e := range row {
			if !e.Operable {
				worst = math.Inf(1)
				break
			}
			worst = max(worst, e.Regret)
		}
		if worst < best {
			best, ev.MinMaxRegret = worst, plans[p].Name
		}
	}
	return ev, nil
}

// Unproven lists, one line each, the targets whose own solve stopped (at a time
// limit) before proving its plan optimal: their own NPV and every plan's regret
// there are then measured from the best plan found (and may be negative). It is
// empty when every own solve was proven.
func (ev *Evaluated) Unproven() []string {
	var out []string
	for t, own := range ev.OwnPlans {
		if own != nil && own.Status != model.StatusOptimal {
			out = append(out, fmt.Sprintf("%s on its own: the solve ended %s, so its own NPV and the regrets there rest on the best plan found", ev.Targets[t].ID, own.Status))
		}
	}
	return out
}

// Inoperable reports the evaluations whose plan cannot be operated, as
// sentences, one per plan and target.
func (ev *Evaluated) Inoperable() []string {
	var out []string
	for _, row := range ev.Rows {
		for _, e := range row {
			if e.Operable {
				continue
			}
			msg := fmt.Sprintf("plan %s cannot be operated in %s", e.Plan, e.Target)
			if e.Error != "" {
				msg += ": " + e.Error
			}
			for _, c := range e.Conflicts {
				msg += "\n  " + c.String()
			}
			out = append(out, msg)
		}
	}
	return out
}

// Write writes evaluation.csv, regret.csv, regret.svg and evaluation.json to dir,
// and a run folder per operable plan and target, dir/<plan>/<target>/.
func (ev *Evaluated) Write(dir string, wo WriteOptions) error {
	return results.WriteTree(dir, "evaluate", wo.Manifest, func(tmp string) error { return ev.writeInto(tmp, wo) })
}

// writeInto writes the files and run folders of Write into dir.
func (ev *Evaluated) writeInto(dir string, wo WriteOptions) error {
	eval := [][]string{{"plan", "target", "probability", "operable", "npv_usd", "security_t", "capex_usd", "own_npv_usd", "regret_usd", "conflict"}}
	var regrets []PlanRegret
	for p, row := range ev.Rows {
		for t, e := range row {
			prob := strconv.FormatFloat(ev.Targets[t].Probability, 'g', -1, 64)
			if !e.Operable {
				var why []string
				for _, c := range e.Conflicts {
					why = append(why, c.String())
				}
				if e.Error != "" {
					why = append(why, e.Error)
				}
				eval = append(eval, []string{e.Plan, e.Target, prob, "false", "", "", "", num(e.Own), "", strings.Join(why, "; ")})
				regrets = append(regrets, PlanRegret{Plan: e.Plan, Future: e.Target})
				continue
			}
			eval = append(eval, []string{e.Plan, e.Target, prob, "true", num(e.NPV), strconv.FormatFloat(math.Round(e.Security*1000)/1000, 'f', 3, 64),
				num(e.Capex), num(e.Own), num(e.Regret), ""})
			npv, reg := e.NPV, e.Regret
			regrets = append(regrets, PlanRegret{Plan: e.Plan, Future: e.Target, NPV: &npv, Regret: &reg})
			s := ev.Targets[t].Scenario
			resolved, err := s.YAML()
			if err != nil {
				return err
			}
			man := wo.Manifest
			man.ScenarioHash = s.Hash()
			man.Options = map[string]string{"plan": ev.Plans[p].Dir}
			if err := results.WriteRun(filepath.Join(dir, e.Plan, e.Target), results.Run{Plan: e.Result, Scenario: s, ResolvedYAML: resolved, Manifest: man}, wo.Formats); err != nil {
				return err
			}
		}
	}
	type studyJSON struct {
		Study string `json:"study"`
		// ExpectedNPV is Σ probability × NPV over the study's futures; null
		// when the plan is inoperable in one.
		ExpectedNPV *float64 `json:"expected_npv"`
	}
	type planJSON struct {
		Plan      string   `json:"plan"`
		Dir       string   `json:"dir"`
		Builds    []Build  `json:"builds"`
		MaxRegret *float64 `json:"max_regret"`
		// Studies give per study its expected NPV over its futures.
		Studies []studyJSON `json:"studies"`
	}
	sum := struct {
		Plans        []planJSON `json:"plans"`
		MinMaxRegret string     `json:"min_max_regret_plan"`
		Unproven     []string   `json:"unproven,omitempty"`
	}{MinMaxRegret: ev.MinMaxRegret, Unproven: ev.Unproven()}
	for p, row := range ev.Rows {
		pj := planJSON{Plan: ev.Plans[p].Name, Dir: ev.Plans[p].Dir, Builds: builds(ev.Plans[p].Builds), Studies: []studyJSON{}}
		worst, ok := math.Inf(-1), true
		exp := map[string]float64{}
		bad := map[string]bool{}
		for t, e := range row {
			g := ev.Targets[t].Group
			if !e.Operable {
				ok = false
				bad[g] = true
				continue
			}
			worst = max(worst, e.Regret)
			exp[g] += ev.Targets[t].Probability * e.NPV
		}
		if ok {
			w := round(worst)
			pj.MaxRegret = &w
		}
		seen := map[string]bool{}
		for _, t := range ev.Targets {
			if t.Group == "" || seen[t.Group] {
				continue
			}
			seen[t.Group] = true
			sj := studyJSON{Study: t.Group}
			if !bad[t.Group] {
				v := round(exp[t.Group])
				sj.ExpectedNPV = &v
			}
			pj.Studies = append(pj.Studies, sj)
		}
		sum.Plans = append(sum.Plans, pj)
	}
	sb, err := json.MarshalIndent(sum, "", "  ")
	if err != nil {
		return err
	}
	svg := ev.heatmap()
	files := []struct {
		name string
		data []byte
	}{
		{"evaluation.csv", writeCSV(eval)},
		{"regret.csv", regretCSV(regrets)},
		{"regret.svg", svg},
		{"evaluation.json", append(sb, '\n')},
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := results.WriteFileAtomic(filepath.Join(dir, f.name), f.data); err != nil {
			return err
		}
	}
	return nil
}

// heatmap draws the plan × target regret matrix: one cell per plan and target,
// darker for more regret, hatched grey where the plan cannot be operated; the
// min-max-regret plan's name is marked with ★.
func (ev *Evaluated) heatmap() []byte {
	c := &chart.Canvas{}
	cell, left, top := 90.0, 200.0, 70.0
	maxR := 0.0
	for _, row := range ev.Rows {
		for _, e := range row {
			if e.Operable {
				maxR = max(maxR, e.Regret)
			}
		}
	}
	c.Text(10, 24, "start", "chart-title", "Regret of each plan in each scenario, $M")
	for t, tg := range ev.Targets {
		c.Text(left+cell*float64(t)+cell/2, top-8, "middle", "label", tg.ID)
	}
	for p, row := range ev.Rows {
		y := top + 30*float64(p)
		name := ev.Plans[p].Name
		if name == ev.MinMaxRegret {
			name = "★ " + name
		}
		c.Text(left-8, y+19, "end", "label", name)
		for t, e := range row {
			x := left + cell*float64(t)
			if !e.Operable {
				c.Rect(x, y, cell-2, 28, "#bbbbbb", "cell", fmt.Sprintf("%s in %s: cannot be operated", e.Plan, e.Target))
				c.Text(x+cell/2, y+19, "middle", "value", "inoperable")
				continue
			}
			share := 0.0
			if maxR > 0 {
				share = math.Max(e.Regret, 0) / maxR
			}
			light := int(math.Round(245 - 150*share))
			c.Rect(x, y, cell-2, 28, fmt.Sprintf("rgb(%d,%d,255)", light, light), "cell", fmt.Sprintf("%s in %s: NPV $%.2fM, regret $%.2fM", e.Plan, e.Target, e.NPV/1e6, e.Regret/1e6))
			c.Text(x+cell/2, y+19, "middle", "value", strconv.FormatFloat(math.Round(e.Regret/1e4)/100, 'f', 2, 64))
		}
	}
	w := left + cell*float64(len(ev.Targets)) + 20
	h := top + 30*float64(len(ev.Rows)) + 30
	c.Text(10, h-10, "start", "note", "★ the plan with the smallest largest regret among plans operable everywhere")
	return c.Standalone("regret", w, h, "Regret matrix", "Regret of each plan in each scenario or future, in $M")
}
