package results

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// topChanges is how many flows and imports a comparison lists per run.
const topChanges = 10

// Comparison sets run folders side by side against the first, the base.
type Comparison struct {
	Runs    []ComparedRun `json:"runs"`
	Metrics []Metric      `json:"metrics"`
	// Diffs has one entry per run after the base, in order.
	Diffs []RunDiff `json:"diffs"`
}

// ComparedRun names a run folder and the plan in it.
type ComparedRun struct {
	Dir      string `json:"dir"`
	Scenario string `json:"scenario"`
	Status   string `json:"status"`
}

// Metric is one key figure across the runs. Values, Change (value − base)
// and Relative ((value − base) ÷ |base|) have one entry per run, the base
// first (its change 0); a figure a run lacks is NaN, as is Relative when the
// base is 0 or the figure is a year.
type Metric struct {
	Name string `json:"name"`
	// Unit is USD, t, t/yr, share (0.01 = 1%), jobs, modules, year, s or
	// objective (the objective's own unit).
	Unit     string  `json:"unit"`
	Values   []Float `json:"values"`
	Change   []Float `json:"change"`
	Relative []Float `json:"relative"`
	// Solver marks figures about the solve rather than the plan (gap,
	// times): Changed ignores them.
	Solver bool `json:"solver,omitempty"`
}

// RunDiff is how one run's plan differs from the base's.
type RunDiff struct {
	Dir    string        `json:"dir"`
	Plants []PlantChange `json:"plants"`
	// Flows and Imports are the routes (material, from, to) whose quantity
	// summed over the horizon changed most, largest change (in tonnes) first,
	// at most ten each.
	Flows   []FlowChange `json:"flows"`
	Imports []FlowChange `json:"imports"`
	// FlowRowsChanged counts the rows of flows.csv (year and route) whose
	// quantity differs, including rows only one run has.
	FlowRowsChanged int `json:"flow_rows_changed"`
}

// PlantChange is one plant module that differs between the base and a run.
// Kind is opened (only in the run), closed (only in the base), resized (same
// site and technology, other size), moved (same technology, other site),
// delayed or brought_forward (same site, technology and size, later or
// earlier build year). The base's module is Site, Size, Year; the run's is
// NewSite, NewSize, NewYear (empty and 0 where there is none). Capacity in
// t/yr of one module.
type PlantChange struct {
	Kind        string  `json:"kind"`
	Technology  string  `json:"technology"`
	Site        string  `json:"site,omitempty"`
	Size        string  `json:"size,omitempty"`
	Year        int     `json:"year,omitempty"`
	Capacity    float64 `json:"capacity"`
	NewSite     string  `json:"new_site,omitempty"`
	NewSize     string  `json:"new_size,omitempty"`
	NewYear     int     `json:"new_year,omitempty"`
	NewCapacity float64 `json:"new_capacity"`
}

// FlowChange is a route's quantity summed over the horizon in the base and in
// a run, in the material's unit (t or kg). From and To are "kind:id".
type FlowChange struct {
	Material string  `json:"material"`
	From     string  `json:"from"`
	To       string  `json:"to"`
	Origin   string  `json:"origin,omitempty"`
	Unit     string  `json:"unit"`
	Base     float64 `json:"base"`
	Value    float64 `json:"value"`
	Change   float64 `json:"change"`
}

// Compare reads run folders (summary.json, plants.csv, flows.csv and
// imports.csv, so written with the json and csv formats) and compares each
// with the first.
func Compare(dirs []string) (*Comparison, error) {
	if len(dirs) < 2 {
		return nil, errors.New("compare needs at least two run folders")
	}
	var folders []*folder
	for _, d := range dirs {
		f, err := readFolder(d)
		if err != nil {
			return nil, fmt.Errorf("run folder %s: %w", d, err)
		}
		folders = append(folders, f)
	}
	c := &Comparison{Metrics: metrics(folders)}
	for _, f := range folders {
		c.Runs = append(c.Runs, ComparedRun{Dir: f.dir, Scenario: f.summary.Scenario, Status: f.summary.Status})
	}
	base := folders[0]
	for _, f := range folders[1:] {
		d := RunDiff{Dir: f.dir, Plants: diffPlants(base.plants, f.plants)}
		d.Flows = topRouteChanges(base.flows, f.flows)
		d.Imports = topRouteChanges(base.imports, f.imports)
		d.FlowRowsChanged = changedFlowRows(base.flows, f.flows)
		c.Diffs = append(c.Diffs, d)
	}
	return c, nil
}

