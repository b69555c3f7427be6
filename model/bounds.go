package model

import "math"

// throughputBounds returns, per technology and year index, an upper bound on the
// total throughput of that technology over all sites, in tonnes per year: the
// least, over its inputs, of the most of that input that can exist (feedstock
// availability, import limits and what every other technology could make of it)
// divided by the input per tonne; and the least, over its outputs that cannot be
// disposed of, of the most of that output that can be used (market demand caps
// and what other technologies could take) divided by the output per tonne.
// +Inf where nothing limits it.
//
// capacityRows uses the bound to tighten each size's capacity coefficient to
// min(u_max · cap_k, bound): a plant can never process more than the whole
// supply, and the LP relaxation then cannot buy a fraction of an oversized
// plant's economies of scale.
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
	out := make([][]float64, len(s.Technologies))
	for t, tech := range s.Technologies {
		out[t] = make([]float64, len(p.Years))
		for yi, y := range p.Years {
			bound := math.Inf(1)
			for m, a := range tech.Inputs {
				if a <= 0 {
					continue
				}
				supply := 0.0
				for _, f := range s.Feedstocks {
					if f.Material == m {
						supply += f.Availability.At(y)
					}
				}
				for _, im := range s.Imports {
					if im.Material == m {
						if im.Limit == nil {
							supply = math.Inf(1)
						} else {
							supply += im.Limit.At(y)
						}
					}
				}
				for t2, other := range s.Technologies {
					if t2 != t {
						supply += other.Outputs[m] * plantCap[t2]
					}
				}
				bound = math.Min(bound, supply/a)
			}
			for m, b := range tech.Outputs {
				if b <= 0 || disposable[m] {
					continue
				}
				use := 0.0
				for _, mk := range s.Markets {
					if mk.Material == m {
						if mk.Demand == nil {
							use = math.Inf(1)
						} else {
							use += mk.Demand.At(y)
						}
					}
				}
				for t2, other := range s.Technologies {
					if t2 != t {
						use += other.Inputs[m] * plantCap[t2]
					}
				}
				bound = math.Min(bound, use/b)
			}
			out[t][yi] = bound
		}
	}
	return out
}
