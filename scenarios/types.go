package scenarios

// Scenario is one planning problem: where plants may be built, what they cost, what
// feeds them, where their products sell, and the money and policy limits around them.
//
// Units, unless a field says otherwise: money in the scenario's base currency (see
// Money), mass in the unit of the material concerned (tonnes, or kilograms for a
// material declared with unit kg), time in calendar years. Rates per year are per
// calendar year of the horizon.
type Scenario struct {
	// Extends names a scenario file this one builds on, relative to this file.
	// Maps merge by key, lists of objects merge by id, and null removes a key
	// (see LoadFile). A loaded scenario is resolved: Extends is empty and Files
	// lists the files read.
	Extends string `yaml:"extends,omitempty" json:"extends,omitempty"`

	// Name identifies the scenario in result folders and tables: lower-case letters,
	// digits and hyphens.
	Name string `yaml:"name" json:"name"`
	// Description says in prose what question the scenario asks.
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// References are the sources that figures cite by id in their source field.
	References []Reference `yaml:"references,omitempty" json:"references,omitempty"`

	// Horizon is the span of years planned.
	Horizon Horizon `yaml:"horizon" json:"horizon"`
	// Currency gives the exchange rate for amounts written in rupees.
	Currency Currency `yaml:"currency,omitempty" json:"currency,omitempty"`
	// DiscountRate is the real annual discount rate in [0, 1).
	DiscountRate float64 `yaml:"discount_rate" json:"discount_rate"`
	// Finance says how the plan's money is valued beyond the discount rate.
	Finance Finance `yaml:"finance,omitempty" json:"finance,omitempty"`

	// Materials, Technologies and Sites are not empty; ids are unique within each
	// list (as in every list of objects with an id) and made of letters, digits,
	// hyphens and underscores, so that --set paths can name them.
	Materials    []Material   `yaml:"materials" json:"materials"`
	Technologies []Technology `yaml:"technologies" json:"technologies"`
	Sites        []Site       `yaml:"sites" json:"sites"`
	Feedstocks   []Feedstock  `yaml:"feedstocks,omitempty" json:"feedstocks,omitempty"`
	Markets      []Market     `yaml:"markets,omitempty" json:"markets,omitempty"`
	Imports      []Import     `yaml:"imports,omitempty" json:"imports,omitempty"`
	Logistics    Logistics    `yaml:"logistics,omitempty" json:"logistics,omitempty"`
	Budget       Budget       `yaml:"budget" json:"budget"`
	Policy       Policy       `yaml:"policy,omitempty" json:"policy,omitempty"`
	Objective    Objective    `yaml:"objective,omitempty" json:"objective,omitempty"`
	Solver       Solver       `yaml:"solver,omitempty" json:"solver,omitempty"`

	// Files lists the files read to load the scenario: the file named first, then
	// the file it extends, and so on. It is empty for a scenario built in Go.
	Files []string `yaml:"-" json:"-"`

	// src is the YAML tree the scenario was decoded from (defaults filled, sets
	// applied) and pos where each path was written; loading sets both.
	src *tree
	pos map[string]Position
}

// Reference is a cited source; figures elsewhere name it in their source field.
type Reference struct {
	// ID is what source fields cite, such as "[12]" or "iea-2024"; unlike other
	// ids it may hold any characters.
	ID    string `yaml:"id" json:"id"`
	Title string `yaml:"title" json:"title"`
	// URL, when set, is where the source can be read.
	URL string `yaml:"url,omitempty" json:"url,omitempty"`
}

// Provenance says where an object's figures come from: a source (a reference id or
// an address), an assumption with its one-line reason, or both.
type Provenance struct {
	Source     string `yaml:"source,omitempty" json:"source,omitempty"`
	Assumption string `yaml:"assumption,omitempty" json:"assumption,omitempty"`
}

// Horizon is the span of years planned, FirstYear to LastYear inclusive, in steps of
// Step years (default 1). With Step > 1 each modelled year stands for the Step
// calendar years of its period (the last period ends with LastYear, so it may be
// shorter): flows are per year and repeat in every year of the period.
type Horizon struct {
	// FirstYear and LastYear are calendar years, 1900 ≤ FirstYear ≤ LastYear ≤ 2200.
	FirstYear int `yaml:"first_year" json:"first_year"`
	LastYear  int `yaml:"last_year" json:"last_year"`
	// Step is the number of calendar years per modelled year, ≥ 1.
	Step int `yaml:"step,omitempty" json:"step,omitempty"`
}