// Changed reports whether any run's plan differs from the base's: a plant, a
// flow, or a plan figure (solver figures such as times and gap aside).
func (c *Comparison) Changed() bool {
	for _, d := range c.Diffs {
		if len(d.Plants) > 0 || d.FlowRowsChanged > 0 {
			return true
		}
	}
	for _, m := range c.Metrics {
		if m.Solver {
			continue
		}
		for _, v := range m.Values[1:] {
			if differ(float64(m.Values[0]), float64(v)) {
				return true
			}
		}
	}
	return false
}

// differ tells two figures apart beyond rounding; NaN equals only NaN.
func differ(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) != math.IsNaN(b)
	}
	return math.Abs(a-b) > 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// metrics works out the key figures of every folder.
func metrics(folders []*folder) []Metric {
	type def struct {
		name, unit string
		solver     bool
		get        func(*folder) float64
	}
	defs := []def{
		{"objective", "objective", false, func(f *folder) float64 { return float64(f.summary.Objective) }},
		{"npv", "USD", false, func(f *folder) float64 { return f.summary.NPV }},
		{"capex", "USD", false, func(f *folder) float64 { return f.summary.Capex }},
		{"capex_gross", "USD", false, func(f *folder) float64 { return f.summary.CapexGross }},
		{"subsidies", "USD", false, func(f *folder) float64 { return f.summary.Subsidies }},
		{"budget", "USD", false, func(f *folder) float64 { return f.summary.Budget }},
		{"security", "t", false, func(f *folder) float64 { return f.summary.Security }},
		{"jobs", "jobs", false, func(f *folder) float64 { return f.summary.Jobs }},
		{"co2", "t", false, func(f *folder) float64 { return f.summary.CO2 }},
		{"npv_pre_tax", "USD", false, func(f *folder) float64 { return f.summary.NPVPreTax }},
		{"project_irr", "share", false, func(f *folder) float64 { return float64(f.summary.ProjectIRR) }},
		{"equity_irr", "share", false, func(f *folder) float64 { return float64(f.summary.EquityIRR) }},
		{"min_dscr", "ratio", false, func(f *folder) float64 { return float64(f.summary.MinDSCR) }},
		{"payback_year", "year", false, func(f *folder) float64 { return float64(f.summary.PaybackYear) }},
		{"plants_built", "modules", false, func(f *folder) float64 {
			n := 0
			for _, p := range f.plants {
				if !p.existing {
					n += p.count
				}
			}
			return float64(n)
		}},
		{"capacity", "t/yr", false, func(f *folder) float64 {
			t := 0.0
			for _, p := range f.plants {
				t += p.capacity
			}
			return t
		}},
		{"imports", "t", false, func(f *folder) float64 {
			t := 0.0
			for _, r := range f.imports {
				t += tonnes(r.quantity, r.unit) * float64(r.periodYears)
			}
			return t
		}},
	}
	materials := map[string]bool{}
	for _, f := range folders {
		for _, s := range f.summary.ChinaShare {
			materials[s.Material] = true
		}
	}
	for _, m := range slices.Sorted(maps.Keys(materials)) {
		defs = append(defs, def{"china_share_after:" + m, "share", false, func(f *folder) float64 {
			for _, s := range f.summary.ChinaShare {
				if s.Material == m {
					return float64(s.After)
				}
			}
			return math.NaN()
		}})
	}
	partners := map[string]bool{}
	for _, f := range folders {
		for _, p := range f.summary.Partners {
			if !math.IsNaN(float64(p.NPVAtHurdle)) {
				partners[p.ID] = true
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(partners)) {
		defs = append(defs, def{"partner_npv:" + id, "USD", false, func(f *folder) float64 {
			for _, p := range f.summary.Partners {
				if p.ID == id {
					return float64(p.NPVAtHurdle)
				}
			}
			return math.NaN()
		}})
	}
	defs = append(defs,
		def{"mip_gap", "share", true, func(f *folder) float64 { return float64(f.summary.MIPGap) }},
		def{"build_seconds", "s", true, func(f *folder) float64 { return f.summary.BuildSeconds }},
		def{"solve_seconds", "s", true, func(f *folder) float64 { return f.summary.SolveSeconds }},
	)
	var out []Metric
	for _, d := range defs {
		m := Metric{Name: d.name, Unit: d.unit, Solver: d.solver}
		base := d.get(folders[0])
		for _, f := range folders {
			v := d.get(f)
			rel := math.NaN()
			if base != 0 && d.unit != "year" {
				rel = (v - base) / math.Abs(base)
			}
			m.Values = append(m.Values, Float(v))
			m.Change = append(m.Change, Float(v-base))
			m.Relative = append(m.Relative, Float(rel))
		}
		out = append(out, m)
	}
	return out
}

// module is one plant module, for matching plants between runs.
type module struct {
	site, technology, size string
	year                   int
	capacity               float64 // t/yr
}

// modules expands plant rows into single modules, in a fixed order.
func modules(rows []plantRow) []module {
	var out []module
	for _, r := range rows {
		n := max(r.count, 1)
		for range n {
			out = append(out, module{r.site, r.technology, r.size, r.buildYear, r.capacity / float64(n)})
		}
	}
	slices.SortFunc(out, compareModules)
	return out
}

func compareModules(a, b module) int {
	return compareKeys(cmpStr(a.technology, b.technology), cmpStr(a.site, b.site), cmpStr(a.size, b.size), cmpInt(a.year, b.year))
}

// diffPlants matches the base's modules with the run's, most alike first
// (same site, technology, size and year; then same but the year; then same
// site and technology; then same technology), and reports what did not match
// exactly.
func diffPlants(baseRows, runRows []plantRow) []PlantChange {
	base, run := modules(baseRows), modules(runRows)
	var out []PlantChange
	steps := []struct {
		kind string // "" for exact matches, "timing" for delayed or brought forward
		key  func(module) string
	}{
		{"", func(m module) string { return fmt.Sprint(m.technology, "\x00", m.site, "\x00", m.size, "\x00", m.year) }},
		{"timing", func(m module) string { return m.technology + "\x00" + m.site + "\x00" + m.size }},
		{"resized", func(m module) string { return m.technology + "\x00" + m.site }},
		{"moved", func(m module) string { return m.technology }},
	}
	for _, st := range steps {
		var pairs [][2]module
		base, run, pairs = pairUp(base, run, st.key)
		if st.kind == "" {
			continue
		}
		for _, p := range pairs {
			kind := st.kind
			if kind == "timing" {
				kind = "delayed"
				if p[1].year < p[0].year {
					kind = "brought_forward"
				}
			}
			out = append(out, PlantChange{Kind: kind, Technology: p[0].technology, Site: p[0].site, Size: p[0].size,
				Year: p[0].year, Capacity: p[0].capacity, NewSite: p[1].site, NewSize: p[1].size, NewYear: p[1].year,
				NewCapacity: p[1].capacity})
		}
	}
	for _, m := range base {
		out = append(out, PlantChange{Kind: "closed", Technology: m.technology, Site: m.site, Size: m.size, Year: m.year, Capacity: m.capacity})
	}
	for _, m := range run {
		out = append(out, PlantChange{Kind: "opened", Technology: m.technology, NewSite: m.site, NewSize: m.size, NewYear: m.year, NewCapacity: m.capacity})
	}
	order := map[string]int{"opened": 0, "closed": 1, "resized": 2, "moved": 3, "delayed": 4, "brought_forward": 5}
	slices.SortStableFunc(out, func(a, b PlantChange) int {
		sa, ya := a.where()
		sb, yb := b.where()
		return compareKeys(cmpInt(order[a.Kind], order[b.Kind]), cmpStr(a.Technology, b.Technology), cmpStr(sa, sb), cmpInt(ya, yb))
	})
	return out
}

// where is the change's site and year: the base's, or the run's for a plant
// only the run has.
func (c PlantChange) where() (string, int) {
	if c.Kind == "opened" {
		return c.NewSite, c.NewYear
	}
	return c.Site, c.Year
}

// pairUp pairs modules of a and b with equal keys, in their sorted order
// within each key, and returns what is left of each and the pairs.
func pairUp(a, b []module, key func(module) string) ([]module, []module, [][2]module) {
	byKey := map[string][]int{}
	for i, m := range b {
		byKey[key(m)] = append(byKey[key(m)], i)
	}
	usedB := make([]bool, len(b))
	var restA []module
	var pairs [][2]module
	for _, m := range a {
		k := key(m)
		if idx := byKey[k]; len(idx) > 0 {
			pairs = append(pairs, [2]module{m, b[idx[0]]})
			usedB[idx[0]] = true
			byKey[k] = idx[1:]
			continue
		}
		restA = append(restA, m)
	}
	var restB []module
	for i, m := range b {
		if !usedB[i] {
			restB = append(restB, m)
		}
	}
	return restA, restB, pairs
}

// routeKey identifies a route: material and its two ends.
type routeKey struct {
	material, from, to, origin, unit string
}

// topRouteChanges sums both runs' rows per route over the horizon and returns
// the routes whose quantity changed most (compared in tonnes).
func topRouteChanges(base, run []flowRow) []FlowChange {
	sum := func(rows []flowRow) map[routeKey]float64 {
		out := map[routeKey]float64{}
		for _, r := range rows {
			out[routeKey{r.material, r.fromKind + ":" + r.from, r.toKind + ":" + r.to, r.origin, r.unit}] += r.quantity * float64(r.periodYears)
		}
		return out
	}
	b, r := sum(base), sum(run)
	keys := map[routeKey]bool{}
	for k := range b {
		keys[k] = true
	}
	for k := range r {
		keys[k] = true
	}
	out := []FlowChange{}
	for k := range keys {
		if differ(b[k], r[k]) {
			out = append(out, FlowChange{Material: k.material, From: k.from, To: k.to, Origin: k.origin, Unit: k.unit,
				Base: b[k], Value: r[k], Change: r[k] - b[k]})
		}
	}
	slices.SortFunc(out, func(x, y FlowChange) int {
		return compareKeys(cmp.Compare(math.Abs(tonnes(y.Change, y.Unit)), math.Abs(tonnes(x.Change, x.Unit))),
			cmpStr(x.Material, y.Material), cmpStr(x.From, y.From), cmpStr(x.To, y.To), cmpStr(x.Origin, y.Origin))
	})
	return out[:min(len(out), topChanges)]
}

// changedFlowRows counts the (year, route) rows whose quantity differs.
func changedFlowRows(base, run []flowRow) int {
	key := func(r flowRow) string {
		return strings.Join([]string{fmt.Sprint(r.year), r.material, r.fromKind, r.from, r.toKind, r.to, r.unit}, "\x00")
	}
	q := map[string][2]float64{}
	for _, r := range base {
		v := q[key(r)]
		v[0] += r.quantity
		q[key(r)] = v
	}
	for _, r := range run {
		v := q[key(r)]
		v[1] += r.quantity
		q[key(r)] = v
	}
	n := 0
	for _, v := range q {
		if differ(v[0], v[1]) {
			n++
		}
	}
	return n
}
