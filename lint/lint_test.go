package lint

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mineralplan/mineralplan/scenarios"
)

// wrongCases lists, for each file in testdata/wrong (one mistake each on top of
// testdata/base.yaml), the findings lint must give: the rule and the position of
// the value at fault, then the message.
var wrongCases = []struct {
	file string
	want []string
}{
	{"mass-balance.yaml", []string{
		"testdata/wrong/mass-balance.yaml:4:23: warning: mass-balance: technology hydromet makes 0.03758 t of Li per t of throughput from inputs that hold 0.035 t: a recovery of 107.4%, above 100%; lower the yields of Li so that they recover at most 100% of what the inputs hold, or correct the metal_content of the materials",
	}},
	{"metal-from-nothing.yaml", []string{
		"testdata/wrong/metal-from-nothing.yaml:8:48: warning: mass-balance: technology hydromet makes 0.0005 t of Pt per t of throughput from inputs that hold none: metal made from nothing; lower the yields of Pt so that they recover at most 100% of what the inputs hold, or correct the metal_content of the materials",
	}},
	{"capex-scale.yaml", []string{
		"testdata/wrong/capex-scale.yaml:6:45: warning: capex-scale: size large of hydromet costs $9,167 per t/yr of capacity, more than the smaller size small ($8,000 per t/yr): capex per tonne should fall or stay flat as modules grow; lower the larger size's capex to at most $96,000,000, or give the reason for the diseconomy of scale and raise the smaller size's",
	}},
	{"price-band.yaml", []string{
		"testdata/wrong/price-band.yaml:4:32: warning: price-band: in 2028 market li-japan prices li2co3 at $26,000 per t, 1.62× the $16,000 of market li-india: more than the 50% band apart; bring the prices of li2co3 within 50% of each other, or say why they differ and widen the band with --price-band",
	}},
	{"price-band-import.yaml", []string{
		"testdata/wrong/price-band-import.yaml:4:12: warning: price-band: in 2026 import bm-import prices black-mass at $4,500 per t, 1.73× the $2,600 of market bm-india: more than the 50% band apart; bring the prices of black-mass within 50% of each other, or say why they differ and widen the band with --price-band",
	}},
	{"gate-fee.yaml", []string{
		"testdata/wrong/gate-fee.yaml:4:11: warning: gate-fee: feedstock ev-waste is paid a gate fee of $100 per t in 2026, yet pretreatment turns it into $858 of black-mass per t at their best markets for $330 of processing: material worth more than its processing is bought, not given away; charge what the material is worth to a processor (a positive cost), or give the reason it is paid to be taken away",
	}},
	// The size at fault is written in the base file: that is where it is reported.
	{"incentive-eligibility.yaml", []string{
		"testdata/base.yaml:30:31: warning: incentive-eligibility: size small of hydromet (5,000 t/yr) claims scheme, whose threshold is 10,000 t/yr per module (policy.incentives[scheme].eligibility.min_capacity): the model would pay it to a plant the scheme excludes; remove scheme from hydromet's incentives, drop or enlarge the size, or lower the threshold at policy.incentives[scheme].eligibility with the scheme's reason",
	}},
	{"incentive-min-capex.yaml", []string{
		"testdata/base.yaml:30:44: warning: incentive-eligibility: size small of hydromet (capex $40,000,000) claims scheme, whose threshold is $58,823,529 per module (policy.incentives[scheme].eligibility.min_capex): the model would pay it to a plant the scheme excludes; remove scheme from hydromet's incentives, drop or enlarge the size, or lower the threshold at policy.incentives[scheme].eligibility with the scheme's reason",
	}},
	{"dead-lane.yaml", []string{
		"testdata/wrong/dead-lane.yaml:5:7: warning: dead-data: lane from feedstock ev-waste to site roorkee never carries spent-li-ion: no technology allowed at roorkee takes spent-li-ion; remove the lane, or allow at roorkee a technology that takes what ev-waste sends",
	}},
	{"dead-market.yaml", []string{
		"testdata/wrong/dead-market.yaml:5:5: warning: dead-data: market co-india buys cobalt-sulphate, which no technology allowed at any site makes: it can never be served; allow a technology that makes cobalt-sulphate at some site, or remove the market",
	}},
	{"dead-import.yaml", []string{
		"testdata/wrong/dead-import.yaml:5:5: warning: dead-data: import spodumene-import brings spodumene, which no technology allowed at any site takes: it can never be used; allow a technology that takes spodumene at some site, or remove the import",
	}},
	{"dead-feedstock.yaml", []string{
		"testdata/wrong/dead-feedstock.yaml:5:5: warning: dead-data: feedstock magnets supplies magnet-scrap, which no technology allowed at any site takes: it can never be used; allow a technology that takes magnet-scrap at some site, or remove the feedstock",
	}},
}

func load(t *testing.T, file string) *scenarios.Scenario {
	t.Helper()
	s, ds, err := scenarios.LoadFile(file, nil)
	if err != nil {
		t.Fatalf("%s does not load:\n%v", file, ds)
	}
	return s
}

func lines(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Diagnostic(scenarios.Warning).String())
	}
	return out
}

// TestBaseIsClean: the corpus's base breaks no rule, so each finding below is the
// one mistake its file adds.
func TestBaseIsClean(t *testing.T) {
	if got := lines(Check(load(t, "testdata/base.yaml"), Options{})); len(got) > 0 {
		t.Errorf("base.yaml: want no findings, got\n%s", strings.Join(got, "\n"))
	}
}

// TestWrongScenarios: each deliberately wrong scenario fires its rule, at the
// line and column of the value at fault, and nothing else.
func TestWrongScenarios(t *testing.T) {
	files, err := filepath.Glob("testdata/wrong/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	fired := map[Rule]bool{}
	for _, c := range wrongCases {
		listed[c.file] = true
		t.Run(c.file, func(t *testing.T) {
			fs := Check(load(t, filepath.Join("testdata/wrong", c.file)), Options{})
			if diff := cmp.Diff(c.want, lines(fs)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			for _, f := range fs {
				fired[f.Rule] = true
			}
		})
	}
	for _, f := range files {
		if !listed[filepath.Base(f)] {
			t.Errorf("%s has no case in wrongCases", f)
		}
	}
	for _, r := range Rules {
		if !fired[r] {
			t.Errorf("rule %s fired in no file of testdata/wrong", r)
		}
	}
}

// TestPriceBandOption: the band is the stated one; widened, the same prices pass.
func TestPriceBandOption(t *testing.T) {
	s := load(t, "testdata/wrong/price-band.yaml")
	if got := Check(s, Options{PriceBand: 0.6}); len(got) != 1 || got[0].Rule != PriceBand {
		t.Errorf("a 60%% band: li-japan at 1.62× li-india is outside it and should fire, got %v", lines(got))
	}
	if got := lines(Check(s, Options{PriceBand: 0.7})); len(got) > 0 {
		t.Errorf("a 70%% band: want no findings, got\n%s", strings.Join(got, "\n"))
	}
}

// TestLibraryIsClean: every shipped scenario passes every rule.
func TestLibraryIsClean(t *testing.T) {
	for _, name := range scenarios.LibraryNames() {
		s, ds, err := scenarios.LoadLibrary(name, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, ds)
		}
		if got := lines(Check(s, Options{})); len(got) > 0 {
			t.Errorf("%s: want no findings, got\n%s", name, strings.Join(got, "\n"))
		}
	}
}
