package results

import (
	"fmt"
	"math"
	"strings"

	"github.com/mineralplan/mineralplan/chart"
	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// The map shows India in an equirectangular projection scaled by the cosine
// of its middle latitude, so that distances near 21°N are true to scale.
const (
	mapLonMin, mapLonMax = 67.5, 98.0
	mapLatMin, mapLatMax = 6.0, 36.0
	mapWidth             = 620.0 // px
	mapFlows             = 12    // routes drawn, largest first
	mapRoutesPerKind     = 3     // routes of each kind drawn before the rest
	markerMinR           = 6.0   // px, radius of the smallest plant (room for its letter)
	markerMaxR           = 15.0  // px, radius of the largest plant
)

// projection maps longitude and latitude to map pixels.
type projection struct {
	scale  float64 // px per degree of latitude
	k      float64 // cos(middle latitude)
	width  float64
	height float64
}

func newProjection() projection {
	k := math.Cos((mapLatMin + mapLatMax) / 2 * math.Pi / 180)
	scale := mapWidth / ((mapLonMax - mapLonMin) * k)
	return projection{scale: scale, k: k, width: mapWidth, height: (mapLatMax - mapLatMin) * scale}
}

func (p projection) xy(lon, lat float64) (float64, float64) {
	return (lon - mapLonMin) * p.k * p.scale, (mapLatMax - lat) * p.scale
}

// path returns SVG path data for rings, dropping points that round to the
// one before.
func (p projection) path(rings []ring) string {
	var b strings.Builder
	for _, r := range rings {
		prev := ""
		for i, pt := range r {
			x, y := p.xy(pt[0], pt[1])
			xy := px(x) + " " + px(y)
			if xy == prev {
				continue
			}
			if i == 0 {
				b.WriteString("M")
			} else {
				b.WriteString("L")
			}
			b.WriteString(xy)
			prev = xy
		}
		b.WriteString("Z")
	}
	return b.String()
}

// locate returns where a flow's end is: a site, or a feedstock, market or
// import at a site or at its own coordinates.
func (r *report) locate(kind, id string) (lon, lat float64, ok bool) {
	return locate(r.scenario, kind, id)
}

// locate returns where a flow's end is in the scenario, longitude and
// latitude: a site, or a feedstock, market or import at a site or at its own
// coordinates; ok is false when the scenario places it nowhere.
func locate(sc *scenarios.Scenario, kind, id string) (lon, lat float64, ok bool) {
	site := func(sid string) (float64, float64, bool) {
		for _, s := range sc.Sites {
			if s.ID == sid {
				return s.Lon, s.Lat, true
			}
		}
		return 0, 0, false
	}
	var loc *scenarios.Location
	switch kind {
	case "site":
		return site(id)
	case "feedstock":
		for i, f := range sc.Feedstocks {
			if f.ID == id {
				loc = &sc.Feedstocks[i].Location
			}
		}
	case "market":
		for i, m := range sc.Markets {
			if m.ID == id {
				loc = &sc.Markets[i].Location
			}
		}
	case "import":
		for i, im := range sc.Imports {
			if im.ID == id {
				loc = &sc.Imports[i].Location
			}
		}
	}
	switch {
	case loc == nil:
		return 0, 0, false
	case loc.Site != "":
		return site(loc.Site)
	case loc.Lat != nil && loc.Lon != nil:
		return *loc.Lon, *loc.Lat, true
	}
	return 0, 0, false
}

// flowClass is the CSS class (stroke pattern) of a route by its kind.
func flowClass(rt route) string {
	switch {
	case rt.fromKind == "import":
		return "flow flow-import"
	case rt.toKind == "market":
		return "flow flow-sale"
	case rt.fromKind == "site":
		return "flow flow-inter"
	}
	return "flow flow-feed"
}

// mapSVG draws the map: states, the national outline, the main flows,
// candidate sites as grey dots and one marker per plant row, sized by
// capacity (area) and coloured and lettered by technology; then the names of
// the places flows leave the map for and of the plants' sites, placed where
// they cover no marker and no other name.
func (r *report) mapSVG() string {
	pr := newProjection()
	india, states := geoRegions()
	var s svg
	s.WriteString(`<g class="states">`)
	for _, st := range states {
		fmt.Fprintf(&s, `<path d="%s"><title>%s</title></path>`, pr.path(st.rings), esc(st.name))
	}
	s.WriteString(`</g><g class="outline">`)
	for _, c := range india {
		fmt.Fprintf(&s, `<path d="%s"/>`, pr.path(c.rings))
	}
	s.WriteString(`</g>`)
	edges := r.mapFlows(&s, pr)
	s.WriteString(`<g class="candidates">`)
	var dots []chart.Box
	for _, site := range r.scenario.Sites {
		x, y := pr.xy(site.Lon, site.Lat)
		fmt.Fprintf(&s, `<circle class="candidate-site" cx="%s" cy="%s" r="2.5"><title>%s (%s): candidate site</title></circle>`,
			px(x), px(y), esc(r.siteName(site.ID)), esc(site.State))
		dots = append(dots, chart.Circle{X: x, Y: y, R: 2.5}.Box())
	}
	s.WriteString(`</g>`)
	groups := r.mapPlants(&s, pr)
	r.mapLabels(&s, pr, groups, edges, dots)
	return s.Frame("map", pr.width, pr.height, "Map of India: candidate sites and the plan's plants and main flows",
		fmt.Sprintf("%d plant rows at %d of %d candidate sites; the %d largest routes of material as lines.",
			len(r.plan.Plants), len(plantSites(r.plan)), len(r.scenario.Sites), mapFlows))
}

// mapRoutes picks the routes the map draws: those whose two ends are known
// and apart, the largest (in tonnes) of each kind first, mapRoutesPerKind of
// each, so that small but telling flows such as exports show; then the
// largest of the rest, up to mapFlows in all.
func (r *report) mapRoutes() []route {
	var candidates []route
	for _, rt := range routes(r.plan) {
		lon1, lat1, ok1 := r.locate(rt.fromKind, rt.from)
		lon2, lat2, ok2 := r.locate(rt.toKind, rt.to)
		if ok1 && ok2 && (lon1 != lon2 || lat1 != lat2) {
			candidates = append(candidates, rt)
		}
	}
	picked := make([]bool, len(candidates))
	perKind := map[string]int{}
	n := 0
	for i, rt := range candidates {
		if k := flowClass(rt); perKind[k] < mapRoutesPerKind && n < mapFlows {
			perKind[k]++
			picked[i] = true
			n++
		}
	}
	for i := range candidates {
		if !picked[i] && n < mapFlows {
			picked[i] = true
			n++
		}
	}
	var out []route
	for i, rt := range candidates {
		if picked[i] {
			out = append(out, rt)
		}
	}
	return out
}

// edgeLabel names a place off the map where flow lines go, at the point on
// the map's edge where they leave it.
type edgeLabel struct {
	x, y float64
	text string
}

// mapFlows draws the routes mapRoutes picks, wider for more tonnes. An end
// outside the map (a market abroad) is cut at the map's edge; it returns the
// names of such places, once per place, to be placed with the other labels.
func (r *report) mapFlows(s *svg, pr projection) []edgeLabel {
	drawn := r.mapRoutes()
	maxT := 0.0
	for _, rt := range drawn {
		maxT = math.Max(maxT, rt.tonnes)
	}
	var edges []edgeLabel
	labelled := map[string]bool{}
	edge := func(x, y float64, text string) {
		if !labelled[text] {
			labelled[text] = true
			edges = append(edges, edgeLabel{x, y, text})
		}
	}
	s.WriteString(`<g class="flows">`)
	for _, rt := range drawn {
		lon1, lat1, _ := r.locate(rt.fromKind, rt.from)
		lon2, lat2, _ := r.locate(rt.toKind, rt.to)
		x1, y1 := pr.xy(lon1, lat1)
		x2, y2 := pr.xy(lon2, lat2)
		cx1, cy1, cx2, cy2, ok := clipSegment(x1, y1, x2, y2, pr.width, pr.height)
		if !ok {
			continue
		}
		width := 1 + 5*rt.tonnes/maxT
		fmt.Fprintf(s, `<line class="%s" x1="%s" y1="%s" x2="%s" y2="%s" stroke-width="%s"><title>%s: %s %s from %s to %s over the horizon</title></line>`,
			flowClass(rt), px(cx1), px(cy1), px(cx2), px(cy2), px(width), esc(r.materialName(rt.material)),
			grouped(rt.quantity, 0), esc(rt.unit), esc(r.placeName(rt.fromKind, rt.from)), esc(r.placeName(rt.toKind, rt.to)))
		if !inside(x2, y2, pr) {
			edge(cx2, cy2, "→ "+r.placeName(rt.toKind, rt.to))
		}
		if !inside(x1, y1, pr) {
			edge(cx1, cy1, r.placeName(rt.fromKind, rt.from)+" →")
		}
	}
	s.WriteString(`</g>`)
	return edges
}

// inside reports whether a point lies on the map (an end that clipSegment
// leaves as it is, up to rounding).
func inside(x, y float64, pr projection) bool {
	return x >= 0 && y >= 0 && x <= pr.width && y <= pr.height
}

// clipSegment cuts a segment to the rectangle [0, w] × [0, h]
// (Liang–Barsky); ok is false when none of it is inside.
func clipSegment(x1, y1, x2, y2, w, h float64) (float64, float64, float64, float64, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := x2-x1, y2-y1
	for _, e := range [][2]float64{{-dx, x1}, {dx, w - x1}, {-dy, y1}, {dy, h - y1}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, 0, 0, false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
	}
	if t0 > t1 {
		return 0, 0, 0, 0, false
	}
	// An end that is not cut stays exactly where it was (x1 + 1·dx need not
	// be x2 in floating point).
	ex, ey := x2, y2
	if t1 < 1 {
		ex, ey = x1+t1*dx, y1+t1*dy
	}
	return x1 + t0*dx, y1 + t0*dy, ex, ey, true
}

// plantSites returns the plan's plants grouped by site, in plant order.
func plantSites(p *model.Plan) map[string][]model.Plant {
	out := map[string][]model.Plant{}
	for _, pl := range sortedBy(p.Plants, comparePlants) {
		out[pl.Site] = append(out[pl.Site], pl)
	}
	return out
}

// markerRadius is a plant marker's radius: its area grows with capacity.
func markerRadius(capacity, maxCapacity float64) float64 {
	if maxCapacity <= 0 {
		return markerMinR
	}
	return markerMinR + (markerMaxR-markerMinR)*math.Sqrt(math.Max(capacity, 0)/maxCapacity)
}

// siteGroup is the markers of one site: where the site is, where its markers
// are drawn (moved off another site's markers when they would overlap), the
// radius they cover and each marker.
type siteGroup struct {
	id       string
	sx, sy   float64 // the site
	cx, cy   float64 // the centre of its markers
	extent   float64
	plants   []model.Plant
	radii    []float64
	offsets  [][2]float64 // of each marker from the centre
	markers  []chart.Circle
	existing []bool
}

// markerGap is the clear space kept between the markers of different sites, px.
const markerGap = 2.0

// mapPlants draws a marker per plant row; several at one site sit on a small
// ring around it. Sites whose markers would overlap another's (Noida and
// Greater Noida lie a few pixels apart) are pushed apart, each joined to its
// true place by a thin line. It returns the sites drawn.
func (r *report) mapPlants(s *svg, pr projection) []*siteGroup {
	maxCap := 0.0
	for _, pl := range r.plan.Plants {
		maxCap = math.Max(maxCap, pl.Capacity)
	}
	bySite := plantSites(r.plan)
	var groups []*siteGroup
	for _, site := range r.scenario.Sites {
		plants := bySite[site.ID]
		if len(plants) == 0 {
			continue
		}
		x, y := pr.xy(site.Lon, site.Lat)
		g := &siteGroup{id: site.ID, sx: x, sy: y, cx: x, cy: y, plants: plants}
		biggest := 0.0
		for _, pl := range plants {
			rad := markerRadius(pl.Capacity, maxCap)
			g.radii = append(g.radii, rad)
			biggest = math.Max(biggest, rad)
		}
		ring := 0.0
		if len(plants) > 1 {
			// Neighbours on the ring must not overlap: their centres are
			// 2·ring·sin(π/n) apart.
			ring = (biggest + 1) / math.Max(math.Sin(math.Pi/float64(len(plants))), 0.5)
		}
		g.extent = ring + biggest
		for i := range plants {
			a := 2*math.Pi*float64(i)/float64(len(plants)) - math.Pi/2
			g.offsets = append(g.offsets, [2]float64{ring * math.Cos(a), ring * math.Sin(a)})
		}
		groups = append(groups, g)
	}
	spreadGroups(groups, pr)
	s.WriteString(`<g class="plants">`)
	for _, g := range groups {
		if math.Hypot(g.cx-g.sx, g.cy-g.sy) > 0.5 {
			// Moved off its site: a line from the site's dot to the markers.
			s.Line(g.sx, g.sy, g.cx, g.cy, "leader")
		}
		for i, pl := range g.plants {
			x, y, rad := g.cx+g.offsets[i][0], g.cy+g.offsets[i][1], g.radii[i]
			g.markers = append(g.markers, chart.Circle{X: x, Y: y, R: rad})
			st := r.styleOf[pl.Technology]
			dash := ""
			if pl.Existing {
				dash = ` stroke-dasharray="2 1.5"`
			}
			fmt.Fprintf(s, `<circle class="plant-marker" data-site="%s" data-technology="%s" data-size="%s" data-year="%d" cx="%s" cy="%s" r="%s" fill="%s"%s>`,
				esc(pl.Site), esc(pl.Technology), esc(pl.Size), pl.BuildYear, px(x), px(y), px(rad), st.fill, dash)
			fmt.Fprintf(s, `<title>%s</title></circle>`, esc(r.plantTip(pl)))
			size := math.Min(rad*1.15, 11)
			fmt.Fprintf(s, `<text x="%s" y="%s" text-anchor="middle" class="letter" fill="%s" font-size="%s">%s</text>`,
				px(x), px(y+size*0.36), st.text, px(size), esc(st.letter))
		}
	}
	s.WriteString(`</g>`)
	return groups
}

// spreadGroups moves the markers of sites apart until no two sites' markers
// overlap (with markerGap between them), each site pulled back towards its
// place and kept on the map. The moves depend only on the positions, so the
// map is the same on every run.
func spreadGroups(groups []*siteGroup, pr projection) {
	for iter := 0; iter < 500; iter++ {
		moved := false
		for i, a := range groups {
			for j := i + 1; j < len(groups); j++ {
				b := groups[j]
				dx, dy := b.cx-a.cx, b.cy-a.cy
				d := math.Hypot(dx, dy)
				need := a.extent + b.extent + markerGap
				if d >= need-1e-9 {
					continue
				}
				if d < 1e-9 { // the same place: part them left and right
					dx, dy, d = 1, 0, 1
				}
				push := (need - d) / 2
				a.cx, a.cy = a.cx-dx/d*push, a.cy-dy/d*push
				b.cx, b.cy = b.cx+dx/d*push, b.cy+dy/d*push
				moved = true
			}
		}
		for _, g := range groups {
			g.cx = math.Min(math.Max(g.cx, g.extent), pr.width-g.extent)
			g.cy = math.Min(math.Max(g.cy, g.extent), pr.height-g.extent)
		}
		if !moved {
			return
		}
	}
}

// mapLabels names the places flows leave the map for, along the edge where
// they leave, and each plant site beside its markers: each name goes to the
// first spot where it covers no marker and no other name (and, if it can,
// no candidate site's dot), trying spots farther out as needed.
func (r *report) mapLabels(s *svg, pr projection, groups []*siteGroup, edges []edgeLabel, dots []chart.Box) {
	bounds := chart.Box{X0: 0, Y0: 0, X1: pr.width, Y1: pr.height}
	obst := chart.Obstacles{Soft: dots}
	for _, g := range groups {
		obst.Circles = append(obst.Circles, g.markers...)
	}
	s.WriteString(`<g class="labels">`)
	for _, e := range edges {
		anchor := "end"
		if e.x < pr.width/2 {
			anchor = "start"
		}
		y := math.Min(math.Max(e.y, 14), pr.height-6)
		var spots []chart.Spot
		for k := 0; k < 40; k++ { // slide along the edge, below then above
			dy := float64((k+1)/2) * 14
			if k%2 == 1 {
				dy = -dy
			}
			spots = append(spots, chart.Spot{X: e.x, Y: y + dy, Anchor: anchor})
		}
		sp, b, ok := obst.Place(spots, "edge-label", e.text, bounds)
		if !ok {
			continue
		}
		s.Text(sp.X, sp.Y, sp.Anchor, "edge-label", e.text)
		obst.Boxes = append(obst.Boxes, b)
	}
	for _, g := range groups {
		name := r.siteName(g.id)
		sp, b, ok := obst.Place(chart.Around(g.cx, g.cy, g.extent, 3, 8, 6, "site-label"), "site-label", name, bounds)
		if !ok {
			continue
		}
		s.Text(sp.X, sp.Y, sp.Anchor, "site-label", name)
		obst.Boxes = append(obst.Boxes, b)
	}
	s.WriteString(`</g>`)
}

// plantTip describes a plant row in words, for tooltips.
func (r *report) plantTip(pl model.Plant) string {
	when := fmt.Sprintf("built %d, online %d", pl.BuildYear, pl.OnlineYear)
	if pl.Existing {
		when = fmt.Sprintf("existing, online %d", pl.OnlineYear)
	}
	return fmt.Sprintf("%s at %s (%s): %d × %s, %s t/yr, %s; net capex %s", r.techName(pl.Technology), r.siteName(pl.Site),
		pl.State, pl.Count, pl.Size, grouped(pl.Capacity, 0), when, usdM(pl.CapexNet))
}

// PlanMap draws plan's map of India as report.html does — states, candidate
// sites, plant markers by technology, main flows — for reports of other
// commands (a stochastic study's shared plan). It returns the SVG, the HTML
// legend of its symbols, and the CSS both need.
func PlanMap(plan *model.Plan, s *scenarios.Scenario) (svg, legend, css string) {
	r := newReport(plan, s)
	return r.mapSVG(), r.mapLegend(), reportCSS + chart.CSS
}
