package scenarios

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// India's bounding box, in degrees: a site or place outside it is probably a typo
// (swapped latitude and longitude, a missing minus sign).
const (
	indiaMinLon, indiaMaxLon = 68.1, 97.4
	indiaMinLat, indiaMaxLat = 6.7, 35.5
)

// unitWords maps ways of writing a unit to the unit meant.
var unitWords = map[string]string{
	"tonne": "t", "tonnes": "t", "ton": "t", "tons": "t", "mt": "t", "T": "t",
	"kilogram": "kg", "kilograms": "kg", "kgs": "kg", "KG": "kg", "Kg": "kg",
}

// tonnes returns the mass in tonnes of x units of material id (x/1000 for a
// material in kg).
func (v *validator) tonnes(id string, x float64) float64 {
	if m := v.materials[id]; m != nil && m.Unit == "kg" {
		return x / 1000
	}
	return x
}

func (v *validator) checkMaterials() {
	for _, m := range v.s.Materials {
		p := joinIndex("materials", m.ID)
		v.checkID(p, m.ID)
		if m.Unit != "t" && m.Unit != "kg" {
			fix := "write unit: t (tonnes) or unit: kg (precious metals)"
			if u, ok := unitWords[m.Unit]; ok {
				fix = "write unit: " + u
			}
			v.errorf(joinKey(p, "unit"), fix, "%s.unit is %q; quantities of a material are in t or kg", p, m.Unit)
		}
		v.within(joinKey(p, "china_refining_share"), m.ChinaRefiningShare, 0, 1, false, false, "give China's share of world refining as a fraction, such as 0.65")
		v.checkMetalContent(joinKey(p, "metal_content"), m.MetalContent)
	}
}

// elementSymbol is a chemical element's symbol: a capital letter and at most one
// lower-case letter.
var elementSymbol = regexp.MustCompile(`^[A-Z][a-z]?$`)

// checkMetalContent checks a material's metal content: element symbols as keys,
// mass fractions in [0, 1] summing to at most 1.
func (v *validator) checkMetalContent(p string, content map[string]float64) {
	sum := 0.0
	for _, el := range sortedKeys(content) {
		ep := joinKey(p, el)
		if !elementSymbol.MatchString(el) {
			v.errorf(ep, "name the element by its symbol, such as Ni, Co, Li or Pt", "%s: %q is not an element symbol", p, el)
		}
		v.within(ep, content[el], 0, 1, false, false, "give the element's mass fraction, such as 0.12 for 12%")
		sum += content[el]
	}
	if sum > 1+1e-9 {
		v.errorf(p, "the mass fractions of one material add up to at most 1", "%s adds up to %.4g, more than the whole material", p, sum)
	}
}

func (v *validator) checkTechnologies() {
	horizon := v.s.Horizon.LastYear - v.s.Horizon.FirstYear + 1
	for _, t := range v.s.Technologies {
		p := joinIndex("technologies", t.ID)
		v.checkID(p, t.ID)
		v.flows(p, t)
		if len(t.Sizes) == 0 && v.s.written(joinKey(p, "sizes")) {
			v.errorf(joinKey(p, "sizes"), "give at least one size with id, capacity and capex", "%s.sizes is empty", p)
		}
		for _, z := range t.Sizes {
			zp := joinIndex(joinKey(p, "sizes"), z.ID)
			v.checkID(zp, z.ID)
			v.positive(joinKey(zp, "capacity"), z.Capacity, "give the nameplate throughput in tonnes per year")
			v.atLeast(joinKey(zp, "capex"), z.Capex.USD, 0, "give the capital cost of one module")
			v.atLeast(joinKey(zp, "fixed_opex"), z.FixedOpex.USD, 0, "give the yearly fixed cost of one module")
			v.atLeast(joinKey(zp, "jobs"), z.Jobs, 0, "give the direct jobs of one module")
		}
		v.atLeast(joinKey(p, "variable_opex"), t.VariableOpex.USD, 0, "give the operating cost per tonne of throughput")
		v.atLeast(joinKey(p, "lead_time"), float64(t.LeadTime), 0, "give the years from the build decision to operation")
		if t.LeadTime >= horizon && horizon > 0 {
			v.warnf(joinKey(p, "lead_time"), "shorten the lead time or lengthen the horizon", "%s.lead_time is %d years: a plant built in the first year never operates within the %d-year horizon", p, t.LeadTime, horizon)
		}
		v.atLeast(joinKey(p, "lifetime"), float64(t.Lifetime), 1, "give the plant's life in years")
		v.within(joinKey(p, "max_utilisation"), t.MaxUtilisation, 0, 1, true, false, "give the highest throughput as a share of capacity, such as 0.9")
		v.atLeast(joinKey(p, "min_utilisation"), t.MinUtilisation, 0, "give the lowest throughput as a share of capacity, or 0")
		if t.MinUtilisation > t.MaxUtilisation && t.MaxUtilisation > 0 {
			v.errorf(joinKey(p, "min_utilisation"), "lower min_utilisation or raise max_utilisation", "%s.min_utilisation %s is above max_utilisation %s", p, num(t.MinUtilisation), num(t.MaxUtilisation))
		}
		v.atLeast(joinKey(p, "max_modules"), float64(t.MaxModules), 1, "give how many modules of one size a site may build, 1 or more")
		v.atLeast(joinKey(p, "co2_per_tonne"), t.CO2PerTonne, 0, "give tonnes of CO2 per tonne of throughput")
		for i, id := range t.Incentives {
			ip := joinIndex(joinKey(p, "incentives"), strconv.Itoa(i))
			inc := v.incentives[id]
			if inc == nil {
				v.ref(ip, "incentive", id, false)
				continue
			}
			if _, ok := t.Outputs[inc.Material]; !ok {
				v.warnf(ip, "remove it, or add "+inc.Material+" to the outputs", "%s claims incentive %q, paid for %s, which it does not produce", p, id, inc.Material)
			}
		}
	}
}

