// Package synth generates synthetic scenarios of a chosen size for benchmarks and
// tests at scale. Every generated scenario is valid and feasible (doing nothing is
// always allowed: no market has a required minimum), and the same parameters give
// the same scenario.
package synth

import (
	"fmt"
	"math/rand/v2"

	"github.com/mineralplan/mineralplan/scenarios"
)

// Params sizes a synthetic scenario.
type Params struct {
	Sites, Technologies, Sources, Markets, Years int
	Seed                                         uint64
	// TechsPerSite is how many technologies each site allows (default 3, at most
	// Technologies).
	TechsPerSite int
}

// Limits of the generator's parameters.
const (
	MaxSites        = 10_000 // also the most sources and markets
	MaxTechnologies = 200
)

// Validate reports parameters that cannot make a scenario.
func (p Params) Validate() error {
	if p.Sites < 1 || p.Technologies < 1 || p.Sources < 1 || p.Markets < 1 || p.Years < 1 {
		return fmt.Errorf("sites, technologies, sources, markets and years must each be at least 1 (got %d, %d, %d, %d, %d)",
			p.Sites, p.Technologies, p.Sources, p.Markets, p.Years)
	}
	// The limits keep the written scenario well under the loader's size limit
	// (scenarios.MaxFileSize, 8 MiB: about 230 bytes a site) and its memory
	// small; a model of that size is already over model.MaxFlowColumns.
	for _, l := range []struct {
		name string
		n    int
		max  int
	}{{"sites", p.Sites, MaxSites}, {"technologies", p.Technologies, MaxTechnologies}, {"sources", p.Sources, MaxSites}, {"markets", p.Markets, MaxSites}} {
		if l.n > l.max {
			return fmt.Errorf("--%s %d: at most %d", l.name, l.n, l.max)
		}
	}
	if p.Years > 50 {
		return fmt.Errorf("years %d: at most 50", p.Years)
	}
	// Refused before anything is built: a scenario the loader would not read
	// takes the YAML encoder hundreds of MB to write out.
	if w := p.words(); w > scenarios.MaxTokens {
		return fmt.Errorf("the scenario would have about %d words and brackets, more than the %d mineralplan reads; use fewer sites, sources, markets or technologies", w, scenarios.MaxTokens)
	}
	return nil
}

// words estimates the words and brackets of the generated scenario's YAML, as
// the loader counts them: measured per site (17, and 2 for every allowed
// technology past the first), per source or market (16) and per technology
// (55), plus 200; within 2% on large sizes (TestWordsEstimate), where it decides.
func (p Params) words() int {
	tps := p.TechsPerSite
	if tps <= 0 {
		tps = 3
	}
	tps = min(tps, p.Technologies)
	return 200 + p.Sites*(17+2*max(0, tps-1)) + 16*(p.Sources+p.Markets) + 55*p.Technologies
}

