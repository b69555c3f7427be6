package model

import (
	"fmt"
	"math"
	"sort"

	"github.com/mineralplan/mineralplan/scenarios"
)

// NodeKind says what a node of the material network is.
type NodeKind int

// Node kinds, in the order nodes are numbered.
const (
	FeedstockNode NodeKind = iota
	ImportNode
	SiteNode
	MarketNode
)

func (k NodeKind) String() string {
	return [...]string{"feedstock", "import", "site", "market"}[k]
}

// node is a place where material enters, is processed or leaves.
type node struct {
	Kind     NodeKind
	Index    int // into the scenario's list of that kind
	ID       string
	Lat, Lon float64
	// Material is the one material a feedstock, import or market node handles.
	Material string
}

// arc is a possible movement of one material between two nodes. Arcs exist only
// where the tail can emit the material and the head can take it.
type arc struct {
	From, To int // node indices
	Material string
	// UnitCost is the transport cost in USD per unit of the material (t or kg).
	UnitCost float64
}

// network is the pruned material network of a scenario.
type network struct {
	Nodes []node
	Arcs  []arc
	// siteNode[i] is the node index of scenario site i.
	siteNode []int
	// out and in list arc indices by node.
	out, in [][]int
}

// kmPerDegree-free great-circle distance on a sphere of the Earth's mean radius.
const earthRadiusKm = 6371.0088

// GreatCircleKm returns the great-circle distance in kilometres between two points
// given in degrees of latitude and longitude.
func GreatCircleKm(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	p1, p2 := lat1*rad, lat2*rad
	dp, dl := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(a)))
}

// siteTechs returns, per site, the technologies that may operate there: those
// allowed by the site (all when it lists none) plus those of its existing plants,
// in scenario order.
func siteTechs(s *scenarios.Scenario) [][]int {
	techIndex := map[string]int{}
	for i, t := range s.Technologies {
		techIndex[t.ID] = i
	}
	out := make([][]int, len(s.Sites))
	for i, site := range s.Sites {
		allowed := map[int]bool{}
		if len(site.Technologies) == 0 {
			for t := range s.Technologies {
				allowed[t] = true
			}
		}
		for _, id := range site.Technologies {
			allowed[techIndex[id]] = true
		}
		for _, e := range site.Existing {
			allowed[techIndex[e.Technology]] = true
		}
		for t := range s.Technologies {
			if allowed[t] {
				out[i] = append(out[i], t)
			}
		}
	}
	return out
}

// buildNetwork lays out nodes and the arcs that can carry material.
func buildNetwork(s *scenarios.Scenario, techs [][]int) (*network, error) {
	n := &network{}
	siteIndex := map[string]int{}
	for i, site := range s.Sites {
		siteIndex[site.ID] = i
	}
	locate := func(loc scenarios.Location, what string) (float64, float64, error) {
		if loc.Site != "" {
			i, ok := siteIndex[loc.Site]
			if !ok {
				return 0, 0, fmt.Errorf("%s: unknown site %q", what, loc.Site)
			}
			return s.Sites[i].Lat, s.Sites[i].Lon, nil
		}
		if loc.Lat == nil || loc.Lon == nil {
			return 0, 0, fmt.Errorf("%s: no location", what)
		}
		return *loc.Lat, *loc.Lon, nil
	}
	for i, f := range s.Feedstocks {
		lat, lon, err := locate(f.Location, "feedstocks["+f.ID+"]")
		if err != nil {
			return nil, err
		}
		n.Nodes = append(n.Nodes, node{Kind: FeedstockNode, Index: i, ID: f.ID, Lat: lat, Lon: lon, Material: f.Material})
	}
	for i, im := range s.Imports {
		lat, lon, err := locate(im.Location, "imports["+im.ID+"]")
		if err != nil {
			return nil, err
		}
		n.Nodes = append(n.Nodes, node{Kind: ImportNode, Index: i, ID: im.ID, Lat: lat, Lon: lon, Material: im.Material})
	}
	n.siteNode = make([]int, len(s.Sites))
	for i, site := range s.Sites {
		n.siteNode[i] = len(n.Nodes)
		n.Nodes = append(n.Nodes, node{Kind: SiteNode, Index: i, ID: site.ID, Lat: site.Lat, Lon: site.Lon})
	}
	for i, mk := range s.Markets {
		lat, lon, err := locate(mk.Location, "markets["+mk.ID+"]")
		if err != nil {
			return nil, err
		}
		n.Nodes = append(n.Nodes, node{Kind: MarketNode, Index: i, ID: mk.ID, Lat: lat, Lon: lon, Material: mk.Material})
	}

	// What each site can emit and take.
	emits := make([]map[string]bool, len(s.Sites))
	takes := make([]map[string]bool, len(s.Sites))
	for i := range s.Sites {
		emits[i], takes[i] = map[string]bool{}, map[string]bool{}
		for _, t := range techs[i] {
			for m := range s.Technologies[t].Outputs {
				emits[i][m] = true
			}
			for m := range s.Technologies[t].Inputs {
				takes[i][m] = true
			}
		}
	}

	if err := checkSize(s, n, emits, takes); err != nil {
		return nil, err
	}
	tc := newTransportCoster(s)
	add := func(from, to int, material string) {
		n.Arcs = append(n.Arcs, arc{From: from, To: to, Material: material,
			UnitCost: tc.unitCost(n.Nodes[from], n.Nodes[to], material)})
	}
	for from, nd := range n.Nodes {
		switch nd.Kind {
		case FeedstockNode, ImportNode:
			for si := range s.Sites {
				if takes[si][nd.Material] {
					add(from, n.siteNode[si], nd.Material)
				}
			}
		case SiteNode:
			si := nd.Index
			for _, m := range sortedKeys(emits[si]) {
				for sj := range s.Sites {
					if sj != si && takes[sj][m] {
						add(from, n.siteNode[sj], m)
					}
				}
				for to, mk := range n.Nodes {
					if mk.Kind == MarketNode && mk.Material == m {
						add(from, to, m)
					}
				}
			}
		}
	}
	n.out = make([][]int, len(n.Nodes))
	n.in = make([][]int, len(n.Nodes))
	for a, ar := range n.Arcs {
		n.out[ar.From] = append(n.out[ar.From], a)
		n.in[ar.To] = append(n.in[ar.To], a)
	}
	return n, nil
}