// Currency is the base currency (USD) and the yearly exchange-rate paths: for
// converting amounts written in Indian rupees and for reporting each partner's
// cash flows in its own currency (docs/model.md, "Currency").
type Currency struct {
	// Base is the currency of every result; only USD is supported.
	Base string `yaml:"base,omitempty" json:"base,omitempty" jsonschema:"enum=USD"`
	// INRPerUSD is the rupees per US dollar in each year (> 0). Amounts
	// written in INR (also with lakh or crore) convert at its value in
	// horizon.first_year; it is required when any amount, or any partner's
	// currency, is INR.
	INRPerUSD Series `yaml:"inr_per_usd,omitempty" json:"inr_per_usd,omitempty"`
	// JPYPerUSD is the yen per US dollar in each year (> 0); required when a
	// partner's currency is JPY.
	JPYPerUSD  Series `yaml:"jpy_per_usd,omitempty" json:"jpy_per_usd,omitempty"`
	Provenance `yaml:",inline" json:",inline"`
}

// Material is a traded or processed substance.
type Material struct {
	ID   string `yaml:"id" json:"id"`
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	// Unit is the unit of mass for every quantity of this material: "t" (default)
	// or "kg" (precious metals).
	Unit string `yaml:"unit,omitempty" json:"unit,omitempty" jsonschema:"enum=t,enum=kg"`
	// Critical marks the materials counted in supply security.
	Critical bool `yaml:"critical,omitempty" json:"critical,omitempty"`
	// ChinaRefiningShare is China's share of world refining of this material in
	// [0, 1]: the China-origin share of supply when all of it is imported.
	ChinaRefiningShare float64 `yaml:"china_refining_share,omitempty" json:"china_refining_share,omitempty"`
	// DisposalCost, when set, allows surplus of this material at a site to be
	// disposed of at this cost per unit; when unset, surplus is not allowed.
	DisposalCost *Money `yaml:"disposal_cost,omitempty" json:"disposal_cost,omitempty"`
	// Hazardous materials pay the logistics hazardous premium.
	Hazardous bool `yaml:"hazardous,omitempty" json:"hazardous,omitempty"`
	// MetalContent, when given, maps an element symbol ("Ni", "Co", "Li", "Pt", …)
	// to its mass fraction in this material, in [0, 1]: tonnes of the element per
	// tonne of the material (kg per kg for a material in kg). The fractions sum to
	// at most 1; elements not listed are taken as absent. The model does not use
	// it: `mineralplan lint` checks with it that no technology makes more of an
	// element than its inputs hold.
	MetalContent map[string]float64 `yaml:"metal_content,omitempty" json:"metal_content,omitempty"`
	Provenance   `yaml:",inline" json:",inline"`
}

// Technology is a kind of plant: it turns inputs into outputs per tonne of
// throughput and comes in one or more sizes.
type Technology struct {
	ID   string `yaml:"id" json:"id"`
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	// Inputs maps material id → units of that material consumed per tonne of
	// throughput. Throughput is measured in tonnes of the technology's main input.
	Inputs map[string]float64 `yaml:"inputs" json:"inputs"`
	// Outputs maps material id → units produced per tonne of throughput (the yield
	// or recovery rate).
	Outputs map[string]float64 `yaml:"outputs" json:"outputs"`
	Sizes   []Size             `yaml:"sizes" json:"sizes"`
	// VariableOpex is the operating cost per tonne of throughput.
	VariableOpex Money `yaml:"variable_opex,omitempty" json:"variable_opex,omitempty"`
	// LeadTime is the number of years from the build decision (when capex is
	// spent) to the first year of operation.
	LeadTime int `yaml:"lead_time,omitempty" json:"lead_time,omitempty"`
	// Lifetime in years, for salvage value (default 20).
	Lifetime int `yaml:"lifetime,omitempty" json:"lifetime,omitempty"`
	// MaxUtilisation is the highest throughput as a share of capacity, in (0, 1]
	// (default 1).
	MaxUtilisation float64 `yaml:"max_utilisation,omitempty" json:"max_utilisation,omitempty"`
	// MinUtilisation is the lowest throughput as a share of online capacity, in
	// [0, MaxUtilisation] (default 0).
	MinUtilisation float64 `yaml:"min_utilisation,omitempty" json:"min_utilisation,omitempty"`
	// MaxModules is how many modules of one size may be built at one site over the
	// horizon (expansions); default 1.
	MaxModules int `yaml:"max_modules,omitempty" json:"max_modules,omitempty"`
	// CO2PerTonne is tonnes of CO2 emitted per tonne of throughput.
	CO2PerTonne float64 `yaml:"co2_per_tonne,omitempty" json:"co2_per_tonne,omitempty"`
	// Incentives lists the ids of policy incentives this technology may claim.
	Incentives []string `yaml:"incentives,omitempty" json:"incentives,omitempty"`
	Provenance `yaml:",inline" json:",inline"`
}

