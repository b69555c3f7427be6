package alternatives

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mineralplan/mineralplan/chart"
	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// TestToyAgainstEnumeration: on the three-site toy, every plan (subset of the
// candidate refineries) is enumerated with its best NPV; the alternatives are
// exactly as many as the distinct plans within the slack other than the optimum,
// each within the slack, pairwise different, checked, and each is as far from
// the plans before it (its smallest distance to them) as any plan within the
// slack: the search's distance bound and absolute gap lose nothing.
func TestToyAgainstEnumeration(t *testing.T) {
	s, _, err := scenarios.LoadFile("../study/testdata/toy.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	const slack = 0.6
	res, err := Find(context.Background(), s, Options{Slack: slack, Count: 10})
	if err != nil {
		t.Fatal(err)
	}
	floor := res.Optimum.NPV - slack*math.Abs(res.Optimum.NPV)
	within, farthest := 0, 0
	var feasible [][]model.SiteTech // pair sets of the plans within the slack
	all, npv := enumerated(t, s)
	for i, pairs := range all {
		if npv[i] < floor-1e-6 {
			continue
		}
		feasible = append(feasible, pairs)
		if d := model.Hamming(pairs, res.Pairs); d > 0 {
			within++
			farthest = max(farthest, d)
		}
	}
	t.Logf("optimum %v NPV %.0f, floor %.0f: %d plans within the slack, farthest %d", res.Pairs, res.Optimum.NPV, floor, within, farthest)
	if within < 2 {
		t.Fatalf("only %d alternatives exist; the toy should have several", within)
	}
	if len(res.Alternatives) != within {
		t.Errorf("%d alternatives, want all %d", len(res.Alternatives), within)
	}
	if len(res.Alternatives) > 0 && res.Alternatives[0].ToOptimum != farthest {
		t.Errorf("the first alternative is %d from the optimum; the farthest plan within the slack is %d", res.Alternatives[0].ToOptimum, farthest)
	}
	seen := [][]model.SiteTech{res.Pairs}
	for _, a := range res.Alternatives {
		if a.Plan.NPV < floor-1e-6 {
			t.Errorf("%s: NPV %.2f below the floor %.2f", a.Name, a.Plan.NPV, floor)
		}
		if err := model.Check(s, a.Plan); err != nil {
			t.Errorf("%s fails Check: %v", a.Name, err)
		}
		pairs := model.SiteTechs(a.Plan.Builds())
		best := 0 // the largest smallest distance to seen of any plan within the slack
		for _, f := range feasible {
			d := math.MaxInt
			for _, o := range seen {
				d = min(d, model.Hamming(f, o))
			}
			best = max(best, d)
		}
		if a.Distance != best {
			t.Errorf("%s is at distance %d from the plans before it; a plan within the slack is at %d", a.Name, a.Distance, best)
		}
		for _, o := range seen {
			if model.Hamming(pairs, o) == 0 {
				t.Errorf("%s repeats %v", a.Name, o)
			}
		}
		seen = append(seen, pairs)
	}
}

// enumerated is every plan of s (each subset of its candidate modules, the empty
// plan included) that can be operated, with its pairs and best NPV.
func enumerated(t *testing.T, s *scenarios.Scenario) (pairs [][]model.SiteTech, npv []float64) {
	t.Helper()
	cands := model.Candidates(s)
	p, err := model.Build(s)
	if err != nil {
		t.Fatal(err)
	}
	for mask := 0; mask < 1<<len(cands); mask++ {
		var builds []model.ModuleBuild
		for i, c := range cands {
			if mask&(1<<i) != 0 {
				c.Count = 1
				builds = append(builds, c)
			}
		}
		plan, _, err := p.SolveWithBuilds(context.Background(), builds, 0, model.Options{})
		if err != nil {
			continue
		}
		pairs, npv = append(pairs, model.SiteTechs(builds)), append(npv, plan.NPV)
	}
	return pairs, npv
}

// TestForcedAgainstEnumeration: on the toy with perturbed prices and costs, at
// several slacks and counts, each of the optimum's pairs is forced exactly when
// no enumerated plan within the slack does without it; a free pair's witness is
// within the slack, does without it, and is an alternative that does or the
// search's plan.
func TestForcedAgainstEnumeration(t *testing.T) {
	base, _, err := scenarios.LoadFile("../study/testdata/toy.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, sets := range [][]string{
		nil,
		{"markets[m].price=*1.07", "feedstocks[fc].cost=*0.93"},
		{"markets[m].price=*0.91", "sites[b].capex_factor=1.13"},
	} {
		s, _, err := base.With(sets...)
		if err != nil {
			t.Fatal(err)
		}
		all, npv := enumerated(t, s)
		for _, slack := range []float64{0, 0.05, 0.2, 0.35, 0.6} {
			for _, count := range []int{1, 10} {
				res, err := Find(context.Background(), s, Options{Slack: slack, Count: count})
				if err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("%v slack %g count %d", sets, slack, count)
				if len(res.Choices) != len(res.Pairs) {
					t.Fatalf("%s: %d choices for %d pairs", name, len(res.Choices), len(res.Pairs))
				}
				tol := 1e-6 * math.Max(1, math.Abs(res.Floor))
				for _, c := range res.Choices {
					doneWithout := false
					for i, ps := range all {
						if npv[i] >= res.Floor-tol && !slices.Contains(ps, c.Pair) {
							doneWithout = true
						}
					}
					if c.Undecided || c.Forced == doneWithout {
						t.Errorf("%s: %v forced %v undecided %v; a plan within the slack does without it: %v", name, c.Pair, c.Forced, c.Undecided, doneWithout)
					}
					if c.Forced {
						continue
					}
					if c.WithoutNPV < res.Floor-tol {
						t.Errorf("%s: %v's witness %s has NPV %.2f below the floor %.2f", name, c.Pair, c.Without, c.WithoutNPV, res.Floor)
					}
					if c.Without == "search" {
						for _, a := range res.Alternatives {
							if !slices.Contains(a.Pairs, c.Pair) {
								t.Errorf("%s: %v searched for although %s does without it", name, c.Pair, a.Name)
							}
						}
						continue
					}
					i := slices.IndexFunc(res.Alternatives, func(a Alternative) bool { return a.Name == c.Without })
					if i < 0 || slices.Contains(res.Alternatives[i].Pairs, c.Pair) || res.Alternatives[i].Plan.NPV != c.WithoutNPV {
						t.Errorf("%s: %v's witness %q is no alternative without it at NPV %.2f", name, c.Pair, c.Without, c.WithoutNPV)
					}
				}
			}
		}
	}
}

// TestChoicesChartLayout: the choices chart has no text cut off or drawn over
// (chart.Check), for the toy's plans and for thirty alternatives with long
// names (narrow numbered columns); the report inlines it and links every plan.
func TestChoicesChartLayout(t *testing.T) {
	s, _, err := scenarios.LoadFile("../study/testdata/toy.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Find(context.Background(), s, Options{Slack: 0.6, Count: 10})
	if err != nil {
		t.Fatal(err)
	}
	many := *res
	many.Alternatives = nil
	for k := 1; k <= 30; k++ {
		a := Alternative{Name: fmt.Sprintf("alt-%d", k), Plan: res.Optimum}
		for i := 0; i < 6; i++ {
			if (k>>i)&1 == 1 {
				a.Pairs = append(a.Pairs, model.SiteTech{Site: fmt.Sprintf("a-rather-long-site-name-%d", i), Technology: "hydrometallurgical-refining"})
			}
		}
		many.Alternatives = append(many.Alternatives, a)
	}
	for name, r := range map[string]*Result{"toy": res, "thirty": &many} {
		c, w, h := r.choicesChart()
		problems, err := chart.Check(string(c.Standalone("choices", w, h, "t", "d")))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, p := range problems {
			t.Errorf("%s: %s", name, p)
		}
	}
	md := string(res.reportMD())
	html := string(res.reportHTML("<svg id=\"choices\"></svg>"))
	for _, want := range []string{"[optimum](optimum/report.md)", "[alt-1](alt-1/report.md)", "| a | Gujarat | refine | yes |", "![Choices of each plan](choices.svg)"} {
		if !strings.Contains(md, want) {
			t.Errorf("report.md has no %q", want)
		}
	}
	for _, want := range []string{`<a href="alt-1/report.html">alt-1</a>`, `<svg id="choices">`} {
		if !strings.Contains(html, want) {
			t.Errorf("report.html has no %q", want)
		}
	}
}

// TestTimeLimitLeavesItUnproven: with a per-solve time limit far below what the
// default scenario's first alternative takes to prove (about 10 s), the search
// ends without an error, says what it leaves unproven, and every plan it keeps
// is within the slack and passes Check.
func TestTimeLimitLeavesItUnproven(t *testing.T) {
	s, err := scenarios.Default()
	if err != nil {
		t.Fatal(err)
	}
	res, err := Find(context.Background(), s, Options{Slack: 0.05, Count: 1, Solve: model.Options{TimeLimit: 1500 * time.Millisecond}})
	var noPlan *model.NoPlanError
	if errors.As(err, &noPlan) {
		t.Fatalf("the optimum's solve found no plan in 1.5 s (%v); the test needs one", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	inc := res.Incomplete()
	if len(inc) == 0 {
		t.Fatalf("nothing left unproven after 1.5 s per solve: %d alternatives, stopped %q", len(res.Alternatives), res.Stopped)
	}
	t.Logf("unproven: %v", inc)
	for _, a := range res.Alternatives {
		if a.Plan.NPV < res.Floor-1e-6*math.Abs(res.Floor) {
			t.Errorf("%s: NPV %.2f below the floor %.2f", a.Name, a.Plan.NPV, res.Floor)
		}
		if err := model.Check(s, a.Plan); err != nil {
			t.Errorf("%s fails Check: %v", a.Name, err)
		}
	}
	if len(res.Choices) != len(res.Pairs) {
		t.Errorf("%d choices for the optimum's %d pairs", len(res.Choices), len(res.Pairs))
	}
}
