// Package study reads study files: a base scenario and a set of weighted futures
// (variants of it) that one plan must hold up across. A study file is checked to
// the standards of a scenario file: every mistake is reported with its
// file:line:col, what is wrong and how to fix it. Solving a study is the job of
// package stochastic; this package only reads and checks.
//
//	study: curbs-or-crash
//	scenario: india-japan-2026      # a library name, or a path relative to this file
//	decide_by: 2028                 # optional; default: every build is shared
//	futures:
//	  - {id: as-planned, probability: 0.5}
//	  - {id: curbs, probability: 0.3, extends: china-export-curbs}
//	  - {id: crash, probability: 0.2, set: ["markets[li2co3-japan].price=*0.6"]}
//	risk: {measure: cvar, alpha: 0.9, weight: 0.3}   # optional
package study

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// ProbabilityTolerance is how far the futures' probabilities may sum from 1.
const ProbabilityTolerance = 1e-9

// Study is a loaded, checked study: the base scenario and its futures, each with
// its own resolved scenario.
type Study struct {
	// Name identifies the study: lower-case letters, digits and hyphens.
	Name        string
	Description string
	// File is the study file as named; ScenarioRef the scenario as written in it.
	File, ScenarioRef string
	// Base is the study's scenario, without any future's changes.
	Base *scenarios.Scenario
	// DecideBy is the last calendar year whose builds every future shares; 0 means
	// every build is shared.
	DecideBy int
	Futures  []Future
	// Risk, when set, asks for a mean–CVaR objective.
	Risk *Risk
}

// Files are the files the study reads: the study file, then its scenario's
// extends chain and each future's, each once, in that order.
func (st *Study) Files() []string {
	out := []string{st.File}
	seen := map[string]bool{st.File: true}
	add := func(s *scenarios.Scenario) {
		if s == nil {
			return
		}
		for _, f := range s.Files {
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	add(st.Base)
	for _, f := range st.Futures {
		add(f.Scenario)
	}
	return out
}

// Future is one possible future: the base scenario, or a scenario built on it,
// with sets applied, and its probability.
type Future struct {
	ID string
	// Probability is in (0, 1]; the futures' probabilities sum to 1.
	Probability float64
	// Extends, when set, is the scenario (library name or path relative to the
	// study file) the future is, in place of the base; it must extend the base.
	Extends string
	// Set are --set expressions applied on top.
	Set []string
	// Scenario is the future's resolved scenario.
	Scenario *scenarios.Scenario
	// Pos is where the future is written.
	Pos scenarios.Position
}

// Risk is the risk measure of a mean–risk objective:
// (1−Weight)·E[NPV] + Weight·CVaR_Alpha[NPV].
type Risk struct {
	// Measure is "cvar".
	Measure string
	// Alpha is the CVaR level in (0, 1): CVaR_α is the expected NPV of the worst
	// 1−α of probability.
	Alpha float64
	// Weight is in [0, 1].
	Weight float64
}

// SharedYear reports whether builds in calendar year y are shared by every future.
func (st *Study) SharedYear(y int) bool { return st.DecideBy == 0 || y <= st.DecideBy }

// Probabilities returns the futures' probabilities in order.
func (st *Study) Probabilities() []float64 {
	out := make([]float64, len(st.Futures))
	for i, f := range st.Futures {
		out[i] = f.Probability
	}
	return out
}

// IsStudyFile reports whether the YAML file at path is a study: its top-level map
// has the key "study". It reads at most the file's first document; any error
// reads as "not a study" (the scenario loader then reports it).
func IsStudyFile(path string) bool {
	data, err := scenarios.ReadFile(path)
	if err != nil {
		return false
	}
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return false
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "study" {
			return true
		}
	}
	return false
}

var (
	nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	idRE   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)
)

// loader collects diagnostics while a study file is read.
type loader struct {
	file string
	ds   scenarios.Diagnostics
}

func (l *loader) errorf(n *yaml.Node, fix, format string, args ...any) {
	pos := scenarios.Position{File: l.file}
	if n != nil {
		pos.Line, pos.Col = n.Line, n.Column
	}
	l.ds = append(l.ds, scenarios.Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...), Fix: fix})
}

