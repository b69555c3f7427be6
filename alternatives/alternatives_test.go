package alternatives

import (
	"context"
	"math"
	"testing"

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
	cands := model.Candidates(s)
	within, farthest := 0, 0
	var feasible [][]model.SiteTech // pair sets of the plans within the slack
	for mask := 1; mask < 1<<len(cands); mask++ {
		var builds []model.ModuleBuild
		for i, c := range cands {
			if mask&(1<<i) != 0 {
				c.Count = 1
				builds = append(builds, c)
			}
		}
		p, _ := model.Build(s)
		plan, _, err := p.SolveWithBuilds(context.Background(), builds, 0, model.Options{})
		if err != nil || plan.NPV < floor-1e-6 {
			continue
		}
		pairs := model.SiteTechs(builds)
		feasible = append(feasible, pairs)
		if d := model.Hamming(pairs, res.Pairs); d > 0 {
			within++
			farthest = max(farthest, d)
		}
	}
	// The empty plan (NPV 0) is also a plan.
	if 0 >= floor && len(res.Pairs) > 0 {
		feasible = append(feasible, nil)
		within++
		farthest = max(farthest, len(res.Pairs))
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
