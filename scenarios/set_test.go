package scenarios

import (
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const small = "testdata/valid/small.yaml"

func TestSetAbsolute(t *testing.T) {
	s := mustLoad(t, small,
		"budget.total=300e6",
		"horizon.last_year=2029",
		"sites[sanand].existing[0].count=2",
		"sites[hosur].subsidy_cap=10 crore INR",
		"markets[japan-li].price.2028=20000",
		"markets[tata-sanand].required=null",
		"technologies[pgm-recovery].sizes[unit]={id: unit, capacity: 2000, capex: 1e7}",
		"policy.shortfall_penalty=5000",
	)
	if s.Budget.Total.USD != 300e6 {
		t.Errorf("budget = %v", s.Budget.Total.USD)
	}
	if got := s.Years(); len(got) != 4 || got[3] != 2029 {
		t.Errorf("years = %v", got)
	}
	if c := s.SiteByID("sanand").Existing[0].Count; c != 2 {
		t.Errorf("count = %d", c)
	}
	if c := s.SiteByID("hosur").SubsidyCap; c == nil || c.USD != 10e7/85 {
		t.Errorf("subsidy cap = %v", c)
	}
	if p := s.Markets[0].Price; p.At(2028) != 20000 || p.At(2027) != 17000 {
		t.Errorf("price 2027, 2028 = %v, %v", p.At(2027), p.At(2028))
	}
	if s.Markets[1].Required != nil {
		t.Error("required was not removed")
	}
	if z := s.TechnologyByID("pgm-recovery").Sizes[0]; z.Capacity != 2000 || z.Capex.USD != 1e7 {
		t.Errorf("size = %+v", z)
	}
	if p := s.Policy.ShortfallPenalty; p == nil || p.USD != 5000 {
		t.Errorf("shortfall penalty = %v", p)
	}
	for path, want := range map[string]Position{
		"budget.total":                                    {"--set", 1, 14},
		"sites[hosur].subsidy_cap":                        {"--set", 4, 26},
		"markets[japan-li].price.2028":                    {"--set", 5, 30},
		"technologies[pgm-recovery].sizes[unit].capacity": {"--set", 7, 61},
	} {
		if got := s.Position(path); got != want {
			t.Errorf("Position(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestSetRelative(t *testing.T) {
	base := mustLoad(t, small)
	s := mustLoad(t, small,
		"markets[japan-li].price=*1.2",
		"markets[tata-sanand].price=*2",
		"budget.total=*1.1",
		"logistics.circuity=*2",
		"technologies[hydromet]=*0.5",
	)
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9*math.Abs(want) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	near("price 2026", s.Markets[0].Price.At(2026), 16800)
	near("price 2030", s.Markets[0].Price.At(2030), 21600)
	near("price 2028", s.Markets[0].Price.At(2028), 1.2*base.Markets[0].Price.At(2028))
	near("price in lakh", s.Markets[1].Price.At(2026), 24e5/85)
	near("budget in crore", s.Budget.Total.USD, 1.1*2500e7/85)
	near("circuity (a default)", s.Logistics.Circuity, 2.6)
	h, bh := s.TechnologyByID("hydromet"), base.TechnologyByID("hydromet")
	near("halved capex", h.Sizes[1].Capex.USD, bh.Sizes[1].Capex.USD/2)
	near("halved yield", h.Outputs["nickel-sulphate"], 0.15)
	near("halved max utilisation", h.MaxUtilisation, 0.5)
	if h.LeadTime != 2 || h.Lifetime != 20 {
		t.Errorf("whole numbers were scaled: lead time %d, lifetime %d", h.LeadTime, h.Lifetime)
	}
}

func TestSetErrors(t *testing.T) {
	for _, c := range []struct {
		sets []string
		want []string
	}{
		{[]string{"budget.totl=1"}, []string{`--set:1:8: "budget.totl=1": unknown key "totl" in budget; did you mean "total"?`}},
		{[]string{"sites[sanan].lat=1"}, []string{`--set:1:7: "sites[sanan].lat=1": sites has no entry with id "sanan"; did you mean "sanand"?`}},
		{[]string{"horizon.last_year=*2"}, []string{`--set:1:19: "horizon.last_year=*2": horizon.last_year is a whole number; give it a value instead: years, counts and lead times are not scaled`}},
		{[]string{"markets[japan-li].required=*2"}, []string{`--set:1:28: "markets[japan-li].required=*2": markets[japan-li].required is not given, so there is nothing to scale; give it a value instead of a relative change`}},
		{[]string{"budget.total"}, []string{`--set:1:1: "budget.total" has no =; write PATH=VALUE, such as budget.total=300e6`}},
		{[]string{"budget.total="}, []string{`--set:1:14: "budget.total=" has no value after =; write PATH=VALUE; PATH=null removes the key`}},
		{[]string{"budget.total=*abc"}, []string{`--set:1:14: "budget.total=*abc": cannot read "*abc" as a factor; a relative change is * and a number, such as *1.2 or *0.8`}},
		{[]string{"sites[sanand].existing[3].count=1"}, []string{`--set:1:24: "sites[sanand].existing[3].count=1": sites[sanand].existing has no entry [3]; its entries have no ids: select one by index, 0 to 0`}},
		{[]string{"budget.total.usd=1"}, []string{`--set:1:14: "budget.total.usd=1": budget.total is not a map, so it has no key "usd"; end the path at budget.total`}},
		{[]string{"markets[japan-li].demand.2030=1"}, []string{`--set:1:26: "markets[japan-li].demand.2030=1": markets[japan-li].demand is a single value, not a map of years; set markets[japan-li].demand itself, as a number or a map of year: value`}},
		{[]string{"extends=other.yaml"}, []string{`--set:1:1: "extends=other.yaml": unknown key "extends" in the scenario; extends is read from files only; pass the other file instead`}},
		{[]string{"name..x=1"}, []string{`--set:1:6: path "name..x": expected a key at column 6; write a path such as budget.total or sites[sanand].capital_subsidy`}},
		{[]string{"budget.total={a: [}"}, []string{`--set:1:14: "budget.total={a: [}": invalid YAML: did not find expected node content; check the indentation, the colons after keys and the quotes`}},
		{[]string{"budget.total=1e6", "budget.total=-5"}, []string{`--set:2:14: budget.total is -5, not above 0; give the capital available over the horizon, such as 300e6 or "2500 crore INR"`}},
		{[]string{"discount_rate=abc"}, []string{`--set:1:15: discount_rate: expected a number, found string "abc"; write a number such as 0.25 or 1.5e6`}},
		{[]string{"budget.partners[japan-jv].share=*1.5"}, []string{
			`--set:1:33: budget.partners: the shares add up to 1.3, not 1; adjust the shares so that they add up to 1`,
		}},
	} {
		s, ds, err := LoadFile(small, c.sets)
		var got []string
		for _, d := range ds {
			got = append(got, d.String())
		}
		if diff := cmp.Diff(c.want, got); diff != "" || s != nil || err == nil {
			t.Errorf("sets %q (-want +got):\n%s", c.sets, diff)
		}
	}
}

func TestWith(t *testing.T) {
	base := mustLoad(t, small)
	before := base.Hash()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, _, err := base.With(fmt.Sprintf("budget.total=%d", 100e6+i))
			if err != nil {
				t.Error(err)
				return
			}
			if v.Budget.Total.USD != float64(100e6+i) || v.Position("budget.total") != (Position{"--set", 1, 14}) {
				t.Errorf("variant %d: budget %v at %v", i, v.Budget.Total.USD, v.Position("budget.total"))
			}
		}()
	}
	wg.Wait()
	if base.Hash() != before || base.Budget.Total.USD != 2500e7/85 {
		t.Error("With changed the scenario it was called on")
	}
	twice, _, err := base.With("budget.total=1e8")
	if err != nil {
		t.Fatal(err)
	}
	third, _, err := twice.With("budget.total=*2")
	if err != nil || third.Budget.Total.USD != 2e8 || third.Position("budget.total") != (Position{"--set", 2, 14}) {
		t.Errorf("a set on a variant: %v at %v, %v", third.Budget.Total.USD, third.Position("budget.total"), err)
	}
	if _, _, err := (&Scenario{}).With("budget.total=1"); err == nil {
		t.Error("With on a scenario built in Go did not fail")
	}
}

func TestNumericPaths(t *testing.T) {
	s := mustLoad(t, small)
	paths := s.NumericPaths()
	for _, want := range []string{"budget.total", "markets[japan-li].price", "sites[sanand].capital_subsidy", "technologies[hydromet].outputs.lithium-carbonate", "logistics.modes.road", "logistics.circuity"} {
		if !contains(paths, want) {
			t.Errorf("NumericPaths() lacks %s", want)
		}
	}
	for _, not := range []string{"horizon.first_year", "technologies[hydromet].lead_time", "name"} {
		if contains(paths, not) {
			t.Errorf("NumericPaths() lists %s", not)
		}
	}
	// Every path listed takes a relative set; scaling by 1 changes nothing.
	for _, p := range paths {
		v, _, err := s.With(p + "=*1")
		if err != nil {
			t.Errorf("%s=*1: %v", p, err)
			continue
		}
		if v.Hash() != s.Hash() {
			t.Errorf("%s=*1 changes the scenario", p)
		}
	}
	if (&Scenario{}).NumericPaths() != nil {
		t.Error("a scenario built in Go has numeric paths")
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
