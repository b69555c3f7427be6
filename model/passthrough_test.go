package model

import (
	"context"
	"strings"
	"testing"

	"github.com/mineralplan/mineralplan/scenarios"
)

// resale is a scenario with a free lunch for a model that lets material pass
// through a site: metal imported at $100/t may be sold at $400/t, and site c
// allows both a technology that takes metal (fabricate) and one that emits it
// (recover). Neither plant pays: each costs far more than it can earn. The only
// honest plan builds nothing and moves nothing, so its NPV is 0.
func resale() *scenarios.Scenario {
	s := toy()
	s.Materials = append(s.Materials,
		scenarios.Material{ID: "scrap", Unit: "t"},
		scenarios.Material{ID: "part", Unit: "t"})
	huge := scenarios.USDAmount(1e9)
	s.Technologies = append(s.Technologies,
		scenarios.Technology{ID: "fabricate", Inputs: map[string]float64{"metal": 1}, Outputs: map[string]float64{"part": 1},
			Sizes: []scenarios.Size{{ID: "one", Capacity: 1000, Capex: huge}}, MaxUtilisation: 1, MaxModules: 1, Lifetime: 20},
		scenarios.Technology{ID: "recover", Inputs: map[string]float64{"scrap": 1}, Outputs: map[string]float64{"metal": 0.5},
			Sizes: []scenarios.Size{{ID: "one", Capacity: 1000, Capex: huge}}, MaxUtilisation: 1, MaxModules: 1, Lifetime: 20})
	s.Technologies[0].Sizes[0].Capex = huge // refine does not pay either
	s.Sites = append(s.Sites, scenarios.Site{ID: "c", State: "Z", Lat: 20.5, Lon: 78, CapexFactor: 1,
		Technologies: []string{"fabricate", "recover"}})
	s.Sites[0].Technologies = []string{"refine"}
	s.Sites[1].Technologies = []string{"refine"}
	s.Imports = []scenarios.Import{{ID: "metal-in", Material: "metal", Origin: "china", Location: scenarios.Location{Site: "c"},
		Price: scenarios.ConstantMoney(scenarios.USDAmount(100))}}
	return s
}

func TestNoMaterialPassesThroughASite(t *testing.T) {
	plan, err := Solve(context.Background(), resale(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Plants) != 0 || len(plan.Flows) != 0 || !near(plan.NPV, 0) {
		t.Fatalf("plants %+v, flows %+v, NPV %v; want nothing built, nothing moved, NPV 0", plan.Plants, plan.Flows, plan.NPV)
	}
}

func TestCheckRefusesPassThrough(t *testing.T) {
	s := resale()
	plan, err := Solve(context.Background(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The trade the model must not allow: import 100 t of metal to c and sell it on.
	plan.Flows = []Flow{
		{Year: 2026, Material: "metal", FromKind: "import", From: "metal-in", ToKind: "site", To: "c", Quantity: 100, Unit: "t", Origin: "china"},
		{Year: 2026, Material: "metal", FromKind: "site", From: "c", ToKind: "market", To: "m", Quantity: 100, Unit: "t"},
	}
	plan.Objective, plan.NPV = 30000, 30000
	err = Check(s, plan)
	if err == nil || !strings.Contains(err.Error(), "pass through a site") {
		t.Fatalf("Check of a plan that resells imported metal at c: %v; want a pass-through violation", err)
	}
	// Both directions are named: what arrives unconsumed and what leaves unmade.
	if got := strings.Count(err.Error(), "pass through a site"); got != 2 {
		t.Errorf("Check found %d pass-through violations; want 2 (in and out): %v", got, err)
	}
}
