package results

import (
	"math"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

func ptr(v float64) *float64 { return &v }

// smallScenario is a hand-made scenario of three sites, three technologies and
// a market abroad: enough to name and place everything smallPlan mentions.
func smallScenario() *scenarios.Scenario {
	return &scenarios.Scenario{
		Name:        "small",
		Description: "A small hand-made scenario for tests.",
		Horizon:     scenarios.Horizon{FirstYear: 2026, LastYear: 2027},
		Materials: []scenarios.Material{
			{ID: "black-mass", Name: "Black mass"},
			{ID: "lithium-carbonate", Name: "Lithium carbonate", Critical: true, ChinaRefiningShare: 0.65},
			{ID: "pgm", Name: "Platinum-group metals", Unit: "kg", Critical: true, ChinaRefiningShare: 0.1},
			{ID: "spent-batteries", Name: "Spent Li-ion batteries"},
		},
		Technologies: []scenarios.Technology{
			{ID: "shredder", Name: "Battery shredding"},
			{ID: "hydromet", Name: "Hydrometallurgical refining"},
			{ID: "pgm-recovery", Name: "Catalyst PGM recovery"},
		},
		Sites: []scenarios.Site{
			{ID: "pune", Name: "Pune (Chakan)", State: "Maharashtra", Lat: 18.75, Lon: 73.86},
			{ID: "chennai", Name: "Chennai", State: "Tamil Nadu", Lat: 13.08, Lon: 80.27},
			{ID: "sanand", Name: "Sanand", State: "Gujarat", Lat: 22.99, Lon: 72.38},
		},
		Feedstocks: []scenarios.Feedstock{
			{ID: "ewaste-delhi", Material: "spent-batteries", Location: scenarios.Location{Lat: ptr(28.61), Lon: ptr(77.21)}},
		},
		Markets: []scenarios.Market{
			{ID: "japan-li", Name: "Japanese cell makers", Material: "lithium-carbonate", Location: scenarios.Location{Lat: ptr(35.44), Lon: ptr(139.64)}},
			{ID: "pgm-domestic", Material: "pgm", Location: scenarios.Location{Site: "sanand"}},
		},
		Imports: []scenarios.Import{
			{ID: "china-bm", Material: "black-mass", Origin: "china", Location: scenarios.Location{Site: "chennai"}},
		},
	}
}

// smallPlan is a hand-made plan on smallScenario with every kind of row. Its
// slices are deliberately not in table order.
func smallPlan() *model.Plan {
	return &model.Plan{
		Scenario: "small", Status: "optimal", Objective: 12345678.9, ObjectiveKind: "npv", DualBound: 12346000, MIPGap: 0.0001,
		NPV: 12345678.9, NPVPreTax: 12345678.9, Capex: 61e6, CapexGross: 70e6, Subsidies: 9e6, Land: 2e6, Budget: 100e6, PaybackYear: 2027,
		Split:          model.NPVSplit{Operations: 419753, TerminalValue: 2e6, Incentives: 925925.9, Subsidies: 9e6},
		TerminalMethod: "book",
		ProjectIRR:     model.IRR{Rate: ptr(0.1234), Status: "unique", Roots: []float64{0.1234}},
		Periods:        []scenarios.Period{{Year: 2026, Length: 1}, {Year: 2027, Length: 1}},
		Security:       1530.25, Jobs: 310, CO2: 4200.5,
		Plants: []model.Plant{
			{Site: "pune", State: "Maharashtra", Technology: "shredder", Size: "large", Count: 1, BuildYear: 2026, OnlineYear: 2027,
				Capacity: 20000, CapexGross: 20e6, Subsidy: 4e6, Land: 1e6, CapexNet: 17e6, Jobs: 80},
			{Site: "chennai", State: "Tamil Nadu", Technology: "hydromet", Size: "medium", Count: 2, BuildYear: 2026, OnlineYear: 2027,
				Capacity: 16000, CapexGross: 40e6, Subsidy: 5e6, Land: 1e6, CapexNet: 36e6, Jobs: 200},
			{Site: "sanand", State: "Gujarat", Technology: "pgm-recovery", Size: "small", Count: 1, OnlineYear: 2026,
				Capacity: 500, Existing: true, Jobs: 30},
			{Site: "chennai", State: "Tamil Nadu", Technology: "shredder", Size: "small", Count: 1, BuildYear: 2027, OnlineYear: 2027,
				Capacity: 5000, CapexGross: 10e6, CapexNet: 8e6, Land: 0.5e6, Jobs: 20},
		},
		Throughput: []model.Throughput{
			{Site: "pune", Technology: "shredder", Year: 2027, Tonnes: 15000, Capacity: 20000, Utilisation: 0.75},
			{Site: "chennai", Technology: "hydromet", Year: 2027, Tonnes: 9000.5, Capacity: 16000, Utilisation: 9000.5 / 16000},
			{Site: "sanand", Technology: "pgm-recovery", Year: 2026, Tonnes: 400, Capacity: 500, Utilisation: 0.8},
		},
		Flows: []model.Flow{
			{Year: 2027, Material: "spent-batteries", FromKind: "feedstock", From: "ewaste-delhi", ToKind: "site", To: "pune", Quantity: 15000, Unit: "t", UnitCost: 41.25, Transport: 618750},
			{Year: 2027, Material: "black-mass", FromKind: "site", From: "pune", ToKind: "site", To: "chennai", Quantity: 6000, Unit: "t", UnitCost: 30, Transport: 180000},
			{Year: 2027, Material: "black-mass", FromKind: "import", From: "china-bm", ToKind: "site", To: "chennai", Quantity: 3000.5, Unit: "t", Origin: "china"},
			{Year: 2026, Material: "pgm", FromKind: "site", From: "sanand", ToKind: "market", To: "pgm-domestic", Quantity: 850, Unit: "kg"},
			{Year: 2027, Material: "lithium-carbonate", FromKind: "site", From: "chennai", ToKind: "market", To: "japan-li", Quantity: 1530.25, Unit: "t", UnitCost: 95.5, Transport: 146138.875},
		},
		Production: []model.Production{
			{Year: 2027, Site: "pune", Material: "black-mass", Quantity: 6000, Unit: "t"},
			{Year: 2027, Site: "chennai", Material: "lithium-carbonate", Quantity: 1530.25, Unit: "t"},
			{Year: 2026, Site: "sanand", Material: "pgm", Quantity: 850, Unit: "kg"},
		},
		Finance: []model.FinanceYear{
			{Year: 2027, Period: 2027, Revenue: 30e6, Incentives: 1e6, Feedstock: 3e6, Imports: 2e6, Opex: 5e6, Transport: 0.94e6, CashFlow: 20.06e6, EquityCashFlow: 20.06e6, Discounted: 18.574074},
			{Year: 2026, Period: 2026, Revenue: 2.5e6, Opex: 0.5e6, Capex: 53e6, Subsidies: 9e6, CashFlow: -51e6, EquityCashFlow: -51e6, Discounted: -51e6},
		},
		SecurityRows: []model.SecurityRow{
			{Material: "pgm", Year: 2026, PeriodYears: 1, Unit: "kg", Made: 850, Delivered: 850, Supply: 850, Demand: ptr(1000),
				ChinaShareBefore: 0.1, ChinaShareAfter: ptr(0)},
			{Material: "lithium-carbonate", Year: 2027, PeriodYears: 1, Unit: "t", Made: 1530.25, Delivered: 1530.25, Imports: 1000,
				ChinaImports: 400, Supply: 2530.25, Demand: ptr(4000), ChinaShareBefore: 0.65, ChinaShareAfter: ptr(400 / 2530.25),
				ChinaShareCap: ptr(0.5)},
			{Material: "lithium-carbonate", Year: 2026, PeriodYears: 1, Unit: "t", Demand: ptr(4000), ChinaShareBefore: 0.65, ChinaShareCap: ptr(0.5)},
			{Material: "pgm", Year: 2027, PeriodYears: 1, Unit: "kg", ChinaShareBefore: 0.1},
		},
		Shortfalls:    []model.Shortfall{{Market: "japan-li", Year: 2026, Quantity: 100, Unit: "t"}},
		Disposals:     []model.Disposal{{Year: 2027, Site: "pune", Material: "black-mass", Quantity: 12.5, Unit: "t"}},
		Contributions: []model.Contribution{{Partner: "tata", Share: 0.6, Amount: 36.6e6}, {Partner: "jv-japan", Share: 0.4, Amount: 24.4e6}},
		RequirementCosts: []model.RequirementCost{{Kind: "china_share", Subject: "lithium-carbonate",
			Without: "policy.china_share_max.lithium-carbonate=null", NPVWithout: 13e6, Cost: 13e6 - 12345678.9, Status: "optimal"}},
		Marginals: []model.MarginalValue{
			{Kind: "feedstock", Subject: "ewaste-delhi", Year: 2027, Value: 312.5, Unit: "USD/t", Text: "one more tonne of spent batteries from Delhi"},
			{Kind: "budget", Subject: "total", Value: 0.12, Unit: "USD/USD", Text: "one more dollar of budget"},
		},
		Stats: model.Stats{Columns: 120, Rows: 80, Nonzeros: 400, Integers: 12},
		Nodes: 7, LPIterations: 412, BuildSeconds: 0.0123, SolveSeconds: 0.25,
	}
}

// realisticScenario and realisticPlan imitate an India–Japan battery and
// catalyst recycling plan over 2026–2040 across a dozen states, for the
// browser test and the screenshot in docs/.
func realisticScenario() *scenarios.Scenario {
	site := func(id, name, state string, lat, lon float64) scenarios.Site {
		return scenarios.Site{ID: id, Name: name, State: state, Lat: lat, Lon: lon}
	}
	at := func(lat, lon float64) scenarios.Location { return scenarios.Location{Lat: ptr(lat), Lon: ptr(lon)} }
	return &scenarios.Scenario{
		Name:        "india-japan-2026",
		Description: "Battery, catalyst and magnet recycling and refining in India with Japanese partners, 2026–2040, on a $300M budget.",
		Horizon:     scenarios.Horizon{FirstYear: 2026, LastYear: 2040},
		Materials: []scenarios.Material{
			{ID: "spent-libs", Name: "Spent Li-ion batteries"},
			{ID: "black-mass", Name: "Black mass"},
			{ID: "spent-catalyst", Name: "Spent autocatalysts"},
			{ID: "graphite-concentrate", Name: "Graphite concentrate"},
			{ID: "monazite", Name: "Monazite concentrate"},
			{ID: "lithium-carbonate", Name: "Lithium carbonate", Critical: true, ChinaRefiningShare: 0.65},
			{ID: "nickel-sulphate", Name: "Nickel sulphate", Critical: true, ChinaRefiningShare: 0.35},
			{ID: "cobalt-sulphate", Name: "Cobalt sulphate", Critical: true, ChinaRefiningShare: 0.75},
			{ID: "graphite-anode", Name: "Graphite anode", Critical: true, ChinaRefiningShare: 0.9},
			{ID: "pgm", Name: "Platinum-group metals", Unit: "kg", Critical: true, ChinaRefiningShare: 0.1},
			{ID: "ndpr-oxide", Name: "NdPr oxide", Critical: true, ChinaRefiningShare: 0.9},
		},
		Technologies: []scenarios.Technology{
			{ID: "pretreatment", Name: "Battery pre-treatment (black mass)"},
			{ID: "hydromet", Name: "Hydrometallurgical refining"},
			{ID: "anode", Name: "Graphite anode plant"},
			{ID: "pgm-recovery", Name: "Catalyst PGM recovery"},
			{ID: "ree-separation", Name: "Rare-earth separation"},
		},
		Sites: []scenarios.Site{
			site("manesar", "Manesar", "Haryana", 28.36, 76.94),
			site("greater-noida", "Greater Noida", "Uttar Pradesh", 28.47, 77.50),
			site("sanand", "Sanand", "Gujarat", 22.99, 72.38),
			site("mundra", "Mundra", "Gujarat", 22.84, 69.72),
			site("pune", "Pune (Chakan)", "Maharashtra", 18.75, 73.86),
			site("nagpur", "Nagpur", "Maharashtra", 21.15, 79.09),
			site("hosur", "Hosur", "Tamil Nadu", 12.74, 77.83),
			site("chennai", "Chennai", "Tamil Nadu", 13.08, 80.27),
			site("bengaluru", "Bengaluru", "Karnataka", 12.97, 77.59),
			site("hyderabad", "Hyderabad", "Telangana", 17.39, 78.49),
			site("vizag", "Visakhapatnam", "Andhra Pradesh", 17.69, 83.22),
			site("jamshedpur", "Jamshedpur", "Jharkhand", 22.80, 86.20),
			site("haldia", "Haldia", "West Bengal", 22.06, 88.07),
			site("paradip", "Paradip", "Odisha", 20.26, 86.67),
			site("kochi", "Kochi", "Kerala", 9.93, 76.27),
		},
		Feedstocks: []scenarios.Feedstock{
			{ID: "libs-ncr", Name: "Delhi NCR e-waste", Material: "spent-libs", Location: at(28.61, 77.21)},
			{ID: "libs-mumbai", Name: "Mumbai e-waste", Material: "spent-libs", Location: at(19.08, 72.88)},
			{ID: "libs-south", Name: "Bengaluru–Chennai e-waste", Material: "spent-libs", Location: at(12.97, 79.2)},
			{ID: "catalyst-ncr", Name: "NCR end-of-life vehicles", Material: "spent-catalyst", Location: at(28.5, 77.1)},
			{ID: "graphite-jharkhand", Name: "Jharkhand graphite", Material: "graphite-concentrate", Location: at(23.9, 84.3)},
			{ID: "monazite-chavara", Name: "Chavara beach sands", Material: "monazite", Location: at(8.99, 76.53)},
		},
		Markets: []scenarios.Market{
			{ID: "japan-cells", Name: "Japanese cell makers", Material: "lithium-carbonate", Location: at(35.44, 139.64)},
			{ID: "japan-nickel", Name: "Japanese cathode makers", Material: "nickel-sulphate", Location: at(34.69, 135.5)},
			{ID: "india-cobalt", Name: "Indian cathode makers", Material: "cobalt-sulphate", Location: scenarios.Location{Site: "sanand"}},
			{ID: "india-anode", Name: "Indian cell gigafactories", Material: "graphite-anode", Location: scenarios.Location{Site: "bengaluru"}},
			{ID: "japan-pgm", Name: "Japanese catalyst makers", Material: "pgm", Location: at(35.68, 139.77)},
			{ID: "india-magnets", Name: "Indian magnet makers", Material: "ndpr-oxide", Location: scenarios.Location{Site: "hyderabad"}},
		},
		Imports: []scenarios.Import{
			{ID: "china-black-mass", Material: "black-mass", Origin: "china", Location: scenarios.Location{Site: "chennai"}},
			{ID: "indonesia-mhp", Material: "black-mass", Origin: "indonesia", Location: at(17.69, 83.22)},
		},
		Budget: scenarios.Budget{Total: scenarios.USDAmount(300e6)},
	}
}

func realisticPlan() *model.Plan {
	type build struct {
		site, state, tech, size string
		year                    int
		capacity, capex         float64
		existing                bool
	}
	builds := []build{
		{"manesar", "Haryana", "pretreatment", "large", 2027, 30000, 38e6, false},
		{"greater-noida", "Uttar Pradesh", "pretreatment", "small", 0, 8000, 0, true},
		{"hosur", "Tamil Nadu", "pretreatment", "medium", 2028, 18000, 24e6, false},
		{"pune", "Maharashtra", "hydromet", "large", 2027, 16000, 82e6, false},
		{"chennai", "Tamil Nadu", "hydromet", "medium", 2030, 9000, 51e6, false},
		{"chennai", "Tamil Nadu", "pretreatment", "small", 2032, 8000, 11e6, false},
		{"vizag", "Andhra Pradesh", "anode", "medium", 2029, 20000, 46e6, false},
		{"manesar", "Haryana", "pgm-recovery", "small", 2027, 1500, 14e6, false},
		{"kochi", "Kerala", "ree-separation", "small", 2031, 3000, 29e6, false},
	}
	p := &model.Plan{Scenario: "india-japan-2026", Status: "optimal", ObjectiveKind: "npv", MIPGap: 0.00008,
		Budget: 300e6, Jobs: 1460, CO2: 512000, Stats: model.Stats{Columns: 5210, Rows: 4380, Nonzeros: 21044, Integers: 390},
		BuildSeconds: 0.041, SolveSeconds: 0.62}
	lead := 2
	for _, b := range builds {
		online := b.year + lead
		if b.existing {
			online = 2026
		}
		p.Plants = append(p.Plants, model.Plant{Site: b.site, State: b.state, Technology: b.tech, Size: b.size, Count: 1,
			BuildYear: b.year, OnlineYear: online, Capacity: b.capacity, CapexGross: b.capex * 1.15, Subsidy: b.capex * 0.15,
			CapexNet: b.capex, Existing: b.existing, Jobs: b.capacity / 100})
		p.Capex += b.capex
		p.CapexGross += b.capex * 1.15
		p.Subsidies += b.capex * 0.15
	}
	outputs := map[string][]struct {
		material string
		yield    float64
		market   string
	}{
		"hydromet":       {{"lithium-carbonate", 0.09, "japan-cells"}, {"nickel-sulphate", 0.35, "japan-nickel"}, {"cobalt-sulphate", 0.12, "india-cobalt"}},
		"anode":          {{"graphite-anode", 0.85, "india-anode"}},
		"pgm-recovery":   {{"pgm", 2.1, "japan-pgm"}},
		"ree-separation": {{"ndpr-oxide", 0.06, "india-magnets"}},
		"pretreatment":   {{"black-mass", 0.55, ""}},
	}
	feeds := map[string]struct{ kind, from, material string }{
		"manesar/pretreatment":       {"feedstock", "libs-ncr", "spent-libs"},
		"greater-noida/pretreatment": {"feedstock", "libs-ncr", "spent-libs"},
		"hosur/pretreatment":         {"feedstock", "libs-south", "spent-libs"},
		"chennai/pretreatment":       {"feedstock", "libs-south", "spent-libs"},
		"pune/hydromet":              {"site", "manesar", "black-mass"},
		"chennai/hydromet":           {"site", "hosur", "black-mass"},
		"vizag/anode":                {"feedstock", "graphite-jharkhand", "graphite-concentrate"},
		"manesar/pgm-recovery":       {"feedstock", "catalyst-ncr", "spent-catalyst"},
		"kochi/ree-separation":       {"feedstock", "monazite-chavara", "monazite"},
	}
	prices := map[string]float64{"lithium-carbonate": 11000, "nickel-sulphate": 3800, "cobalt-sulphate": 7000,
		"graphite-anode": 4000, "pgm": 26000, "ndpr-oxide": 60000} // USD per t (per kg for pgm)
	domestic := map[string]map[int]float64{}
	for y := 2026; y <= 2040; y++ {
		revenue, costs, capex := 0.0, 0.0, 0.0
		for _, pl := range p.Plants {
			if pl.BuildYear == y {
				capex += pl.CapexNet
			}
			if pl.OnlineYear > y {
				continue
			}
			ramp := math.Min(1, 0.55+0.15*float64(y-pl.OnlineYear))
			t := pl.Capacity * ramp * 0.9
			p.Throughput = append(p.Throughput, model.Throughput{Site: pl.Site, Technology: pl.Technology, Year: y, Tonnes: t,
				Capacity: pl.Capacity, Utilisation: t / pl.Capacity})
			f := feeds[pl.Site+"/"+pl.Technology]
			unit := "t"
			p.Flows = append(p.Flows, model.Flow{Year: y, Material: f.material, FromKind: f.kind, From: f.from, ToKind: "site",
				To: pl.Site, Quantity: t, Unit: unit, UnitCost: 35, Transport: 35 * t})
			if pl.Technology == "hydromet" {
				p.Flows = append(p.Flows, model.Flow{Year: y, Material: "black-mass", FromKind: "import", From: "china-black-mass",
					ToKind: "site", To: pl.Site, Quantity: t * 0.12, Unit: "t", Origin: "china", UnitCost: 20, Transport: 20 * t * 0.12})
			}
			for _, o := range outputs[pl.Technology] {
				q := t * o.yield
				u := "t"
				if o.material == "pgm" {
					u = "kg"
				}
				p.Production = append(p.Production, model.Production{Year: y, Site: pl.Site, Material: o.material, Quantity: q, Unit: u})
				if o.market != "" {
					p.Flows = append(p.Flows, model.Flow{Year: y, Material: o.material, FromKind: "site", From: pl.Site, ToKind: "market",
						To: o.market, Quantity: q, Unit: u, UnitCost: 60, Transport: 60 * q})
					if domestic[o.material] == nil {
						domestic[o.material] = map[int]float64{}
					}
					domestic[o.material][y] += q
					revenue += q * prices[o.material]
				}
			}
			costs += t * 900
		}
		cash := revenue - costs - capex
		p.Finance = append(p.Finance, model.FinanceYear{Year: y, Revenue: revenue, Opex: costs, Capex: capex, CashFlow: cash,
			Discounted: cash * math.Pow(1.08, -float64(y-2026))})
	}
	cum := 0.0
	for _, f := range p.Finance {
		p.NPV += f.Discounted
		cum += f.CashFlow
		if cum >= 0 && p.PaybackYear == 0 && f.Year > 2027 {
			p.PaybackYear = f.Year
		}
	}
	p.Objective, p.DualBound = p.NPV, p.NPV*1.00008
	for _, m := range realisticScenario().Materials {
		if !m.Critical {
			continue
		}
		for y := 2026; y <= 2040; y++ {
			d := domestic[m.ID][y]
			demand := math.Max(d*1.6, 1000)
			p.Security += d
			row := model.SecurityRow{Material: m.ID, Year: y, PeriodYears: 1, Unit: map[bool]string{true: "kg", false: "t"}[m.Unit == "kg"],
				Made: d, Delivered: d, Supply: d, Demand: ptr(demand), ChinaShareBefore: m.ChinaRefiningShare}
			if d > 0 {
				row.ChinaShareAfter = ptr(0)
			}
			p.SecurityRows = append(p.SecurityRows, row)
		}
	}
	p.Contributions = []model.Contribution{{Partner: "tata-attero", Share: 0.55, Amount: 0.55 * p.Capex},
		{Partner: "japan-jv", Share: 0.45, Amount: 0.45 * p.Capex}}
	return p
}