// Load reads, checks and resolves the study file at path: the base scenario and
// every future's scenario are loaded and validated, and every future must be able
// to build exactly the modules the base can. The diagnostics hold every problem
// found, positioned in the study file (or in a scenario file it names); the error
// is non-nil when any is an error.
func Load(path string) (*Study, scenarios.Diagnostics, error) {
	l := &loader{file: path}
	st := l.read(path)
	if st == nil || len(l.ds) > 0 {
		return nil, l.ds, l.ds.Err()
	}
	return st, l.ds, l.ds.Err()
}

// rawFuture is a future as written, before its scenario is loaded.
type rawFuture struct {
	Future
	node, extendsNode, setNode *yaml.Node
	setNodes                   []*yaml.Node
}

func (l *loader) read(path string) *Study {
	data, err := scenarios.ReadFile(path)
	if err != nil {
		why, fix := scenarios.ReadError(err)
		l.errorf(nil, fix, "cannot read the study file: %s", why)
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		l.ds = append(l.ds, scenarios.Diagnostic{Pos: scenarios.Position{File: path, Line: 1, Col: 1}, Msg: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: "), Fix: "fix the YAML syntax"})
		return nil
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		l.ds = append(l.ds, scenarios.Diagnostic{Pos: scenarios.Position{File: path, Line: 1, Col: 1}, Msg: "expected a map of study keys at the top of the file", Fix: "start with \"study: my-study\" and \"scenario: india-japan-2026\""})
		return nil
	}
	root := doc.Content[0]
	if isScenarioMap(root) {
		l.ds = append(l.ds, scenarios.Diagnostic{Pos: scenarios.Position{File: path, Line: 1, Col: 1},
			Msg: "this is a scenario file, not a study (it has no study: key, and scenario keys such as name: and horizon:)",
			Fix: fmt.Sprintf("plan it with run, or write a study file that names it (study: my-study, scenario: %s, futures: [...])", filepath.Base(path))})
		return nil
	}
	st := &Study{File: path}
	var futuresNode, scenarioNode, decideNode *yaml.Node
	var raws []rawFuture
	keys := []string{"study", "description", "scenario", "decide_by", "futures", "risk"}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			l.errorf(k, "give each key once", "%s is given twice", k.Value)
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "study":
			st.Name = l.str(v, "study")
			if st.Name == "" && v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" {
				l.errorf(v, "name the study, such as study: curbs-or-crash", "the study's name is empty")
			} else if st.Name != "" && !nameRE.MatchString(st.Name) {
				l.errorf(v, "use lower-case letters, digits and hyphens, such as curbs-or-crash", "study name %q is not a valid name", st.Name)
			}
		case "description":
			st.Description = l.str(v, "description")
		case "scenario":
			scenarioNode = v
			st.ScenarioRef = l.str(v, "scenario")
		case "decide_by":
			decideNode = v
			st.DecideBy = l.integer(v, "decide_by")
		case "futures":
			futuresNode = v
			raws = l.futures(v)
		case "risk":
			st.Risk = l.risk(v)
		default:
			l.errorf(k, "known keys: "+strings.Join(keys, ", "), "unknown key %q in a study file", k.Value)
		}
	}
	for _, req := range []string{"study", "scenario", "futures"} {
		if !seen[req] {
			l.errorf(root, "add "+req+":", "the study has no %s", req)
		}
	}
	if len(l.ds) > 0 {
		return nil
	}
	l.checkProbabilities(futuresNode, raws)
	base := l.loadScenario(scenarioNode, st.ScenarioRef, nil, nil)
	if base == nil {
		return nil
	}
	st.Base = base
	years := base.Years()
	if st.DecideBy != 0 && (st.DecideBy < years[0] || st.DecideBy > years[len(years)-1]) {
		l.errorf(decideNode, fmt.Sprintf("give a year of the horizon, %d–%d, or leave decide_by out to share every build", years[0], years[len(years)-1]),
			"decide_by %d is outside the scenario's horizon", st.DecideBy)
	}
	if k := base.Objective.Kind; k != "" && k != "npv" {
		l.errorf(scenarioNode, "name a scenario with objective kind npv (or none), or set objective.kind=npv in the scenario",
			"the study's scenario %s has objective kind %s; a study compares plans by their NPV", st.ScenarioRef, k)
	}
	want := model.Candidates(base)
	for _, r := range raws {
		f := r.Future
		var s *scenarios.Scenario
		if f.Extends != "" {
			s = l.loadScenario(r.extendsNode, f.Extends, f.Set, r.setNodes)
			if s != nil && !slices.ContainsFunc(s.Files, func(f string) bool { return filepath.Clean(f) == filepath.Clean(base.Files[0]) }) {
				l.errorf(r.extendsNode, fmt.Sprintf("name a scenario whose extends chain includes %s", base.Files[0]),
					"future %s: %s does not build on the study's scenario %s (it reads %s)", f.ID, f.Extends, st.ScenarioRef, strings.Join(s.Files, " → "))
				s = nil
			}
		} else {
			var ds scenarios.Diagnostics
			s, ds, _ = base.With(f.Set...)
			l.addScenarioDiagnostics(ds, r.setNodes)
		}
		if s == nil {
			continue
		}
		at := r.node
		if r.extendsNode != nil {
			at = r.extendsNode
		} else if r.setNode != nil {
			at = r.setNode
		}
		if fault, fix := futureFault(base, s, want); fault != "" {
			l.errorf(at, fix, "future %s %s", f.ID, fault)
			continue
		}
		f.Scenario = s
		st.Futures = append(st.Futures, f)
	}
	if len(l.ds) > 0 {
		return nil
	}
	return st
}

