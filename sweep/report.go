package sweep

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

// Files a sweep folder's report writes.
const (
	CasesFile      = "cases.csv"
	CasePlantsFile = "case_plants.csv"
	SummaryFile    = "summary.md"
)

// writeReport reads the results of the manifest's cases from their folders and
// writes cases.csv and summary.md, and for a whole sweep the analysis of its kind
// with its charts. Everything is computed from the folder, so a merged folder
// gives the same report as a single run.
func writeReport(dir string, m *Manifest) (*Outcome, error) {
	o := &Outcome{Dir: dir, Manifest: m, Results: map[int]*Result{}}
	for _, c := range m.Cases {
		if c.Hash == "" {
			continue
		}
		r, err := readResult(dir, c.Hash)
		if err != nil {
			return nil, fmt.Errorf("case %s: %w", c.Name(), err)
		}
		o.Results[c.Index] = r
		if !r.Optimal() {
			o.Failed = append(o.Failed, Failure{Case: c, Status: r.Status, Error: r.Error})
		}
	}
	if err := results.WriteFileAtomic(filepath.Join(dir, CasesFile), casesCSV(m, o.Results)); err != nil {
		return nil, err
	}
	if err := results.WriteFileAtomic(filepath.Join(dir, CasePlantsFile), casePlantsCSV(m, o.Results)); err != nil {
		return nil, err
	}
	var md strings.Builder
	summaryHeader(&md, m, o)
	if m.shard().Whole() {
		var err error
		switch m.Kind {
		case KindGrid:
			err = gridReport(&md, dir, m, o)
		case KindTornado:
			err = tornadoReport(&md, dir, m, o)
		case KindMonteCarlo:
			err = monteCarloReport(&md, dir, m, o)
		case KindPareto:
			err = paretoReport(&md, dir, m, o)
		case KindFrontier:
			err = frontierReport(&md, dir, m, o)
		}
		if err != nil {
			return nil, err
		}
	}
	if len(o.Failed) > 0 {
		md.WriteString("\n## Cases without an optimal plan\n\n")
		var rows [][]string
		for _, f := range o.Failed {
			rows = append(rows, []string{f.Case.ID, strings.Join(f.Case.Sets, " "), f.Status, oneLine(f.Error)})
		}
		mdTable(&md, []string{"case", "sets", "status", "error"}, rows)
	}
	if err := results.WriteFileAtomic(filepath.Join(dir, SummaryFile), []byte(md.String())); err != nil {
		return nil, err
	}
	return o, nil
}

// casesCSV renders cases.csv: one row per case with a result, in index order;
// the figures are empty for a case without a plan, and timing (seconds) is the
// last column. A varied parameter of a grid or Monte Carlo sweep has two
// columns, the value used (its path) and its factor of the base value
// (path:factor); a tornado's rows name their parameter and give its value and
// factor the same way.
func casesCSV(m *Manifest, res map[int]*Result) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	head := []string{"case", "hash"}
	switch m.Kind {
	case KindTornado:
		head = append(head, "parameter", "side", "value", "factor")
	case KindGrid, KindMonteCarlo:
		for _, c := range m.Columns {
			head = append(head, c, c+":factor")
		}
	default:
		head = append(head, m.Columns...)
	}
	w.Write(append(head, "status", "objective", "npv_usd", "capex_usd", "security_t", "plants", "mip_gap", "method", "proved_by", "nodes", "start_gap", "error", "seconds"))
	for _, c := range m.Cases {
		r := res[c.Index]
		if r == nil {
			continue
		}
		row := append([]string{c.ID, c.Hash}, labelCells(m, c)...)
		row = append(row, r.Status)
		if r.hasPlan() {
			row = append(row, fixed(r.Objective, 2), fixed(r.NPV, 2), fixed(r.Capex, 2), fixed(r.Security, 3),
				strconv.Itoa(r.modules()), gapText(r.MIPGap), r.Method, strings.Join(r.ProvedBy, ";"))
		} else { // no plan: no figures
			row = append(row, "", "", "", "", "", "", r.Method, "")
		}
		startGap := ""
		if r.StartGap != nil {
			startGap = gapText(*r.StartGap)
		}
		row = append(row, strconv.FormatInt(r.Nodes, 10), startGap)
		w.Write(append(row, oneLine(r.Error), fixed(r.Seconds, 3)))
	}
	w.Flush()
	return buf.Bytes()
}

// labelCells are a case's cells for its labels in cases.csv (see casesCSV).
func labelCells(m *Manifest, c Case) []string {
	switch m.Kind {
	case KindTornado:
		value, factor := "", ""
		if c.Labels[0] != "" {
			value, factor = valueCells(paramOf(m.Params, c.Labels[0]), c.Labels[2])
		}
		return []string{c.Labels[0], c.Labels[1], value, factor}
	case KindGrid, KindMonteCarlo:
		var out []string
		for j, l := range c.Labels {
			value, factor := valueCells(paramOf(m.Params, m.Columns[j]), l)
			out = append(out, value, factor)
		}
		return out
	}
	return c.Labels
}

// casePlantsCSV renders case_plants.csv: the new modules of every case with a
// plan, one row per site, technology, size and build year, in case order and
// the plan's order.
func casePlantsCSV(m *Manifest, res map[int]*Result) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"case", "site", "technology", "size", "year", "count"})
	for _, c := range m.Cases {
		r := res[c.Index]
		if r == nil || !r.hasPlan() {
			continue
		}
		builds, _ := r.builds() // planResult wrote the Plants, so they read back
		for _, b := range builds {
			w.Write([]string{c.ID, b.Site, b.Technology, b.Size, strconv.Itoa(b.Year), strconv.Itoa(b.Count)})
		}
	}
	w.Flush()
	return buf.Bytes()
}

