//go:build props

package props_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mineralplan/mineralplan/audit"
	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/results"
	"github.com/mineralplan/mineralplan/scenarios"
)

// variants is how many perturbed copies of each library scenario the suite
// solves: more of the quick ones, fewer of the slow ones; with the extra solves
// of the monotonicity and no-requirement properties and the market test, about
// 240 solves in all.
func variants(name string) int {
	switch strings.TrimSuffix(name, ".yaml") {
	case "budget-100m", "rare-earths-kept-in-india", "lithium-price-crash":
		return 28
	case "pgm-focus":
		return 12
	case "recycling-only", "india-japan-2026":
		return 6
	}
	return 3 // informal-collection, china-export-curbs, strict-epr, budget-400m: the slowest to solve
}

// gap is the relative MIP gap of the suite's solves: the properties compare
// NPVs within it. It is looser than a run's default so that a few hundred
// solves fit in CI; Check and the audit hold at any gap.
const gap = 5e-3

// timeLimit bounds one solve; a solve stopped by it still has its plan checked
// and audited, but takes no part in comparisons that need an optimum.
const timeLimit = 90 * time.Second

// perturbation is one --set override with the reason it was drawn.
type perturbation struct{ set string }

// draw returns a seeded random set of perturbations of scenario s: every market
// price (×0.5–2), feedstock availabilities and costs, import prices and
// limits, technology capex, the budget, China-share caps. Each kind is drawn
// with probability one half; prices always.
func draw(s *scenarios.Scenario, rng *rand.Rand) []string {
	f := func(lo, hi float64) string { return fmt.Sprintf("*%.6g", lo+(hi-lo)*rng.Float64()) }
	var sets []string
	for _, m := range s.Markets {
		sets = append(sets, fmt.Sprintf("markets[%s].price=%s", m.ID, f(0.5, 2)))
	}
	if rng.IntN(2) == 0 {
		for _, fs := range s.Feedstocks {
			sets = append(sets, fmt.Sprintf("feedstocks[%s].availability=%s", fs.ID, f(0.5, 1.5)))
		}
	}
	if rng.IntN(2) == 0 {
		for _, fs := range s.Feedstocks {
			if len(fs.Cost.Points) > 0 {
				sets = append(sets, fmt.Sprintf("feedstocks[%s].cost=%s", fs.ID, f(0.5, 2)))
			}
		}
	}
	if rng.IntN(2) == 0 {
		for _, im := range s.Imports {
			sets = append(sets, fmt.Sprintf("imports[%s].price=%s", im.ID, f(0.7, 1.5)))
			if im.Limit != nil {
				sets = append(sets, fmt.Sprintf("imports[%s].limit=%s", im.ID, f(0.3, 2)))
			}
		}
	}
	if rng.IntN(2) == 0 {
		for _, t := range s.Technologies {
			for _, z := range t.Sizes {
				sets = append(sets, fmt.Sprintf("technologies[%s].sizes[%s].capex=%s", t.ID, z.ID, f(0.7, 1.3)))
			}
		}
	}
	if rng.IntN(2) == 0 {
		sets = append(sets, "budget.total="+f(0.5, 1.6))
	}
	if rng.IntN(2) == 0 {
		for _, m := range s.Materials {
			hasChina := slices.ContainsFunc(s.Imports, func(im scenarios.Import) bool {
				return im.Material == m.ID && strings.EqualFold(im.Origin, "china")
			})
			if hasChina && rng.IntN(2) == 0 {
				sets = append(sets, fmt.Sprintf("policy.china_share_max.%s=%.3f", m.ID, rng.Float64()))
			}
		}
	}
	return sets
}

// noMinimums are the sets that remove every requirement of s: required
// deliveries, recovery targets, minimum utilisation and security, and existing
// plants (whose fixed costs are owed whatever is built).
func noMinimums(s *scenarios.Scenario) []string {
	var sets []string
	for _, m := range s.Markets {
		if m.Required != nil {
			sets = append(sets, fmt.Sprintf("markets[%s].required=null", m.ID))
		}
	}
	if len(s.Policy.RecoveryTargets) > 0 {
		sets = append(sets, "policy.recovery_targets=null")
	}
	for _, t := range s.Technologies {
		if t.MinUtilisation > 0 {
			sets = append(sets, fmt.Sprintf("technologies[%s].min_utilisation=0", t.ID))
		}
	}
	if s.Objective.MinSecurity != nil {
		sets = append(sets, "objective.min_security=null")
	}
	for _, site := range s.Sites {
		if len(site.Existing) > 0 {
			sets = append(sets, fmt.Sprintf("sites[%s].existing=null", site.ID))
		}
	}
	return sets
}