// Size is one size option of a technology.
type Size struct {
	// ID is unique among the technology's sizes.
	ID string `yaml:"id" json:"id"`
	// Capacity is the nameplate throughput in tonnes per year (> 0).
	Capacity float64 `yaml:"capacity" json:"capacity"`
	// Capex is the capital cost of one module, before regional factor and subsidy.
	Capex Money `yaml:"capex" json:"capex"`
	// FixedOpex is the cost per year of an online module.
	FixedOpex Money `yaml:"fixed_opex,omitempty" json:"fixed_opex,omitempty"`
	// Jobs is direct employment of one online module.
	Jobs       float64 `yaml:"jobs,omitempty" json:"jobs,omitempty"`
	Provenance `yaml:",inline" json:",inline"`
}

// Site is a candidate location for plants.
type Site struct {
	ID   string `yaml:"id" json:"id"`
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	// State is the Indian state, which sets subsidies and cost levels.
	State string `yaml:"state" json:"state"`
	// Lat and Lon are in degrees north and east; a site outside India's bounding
	// box (lat 6.7–35.5, lon 68.1–97.4) draws a warning.
	Lat float64 `yaml:"lat" json:"lat"`
	Lon float64 `yaml:"lon" json:"lon"`
	// CapexFactor scales every capex at this site (regional cost level; default 1).
	CapexFactor float64 `yaml:"capex_factor,omitempty" json:"capex_factor,omitempty"`
	// LandCost is paid once per module built here, with its capex.
	LandCost Money `yaml:"land_cost,omitempty" json:"land_cost,omitempty"`
	// CapitalSubsidy is the state's share of capex, in [0, 1).
	CapitalSubsidy float64 `yaml:"capital_subsidy,omitempty" json:"capital_subsidy,omitempty"`
	// SubsidyCap caps the state subsidy of one module (unset: no cap).
	SubsidyCap *Money `yaml:"subsidy_cap,omitempty" json:"subsidy_cap,omitempty"`
	// SubsidyTechnologies limits the subsidy to these technologies (empty: all).
	SubsidyTechnologies []string `yaml:"subsidy_technologies,omitempty" json:"subsidy_technologies,omitempty"`
	// Technologies allowed here (empty: all).
	Technologies []string `yaml:"technologies,omitempty" json:"technologies,omitempty"`
	// MaxPlants caps the modules at this site, existing ones included (0: no cap).
	MaxPlants int `yaml:"max_plants,omitempty" json:"max_plants,omitempty"`
	// Existing plants (brownfield), online from their year.
	Existing []ExistingPlant `yaml:"existing,omitempty" json:"existing,omitempty"`
	// Overrides replace a technology size's costs at this site.
	Overrides  []SizeOverride `yaml:"overrides,omitempty" json:"overrides,omitempty"`
	Provenance `yaml:",inline" json:",inline"`
}

// ExistingPlant is a module already built at a site.
type ExistingPlant struct {
	// Technology and Size name a technology and one of its sizes.
	Technology string `yaml:"technology" json:"technology"`
	Size       string `yaml:"size" json:"size"`
	// Count of modules (default 1).
	Count int `yaml:"count,omitempty" json:"count,omitempty"`
	// Online is the first year it operates (default: the first year), at most the
	// last year; an earlier year than the first means already operating.
	Online     int `yaml:"online,omitempty" json:"online,omitempty"`
	Provenance `yaml:",inline" json:",inline"`
}

// SizeOverride gives a site its own costs for one technology size.
type SizeOverride struct {
	// Technology and Size name a technology and one of its sizes.
	Technology string `yaml:"technology" json:"technology"`
	Size       string `yaml:"size" json:"size"`
	// Capex and FixedOpex, when set, replace the size's at this site.
	Capex      *Money `yaml:"capex,omitempty" json:"capex,omitempty"`
	FixedOpex  *Money `yaml:"fixed_opex,omitempty" json:"fixed_opex,omitempty"`
	Provenance `yaml:",inline" json:",inline"`
}

