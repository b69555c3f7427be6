package alternatives

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/results"
)

// Write writes the output folder: optimum/ and alt-N/ run folders,
// alternatives.csv, appearances.csv, choices.svg, report.md and report.html.
// manifest is the template of the run folders' manifests. docs/outputs.md
// describes every file.
func (r *Result) Write(dir string, manifest results.Manifest, formats []string) error {
	return results.WriteTree(dir, "alternatives", manifest, func(tmp string) error { return r.writeInto(tmp, manifest, formats) })
}

// writeInto writes the run folders and tables of Write into dir.
func (r *Result) writeInto(dir string, manifest results.Manifest, formats []string) error {
	resolved, err := r.Scenario.YAML()
	if err != nil {
		return err
	}
	manifest.ScenarioHash = r.Scenario.Hash()
	write := func(name string, plan *model.Plan) error {
		return results.WriteRun(filepath.Join(dir, name), results.Run{Plan: plan, Scenario: r.Scenario, ResolvedYAML: resolved, Manifest: manifest}, formats)
	}
	if err := write("optimum", r.Optimum); err != nil {
		return err
	}
	for _, a := range r.Alternatives {
		if err := write(a.Name, a.Plan); err != nil {
			return err
		}
	}
	c, w, h := r.choicesChart()
	const title, desc = "Choices of each plan", "Which (site, technology) pairs the optimum and each alternative build, and whether each of the optimum's is forced"
	for _, f := range []struct {
		name string
		data []byte
	}{
		{"alternatives.csv", r.alternativesCSV()},
		{"appearances.csv", r.appearancesCSV()},
		{"choices.svg", c.Standalone("choices", w, h, title, desc)},
		{"report.md", r.reportMD()},
		{"report.html", r.reportHTML(c.Frame("choices", w, h, title, desc))},
	} {
		if err := results.WriteFileAtomic(filepath.Join(dir, f.name), f.data); err != nil {
			return err
		}
	}
	return nil
}

func money(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', 2, 64) }

func pairCells(ps []model.SiteTech) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.Site + "/" + p.Technology
	}
	return strings.Join(parts, " ")
}

// minus returns the pairs of a not in b.
func minus(a, b []model.SiteTech) []model.SiteTech {
	var out []model.SiteTech
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// states returns the sorted states of the plan's new plants.
func states(plan *model.Plan) []string {
	var out []string
	for _, p := range plan.Plants {
		if !p.Existing && !slices.Contains(out, p.State) {
			out = append(out, p.State)
		}
	}
	slices.Sort(out)
	return out
}

func setMinus(a, b []string) string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return strings.Join(out, " ")
}

func (r *Result) alternativesCSV() []byte {
	rows := [][]string{{"plan", "status", "npv_usd", "npv_loss_usd", "npv_loss_share", "capex_usd", "security_t", "distance", "distance_to_optimum", "site_technologies", "added", "dropped", "states_added", "states_dropped"}}
	opt := r.Optimum
	row := func(name string, plan *model.Plan, pairs []model.SiteTech, dist, toOpt string) []string {
		loss := opt.NPV - plan.NPV
		share := 0.0
		if opt.NPV != 0 {
			share = loss / math.Abs(opt.NPV)
		}
		return []string{name, plan.Status, money(plan.NPV), money(loss), strconv.FormatFloat(math.Round(share*1e6)/1e6, 'f', 6, 64), money(plan.Capex),
			strconv.FormatFloat(math.Round(plan.Security*1000)/1000, 'f', 3, 64), dist, toOpt, pairCells(pairs),
			pairCells(minus(pairs, r.Pairs)), pairCells(minus(r.Pairs, pairs)), setMinus(states(plan), states(opt)), setMinus(states(opt), states(plan))}
	}
	rows = append(rows, row("optimum", opt, r.Pairs, "", "0"))
	for _, a := range r.Alternatives {
		rows = append(rows, row(a.Name, a.Plan, a.Pairs, strconv.Itoa(a.Distance), strconv.Itoa(a.ToOptimum)))
	}
	return csvBytes(rows)
}

// appearancesCSV is appearances.csv: the pairs of rows, sorted by site and
// technology.
func (r *Result) appearancesCSV() []byte {
	count := r.counts()
	rows := [][]string{{"site", "state", "technology", "in_optimum", "alternatives", "share", "forced", "done_without_in", "done_without_npv_usd"}}
	n := len(r.Alternatives)
	for _, p := range model.SiteTechs(toBuilds(r.rows())) {
		share := ""
		if n > 0 {
			share = strconv.FormatFloat(math.Round(float64(count[p])/float64(n)*1e6)/1e6, 'f', 6, 64)
		}
		forced, without, withoutNPV := "", "", ""
		if c, ok := r.choice(p); ok && !c.Undecided {
			forced = strconv.FormatBool(c.Forced)
			if !c.Forced {
				without, withoutNPV = c.Without, money(c.WithoutNPV)
			}
		}
		rows = append(rows, []string{p.Site, r.state(p), p.Technology, strconv.FormatBool(slices.Contains(r.Pairs, p)), strconv.Itoa(count[p]), share, forced, without, withoutNPV})
	}
	return csvBytes(rows)
}

func toBuilds(ps []model.SiteTech) []model.ModuleBuild {
	out := make([]model.ModuleBuild, len(ps))
	for i, p := range ps {
		out[i] = model.ModuleBuild{Site: p.Site, Technology: p.Technology, Count: 1}
	}
	return out
}

func csvBytes(rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows) // a bytes.Buffer does not fail
	return b.Bytes()
}

// String summarises the result in a few lines for the terminal.
func (r *Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "optimum: NPV %.2f $M, %s\n", r.Optimum.NPV/1e6, dash(pairCells(r.Pairs)))
	for _, a := range r.Alternatives {
		fmt.Fprintf(&b, "%s: NPV %.2f $M (−%.2f%%), distance %d: +[%s] −[%s]\n", a.Name, a.Plan.NPV/1e6,
			100*(r.Optimum.NPV-a.Plan.NPV)/math.Max(math.Abs(r.Optimum.NPV), 1), a.Distance, pairCells(minus(a.Pairs, r.Pairs)), pairCells(minus(r.Pairs, a.Pairs)))
	}
	for _, c := range r.Choices {
		fmt.Fprintf(&b, "%s/%s: %s\n", c.Pair.Site, c.Pair.Technology, r.verdict(c.Pair, 0))
	}
	return b.String()
}