// command is how to reproduce a case from the command line.
func command(name string, sets []string) string {
	var b strings.Builder
	b.WriteString("mineralplan run scenarios/" + strings.TrimSuffix(name, ".yaml") + ".yaml --gap " + fmt.Sprint(gap))
	for _, s := range sets {
		b.WriteString(" --set '" + s + "'")
	}
	return b.String()
}

// solves counts the suite's solves.
var solves atomic.Int64

// minSolves is the fewest perturbed solves a whole run of the suite makes.
const minSolves = 200

// TestMain runs the suite and, when it ran whole (no -run), fails it if it made
// fewer than minSolves solves.
func TestMain(m *testing.M) {
	code := m.Run()
	n := solves.Load()
	fmt.Printf("props: %d perturbed solves\n", n)
	if f := flag.Lookup("test.run"); code == 0 && (f == nil || f.Value.String() == "") && n < minSolves {
		fmt.Printf("props: %d solves, fewer than the %d the suite promises\n", n, minSolves)
		code = 1
	}
	os.Exit(code)
}

// solved is one solve of the suite.
type solved struct {
	plan       *model.Plan
	infeasible bool
	optimal    bool
}

func solve(t *testing.T, s *scenarios.Scenario, repro string) solved {
	t.Helper()
	solves.Add(1)
	plan, err := model.Solve(context.Background(), s, model.Options{MIPGap: gap, TimeLimit: timeLimit})
	var inf *model.InfeasibleError
	switch {
	case errors.As(err, &inf):
		if len(inf.Conflicts) == 0 {
			t.Errorf("infeasible with no conflict named: %s", repro)
		}
		for _, c := range inf.Conflicts {
			if c.Where == "" && c.Path == "" {
				t.Errorf("a conflict names no scenario figure (%+v): %s", c, repro)
			}
		}
		return solved{infeasible: true}
	case err != nil:
		// model.Solve runs model.Check: a plan that fails it is an error here.
		t.Fatalf("%v\nreproduce: %s", err, repro)
	}
	return solved{plan: plan, optimal: plan.Status == model.StatusOptimal}
}

// properties checks what every solved plan must satisfy, and audits its run
// folder independently of the model.
func properties(t *testing.T, s *scenarios.Scenario, p *model.Plan, repro string) {
	t.Helper()
	for _, r := range p.SecurityRows {
		if r.Delivered > r.Made+1e-6*math.Max(1, r.Made) {
			t.Errorf("%s in %d: %g delivered from Indian plants but only %g made there: security must be Indian output\nreproduce: %s",
				r.Material, r.Year, r.Delivered, r.Made, repro)
		}
		if r.ChinaShareCap != nil && r.ChinaShareAfter != nil && *r.ChinaShareAfter > *r.ChinaShareCap+1e-6 {
			t.Errorf("%s in %d: China share %g above its cap %g\nreproduce: %s", r.Material, r.Year, *r.ChinaShareAfter, *r.ChinaShareCap, repro)
		}
	}
	for _, f := range p.Flows {
		if f.FromKind == "import" && f.ToKind == "market" || f.FromKind == "feedstock" && f.ToKind == "market" {
			t.Errorf("%s goes from %s %s straight to market %s\nreproduce: %s", f.Material, f.FromKind, f.From, f.To, repro)
		}
	}
	resolved, err := s.YAML()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "run")
	if err := results.WriteRun(dir, results.Run{Plan: p, Scenario: s, ResolvedYAML: resolved}, []string{"csv", "json"}); err != nil {
		t.Fatal(err)
	}
	r, err := audit.Folder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Ok() {
		t.Errorf("the audit found %d figures that do not hold:\n%s\nreproduce: %s", len(r.Findings), strings.Join(r.Findings[:min(len(r.Findings), 12)], "\n"), repro)
	}
}