// flows checks a technology's inputs and outputs: known materials, amounts of 0 or
// more, and yields in [0, 1] of the input mass: no output, and not all outputs
// together, may weigh more than the inputs (kg materials counted in tonnes).
func (v *validator) flows(p string, t Technology) {
	var in, out float64
	yieldErr := false
	for _, side := range []struct {
		key string
		m   map[string]float64
	}{{"inputs", t.Inputs}, {"outputs", t.Outputs}} {
		sp := joinKey(p, side.key)
		if len(side.m) == 0 && v.s.written(sp) {
			v.errorf(sp, fmt.Sprintf("give at least one material and its amount per tonne of throughput, such as {%s: 1}", firstOr(v.ids["material"], "black-mass")), "%s.%s is empty", p, side.key)
		}
		for _, id := range sortedKeys(side.m) {
			x, mp := side.m[id], joinKey(sp, id)
			if v.materials[id] == nil {
				v.ref(mp, "material", id, false)
				continue
			}
			v.atLeast(mp, x, 0, "give the amount per tonne of throughput")
			t := v.tonnes(id, x)
			if side.key == "inputs" && x == 0 {
				v.errorf(mp, "give the tonnes of "+id+" per tonne of throughput, or remove the input", "%s is 0: an input the technology does not use, and with no input its outputs would come from nothing", mp)
			}
			if side.key == "inputs" {
				in += t
				continue
			}
			out += t
			if in > 0 && t > in*(1+1e-9) {
				yieldErr = true
				v.errorf(mp, yieldFix(v.materials[id]), "%s is %s %s per tonne of throughput, more than the %s t of all inputs: a yield above 1", mp, num(x), v.materials[id].Unit, num(roundSig(in)))
			}
		}
	}
	if !yieldErr && in > 0 && out > in*(1+1e-9) {
		v.errorf(joinKey(p, "outputs"), "lower the yields or add the missing inputs (reagents count too)", "%s: outputs weigh %s t per tonne of throughput, more than the %s t of inputs", p, num(roundSig(out)), num(roundSig(in)))
	}
}

func yieldFix(m *Material) string {
	if m.Unit == "kg" {
		return "give the recovery in kg per tonne of throughput"
	}
	return "give the recovery in tonnes per tonne of throughput, such as 0.95; for a material counted in kg, declare unit: kg"
}

// roundSig rounds x to 6 significant digits, for messages.
func roundSig(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 6, 64), 64)
	return v
}

