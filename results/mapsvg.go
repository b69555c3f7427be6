package results

import (
	"fmt"
	"math"
	"strings"

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
// capacity (area) and coloured and lettered by technology.
func (r *report) mapSVG() string {
	pr := newProjection()
	india, states := geoRegions()
	var s svg
	s.open("map", pr.width, pr.height, "Map of India: candidate sites and the plan's plants and main flows",
		fmt.Sprintf("%d plant rows at %d of %d candidate sites; the %d largest routes of material as lines.",
			len(r.plan.Plants), len(plantSites(r.plan)), len(r.scenario.Sites), mapFlows))
	s.WriteString(`<g class="states">`)
	for _, st := range states {
		fmt.Fprintf(&s, `<path d="%s"><title>%s</title></path>`, pr.path(st.rings), esc(st.name))
	}
	s.WriteString(`</g><g class="outline">`)
	for _, c := range india {
		fmt.Fprintf(&s, `<path d="%s"/>`, pr.path(c.rings))
	}
	s.WriteString(`</g>`)
	r.mapFlows(&s, pr)
	s.WriteString(`<g class="candidates">`)
	for _, site := range r.scenario.Sites {
		x, y := pr.xy(site.Lon, site.Lat)
		fmt.Fprintf(&s, `<circle class="candidate-site" cx="%s" cy="%s" r="2.5"><title>%s (%s): candidate site</title></circle>`,
			px(x), px(y), esc(r.siteName(site.ID)), esc(site.State))
	}
	s.WriteString(`</g>`)
	r.mapPlants(&s, pr)
	s.close()
	return s.String()
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

// mapFlows draws the routes mapRoutes picks, wider for more tonnes. An end
// outside the map (a market abroad) is cut at the map's edge and named there,
// once per place.
func (r *report) mapFlows(s *svg, pr projection) {
	drawn := r.mapRoutes()
	maxT := 0.0
	for _, rt := range drawn {
		maxT = math.Max(maxT, rt.tonnes)
	}
	labelled := map[string]bool{}
	edgeLabel := func(x, y float64, text string) {
		if labelled[text] {
			return
		}
		labelled[text] = true
		anchor := "end"
		if x < pr.width/2 {
			anchor = "start"
		}
		s.text(x, math.Min(math.Max(y, 12), pr.height-4), anchor, "edge-label", text)
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
		if cx2 != x2 || cy2 != y2 {
			edgeLabel(cx2, cy2, "→ "+r.placeName(rt.toKind, rt.to))
		}
		if cx1 != x1 || cy1 != y1 {
			edgeLabel(cx1, cy1, r.placeName(rt.fromKind, rt.from)+" →")
		}
	}
	s.WriteString(`</g>`)
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
	return x1 + t0*dx, y1 + t0*dy, x1 + t1*dx, y1 + t1*dy, true
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

// box is a rectangle on the map, px, for keeping labels apart.
type box struct{ x0, y0, x1, y1 float64 }

// overlap is the area two boxes share, px².
func (a box) overlap(b box) float64 {
	return math.Max(0, math.Min(a.x1, b.x1)-math.Max(a.x0, b.x0)) * math.Max(0, math.Min(a.y1, b.y1)-math.Max(a.y0, b.y0))
}

// siteGroup is the markers of one site: its centre, the radius they cover
// and each marker's box.
type siteGroup struct {
	id      string
	cx, cy  float64
	extent  float64
	markers []box
}

// mapPlants draws a marker per plant row; several at one site sit on a small
// ring around it. Then it names each site beside its markers, on the first
// side (right, left, above, below) where the name covers no other site's
// markers and no other name, or else where it covers least.
func (r *report) mapPlants(s *svg, pr projection) {
	maxCap := 0.0
	for _, pl := range r.plan.Plants {
		maxCap = math.Max(maxCap, pl.Capacity)
	}
	bySite := plantSites(r.plan)
	var groups []siteGroup
	s.WriteString(`<g class="plants">`)
	for _, site := range r.scenario.Sites {
		plants := bySite[site.ID]
		if len(plants) == 0 {
			continue
		}
		cx, cy := pr.xy(site.Lon, site.Lat)
		biggest := 0.0
		for _, pl := range plants {
			biggest = math.Max(biggest, markerRadius(pl.Capacity, maxCap))
		}
		ring := 0.0
		if len(plants) > 1 {
			ring = biggest + 1
		}
		g := siteGroup{id: site.ID, cx: cx, cy: cy, extent: ring + biggest}
		for i, pl := range plants {
			a := 2*math.Pi*float64(i)/float64(len(plants)) - math.Pi/2
			x, y := cx+ring*math.Cos(a), cy+ring*math.Sin(a)
			rad := markerRadius(pl.Capacity, maxCap)
			g.markers = append(g.markers, box{x - rad, y - rad, x + rad, y + rad})
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
		groups = append(groups, g)
	}
	var labels []box
	for gi, g := range groups {
		name := r.siteName(g.id)
		w := textWidth(name, 11)
		type spot struct {
			x, y   float64
			anchor string
			b      box
		}
		e := g.extent + 3
		spots := []spot{
			{g.cx + e, g.cy + 4, "start", box{g.cx + e, g.cy - 7, g.cx + e + w, g.cy + 5}},
			{g.cx - e, g.cy + 4, "end", box{g.cx - e - w, g.cy - 7, g.cx - e, g.cy + 5}},
			{g.cx, g.cy - e - 2, "middle", box{g.cx - w/2, g.cy - e - 13, g.cx + w/2, g.cy - e - 1}},
			{g.cx, g.cy + e + 10, "middle", box{g.cx - w/2, g.cy + e - 1, g.cx + w/2, g.cy + e + 11}},
		}
		best, least := spots[0], math.Inf(1)
		for _, sp := range spots {
			if sp.b.x0 < 0 || sp.b.x1 > pr.width || sp.b.y0 < 0 || sp.b.y1 > pr.height {
				continue
			}
			covered := 0.0
			for _, l := range labels {
				covered += sp.b.overlap(l)
			}
			for oi, o := range groups {
				for _, m := range o.markers {
					if oi != gi {
						covered += sp.b.overlap(m)
					}
				}
			}
			if covered < least {
				best, least = sp, covered
			}
			if covered == 0 {
				break
			}
		}
		labels = append(labels, best.b)
		s.text(best.x, best.y, best.anchor, "site-label", name)
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