// Location is a site or a point. Exactly one of Site or (Lat, Lon) is given.
type Location struct {
	// Site is the id of a site.
	Site string `yaml:"site,omitempty" json:"site,omitempty"`
	// Lat and Lon are in degrees north and east; both or neither are given.
	Lat *float64 `yaml:"lat,omitempty" json:"lat,omitempty"`
	Lon *float64 `yaml:"lon,omitempty" json:"lon,omitempty"`
}

// Feedstock is a source of raw or waste material.
type Feedstock struct {
	ID   string `yaml:"id" json:"id"`
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	// Material is the id of the material supplied.
	Material string `yaml:"material" json:"material"`
	Location `yaml:",inline" json:",inline"`
	// Availability is the most that can be collected per year, in units of the
	// material (≥ 0).
	Availability Series `yaml:"availability" json:"availability"`
	// Cost per unit delivered at the source; negative is a gate fee paid to the
	// collector.
	Cost       MoneySeries `yaml:"cost,omitempty" json:"cost,omitempty"`
	Provenance `yaml:",inline" json:",inline"`
}

// Market is a buyer of a material at a place.
type Market struct {
	ID   string `yaml:"id" json:"id"`
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	// Material is the id of the material bought.
	Material string `yaml:"material" json:"material"`
	Location `yaml:",inline" json:",inline"`
	// Price per unit paid at the market.
	Price MoneySeries `yaml:"price" json:"price"`
	// Demand caps sales per year, in units of the material (≥ 0; unset: no cap).
	Demand *Series `yaml:"demand,omitempty" json:"demand,omitempty"`
	// Required is the least that must be delivered per year (must-serve; ≥ 0 and
	// at most Demand in every modelled year).
	Required   *Series `yaml:"required,omitempty" json:"required,omitempty"`
	Provenance `yaml:",inline" json:",inline"`
}

// Import is a purchase from abroad, landed at a place in India.
type Import struct {
	ID   string `yaml:"id" json:"id"`
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	// Material is the id of the material imported.
	Material string `yaml:"material" json:"material"`
	// Origin is the exporting country; "china" is counted as China-origin supply.
	Origin   string `yaml:"origin" json:"origin"`
	Location `yaml:",inline" json:",inline"`
	// Price per unit landed.
	Price MoneySeries `yaml:"price" json:"price"`
	// Limit caps imports per year, in units of the material (≥ 0; unset: no cap).
	Limit      *Series `yaml:"limit,omitempty" json:"limit,omitempty"`
	Provenance `yaml:",inline" json:",inline"`
}

// Logistics prices the movement of material between places.
type Logistics struct {
	// Modes maps a mode (road, rail, …) to its cost per tonne-kilometre.
	Modes map[string]Money `yaml:"modes,omitempty" json:"modes,omitempty"`
	// DefaultMode is used where a lane names none (default: the cheapest mode).
	DefaultMode string `yaml:"default_mode,omitempty" json:"default_mode,omitempty"`
	// Circuity turns great-circle distance into road or rail distance (≥ 1,
	// default 1.3).
	Circuity float64 `yaml:"circuity,omitempty" json:"circuity,omitempty"`
	// HazardousPremium is the extra share of transport cost for hazardous
	// materials, per material id (overrides HazardousDefault).
	HazardousPremium map[string]float64 `yaml:"hazardous_premium,omitempty" json:"hazardous_premium,omitempty"`
	// HazardousDefault is the extra share for materials marked hazardous.
	HazardousDefault float64 `yaml:"hazardous_default,omitempty" json:"hazardous_default,omitempty"`
	// Lanes give a cost per tonne between two places that replaces the
	// distance-based cost.
	Lanes      []Lane `yaml:"lanes,omitempty" json:"lanes,omitempty"`
	Provenance `yaml:",inline" json:",inline"`
}

// Lane is an explicit transport cost between two named places (site, feedstock,
// market or import ids).
type Lane struct {
	// From and To are ids of sites, feedstocks, markets or imports.
	From string `yaml:"from" json:"from"`
	To   string `yaml:"to" json:"to"`
	// Material limits the lane to one material (empty: all).
	Material string `yaml:"material,omitempty" json:"material,omitempty"`
	// Cost per unit of material moved.
	Cost       Money `yaml:"cost" json:"cost"`
	Provenance `yaml:",inline" json:",inline"`
}