// futureFault describes what makes fut unfit as a future of base (want is the
// base's Candidates), as a predicate of "future ID", and how to fix it; "" when
// nothing does. A future must build what the base may build and be judged by
// NPV; an objective kind the base shares is the base's fault, reported there.
func futureFault(base, fut *scenarios.Scenario, want []model.ModuleBuild) (fault, fix string) {
	if msg := differentBuilds(base, fut, want); msg != "" {
		return "changes what may be built: " + msg,
			"a future may change any number, but not the candidate sites, technologies, sizes, lead times or module counts; put such a change in the study's scenario"
	}
	if k := fut.Objective.Kind; k != "" && k != "npv" && k != base.Objective.Kind {
		return fmt.Sprintf("has objective kind %s; a study compares plans by their NPV in every future", k),
			"leave objective.kind out of the future, or set it to npv"
	}
	return "", ""
}

// differentBuilds describes the first difference between what the base scenario
// and a future's scenario fut may build — a candidate module (want, the base's
// Candidates) or the most modules of one size a site may build of a technology —
// or returns "" when there is none.
func differentBuilds(base, fut *scenarios.Scenario, want []model.ModuleBuild) string {
	if msg := differentCandidates(want, model.Candidates(fut)); msg != "" {
		return msg
	}
	most := func(t scenarios.Technology) int { return max(t.MaxModules, 1) }
	for _, t := range base.Technologies {
		for _, u := range fut.Technologies {
			if u.ID == t.ID && most(u) != most(t) {
				return fmt.Sprintf("technologies[%s].max_modules is %d in the base but %d in this future", t.ID, most(t), most(u))
			}
		}
	}
	return ""
}

// differentCandidates describes the first difference between two candidate lists,
// or returns "" when they are equal.
func differentCandidates(base, fut []model.ModuleBuild) string {
	in := func(xs []model.ModuleBuild) map[model.ModuleBuild]bool {
		m := make(map[model.ModuleBuild]bool, len(xs))
		for _, x := range xs {
			m[x] = true
		}
		return m
	}
	b, f := in(base), in(fut)
	for _, x := range base {
		if !f[x] {
			return fmt.Sprintf("%s/%s/%s built in %d is a candidate of the base but not of this future", x.Site, x.Technology, x.Size, x.Year)
		}
	}
	for _, x := range fut {
		if !b[x] {
			return fmt.Sprintf("%s/%s/%s built in %d is a candidate of this future but not of the base", x.Site, x.Technology, x.Size, x.Year)
		}
	}
	return ""
}

func (l *loader) checkProbabilities(at *yaml.Node, raws []rawFuture) {
	if len(raws) == 0 {
		l.errorf(at, "list at least one future, such as - {id: as-planned, probability: 1}", "the study has no futures")
		return
	}
	sum := 0.0
	for _, r := range raws {
		sum += r.Probability
	}
	if math.Abs(sum-1) > ProbabilityTolerance {
		l.errorf(at, "make the probabilities add up to 1", "the futures' probabilities sum to %.12g, not 1 (within %g)", sum, ProbabilityTolerance)
	}
}

