package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// invalidCases lists, for each file in testdata/invalid (one mistake each), every
// diagnostic its loading must give, exactly. Files that extend testdata/base.yaml
// show positions through extends; a file whose only diagnostics are warnings loads.
var invalidCases = []struct {
	file string
	want []string
}{
	{"alias-bomb.yaml", []string{
		"testdata/invalid/alias-bomb.yaml:5:30: aliases expand the document past 65536 copied nodes; aliases (*name) repeat what they name; check for aliases of aliases that multiply the document",
	}},
	{"alias-self.yaml", []string{
		"testdata/invalid/alias-self.yaml:2:21: alias *d is used inside the value it names; an alias cannot repeat its own container",
	}},
	{"bad-id.yaml", []string{
		"testdata/invalid/bad-id.yaml:3:9: sites[Tata Sanand]: id \"Tata Sanand\" may hold only letters, digits, - and _; ids appear in paths such as sites[ID]; write it as \"tata-sanand\"",
	}},
	{"binary.yaml", []string{
		"testdata/invalid/binary.yaml:2:1: the file is not text (control byte 0x7f); a scenario is a YAML text file in UTF-8",
	}},
	{"budget-zero.yaml", []string{
		"testdata/invalid/budget-zero.yaml:3:10: budget.total is 0, not above 0; give the capital available over the horizon, such as 300e6 or \"2500 crore INR\"",
	}},
	{"coordinates-outside-india.yaml", []string{
		"testdata/invalid/coordinates-outside-india.yaml:4:10: warning: sites[sanand] at lat 72.38, lon 22.99 is outside India (lat 6.7–35.5, lon 68.1–97.4); check the coordinates (latitude first, degrees north and east); a place abroad is fine if meant",
	}},
	{"crore-without-currency.yaml", []string{
		"testdata/invalid/crore-without-currency.yaml:3:10: budget.total: \"2000 crore\" uses crore but names no currency; lakh and crore are Indian units, write \"2000 crore INR\"",
	}},
	{"eligibility.yaml", []string{
		"testdata/invalid/eligibility.yaml:7:35: policy.incentives[scheme].eligibility.min_capacity is -5000, below 0; give the least module capacity in t/yr of the technology's main input, 0 or more",
	}},
	{"dangling-feedstock.yaml", []string{
		"testdata/invalid/dangling-feedstock.yaml:5:20: policy.recovery_targets[epr].feedstocks[0]: unknown feedstock \"ev-wast\"; did you mean \"ev-waste\"?",
	}},
	{"dangling-incentive.yaml", []string{
		"testdata/invalid/dangling-incentive.yaml:4:18: technologies[hydromet].incentives[0]: unknown incentive \"pli-lithium\"; known: pli-li",
	}},
	{"dangling-material.yaml", []string{
		"testdata/invalid/dangling-material.yaml:4:37: technologies[hydromet].outputs.nicklel: unknown material \"nicklel\"; known: black-mass, li2co3, pt",
	}},
	{"dangling-site.yaml", []string{
		"testdata/invalid/dangling-site.yaml:4:11: feedstocks[ev-waste].site: unknown site \"sanan\"; did you mean \"sanand\"?",
	}},
	{"dangling-size.yaml", []string{
		"testdata/invalid/dangling-size.yaml:6:15: sites[sanand].existing[0].size: technology hydromet has no size \"smal\"; did you mean \"small\"?",
	}},
	{"dangling-technology.yaml", []string{
		"testdata/invalid/dangling-technology.yaml:4:20: sites[sanand].technologies[0]: unknown technology \"hydromett\"; did you mean \"hydromet\"?",
	}},
	{"deep-nesting.yaml", []string{
		"testdata/invalid/deep-nesting.yaml:1:71: the document is nested more than 64 levels deep; a scenario is about 6 levels deep; check the indentation and brackets",
	}},
	{"discount-rate.yaml", []string{
		"testdata/invalid/discount-rate.yaml:2:16: discount_rate is 8, outside [0, 1); give the real annual rate as a fraction, such as 0.08",
	}},
	{"duplicate-id.yaml", []string{
		"testdata/invalid/duplicate-id.yaml:5:9: materials: id \"nickel\" is given twice (first at line 3); give each entry its own id",
	}},
	{"duplicate-key.yaml", []string{
		"testdata/invalid/duplicate-key.yaml:4:3: key \"total\" is given twice in this map (first at line 3); remove one of them",
	}},
	{"empty.yaml", []string{
		"testdata/invalid/empty.yaml:1:1: the file is empty; a scenario needs at least name, horizon, discount_rate, materials, technologies, sites and budget",
	}},
	{"extends-cycle.yaml", []string{
		"testdata/extends/cycle-b.yaml:2:10: extends makes a cycle: testdata/invalid/extends-cycle.yaml → testdata/extends/cycle-b.yaml → testdata/invalid/extends-cycle.yaml; remove one of these extends",
	}},
	{"extends-missing.yaml", []string{
		"testdata/extends/middle.yaml:2:10: extends \"no-such-base.yaml\": cannot read testdata/extends/no-such-base.yaml: no such file (chain: testdata/invalid/extends-missing.yaml → testdata/extends/middle.yaml → testdata/extends/no-such-base.yaml); the path is relative to the folder of testdata/extends/middle.yaml, and no shipped scenario (such as india-japan-2026) has this name either",
	}},
	{"horizon-order.yaml", []string{
		"testdata/invalid/horizon-order.yaml:3:14: horizon.last_year is 2020, before horizon.first_year 2026; write a year from 2026 on",
	}},
	{"infinite-money.yaml", []string{
		"testdata/invalid/infinite-money.yaml:3:10: budget.total: \".inf\" is not a finite amount of money; write a finite number such as 1.5e6",
	}},
	{"inr-without-rate.yaml", []string{
		"testdata/invalid/inr-without-rate.yaml:3:10: budget.total and 1 other amount are in INR but currency.inr_per_usd is not set; add currency: {inr_per_usd: 85} with the rupees per US dollar assumed",
	}},
	{"invalid-yaml.yaml", []string{
		"testdata/invalid/invalid-yaml.yaml:4:4: invalid YAML: mapping values are not allowed in this context; this line is indented deeper than \"first_year\" on line 3, which already has a value; check the indentation, the colons after keys and the quotes",
	}},
	{"kg-yield.yaml", []string{
		"testdata/invalid/kg-yield.yaml:5:19: technologies[catalyst-recovery].outputs.pt is 1500 kg per tonne of throughput, more than the 1 t of all inputs: a yield above 1; give the recovery in kg per tonne of throughput",
	}},
	{"lakh-usd.yaml", []string{
		"testdata/invalid/lakh-usd.yaml:5:16: sites[sanand].land_cost: \"50 lakh USD\" uses lakh with USD; lakh and crore go with INR",
	}},
	{"location-both.yaml", []string{
		"testdata/invalid/location-both.yaml:4:10: feedstocks[ev-waste] gives both a site and coordinates; keep one: site: ID, or lat: and lon:",
	}},
	{"location-neither.yaml", []string{
		"testdata/invalid/location-neither.yaml:3:5: markets[li-export] has no location; add site: ID (one of the sites) or lat: and lon: in degrees",
	}},
	{"mass-balance.yaml", []string{
		"testdata/invalid/mass-balance.yaml:6:14: technologies[hydromet]: outputs weigh 1.1 t per tonne of throughput, more than the 1 t of inputs; lower the yields or add the missing inputs (reagents count too)",
	}},
	{"metal-content.yaml", []string{
		"testdata/invalid/metal-content.yaml:4:20: materials[black-mass].metal_content adds up to 1.2, more than the whole material; the mass fractions of one material add up to at most 1",
		"testdata/invalid/metal-content.yaml:4:47: materials[black-mass].metal_content: \"nickel\" is not an element symbol; name the element by its symbol, such as Ni, Co, Li or Pt",
	}},
	{"min-above-max.yaml", []string{
		"testdata/invalid/min-above-max.yaml:5:22: technologies[hydromet].min_utilisation 0.9 is above max_utilisation 0.8; lower min_utilisation or raise max_utilisation",
	}},
	{"missing-key.yaml", []string{
		"testdata/invalid/missing-key.yaml:3:5: sites[hosur] has no state; add state: followed by a name",
	}},
	{"nan.yaml", []string{
		"testdata/invalid/nan.yaml:2:16: discount_rate is .nan, not a finite number; write a finite number such as 0.25 or 1.5e6",
	}},
	{"negative-availability.yaml", []string{
		"testdata/invalid/negative-availability.yaml:4:38: feedstocks[ev-waste].availability.2028 is -50, below 0; give the most that can be collected per year, 0 or more",
	}},
	{"negative-capacity.yaml", []string{
		"testdata/invalid/negative-capacity.yaml:6:19: technologies[hydromet].sizes[small].capacity is -5000, not above 0; give the nameplate throughput in tonnes per year",
	}},
	{"negative-demand.yaml", []string{
		"testdata/invalid/negative-demand.yaml:4:13: markets[li-india].demand is -10, below 0; give the most that may be sold per year, 0 or more",
	}},
	{"partner-shares.yaml", []string{
		"testdata/invalid/partner-shares.yaml:4:37: budget.partners: the shares add up to 0.9, not 1; adjust the shares so that they add up to 1",
	}},
	{"remove-unknown.yaml", []string{
		"testdata/invalid/remove-unknown.yaml:3:9: markets: no inherited entry with id \"li-indai\" to remove; did you mean \"li-india\"?",
	}},
	{"remove-without-parent.yaml", []string{
		"testdata/invalid/remove-without-parent.yaml:7:5: materials[black-mass]: nothing to remove here; delete the entry instead: remove only takes away an entry of the scenario this one extends",
		"testdata/invalid/remove-without-parent.yaml:8:15: technologies is empty; list at least one",
		"testdata/invalid/remove-without-parent.yaml:9:8: sites is empty; list at least one",
	}},
	{"required-above-demand.yaml", []string{
		"testdata/invalid/required-above-demand.yaml:5:15: markets[li-india].required is 200 in 2030, above the demand of 100; lower required or raise demand",
	}},
	{"share-outside.yaml", []string{
		"testdata/invalid/share-outside.yaml:4:22: sites[sanand].capital_subsidy is 1.2, outside [0, 1); give the state's share of capex as a fraction, such as 0.25",
	}},
	{"top-level-list.yaml", []string{
		"testdata/invalid/top-level-list.yaml:1:1: expected a map of scenario keys at the top of the file, found a list; start with keys such as \"name: my-scenario\"",
	}},
	{"two-documents.yaml", []string{
		"testdata/invalid/two-documents.yaml:3:1: a second YAML document; a file holds one scenario; remove the \"---\" and what follows, or move it to its own file",
	}},
	{"unit-word.yaml", []string{
		"testdata/invalid/unit-word.yaml:4:11: materials[pt].unit is \"kilograms\"; quantities of a material are in t or kg; write unit: kg",
	}},
	{"unknown-key.yaml", []string{
		"testdata/invalid/unknown-key.yaml:4:5: unknown key \"lifetme\" in technologies[hydromet]; did you mean \"lifetime\"?",
	}},
	{"unknown-objective.yaml", []string{
		"testdata/invalid/unknown-objective.yaml:3:9: objective.kind is \"securty\", not one of npv, cost, security, weighted; did you mean \"security\"?",
	}},
	{"unknown-top-key.yaml", []string{
		"testdata/invalid/unknown-top-key.yaml:2:1: unknown key \"discount_rat\" at the top level; did you mean \"discount_rate\"?",
	}},
	{"utilisation.yaml", []string{
		"testdata/invalid/utilisation.yaml:4:22: technologies[hydromet].max_utilisation is 1.5, outside (0, 1]; give the highest throughput as a share of capacity, such as 0.9",
	}},
	{"wrong-type-integer.yaml", []string{
		"testdata/invalid/wrong-type-integer.yaml:4:16: technologies[hydromet].lead_time: expected a whole number, found number \"2.5\"; write a whole number such as 5",
	}},
	{"wrong-type-list.yaml", []string{
		"testdata/invalid/wrong-type-list.yaml:4:19: feedstocks[ev-waste].availability: expected a number or a map of year → number, found a list; write a number, or a map such as {2026: 100, 2030: 250}",
	}},
	{"wrong-type-number.yaml", []string{
		"testdata/invalid/wrong-type-number.yaml:2:16: discount_rate: expected a number, found string \"eight percent\"; write a number such as 0.25 or 1.5e6",
	}},
	{"wrong-type-string.yaml", []string{
		"testdata/invalid/wrong-type-string.yaml:4:12: sites[sanand].state: expected a string, found integer \"24\"; put it in quotes: \"24\"",
	}},
	{"debt-terms.yaml", []string{
		"testdata/invalid/debt-terms.yaml:4:5: the lenders' shares of net capex sum to 1.2, more than 1; let the lenders' shares sum to 1 or less",
		"testdata/invalid/debt-terms.yaml:4:76: finance.debt[jbic].grace_years is 10 with a tenor of 10; it must be 0 or more and below the tenor; give fewer interest-only years than the tenor",
		"testdata/invalid/debt-terms.yaml:5:72: finance.debt[bank].repayment is \"bullet\", not one of annuity, equal_principal; use annuity, equal_principal",
	}},
	{"partner-hurdle.yaml", []string{
		"testdata/invalid/partner-hurdle.yaml:5:47: budget.partners[jp].min_npv_at_hurdle is set but the partner has no hurdle_rate; give the partner a hurdle_rate too",
		"testdata/invalid/partner-hurdle.yaml:6:41: budget.partners[in].hurdle_rate is 1.2, outside [0, 1); give the partner's hurdle rate per year as a fraction, such as 0.12",
	}},
	{"partner-currency.yaml", []string{
		"testdata/invalid/partner-currency.yaml:3:33: currency.inr_per_usd.2030 is 0, not above 0; give the rupees per US dollar, such as 85",
		"testdata/invalid/partner-currency.yaml:7:38: budget.partners[jp].currency is JPY but currency.jpy_per_usd is not set; add currency.jpy_per_usd with the yearly rate, such as 150, or report the partner in USD",
		`testdata/invalid/partner-currency.yaml:9:38: budget.partners[eu].currency is "EUR", not one of USD, INR, JPY; use USD, INR, JPY`,
	}},
	{"partner-offtake.yaml", []string{
		"testdata/invalid/partner-offtake.yaml:9:42: budget.partners[jp].offtake[1]: market li-india buys li2co3, not black-mass; name a market that buys black-mass, or the material li2co3",
		`testdata/invalid/partner-offtake.yaml:10:22: budget.partners[jp].offtake[2].material: unknown material "cobalt"; known: black-mass, li2co3, pt`,
		`testdata/invalid/partner-offtake.yaml:10:38: budget.partners[jp].offtake[2].market: unknown market "li-japan"; known: li-india`,
		"testdata/invalid/partner-offtake.yaml:10:55: budget.partners[jp].offtake[2].share is 1.5, outside [0, 1]; give the partner's share of the sales as a fraction, such as 0.3",
		"testdata/invalid/partner-offtake.yaml:13:61: budget.partners: the offtake shares of li2co3 at market li-india add up to 1.1, more than 1; let the partners' offtake shares of one material and market sum to 1 or less",
	}},
	{"tax-depreciation-mixed.yaml", []string{
		"testdata/invalid/tax-depreciation-mixed.yaml:5:25: finance.tax.loss_carry_forward is \"unlimted\", not one of none, unlimited; did you mean \"unlimited\"?",
		"testdata/invalid/tax-depreciation-mixed.yaml:6:61: finance.tax.depreciation.years is given but the method is written_down, which uses rate; remove years, or use method: straight_line",
	}},
	{"tax-rate-rises.yaml", []string{
		"testdata/invalid/tax-rate-rises.yaml:4:11: finance.tax.rate rises from 0.15 in 2026 to 0.25 in 2027, faster than the discount rate 0.08; the optimiser could then shift taxed income into the cheaper year; let the rate rise by at most the discount rate a year, or start a tax holiday that ends where the rate rises",
	}},
	{"year-outside-horizon.yaml", []string{
		"testdata/invalid/year-outside-horizon.yaml:7:17: sites[sanand].existing[0].online is 2031, outside the horizon, which ends in 2030; give a year up to 2030 (earlier years mean already operating)",
	}},
	{"yield-above-one.yaml", []string{
		"testdata/invalid/yield-above-one.yaml:4:23: technologies[hydromet].outputs.li2co3 is 1.3 t per tonne of throughput, more than the 1 t of all inputs: a yield above 1; give the recovery in tonnes per tonne of throughput, such as 0.95; for a material counted in kg, declare unit: kg",
	}},
}

func TestInvalidFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "invalid", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, c := range invalidCases {
		covered[c.file] = true
		t.Run(c.file, func(t *testing.T) {
			s, ds, err := LoadFile(filepath.Join("testdata", "invalid", c.file), nil)
			var got []string
			for _, d := range ds {
				got = append(got, d.String())
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			nErr, _ := ds.Count()
			switch {
			case nErr > 0 && (err == nil || s != nil):
				t.Errorf("%d errors but err = %v, scenario nil = %v", nErr, err, s == nil)
			case nErr == 0 && (err != nil || s == nil):
				t.Errorf("only warnings but err = %v, scenario nil = %v", err, s == nil)
			}
			var as Diagnostics
			if err != nil && (!errors.As(err, &as) || len(as) != nErr) {
				t.Errorf("err is not the %d errors as Diagnostics: %v", nErr, err)
			}
		})
	}
	for _, f := range files {
		if !covered[filepath.Base(f)] {
			t.Errorf("%s has no expected diagnostics in invalidCases", f)
		}
	}
	if len(invalidCases) < 30 {
		t.Errorf("%d invalid examples; want at least 30", len(invalidCases))
	}
}

// TestSalvageMoved: the key finance.terminal_value replaced is refused with
// the way to write it now.
func TestSalvageMoved(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "old.yaml")
	lib, err := filepath.Abs("india-japan-2026.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("extends: "+lib+"\nname: old\nsalvage: none\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, ds, err := LoadFile(path, nil)
	if err == nil {
		t.Fatal("a scenario with salvage loaded")
	}
	found := false
	for _, d := range ds {
		found = found || (d.Pos.Line == 3 && strings.Contains(d.Fix, "finance.terminal_value"))
	}
	if !found {
		t.Errorf("no diagnostic at line 3 pointing to finance.terminal_value: %v", ds)
	}
}