// Budget is the capital available and who provides it.
type Budget struct {
	// Total caps net capex (after subsidies) over the horizon (> 0).
	Total Money `yaml:"total" json:"total"`
	// PerYear caps net capex spent in each year (unset: no yearly cap).
	PerYear *MoneySeries `yaml:"per_year,omitempty" json:"per_year,omitempty"`
	// Partners share the net capex; when given, their shares sum to 1.
	Partners   []Partner `yaml:"partners,omitempty" json:"partners,omitempty"`
	Provenance `yaml:",inline" json:",inline"`
}

// Partner is an investor that funds a fixed share of net capex.
type Partner struct {
	ID      string `yaml:"id" json:"id"`
	Name    string `yaml:"name,omitempty" json:"name,omitempty"`
	Country string `yaml:"country,omitempty" json:"country,omitempty"`
	// Share of net capex in [0, 1]; the shares of all partners sum to 1.
	Share float64 `yaml:"share" json:"share"`
	// Cap is the most this partner will contribute (unset: no cap).
	Cap *Money `yaml:"cap,omitempty" json:"cap,omitempty"`
	// HurdleRate is the partner's own discount rate per year, in [0, 1), at
	// which its NPV is reported (docs/model.md, "Partners"); unset: none.
	HurdleRate *float64 `yaml:"hurdle_rate,omitempty" json:"hurdle_rate,omitempty"`
	// MinNPVAtHurdle, when set, is the least NPV of the partner's own cash
	// flows (Share × the equity cash flows) at HurdleRate that a plan must give.
	// min_npv_at_hurdle is in USD; for a partner whose currency is not USD it
	// bounds the NPV in its own currency converted back at the rate of
	// horizon.first_year (docs/model.md, "Partners").
	MinNPVAtHurdle *Money `yaml:"min_npv_at_hurdle,omitempty" json:"min_npv_at_hurdle,omitempty"`
	// Currency is the partner's own currency, USD, INR or JPY: its cash flows
	// are also reported in it, at currency.inr_per_usd or jpy_per_usd of each
	// year, and its hurdle rate applies to them.
	Currency string `yaml:"currency,omitempty" json:"currency,omitempty" jsonschema:"enum=USD,enum=INR,enum=JPY"`
	// Offtake lists the shares of the venture's sales that this partner takes
	// at the market's price: their value goes to this partner's cash flows
	// instead of to all partners by equity share (docs/model.md, "Partners").
	Offtake    []Offtake `yaml:"offtake,omitempty" json:"offtake,omitempty"`
	Provenance `yaml:",inline" json:",inline"`
}

// Offtake is a partner's share of the venture's sales of one material to one
// market, valued at that market's price.
type Offtake struct {
	// Material is the id of the material taken; Market the id of a market
	// that buys it.
	Material string `yaml:"material" json:"material"`
	Market   string `yaml:"market" json:"market"`
	// Share of those sales in [0, 1]; the partners' shares of one material
	// and market sum to 1 or less.
	Share float64 `yaml:"share" json:"share"`
}

// Policy holds incentives and limits set by governments.
type Policy struct {
	// Incentives are production-linked payments that technologies may claim.
	Incentives []Incentive `yaml:"incentives,omitempty" json:"incentives,omitempty"`
	// ChinaShareMax maps a material id to the largest share of its supply (domestic
	// output plus imports) that may come from China, per year.
	ChinaShareMax map[string]Series `yaml:"china_share_max,omitempty" json:"china_share_max,omitempty"`
	// RecoveryTargets require a share of available feedstock to be processed.
	RecoveryTargets []RecoveryTarget `yaml:"recovery_targets,omitempty" json:"recovery_targets,omitempty"`
	// ShortfallPenalty, when set, lets required market deliveries fall short at this
	// cost per unit; when unset they are hard requirements.
	ShortfallPenalty *Money `yaml:"shortfall_penalty,omitempty" json:"shortfall_penalty,omitempty"`
	Provenance       `yaml:",inline" json:",inline"`
}