// resolve names the scenario ref written in the study file: a path relative to
// the study file when that file exists, else a library name.
func (l *loader) resolve(ref string) (path string, library bool) {
	p := ref
	if !filepath.IsAbs(p) {
		p = filepath.Join(filepath.Dir(l.file), ref)
	}
	if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
		return p, false
	}
	return ref, true
}

// loadScenario loads the scenario ref with sets, reporting its diagnostics: those
// in scenario files as they are, those of a set at the set's place in the study.
func (l *loader) loadScenario(at *yaml.Node, ref string, sets []string, setNodes []*yaml.Node) *scenarios.Scenario {
	path, library := l.resolve(ref)
	var (
		s   *scenarios.Scenario
		ds  scenarios.Diagnostics
		err error
	)
	if library {
		names := scenarios.LibraryNames()
		file := strings.TrimSuffix(ref, ".yaml") + ".yaml"
		if !slices.Contains(names, file) {
			l.errorf(at, "give a path relative to the study file, or one of the library's scenarios: "+strings.Join(names, ", "),
				"%q is neither a file next to the study nor a library scenario", ref)
			return nil
		}
		s, ds, err = scenarios.LoadLibrary(ref, sets)
	} else {
		if IsStudyFile(path) {
			l.errorf(at, "name the scenario the futures vary, not a study file", "%s is a study file, not a scenario", ref)
			return nil
		}
		s, ds, err = scenarios.LoadFile(path, sets)
	}
	l.addScenarioDiagnostics(ds, setNodes)
	if err != nil {
		if len(ds) == 0 {
			l.errorf(at, "check the scenario", "%s does not load: %v", ref, err)
		}
		return nil
	}
	return s
}

// addScenarioDiagnostics keeps a scenario load's errors, moving those of --set
// values to where the set is written in the study file. Warnings are left to
// validate and run on the scenario itself.
func (l *loader) addScenarioDiagnostics(ds scenarios.Diagnostics, setNodes []*yaml.Node) {
	for _, d := range ds {
		if d.Severity != scenarios.Error {
			continue
		}
		if d.Pos.File == "--set" && d.Pos.Line >= 1 && d.Pos.Line <= len(setNodes) {
			n := setNodes[d.Pos.Line-1]
			col := n.Column + max(d.Pos.Col-1, 0)
			if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
				col++
			}
			d.Pos = scenarios.Position{File: l.file, Line: n.Line, Col: col}
		}
		l.ds = append(l.ds, d)
	}
}

func (l *loader) futures(n *yaml.Node) []rawFuture {
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "write a list: - {id: as-planned, probability: 1}", "futures must be a list")
		return nil
	}
	var out []rawFuture
	ids := map[string]bool{}
	for _, e := range n.Content {
		if e.Kind != yaml.MappingNode {
			l.errorf(e, "write each future as a map: {id: ..., probability: ...}", "a future must be a map")
			continue
		}
		r := rawFuture{node: e}
		r.Pos = scenarios.Position{File: l.file, Line: e.Line, Col: e.Column}
		hasID, hasProb := false, false
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, v := e.Content[i], e.Content[i+1]
			switch k.Value {
			case "id":
				hasID = true
				r.ID = l.str(v, "id")
				switch {
				case r.ID == "":
				case !idRE.MatchString(r.ID):
					l.errorf(v, "use letters, digits, hyphens and underscores", "future id %q is not a valid id", r.ID)
				case ids[r.ID]:
					l.errorf(v, "give every future its own id", "future id %q is used twice", r.ID)
				}
				ids[r.ID] = true
			case "probability":
				hasProb = true
				r.Probability = l.number(v, "probability")
				if !math.IsNaN(r.Probability) && !(r.Probability > 0 && r.Probability <= 1) {
					l.errorf(v, "give a probability in (0, 1]; leave out a future that cannot happen", "probability %s is not in (0, 1]", v.Value)
				}
			case "extends":
				r.extendsNode = v
				r.Extends = l.str(v, "extends")
				if r.Extends == "" && v.Kind == yaml.ScalarNode {
					l.errorf(v, "name a scenario built on the study's, or leave extends out for the study's scenario itself", "extends is empty")
				}
			case "set":
				r.setNode = v
				if v.Kind != yaml.SequenceNode {
					l.errorf(v, `write a list of PATH=VALUE strings, such as ["budget.total=300e6"]`, "set must be a list")
					continue
				}
				for _, sv := range v.Content {
					r.Set = append(r.Set, l.str(sv, "set"))
					r.setNodes = append(r.setNodes, sv)
				}
			default:
				l.errorf(k, "a future has id, probability, extends and set", "unknown key %q in a future", k.Value)
			}
		}
		if !hasID {
			l.errorf(e, "add id: NAME", "the future has no id")
		}
		if !hasProb {
			l.errorf(e, "add probability: P", "future %s has no probability", r.ID)
		}
		out = append(out, r)
	}
	return out
}