func firstOr(xs []string, def string) string {
	if len(xs) > 0 {
		return xs[0]
	}
	return def
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// coords checks a latitude and longitude: an error off the globe, a warning
// outside India.
func (v *validator) coords(p string, lat, lon float64) {
	switch {
	case lat < -90 || lat > 90:
		v.errorf(joinKey(p, "lat"), "give the latitude in degrees north, -90 to 90", "%s.lat is %s, not a latitude", p, num(lat))
	case lon < -180 || lon > 180:
		v.errorf(joinKey(p, "lon"), "give the longitude in degrees east, -180 to 180", "%s.lon is %s, not a longitude", p, num(lon))
	case lat < indiaMinLat || lat > indiaMaxLat || lon < indiaMinLon || lon > indiaMaxLon:
		v.warnf(joinKey(p, "lat"), "check the coordinates (latitude first, degrees north and east); a place abroad is fine if meant",
			"%s at lat %s, lon %s is outside India (lat %s–%s, lon %s–%s)", p, num(lat), num(lon), num(indiaMinLat), num(indiaMaxLat), num(indiaMinLon), num(indiaMaxLon))
	}
}

func (v *validator) checkSites() {
	for _, s := range v.s.Sites {
		p := joinIndex("sites", s.ID)
		v.checkID(p, s.ID)
		if strings.TrimSpace(s.State) == "" && v.s.written(joinKey(p, "state")) {
			v.errorf(joinKey(p, "state"), "give the Indian state, such as Gujarat", "%s.state is empty", p)
		}
		v.coords(p, s.Lat, s.Lon)
		v.positive(joinKey(p, "capex_factor"), s.CapexFactor, "give the regional cost level, 1 for the national average")
		v.atLeast(joinKey(p, "land_cost"), s.LandCost.USD, 0, "give the land cost of one module")
		v.within(joinKey(p, "capital_subsidy"), s.CapitalSubsidy, 0, 1, false, true, "give the state's share of capex as a fraction, such as 0.25")
		if s.SubsidyCap != nil {
			v.atLeast(joinKey(p, "subsidy_cap"), s.SubsidyCap.USD, 0, "give the largest subsidy of one module")
		}
		for i, id := range s.SubsidyTechnologies {
			ip := joinIndex(joinKey(p, "subsidy_technologies"), strconv.Itoa(i))
			v.ref(ip, "technology", id, v.techs[id] != nil)
			if v.techs[id] != nil && len(s.Technologies) > 0 && !slices.Contains(s.Technologies, id) {
				v.errorf(ip, "add it to "+p+".technologies, or remove it here", "%s: a subsidy for %s, which %s.technologies does not allow, so it can never apply", p, id, p)
			}
		}
		for i, id := range s.Technologies {
			v.ref(joinIndex(joinKey(p, "technologies"), strconv.Itoa(i)), "technology", id, v.techs[id] != nil)
		}
		v.atLeast(joinKey(p, "max_plants"), float64(s.MaxPlants), 0, "give the most modules the site may hold, or 0 for no cap")
		modules := 0
		for i, e := range s.Existing {
			ep := joinIndex(joinKey(p, "existing"), strconv.Itoa(i))
			v.plantRef(ep, e.Technology, e.Size)
			if e.Technology != "" && len(s.Technologies) > 0 && !slices.Contains(s.Technologies, e.Technology) {
				v.errorf(joinKey(ep, "technology"), "add it to "+p+".technologies", "%s is a %s plant, which %s.technologies does not allow", ep, e.Technology, p)
			}
			v.atLeast(joinKey(ep, "count"), float64(e.Count), 1, "give the number of modules, 1 or more")
			modules += e.Count
			if v.s.written(joinKey(ep, "online")) && (e.Online < 1900 || e.Online > v.s.Horizon.LastYear) {
				v.errorf(joinKey(ep, "online"), fmt.Sprintf("give a year up to %d (earlier years mean already operating)", v.s.Horizon.LastYear),
					"%s.online is %d, outside the horizon, which ends in %d", ep, e.Online, v.s.Horizon.LastYear)
			}
		}
		if s.MaxPlants > 0 && modules > s.MaxPlants {
			v.errorf(joinKey(p, "max_plants"), "raise max_plants or remove existing plants", "%s.max_plants is %d but %d modules already exist there", p, s.MaxPlants, modules)
		}
		for i, o := range s.Overrides {
			op := joinIndex(joinKey(p, "overrides"), strconv.Itoa(i))
			v.plantRef(op, o.Technology, o.Size)
			if v.techs[o.Technology] != nil && len(s.Technologies) > 0 && !slices.Contains(s.Technologies, o.Technology) {
				v.errorf(joinKey(op, "technology"), "add it to "+p+".technologies, or remove the override", "%s overrides the costs of %s, which %s.technologies does not allow, so it can never apply", op, o.Technology, p)
			}
			if o.Capex != nil {
				v.atLeast(joinKey(op, "capex"), o.Capex.USD, 0, "give the capital cost of one module here")
			}
			if o.FixedOpex != nil {
				v.atLeast(joinKey(op, "fixed_opex"), o.FixedOpex.USD, 0, "give the yearly fixed cost of one module here")
			}
		}
	}
}

// plantRef checks a technology id and a size id of that technology.
func (v *validator) plantRef(p, tech, size string) {
	t := v.techs[tech]
	v.ref(joinKey(p, "technology"), "technology", tech, t != nil)
	if t == nil {
		return
	}
	sizes := ids(t.Sizes, func(z Size) string { return z.ID })
	if !slices.Contains(sizes, size) && !v.isBad(joinKey(p, "size")) {
		v.errorf(joinKey(p, "size"), v.hints.didYouMean(size, sizes, ""), "%s.size: technology %s has no size %q", p, tech, size)
	}
}
