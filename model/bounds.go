package model

import "math"

// boundRounds caps the rounds of throughputBounds' propagation. Each round can
// only lower bounds, and every round's bounds are valid, so stopping early is
// safe; chains of technologies longer than this are rare.
const boundRounds = 32

// throughputBounds returns, per technology and year index, an upper bound T_t(y)
// on the total throughput of that technology over all sites, in tonnes per year;
// +Inf where nothing limits it.
//
// For each input m that t consumes on balance (a_tm − b_tm > 0), the whole site
// network holds at most the feedstock availability and import limits of m plus
// what the other technologies can make of it, Σ_{t′≠t} b_{t′m} P_{t′}(y); so
// T_t(y) ≤ that supply / (a_tm − b_tm). For each output m that t makes on balance
// and that cannot be disposed of, every tonne must reach a market (demand caps) or
// another technology (Σ_{t′≠t} a_{t′m} P_{t′}(y)); so T_t(y) ≤ that use / (b_tm − a_tm).
// P_{t′}(y) = min(C_{t′}, T_{t′}(y)), where C_{t′} is the most t′ could process
// with every module it may build at every site that allows it.
//
// The bounds are propagated: starting from T = +Inf, rounds recompute every T_t
// from the others' P until nothing falls (or boundRounds rounds). Each round's
// bounds are valid for every plan, so a chain such as batteries → black mass →
// refining is bounded by the batteries that exist, not by the pre-treatment
// plants that could be built.
//
// capacityRows caps each size's capacity coefficient at T, and
// throughputMIRRows derives mixed-integer rounding rows from it.
func (p *Problem) throughputBounds() [][]float64 {
	s := p.Scenario
	// The most each technology could process, from the sites that allow it.
	plantCap := make([]float64, len(s.Technologies))
	for i := range s.Sites {
		for _, t := range p.techs[i] {
			tech := s.Technologies[t]
			biggest := 0.0
			existing := 0.0
			for k, size := range tech.Sizes {
				biggest = math.Max(biggest, size.Capacity)
				existing += float64(existingCount(s, i, t, k, s.Horizon.LastYear)) * size.Capacity
			}
			plantCap[t] += maxUtilisation(tech) * (existing + float64(maxModules(tech)*len(tech.Sizes))*biggest)
		}
	}
	disposable := map[string]bool{}
	for _, m := range s.Materials {
		disposable[m.ID] = m.DisposalCost != nil
	}
	// Per year and material: what feedstocks and imports can bring (+Inf when an
	// import is unlimited) and what markets can take (+Inf when one is uncapped).
	brought := make([]map[string]float64, len(p.Years))
	taken := make([]map[string]float64, len(p.Years))
	for yi, y := range p.Years {
		brought[yi], taken[yi] = map[string]float64{}, map[string]float64{}
		for _, f := range s.Feedstocks {
			brought[yi][f.Material] += f.Availability.At(y)
		}
		for _, im := range s.Imports {
			if im.Limit == nil {
				brought[yi][im.Material] = math.Inf(1)
			} else {
				brought[yi][im.Material] += im.Limit.At(y)
			}
		}
		for _, mk := range s.Markets {
			if mk.Demand == nil {
				taken[yi][mk.Material] = math.Inf(1)
			} else {
				taken[yi][mk.Material] += mk.Demand.At(y)
			}
		}
	}
	out := make([][]float64, len(s.Technologies))
	for t := range out {
		out[t] = make([]float64, len(p.Years))
		for yi := range out[t] {
			out[t][yi] = math.Inf(1)
		}
	}
	for range boundRounds {
		lowered := false
		for t, tech := range s.Technologies {
			for yi := range p.Years {
				most := func(t2 int) float64 { return math.Min(plantCap[t2], out[t2][yi]) }
				bound := out[t][yi]
				for m, a := range tech.Inputs {
					net := a - tech.Outputs[m]
					if net <= 0 {
						continue
					}
					supply := brought[yi][m]
					for t2, other := range s.Technologies {
						if t2 != t && other.Outputs[m] > 0 {
							supply += other.Outputs[m] * most(t2)
						}
					}
					bound = math.Min(bound, supply/net)
				}
				for m, b := range tech.Outputs {
					net := b - tech.Inputs[m]
					if net <= 0 || disposable[m] {
						continue
					}
					use := taken[yi][m]
					for t2, other := range s.Technologies {
						if t2 != t && other.Inputs[m] > 0 {
							use += other.Inputs[m] * most(t2)
						}
					}
					bound = math.Min(bound, use/net)
				}
				if bound < out[t][yi] {
					out[t][yi] = bound
					lowered = true
				}
			}
		}
		if !lowered {
			break
		}
	}
	return out
}