// modules is the number of new modules a result builds.
func (r *Result) modules() int {
	builds, _ := r.builds()
	n := 0
	for _, b := range builds {
		n += b.Count
	}
	return n
}

// summaryHeader writes what the sweep is and how many cases solved.
func summaryHeader(md *strings.Builder, m *Manifest, o *Outcome) {
	fmt.Fprintf(md, "# %s of %s\n\n", kindTitle(m.Kind), m.Base.Name)
	file := m.Base.File
	if file == "" {
		file = "the embedded default scenario"
	}
	fmt.Fprintf(md, "- Base scenario: %s (hash %s)\n", file, short(m.Base.Hash))
	if len(m.Base.Sets) > 0 {
		fmt.Fprintf(md, "- Fixed sets: `%s`\n", strings.Join(m.Base.Sets, "` `"))
	}
	warm := "off"
	if m.WarmStart {
		warm = "on (from the base scenario's solution)"
	}
	fmt.Fprintf(md, "- Warm start: %s\n", warm)
	if m.Reuse {
		proved := 0
		for _, r := range o.Results {
			if r.Method == MethodProved {
				proved++
			}
		}
		from := "larger budgets"
		if len(m.Grid) > 0 {
			from = "their neighbours along " + m.Grid[len(m.Grid)-1].Path
			if m.Stack != "" {
				from += " and across " + m.Stack
			}
		}
		fmt.Fprintf(md, "- Reuse: on; %d of the cases were proved optimal from the solves of %s (method `proved` in %s), the others solved\n",
			proved, from, CasesFile)
	}
	n := 0
	for _, c := range m.Cases {
		if m.shard().Owns(c.Index) {
			n++
		}
	}
	if !m.shard().Whole() {
		fmt.Fprintf(md, "- Shard %s: %d of the sweep's %d cases. Merge the shards' folders with `mineralplan merge` for the analysis.\n", m.shard(), n, len(m.Cases))
	}
	fmt.Fprintf(md, "- Cases: %d, of which %d optimal and %d without an optimal plan; one row each in [%s](%s), one folder each under cases/\n",
		n, len(o.Results)-len(o.Failed), len(o.Failed), CasesFile, CasesFile)
	summarySolves(md, o)
}

// summarySolves writes how much branch and bound the solved cases took, and how
// many of their solves started from the plan they ended with, so that the solve
// only had to prove it optimal.
func summarySolves(md *strings.Builder, o *Outcome) {
	var nodes []int64
	var total int64
	started, atOptimum := 0, 0
	for _, r := range o.Results {
		if r.Method != MethodMIP || !r.hasPlan() {
			continue
		}
		nodes = append(nodes, r.Nodes)
		total += r.Nodes
		if r.StartGap != nil {
			started++
			if *r.StartGap < 1e-9 {
				atOptimum++
			}
		}
	}
	if len(nodes) == 0 {
		return
	}
	slices.Sort(nodes)
	fmt.Fprintf(md, "- Solves: %d cases solved by HiGHS, %d branch-and-bound nodes in all (median %d per solve); %d started from a plan (`start_gap` in %s), %d of them from the plan they ended with, so that the solve only proved it optimal\n",
		len(nodes), total, nodes[(len(nodes)-1)/2], started, CasesFile, atOptimum)
}

// kindTitle is the heading of a sweep kind.
func kindTitle(kind string) string {
	switch kind {
	case KindGrid:
		return "Grid sweep"
	case KindTornado:
		return "Tornado"
	case KindMonteCarlo:
		return "Monte Carlo"
	case KindPareto:
		return "Pareto front"
	case KindFrontier:
		return "Budget frontier"
	}
	return "Sweep"
}

// mdTable writes a Markdown table.
func mdTable(md *strings.Builder, head []string, rows [][]string) {
	esc := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	md.WriteString("|")
	for _, h := range head {
		md.WriteString(" " + esc(h) + " |")
	}
	md.WriteString("\n|")
	for range head {
		md.WriteString("---|")
	}
	md.WriteString("\n")
	for _, r := range rows {
		md.WriteString("|")
		for _, c := range r {
			md.WriteString(" " + esc(c) + " |")
		}
		md.WriteString("\n")
	}
}

// fixed writes v with the given decimals, without a minus sign on zero.
func fixed(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	return s
}

// gapText writes a relative MIP gap with 3 significant digits, and gaps below
// 1e-12 (rounding in HiGHS) as 0.
func gapText(g float64) string {
	if math.Abs(g) < 1e-12 {
		return "0"
	}
	return strconv.FormatFloat(g, 'g', 3, 64)
}

// millions writes USD as $M with two decimals.
func millions(v float64) string { return fixed(v/1e6, 2) }

// tonnes writes a mass in t with one decimal.
func tonnes(v float64) string { return fixed(v, 1) }

// short is the 12-digit form of a hash.
func short(hash string) string { return hash[:min(len(hash), 12)] }

// oneLine joins a multi-line message into one line.
func oneLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return strings.Join(lines, " ")
}

// hasPlan reports whether a result has a plan, and so figures to show.
func (r *Result) hasPlan() bool {
	return model.HasPlan(r.Status) && !r.NoPlan
}

// figures returns a result's NPV and capex ($M), security (t) and plants for a
// table row, or dashes for a case without a plan.
func figures(r *Result) []string {
	if !r.hasPlan() {
		return []string{"–", "–", "–", "–"}
	}
	return []string{millions(r.NPV), millions(r.Capex), tonnes(r.Security), plantList(r)}
}

// plantList writes a result's plants for a table cell.
func plantList(r *Result) string {
	if len(r.Plants) == 0 {
		return "none"
	}
	return strings.Join(r.Plants, "; ")
}