// Incentive is a production-linked payment per unit of output.
type Incentive struct {
	ID   string `yaml:"id" json:"id"`
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	// Material whose output earns the incentive.
	Material string `yaml:"material" json:"material"`
	// PerUnit is the payment per unit of output of Material, per year.
	PerUnit MoneySeries `yaml:"per_unit" json:"per_unit"`
	// Eligibility, when given, is the scheme's entry threshold as the scenario
	// states it. The model pays every plant of a technology that lists the
	// incentive; `mineralplan lint` warns where a size of such a technology falls
	// below the threshold.
	Eligibility *Eligibility `yaml:"eligibility,omitempty" json:"eligibility,omitempty"`
	Provenance  `yaml:",inline" json:",inline"`
}

// Eligibility is the least plant an incentive scheme pays: one module must reach
// every threshold given.
type Eligibility struct {
	// MinCapacity is the least capacity of one module, in tonnes per year of the
	// claiming technology's main input (0: no threshold).
	MinCapacity float64 `yaml:"min_capacity,omitempty" json:"min_capacity,omitempty"`
	// MinCapex is the least capital cost of one module, before regional factor
	// and subsidy (unset: no threshold).
	MinCapex   *Money `yaml:"min_capex,omitempty" json:"min_capex,omitempty"`
	Provenance `yaml:",inline" json:",inline"`
}

// RecoveryTarget requires that at least Share of the feedstock available from the
// listed sources (or of every source of Material) is processed in each year.
type RecoveryTarget struct {
	ID string `yaml:"id" json:"id"`
	// Material and Feedstocks say which sources count: at least one is given, and
	// the feedstocks listed supply Material when both are.
	Material   string   `yaml:"material,omitempty" json:"material,omitempty"`
	Feedstocks []string `yaml:"feedstocks,omitempty" json:"feedstocks,omitempty"`
	// Share is the least share processed, in [0, 1], per year.
	Share      Series `yaml:"share" json:"share"`
	Provenance `yaml:",inline" json:",inline"`
}

// Objective says what the plan optimises.
type Objective struct {
	// Kind is npv (maximise, default), cost (minimise the cost of meeting
	// demand), security (maximise domestic tonnes of critical materials) or
	// weighted.
	Kind string `yaml:"kind,omitempty" json:"kind,omitempty" jsonschema:"enum=npv,enum=cost,enum=security,enum=weighted"`
	// NPVWeight and SecurityWeight (per kt of critical output) weigh a weighted
	// objective: maximise NPVWeight × NPV[$M] + SecurityWeight × security[kt].
	NPVWeight      float64 `yaml:"npv_weight,omitempty" json:"npv_weight,omitempty"`
	SecurityWeight float64 `yaml:"security_weight,omitempty" json:"security_weight,omitempty"`
	// MinSecurity, when set, requires at least this much security (tonnes of
	// critical material delivered domestically over the horizon): the ε of the
	// ε-constraint method.
	MinSecurity *float64 `yaml:"min_security,omitempty" json:"min_security,omitempty"`
}

// Finance holds the valuation choices of the plan's money.
type Finance struct {
	// TerminalValue is how the plants are valued at the end of the horizon
	// (docs/model.md, "Terminal value"): book (default; net capex × remaining
	// life ÷ lifetime, straight line), continuing (the last calendar year's free
	// cash flow before incentives, paid on for the years every plant is certain
	// to keep running, at the discount rate) or none.
	TerminalValue string `yaml:"terminal_value,omitempty" json:"terminal_value,omitempty" jsonschema:"enum=book,enum=continuing,enum=none"`
	// Tax is the corporate income tax of the venture (docs/model.md, "Tax"); nil
	// (the default) means no tax: the NPV is before tax.
	Tax *Tax `yaml:"tax,omitempty" json:"tax,omitempty"`
	// Debt lists the lenders that finance a share of the new plants' net capex
	// (docs/model.md, "Debt"); empty means an all-equity venture.
	Debt []Lender `yaml:"debt,omitempty" json:"debt,omitempty"`
}