// transportCoster prices movements from the scenario's logistics.
type transportCoster struct {
	perTonneKm float64 // USD per t-km of the default mode
	circuity   float64
	premium    map[string]float64 // material → extra share
	unitToT    map[string]float64 // material → tonnes per unit
	lanes      map[laneKey]float64
}

type laneKey struct{ from, to, material string }

func newTransportCoster(s *scenarios.Scenario) *transportCoster {
	tc := &transportCoster{
		circuity: s.Logistics.Circuity,
		premium:  map[string]float64{},
		unitToT:  map[string]float64{},
		lanes:    map[laneKey]float64{},
	}
	if tc.circuity == 0 {
		tc.circuity = 1
	}
	if m, ok := s.Logistics.Modes[s.Logistics.DefaultMode]; ok {
		tc.perTonneKm = m.USD
	} else {
		first := true
		for _, mode := range sortedKeys(s.Logistics.Modes) {
			if c := s.Logistics.Modes[mode].USD; first || c < tc.perTonneKm {
				tc.perTonneKm, first = c, false
			}
		}
	}
	for _, m := range s.Materials {
		tc.unitToT[m.ID] = TonnesPerUnit(m)
		if m.Hazardous {
			tc.premium[m.ID] = s.Logistics.HazardousDefault
		}
	}
	for id, p := range s.Logistics.HazardousPremium {
		tc.premium[id] = p
	}
	for _, l := range s.Logistics.Lanes {
		tc.lanes[laneKey{l.From, l.To, l.Material}] = l.Cost.USD
	}
	return tc
}

// unitCost is the cost in USD of moving one unit of material from a to b: an
// explicit lane (material-specific first) or great-circle distance × circuity ×
// cost per t-km × (1 + hazardous premium) × tonnes per unit.
func (tc *transportCoster) unitCost(a, b node, material string) float64 {
	if c, ok := tc.lanes[laneKey{a.ID, b.ID, material}]; ok {
		return c
	}
	if c, ok := tc.lanes[laneKey{a.ID, b.ID, ""}]; ok {
		return c
	}
	km := GreatCircleKm(a.Lat, a.Lon, b.Lat, b.Lon) * tc.circuity
	return km * tc.perTonneKm * (1 + tc.premium[material]) * tc.unitToT[material]
}

// TonnesPerUnit is the mass in tonnes of one unit of the material: 1 for t, 0.001
// for kg.
func TonnesPerUnit(m scenarios.Material) float64 {
	if m.Unit == "kg" {
		return 1e-3
	}
	return 1
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// MaxFlowColumns is the most flow columns (arcs × modelled years) a model may
// have. The default scenario has about 30,000. A synthetic model just under the
// limit (150 sites, 197,288 columns) peaks at about 830 MB with HiGHS's presolve
// running, and one presolve pass of it can take longer than a minute; a larger
// scenario is refused before anything is built, so a run stays under 1 GiB.
const MaxFlowColumns = 200_000

// SizeError is returned for a scenario whose model would be over MaxFlowColumns.
// It is the scenario's size, not a fault of the model: a usage error.
type SizeError struct {
	Arcs, Periods int
}

func (e *SizeError) Error() string {
	return fmt.Sprintf("the model would have %d lanes × %d modelled years = %d flow columns, over the limit of %d; "+
		"use fewer candidate sites, or let fewer technologies at each site take the same materials, or a longer horizon.step",
		e.Arcs, e.Periods, e.Arcs*e.Periods, MaxFlowColumns)
}

// checkSize counts the arcs buildNetwork would lay out, without laying them out,
// and refuses a model over MaxFlowColumns.
func checkSize(s *scenarios.Scenario, n *network, emits, takes []map[string]bool) error {
	takers, emitters, marketsOf := map[string]int{}, map[string]int{}, map[string]int{}
	for i := range s.Sites {
		for m := range takes[i] {
			takers[m]++
		}
		for m := range emits[i] {
			emitters[m]++
		}
	}
	arcs := 0
	for _, nd := range n.Nodes {
		switch nd.Kind {
		case FeedstockNode, ImportNode:
			arcs += takers[nd.Material]
		case MarketNode:
			marketsOf[nd.Material]++
		}
	}
	for i := range s.Sites {
		for m := range emits[i] {
			others := takers[m]
			if takes[i][m] {
				others--
			}
			arcs += others + marketsOf[m]
		}
	}
	periods := max(len(s.Periods()), 1)
	if arcs*periods > MaxFlowColumns {
		return &SizeError{Arcs: arcs, Periods: periods}
	}
	return nil
}