func (l *loader) risk(n *yaml.Node) *Risk {
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "write {measure: cvar, alpha: 0.9, weight: 0.3}", "risk must be a map")
		return nil
	}
	r := &Risk{}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		seen[k.Value] = v
		switch k.Value {
		case "measure":
			r.Measure = l.str(v, "measure")
			if r.Measure != "" && r.Measure != "cvar" {
				l.errorf(v, "use measure: cvar", "unknown risk measure %q", r.Measure)
			}
		case "alpha":
			r.Alpha = l.number(v, "alpha")
			if !math.IsNaN(r.Alpha) && !(r.Alpha > 0 && r.Alpha < 1) {
				l.errorf(v, "give a level in (0, 1), such as 0.9 for the worst 10% of outcomes", "alpha %s is not in (0, 1)", v.Value)
			}
		case "weight":
			r.Weight = l.number(v, "weight")
			if !math.IsNaN(r.Weight) && !(r.Weight >= 0 && r.Weight <= 1) {
				l.errorf(v, "give a weight in [0, 1]: 0 is expected NPV alone, 1 CVaR alone", "weight %s is not in [0, 1]", v.Value)
			}
		default:
			l.errorf(k, "risk has measure, alpha and weight", "unknown key %q in risk", k.Value)
		}
	}
	for _, req := range []string{"measure", "alpha", "weight"} {
		if seen[req] == nil {
			l.errorf(n, "add "+req+":", "risk has no %s", req)
		}
	}
	return r
}

func (l *loader) str(n *yaml.Node, key string) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || n.Tag == "!!map" || n.Tag == "!!seq" {
		l.errorf(n, "write a string", "%s must be a string", key)
		return ""
	}
	return n.Value
}

// number reads a finite number; otherwise it reports the fault and returns NaN,
// which callers take as "already reported".
func (l *loader) number(n *yaml.Node, key string) float64 {
	var v float64
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!float" && n.Tag != "!!int") || n.Decode(&v) != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		l.errorf(n, "write a finite number, such as 0.25", "%s must be a number, found %q", key, n.Value)
		return math.NaN()
	}
	return v
}

func (l *loader) integer(n *yaml.Node, key string) int {
	var v int
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&v) != nil {
		l.errorf(n, "write a calendar year, such as 2028", "%s must be a whole number, found %q", key, n.Value)
		return 0
	}
	return v
}

// WithFutures returns the study with its futures replaced by generated ones:
// ids[i] is the base scenario with sets[i] applied, each of probability
// 1/len(ids). It is how --samples makes futures from distributions.
func (st *Study) WithFutures(ids []string, sets [][]string) (*Study, error) {
	out := *st
	out.Futures = nil
	want := model.Candidates(st.Base)
	for i, id := range ids {
		s, _, err := st.Base.With(sets[i]...)
		if err != nil {
			return nil, fmt.Errorf("future %s (%s): %w", id, strings.Join(sets[i], " "), err)
		}
		if fault, _ := futureFault(st.Base, s, want); fault != "" {
			return nil, fmt.Errorf("future %s %s", id, fault)
		}
		out.Futures = append(out.Futures, Future{ID: id, Probability: 1 / float64(len(ids)), Set: sets[i], Scenario: s,
			Pos: scenarios.Position{File: "--dist"}})
	}
	return &out, nil
}

// isScenarioMap reports whether a top-level map is a scenario's rather than a
// study's: no study key, and a key only scenarios have.
func isScenarioMap(root *yaml.Node) bool {
	has := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		has[root.Content[i].Value] = true
	}
	return !has["study"] && (has["name"] || has["horizon"] || has["extends"] || has["technologies"])
}
