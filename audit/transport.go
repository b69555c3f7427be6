package audit

import (
	"math"
	"sort"

	"github.com/mineralplan/mineralplan/scenarios"
)

// transport prices a flow as the Parameters table of docs/model.md defines τ_a.
type transport struct {
	s     *scenarios.Scenario
	perTK float64 // USD per t-km of the default mode
}

func newTransport(s *scenarios.Scenario) *transport {
	t := &transport{s: s}
	if m, ok := s.Logistics.Modes[s.Logistics.DefaultMode]; ok {
		t.perTK = m.USD
	} else {
		names := make([]string, 0, len(s.Logistics.Modes))
		for n := range s.Logistics.Modes {
			names = append(names, n)
		}
		sort.Strings(names)
		for i, n := range names {
			if c := s.Logistics.Modes[n].USD; i == 0 || c < t.perTK {
				t.perTK = c
			}
		}
	}
	return t
}

// place is the coordinates of a flow end.
func (t *transport) place(kind, id string) (lat, lon float64, ok bool) {
	s := t.s
	loc := func(l scenarios.Location) (float64, float64, bool) {
		if l.Site != "" {
			if site := s.SiteByID(l.Site); site != nil {
				return site.Lat, site.Lon, true
			}
			return 0, 0, false
		}
		if l.Lat == nil || l.Lon == nil {
			return 0, 0, false
		}
		return *l.Lat, *l.Lon, true
	}
	switch kind {
	case "site":
		if site := s.SiteByID(id); site != nil {
			return site.Lat, site.Lon, true
		}
	case "feedstock":
		if f := findFeedstock(s, id); f != nil {
			return loc(f.Location)
		}
	case "import":
		if im := findImport(s, id); im != nil {
			return loc(im.Location)
		}
	case "market":
		if mk := findMarket(s, id); mk != nil {
			return loc(mk.Location)
		}
	}
	return 0, 0, false
}

// cost is τ for the flow's arc, in USD per unit of its material.
func (t *transport) cost(f flow) (float64, bool) {
	s := t.s
	for _, want := range []string{f.material, ""} {
		for _, l := range s.Logistics.Lanes {
			if l.From == f.from && l.To == f.to && l.Material == want {
				return l.Cost.USD, true
			}
		}
	}
	lat1, lon1, ok1 := t.place(f.fromKind, f.from)
	lat2, lon2, ok2 := t.place(f.toKind, f.to)
	m := s.MaterialByID(f.material)
	if !ok1 || !ok2 || m == nil {
		return 0, false
	}
	premium := 0.0
	if p, listed := s.Logistics.HazardousPremium[m.ID]; listed {
		premium = p
	} else if m.Hazardous {
		premium = s.Logistics.HazardousDefault
	}
	circuity := s.Logistics.Circuity
	if circuity == 0 {
		circuity = 1
	}
	return haversineKm(lat1, lon1, lat2, lon2) * circuity * t.perTK * (1 + premium) * tonnesPerUnit(m), true
}

// haversineKm is the great-circle distance on a sphere of the Earth's mean
// radius, 6,371.0088 km.
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Pow(math.Sin(dlat/2), 2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Pow(math.Sin(dlon/2), 2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}