// Generate builds the scenario. Technology t turns raw material raw-(t mod R)
// into product prod-t (R = max(1, Technologies/2) raw materials), and every
// second technology also takes a little of the previous technology's product, so
// plants feed plants. Sources supply raw materials; markets buy products at
// prices that make most plants, but not all, worth building within the budget.
func Generate(p Params) (*scenarios.Scenario, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(p.Seed, 0x6d696e6572616c))
	tps := p.TechsPerSite
	if tps <= 0 {
		tps = 3
	}
	tps = min(tps, p.Technologies)
	raws := max(1, p.Technologies/2)
	s := &scenarios.Scenario{
		Name:         fmt.Sprintf("synthetic-%ds-%dt-%df-%dm-%dy-%d", p.Sites, p.Technologies, p.Sources, p.Markets, p.Years, p.Seed),
		Description:  "Synthetic scenario for benchmarks: random places in India, random costs; not real data.",
		Horizon:      scenarios.Horizon{FirstYear: 2026, LastYear: 2026 + p.Years - 1, Step: 1},
		Currency:     scenarios.Currency{Base: "USD", INRPerUSD: scenarios.Constant(85)},
		DiscountRate: 0.08,
		Finance:      scenarios.Finance{TerminalValue: "book"},
		Objective:    scenarios.Objective{Kind: "npv"},
		Solver:       scenarios.Solver{MIPGap: 1e-4, Threads: 1, TimeLimit: 600},
		Logistics: scenarios.Logistics{Modes: map[string]scenarios.Money{"road": scenarios.USDAmount(0.045), "rail": scenarios.USDAmount(0.025)},
			DefaultMode: "rail", Circuity: 1.3},
	}
	point := func() (float64, float64) { return 9 + rng.Float64()*20, 73 + rng.Float64()*13 }
	for r := 0; r < raws; r++ {
		s.Materials = append(s.Materials, scenarios.Material{ID: fmt.Sprintf("raw-%d", r), Unit: "t"})
	}
	for t := 0; t < p.Technologies; t++ {
		s.Materials = append(s.Materials, scenarios.Material{ID: fmt.Sprintf("prod-%d", t), Unit: "t", Critical: t%2 == 0,
			ChinaRefiningShare: 0.5 + 0.4*rng.Float64()})
	}
	budget := 0.0
	for t := 0; t < p.Technologies; t++ {
		in := map[string]float64{fmt.Sprintf("raw-%d", t%raws): 1}
		if t%2 == 1 {
			in[fmt.Sprintf("prod-%d", t-1)] = 0.05
		}
		yield := 0.3 + 0.4*rng.Float64()
		base := 5000 + 10000*rng.Float64()
		perT := 2000 + 4000*rng.Float64() // capex per t/yr of capacity
		tech := scenarios.Technology{ID: fmt.Sprintf("tech-%d", t), Inputs: in, Outputs: map[string]float64{fmt.Sprintf("prod-%d", t): yield},
			VariableOpex: scenarios.USDAmount(200 + 300*rng.Float64()), LeadTime: 1 + rng.IntN(2), Lifetime: 20, MaxUtilisation: 0.9, MaxModules: 1}
		for k, f := range []float64{1, 2.5} {
			c := base * f
			tech.Sizes = append(tech.Sizes, scenarios.Size{ID: []string{"small", "large"}[k], Capacity: c,
				Capex: scenarios.USDAmount(c * perT * (1 - 0.15*float64(k))), FixedOpex: scenarios.USDAmount(c * perT * 0.04), Jobs: float64(int(c / 100))})
		}
		budget += tech.Sizes[0].Capex.USD
		s.Technologies = append(s.Technologies, tech)
	}
	for i := 0; i < p.Sites; i++ {
		lat, lon := point()
		site := scenarios.Site{ID: fmt.Sprintf("site-%d", i), State: fmt.Sprintf("State %d", i%8), Lat: lat, Lon: lon,
			CapexFactor: 0.9 + 0.2*rng.Float64(), MaxPlants: 3}
		for _, t := range rng.Perm(p.Technologies)[:tps] {
			site.Technologies = append(site.Technologies, fmt.Sprintf("tech-%d", t))
		}
		s.Sites = append(s.Sites, site)
	}
	growth := func(v float64) scenarios.Series {
		if p.Years == 1 {
			return scenarios.Constant(v)
		}
		return scenarios.Series{Points: []scenarios.Point{{Year: 2026, Value: v}, {Year: 2026 + p.Years - 1, Value: v * 2}}}
	}
	for f := 0; f < p.Sources; f++ {
		lat, lon := point()
		s.Feedstocks = append(s.Feedstocks, scenarios.Feedstock{ID: fmt.Sprintf("source-%d", f), Material: fmt.Sprintf("raw-%d", f%raws),
			Location: scenarios.Location{Lat: &lat, Lon: &lon}, Availability: growth(2000 + 8000*rng.Float64()),
			Cost: scenarios.ConstantMoney(scenarios.USDAmount(100 + 400*rng.Float64()))})
	}
	for m := 0; m < p.Markets; m++ {
		lat, lon := point()
		t := m % p.Technologies
		tech := s.Technologies[t]
		// A price that covers raw material, opex and capital for a well-run plant.
		price := (600 + tech.VariableOpex.USD + tech.Sizes[0].Capex.USD/tech.Sizes[0].Capacity*0.18) / tech.Outputs[fmt.Sprintf("prod-%d", t)]
		d := growth(1000 + 4000*rng.Float64())
		s.Markets = append(s.Markets, scenarios.Market{ID: fmt.Sprintf("market-%d", m), Material: fmt.Sprintf("prod-%d", t),
			Location: scenarios.Location{Lat: &lat, Lon: &lon}, Price: scenarios.ConstantMoney(scenarios.USDAmount(price * (0.8 + 0.5*rng.Float64()))), Demand: &d})
	}
	s.Budget = scenarios.Budget{Total: scenarios.USDAmount(budget * 0.6)}
	return s, nil
}