// atLeast reports whether NPV a is at least b, within the suite's MIP gap of
// both.
func atLeast(a, b float64) bool {
	return a >= b-gap*math.Max(math.Abs(a), math.Abs(b))-1
}

func load(t *testing.T, name string, sets []string) *scenarios.Scenario {
	t.Helper()
	s, _, err := scenarios.LoadLibrary(name, sets)
	if err != nil {
		t.Fatalf("%v\nsets: %q", err, sets)
	}
	return s
}

// TestPerturbedLibrary solves seeded random perturbations of every library
// scenario. Every fourth case of each scenario also solves it with a larger
// budget, every fourth (offset) with an extra candidate site copied from one of
// its sites, and every fourth (offset again) without any requirement.
func TestPerturbedLibrary(t *testing.T) {
	for _, name := range scenarios.LibraryNames() {
		base := load(t, name, nil)
		for k := range variants(name) {
			rng := rand.New(rand.NewPCG(uint64(len(name)), uint64(k)))
			sets := draw(base, rng)
			t.Run(fmt.Sprintf("%s/%d", name, k), func(t *testing.T) {
				t.Parallel()
				s := load(t, name, sets)
				repro := command(name, sets)
				got := solve(t, s, repro)
				if got.plan != nil {
					properties(t, s, got.plan, repro)
				}
				switch k % 4 {
				case 1:
					larger := append(slices.Clone(sets), "budget.total=*1.3")
					bigger := solve(t, load(t, name, larger), command(name, larger))
					if got.optimal && bigger.optimal && !atLeast(bigger.plan.NPV, got.plan.NPV) {
						t.Errorf("NPV %.6g with 30%% more budget, %.6g without\nreproduce: %s", bigger.plan.NPV, got.plan.NPV, command(name, larger))
					}
					if got.plan != nil && bigger.infeasible {
						t.Errorf("feasible, but infeasible with a larger budget\nreproduce: %s", command(name, larger))
					}
				case 2:
					s2 := load(t, name, sets)
					extra := s2.Sites[rng.IntN(len(s2.Sites))]
					extra.ID, extra.Name = "props-extra", "extra candidate"
					extra.Lat += 0.05
					extra.Existing = nil
					s2.Sites = append(s2.Sites, extra)
					more := solve(t, s2, repro+" (plus a copy of site "+extra.ID+")")
					if got.optimal && more.optimal && !atLeast(more.plan.NPV, got.plan.NPV) {
						t.Errorf("NPV %.6g with an extra candidate site, %.6g without\nreproduce: %s", more.plan.NPV, got.plan.NPV, repro)
					}
				case 3:
					free := append(slices.Clone(sets), noMinimums(base)...)
					s3 := load(t, name, free)
					none := solve(t, s3, command(name, free))
					if none.infeasible {
						t.Errorf("infeasible with no requirement, where building nothing is a plan\nreproduce: %s", command(name, free))
					} else {
						properties(t, s3, none.plan, command(name, free))
						if none.optimal && !atLeast(none.plan.NPV, 0) {
							t.Errorf("NPV %.6g with no requirement; building nothing is worth 0\nreproduce: %s", none.plan.NPV, command(name, free))
						}
					}
				}
			})
		}
	}
}

// TestEveryMarketPriceOfTheDefault raises every market price of the default
// scenario in turn by 10% and checks each plan: the case an outside review
// found (cathode material 10% dearer in the west, resold through a site with
// no plant) is one of them.
func TestEveryMarketPriceOfTheDefault(t *testing.T) {
	base := load(t, "india-japan-2026", nil)
	for _, m := range base.Markets {
		for _, f := range []string{"*1.1"} {
			sets := []string{fmt.Sprintf("markets[%s].price=%s", m.ID, f)}
			t.Run(m.ID+f, func(t *testing.T) {
				t.Parallel()
				s := load(t, "india-japan-2026", sets)
				got := solve(t, s, command("india-japan-2026", sets))
				if got.plan != nil {
					properties(t, s, got.plan, command("india-japan-2026", sets))
				}
			})
		}
	}
}