// Lender is one loan facility: it finances Share of every new plant's net
// capex, drawn in the build year, and is served from the next year on.
type Lender struct {
	ID string `yaml:"id" json:"id"`
	// Share of net capex financed, in (0, 1]; the lenders' shares sum to 1 or less.
	Share float64 `yaml:"share" json:"share"`
	// InterestRate per year on the balance outstanding, in [0, 1).
	InterestRate float64 `yaml:"interest_rate" json:"interest_rate"`
	// Tenor is the years from drawdown to the last repayment, 1 or more.
	Tenor int `yaml:"tenor" json:"tenor"`
	// GraceYears are the first service years with interest only, below Tenor.
	GraceYears int `yaml:"grace_years,omitempty" json:"grace_years,omitempty"`
	// Repayment is annuity (equal interest-plus-principal payments after the
	// grace) or equal_principal (equal principal payments).
	Repayment string `yaml:"repayment" json:"repayment" jsonschema:"enum=annuity,enum=equal_principal"`
	// MinDSCR, when above 0, is the least debt-service coverage ratio the
	// lender accepts in every year with debt service: cash flow available for
	// debt service ÷ the debt service of all lenders.
	MinDSCR    float64 `yaml:"min_dscr,omitempty" json:"min_dscr,omitempty"`
	Provenance `yaml:",inline" json:",inline"`
}

// Tax is the corporate income tax of the venture, taken as a stand-alone
// company (not consolidated with its partners): each calendar year outside the
// holiday its taxable income is operating cash flow − depreciation; with
// LossCarryForward unlimited a loss is set off against the next years' income;
// rate × what remains is the tax (docs/model.md, "Tax").
type Tax struct {
	// Rate is the tax rate per calendar year as a fraction in [0, 1): the
	// all-in rate with surcharge and cess. From one taxed year to the next it
	// may rise by at most the discount rate (r_{y+1} ≤ r_y × (1 + discount
	// rate)), the condition under which the model's tax is exact.
	Rate Series `yaml:"rate" json:"rate"`
	// HolidayYears is the number of calendar years from HolidayStart in which
	// income is exempt and a loss is not kept. 0: none.
	HolidayYears int `yaml:"holiday_years,omitempty" json:"holiday_years,omitempty"`
	// HolidayStart is the first calendar year of the holiday, the year the
	// venture starts operation; 0 means the horizon's first year.
	HolidayStart int `yaml:"holiday_start,omitempty" json:"holiday_start,omitempty"`
	// LossCarryForward is none (a year's loss is lost; the default) or
	// unlimited (set off against the following taxed years' income without
	// expiry). A limit in years is not offered: with it the tax is not convex in
	// the plan, and a linear model of it would be optimistic.
	LossCarryForward string `yaml:"loss_carry_forward,omitempty" json:"loss_carry_forward,omitempty" jsonschema:"enum=none,enum=unlimited"`
	Provenance       `yaml:",inline" json:",inline"`
	// Depreciation is the tax depreciation of new plants.
	Depreciation Depreciation `yaml:"depreciation" json:"depreciation"`
}

// Depreciation is how the depreciable cost of a new plant (gross capex less
// the state's capital subsidy; land is not depreciated) is written off for tax,
// from the calendar year the plant comes online.
type Depreciation struct {
	// Method is straight_line (Years equal shares) or written_down (Rate × the
	// value not yet written off, each year).
	Method string `yaml:"method" json:"method" jsonschema:"enum=straight_line,enum=written_down"`
	// Years of a straight_line write-off (a whole number, 1 or more).
	Years int `yaml:"years,omitempty" json:"years,omitempty"`
	// Rate of a written_down write-off, a fraction in (0, 1].
	Rate float64 `yaml:"rate,omitempty" json:"rate,omitempty"`
	// Technologies overrides the rule for the technologies named (by id).
	Technologies map[string]DepreciationRule `yaml:"technologies,omitempty" json:"technologies,omitempty"`
}

// DepreciationRule is one technology's depreciation where it differs from the
// scenario's: fields as in Depreciation.
type DepreciationRule struct {
	Method string  `yaml:"method" json:"method" jsonschema:"enum=straight_line,enum=written_down"`
	Years  int     `yaml:"years,omitempty" json:"years,omitempty"`
	Rate   float64 `yaml:"rate,omitempty" json:"rate,omitempty"`
}

// Solver holds HiGHS settings.
type Solver struct {
	// TimeLimit in seconds (0: none).
	TimeLimit float64 `yaml:"time_limit,omitempty" json:"time_limit,omitempty"`
	// MIPGap is the relative MIP gap at which the search stops (default 1e-4).
	MIPGap float64 `yaml:"mip_gap,omitempty" json:"mip_gap,omitempty"`
	// Threads for HiGHS (0: automatic).
	Threads int `yaml:"threads,omitempty" json:"threads,omitempty"`
	// Seed is HiGHS's random seed (default 0): fixed for determinism.
	Seed int `yaml:"seed,omitempty" json:"seed,omitempty"`
}
