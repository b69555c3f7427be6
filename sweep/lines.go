package sweep

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/mineralplan/mineralplan/model"
)

// A grid's cases that differ only in the value of its last axis form a line. With
// Options.Reuse, each line is solved at its two ends first (one, then the other
// starting from the first's plan), and then as little more as its models allow:
//
//   - Affine line: the ends have the same constraints (the axis moves prices,
//     costs or incentives). Then every case whose objective lies on the segment
//     between two solved cases' objectives, cost = α·cost_i + (1−α)·cost_j, has an
//     optimum of at most α·z_i + (1−α)·z_j when maximising (the optimum is a
//     maximum of functions linear in the objective, so convex along the segment;
//     the same holds reversed when minimising). When the plan of i is within the
//     gap of j's bound at j (or j's of i's at i), it is within the gap of that
//     interpolated bound at every case between, by the same linearity; each such
//     case is proved with that plan's plants and its own best flows. Otherwise
//     the cases around where the two plans' values cross are solved, and both
//     sides are tried again. (Trying every case between with either end's plants
//     and their best flows, an LP each, proves no more cases on the default
//     scenario's grids: the value of a plan with its best flows is convex, below
//     the chord.)
//   - Nested line: the ends have the same objective and matrix and one end's bounds
//     contain the other's (the axis moves the budget or another limit). Then,
//     from the most relaxed end, a solved case's optimum bounds every tighter
//     case's, and its plan is optimal for each tighter case it fits; the first
//     case it does not fit is solved, and so on.
//   - Any other line is solved case by case.
//
// Lines may also stack: when another axis of the grid is a limit, such as the
// budget (each of its values relaxes the model of the next, see stackAxis), the
// lines that differ only in that axis form a stack, run from the most relaxed
// line to the tightest, each line once the one above it is finished. Before a
// line's own steps, each of its cases is proved, where it can be, from the case
// in the same position of the line above, as in a nested line; the cases proved
// so become solved ends and points of the line like those solved. Every solve a
// line hands out starts from the best plan among the finished cases of the line
// and of the line above that is feasible for it.
//
// Every proof is checked against the case's own model before it is used (same
// constraints and an objective on the segment, or bounds inside the relaxed
// case's, compared bit for bit), its plan is checked like any other, and its gap
// must be within the case's mip_gap; a proof that fails any of these falls back
// to a solve. The decisions depend only on the results of the solves, which are
// deterministic, so a line gives the same results however many workers run, and
// after a resume; shards own whole lines, and whole stacks (Shard.Block, Stride
// and Depth).

// lineKind says how the cases of a line relate.
type lineKind int

const (
	lineUnknown lineKind = iota // the ends are not solved yet
	lineSolved                  // nothing to prove: every case is solved
	lineAffine                  // same constraints, objectives on a segment
	lineNested                  // same objective, bounds inside one another
	lineStack                   // a case proved from the line above it, as lineNested
)

// proof says how a task's case may be proved from finished cases.
type proof struct {
	kind lineKind
	// from are the case indices of the finished cases used: the two around the
	// case (affine), or the relaxed one (nested, stack).
	from []int
	// use is the index in from of the case whose plants the proved plan builds.
	use int
	// solve asks for no proof: the case is solved, starting from the best of
	// the from cases' plans (affine lines, whose plans are feasible everywhere)
	// and the task's seeds.
	solve bool
	// only asks for the proof alone: a case it does not prove is left open, not
	// solved (a stack's proofs from the line above).
	only bool
}

// anchor is a case with an optimal plan, solved or proved, as proofs need it:
// the outline of its problem, the column values of its plan, and the plan's
// objective and a proven bound on the optimum, in the plan's unit.
type anchor struct {
	id      string
	outline *model.Outline
	x       []float64
	value   float64
	bound   float64
	builds  []model.ModuleBuild
}

// safeBound is a bound no better than the value of a plan that exists: HiGHS's
// dual bound can sit within its tolerances on the wrong side of the polished plan.
func safeBound(o *model.Outline, value, bound float64) float64 {
	if o.Maximizes() {
		return math.Max(bound, value)
	}
	return math.Min(bound, value)
}

// within reports whether a plan of value is within the problem's relative gap of
// bound: (bound − value)/|value| ≤ mip_gap when maximising, (value − bound)/|value|
// when minimising, as HiGHS measures its gap.
func within(o *model.Outline, value, bound float64) bool {
	d := bound - value
	if !o.Maximizes() {
		d = -d
	}
	if d <= 0 {
		return true
	}
	return d <= o.RelativeGap()*math.Abs(value)
}

// anchorOf returns the finished case with the given index: kept from this run,
// or rebuilt from its folder (a resumed sweep) by solving the LP of its plants
// again, which gives the same values the solve or proof gave. It returns nil for
// a case without an optimal plan, or whose plan was not read from that LP.
func (p *pool) anchorOf(ctx context.Context, index int) (*anchor, error) {
	p.mu.Lock()
	a, c := p.anchors[index], p.cases[index]
	var res *Result
	if c != nil {
		if e, ok := p.known[c.Hash]; ok {
			select {
			case <-e.done:
				res = e.res
			default:
			}
		}
	}
	p.mu.Unlock()
	if a != nil || c == nil || res == nil || !res.Optimal() {
		return a, nil
	}
	s, _, err := p.cfg.Base.With(c.Sets...)
	if err != nil {
		return nil, fmt.Errorf("case %s: %w", c.Name(), err)
	}
	prob, err := model.Build(s)
	if err != nil {
		return nil, fmt.Errorf("case %s: %w", c.Name(), err)
	}
	builds, err := res.builds()
	if err != nil {
		return nil, fmt.Errorf("case %s: %w", c.Name(), err)
	}
	plan, sol, err := prob.SolveWithBuilds(ctx, builds, res.DualBound, model.Options{Threads: 1})
	if err != nil {
		// As the solve itself kept no anchor when the LP of its plants failed.
		return nil, nil
	}
	return p.keepAnchor(c, prob.Outline(), sol.ColValue, plan.Objective, res.DualBound, builds), nil
}

// keepAnchor records the optimal plan of case c, whose problem has the outline
// o: its column values x, objective value and proven bound, and its builds.
func (p *pool) keepAnchor(c *Case, o *model.Outline, x []float64, value, bound float64, builds []model.ModuleBuild) *anchor {
	a := &anchor{id: c.ID, outline: o, x: x, value: value, bound: safeBound(o, value, bound), builds: builds}
	p.mu.Lock()
	p.anchors[c.Index] = a
	p.mu.Unlock()
	return a
}

// prove tries a task's proof on the case's problem, whose outline is o. It
// returns the proved plan and the IDs of the cases used, or no plan when the
// proof does not hold.
func (p *pool) prove(ctx context.Context, t task, prob *model.Problem, o *model.Outline) (*model.Plan, []string, error) {
	from, err := p.anchorsOf(ctx, t.proof.from)
	if err != nil || slices.Contains(from, nil) {
		return nil, nil, err
	}
	opt := model.Options{Threads: 1}
	var (
		a     *anchor // the case whose plants the plan builds
		bound float64
		by    []string
	)
	switch t.proof.kind {
	case lineAffine:
		if t.proof.solve || len(from) != 2 {
			return nil, nil, nil
		}
		alpha, ok := o.ObjectiveBetween(from[0].outline, from[1].outline)
		if !ok {
			return nil, nil, nil
		}
		a, bound = from[t.proof.use], alpha*from[0].bound+(1-alpha)*from[1].bound
		by = []string{from[0].id, from[1].id}
	case lineNested, lineStack:
		a = from[0]
		if !a.outline.Relaxes(o) || !prob.Feasible(a.x) {
			return nil, nil, nil
		}
		bound, by = a.bound, []string{a.id}
	default:
		return nil, nil, nil
	}
	plan, sol, err := prob.SolveWithBuilds(ctx, a.builds, bound, opt)
	if err != nil || !within(o, plan.Objective, bound) {
		return nil, nil, nil
	}
	if p.keep {
		p.keepAnchor(t.c, o, sol.ColValue, plan.Objective, bound, a.builds)
	}
	return plan, by, nil
}

// anchorsOf returns the anchors of the cases with the given indices, nil for
// those without one.
func (p *pool) anchorsOf(ctx context.Context, indices []int) ([]*anchor, error) {
	out := make([]*anchor, len(indices))
	for i, idx := range indices {
		a, err := p.anchorOf(ctx, idx)
		if err != nil {
			return nil, err
		}
		out[i] = a
	}
	return out, nil
}

// startFrom returns the column values a task's solve starts from: the best plan,
// by the case's own objective, among the task's proof cases and seeds that is
// feasible for the case's problem; when none is, the best plan that builds only
// modules of theirs (model.Problem.StartWithin); nil when there are none.
func (p *pool) startFrom(ctx context.Context, t task, prob *model.Problem, o *model.Outline) ([]float64, error) {
	indices := slices.Clone(t.seeds)
	if t.proof != nil {
		indices = append(indices, t.proof.from...)
	}
	if len(indices) == 0 || o == nil {
		return nil, nil
	}
	slices.Sort(indices)
	from, err := p.anchorsOf(ctx, slices.Compact(indices))
	if err != nil {
		return nil, err
	}
	opt := model.Options{Threads: 1}
	// score is larger for the better plan, whatever the sense.
	score := func(x []float64) float64 {
		v := o.ObjectiveValue(x)
		if !o.Maximizes() {
			v = -v
		}
		return v
	}
	var best []float64
	bestValue := math.Inf(-1)
	var plans [][]model.ModuleBuild
	tried := make(map[string]bool)
	for _, a := range from {
		if a == nil {
			continue
		}
		plans = append(plans, a.builds)
		key := fmt.Sprint(a.builds)
		if tried[key] || !(o.SameConstraints(a.outline) || prob.Feasible(a.x)) {
			continue
		}
		tried[key] = true
		// The neighbour's plants with the best flows for this case.
		x, err := prob.BestFlows(ctx, a.x, opt)
		if err != nil {
			return nil, err
		}
		if x == nil {
			x = a.x
		}
		if v := score(x); v > bestValue {
			best, bestValue = x, v
		}
	}
	if best != nil && t.proof != nil {
		return best, nil
	}
	// A line's end, or no neighbour's plan fits (the line above had a larger
	// budget): the best plan made of their modules, which is at least as good as
	// any of them that fits.
	x, err := prob.StartWithin(ctx, plans, opt)
	if err != nil || x == nil {
		return best, err
	}
	if best == nil || score(x) > bestValue {
		return x, nil
	}
	return best, nil
}

// line is the cases of one line, in the order of the last axis, and what is
// known of them.
type line struct {
	cases []*Case
	res   []*Result // by position; nil until finished
	kind  lineKind
	// relaxed is the position of the most relaxed end of a nested line.
	relaxed int
	// issued records that a solved line's tasks were all handed out.
	issued bool
	// above and below are the neighbouring lines of a stack, more relaxed and
	// tighter (nil at its ends and outside stacks); stacked records that the
	// proofs from above were handed out.
	above, below *line
	stacked      bool
}

// finished reports whether every case of the line has a result.
func (l *line) finished() bool { return !slices.Contains(l.res, nil) }

// ready reports whether the line may hand out tasks: it is not in a stack, or
// the line above it is finished.
func (l *line) ready() bool { return l.above == nil || l.above.finished() }

// gridLines splits the cases (in index order) of a grid into lines of n
// consecutive indices: the cases that differ only in the last axis; with
// pieces > 1, each line into that many pieces (see Shard.Pieces), which are
// then lines of their own.
func gridLines(cases []*Case, n, pieces int) []*line {
	var out []*line
	key := func(c *Case) int { return c.Index/n*max(pieces, 1) + piece(c.Index, n, pieces) }
	for _, c := range cases {
		if len(out) == 0 || key(out[len(out)-1].cases[0]) != key(c) {
			out = append(out, &line{})
		}
		l := out[len(out)-1]
		l.cases = append(l.cases, c)
		l.res = append(l.res, nil)
	}
	return out
}

// stack describes how a grid's lines stack (see stackAxis): along the axis with
// Depth values, whose consecutive values are Stride lines apart in case order;
// Up says that the models relax as the axis's values go, so that its last value
// is the top of each stack.
type stack struct {
	Axis          int
	Stride, Depth int
	Up            bool
}

// stackAxis returns how a grid's lines stack: along the first axis but the last
// whose values, set one at a time on the base scenario, give models each of which
// relaxes the one before it (or each the one after it), as the budget's do. ok is
// false when no axis does. Only efficiency rests on this reading of the base:
// each proof checks the models of its own cases.
func stackAxis(cfg Config, axes []Axis) (st stack, ok bool) {
	for i := 0; i < len(axes)-1; i++ {
		values := axes[i].Values
		if len(values) < 2 {
			continue
		}
		outlines := make([]*model.Outline, 0, len(values))
		for _, v := range values {
			s, _, err := cfg.Base.With(axes[i].Path + "=" + v)
			if err != nil {
				break
			}
			prob, err := model.Build(s)
			if err != nil {
				break
			}
			outlines = append(outlines, prob.Outline())
		}
		if len(outlines) < len(values) {
			continue
		}
		up, down := true, true
		for k := 1; k < len(outlines); k++ {
			up = up && outlines[k].Relaxes(outlines[k-1])
			down = down && outlines[k-1].Relaxes(outlines[k])
		}
		if up || down {
			stride := 1
			for _, a := range axes[i+1 : len(axes)-1] {
				stride *= len(a.Values)
			}
			return stack{Axis: i, Stride: stride, Depth: len(values), Up: up}, true
		}
	}
	return stack{}, false
}

// stackLines links each line to the lines above and below it in its stack. The
// lines are those of whole stacks, n cases long, as a shard owns them, or their
// pieces (each piece stacks on the same piece of the line above).
func stackLines(lines []*line, n, pieces int, st stack) {
	pieces = max(pieces, 1)
	byLine := map[int]*line{} // by line index × pieces + piece
	for _, l := range lines {
		c := l.cases[0]
		byLine[c.Index/n*pieces+piece(c.Index, n, pieces)] = l
	}
	step := -st.Stride * pieces // from a line (piece) to the one above it
	if st.Up {
		step = st.Stride * pieces
	}
	for key, l := range byLine {
		d := key / pieces / st.Stride % st.Depth
		if (st.Up && d+1 < st.Depth) || (!st.Up && d > 0) {
			if a := byLine[key+step]; a != nil {
				l.above, a.below = a, l
			}
		}
	}
}

// runLines finishes the lines' cases. A line hands out its next tasks when those
// it handed out before have finished (and, in a stack, once the line above it
// has finished), so it decides from the same results however the workers
// interleave; the workers take the tasks of every line as they come. On
// cancellation it stops handing out tasks and returns what finished; its error
// is for failures to write.
func (p *pool) runLines(ctx context.Context, lines []*line) (map[int]*Result, error) {
	p.keep = true
	defer func() { p.keep = false }()
	lineOf := map[int]*line{} // by case index
	for _, l := range lines {
		for _, c := range l.cases {
			lineOf[c.Index] = l
		}
	}
	pending := map[*line]int{} // tasks handed out and not finished, by line
	ask := func(l *line) ([]task, error) {
		if pending[l] > 0 || !l.ready() {
			return nil, nil
		}
		ts, err := l.next(ctx, p)
		pending[l] += len(ts)
		return ts, err
	}
	var first []task
	for _, l := range lines {
		ts, err := ask(l)
		if err != nil {
			return nil, err
		}
		first = append(first, ts...)
	}
	return p.dispatch(ctx, first, func(t task, res *Result) ([]task, error) {
		l := lineOf[t.c.Index]
		pending[l]--
		if res != nil {
			l.res[slices.Index(l.cases, t.c)] = res
		}
		if pending[l] > 0 {
			return nil, nil
		}
		ts, err := ask(l)
		if err != nil || !l.finished() {
			return ts, err
		}
		// A finished line's anchors serve the line below it until that finishes.
		if l.below != nil {
			more, err := ask(l.below)
			if err != nil {
				return nil, err
			}
			ts = append(ts, more...)
		}
		if l.below == nil || l.below.finished() {
			p.forget(l)
		}
		if l.above != nil {
			p.forget(l.above)
		}
		return ts, nil
	})
}

// forget drops the anchors of a finished line.
func (p *pool) forget(l *line) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range l.cases {
		delete(p.anchors, c.Index)
	}
}

// solvedAt reports whether the case at position i was solved to optimality.
func (l *line) solvedAt(i int) bool {
	r := l.res[i]
	return r != nil && r.Optimal() && r.Method == MethodMIP
}

// knownAt reports whether the case at position i has an optimal plan, solved or
// proved; either serves as a point of the line.
func (l *line) knownAt(i int) bool { return l.res[i].Optimal() }

// seeds returns the indices of the cases of the line and of the line above it
// that have optimal plans: where a solve of the line may start.
func (l *line) seeds() []int {
	var out []int
	for _, m := range []*line{l.above, l} {
		if m == nil {
			continue
		}
		for i, c := range m.cases {
			if m.knownAt(i) {
				out = append(out, c.Index)
			}
		}
	}
	return out
}

// fromAbove returns the proofs of the line's open cases from the finished cases
// of the line above it in the same positions, each to leave its case open when
// it does not hold.
func (l *line) fromAbove() []task {
	var ts []task
	for i, c := range l.cases {
		if l.res[i] == nil && l.above.knownAt(i) {
			ts = append(ts, task{c: c, proof: &proof{kind: lineStack, from: []int{l.above.cases[i].Index}, only: true}})
		}
	}
	return ts
}

// next returns the tasks the line can hand out now; none when it is finished or
// waiting for nothing.
func (l *line) next(ctx context.Context, p *pool) ([]task, error) {
	if l.above != nil && !l.stacked {
		l.stacked = true
		if ts := l.fromAbove(); len(ts) > 0 {
			return ts, nil
		}
	}
	ts, err := l.steps(ctx, p)
	if err != nil {
		return nil, err
	}
	// Every solve starts from the best plan known around it.
	seeds := l.seeds()
	for i := range ts {
		ts[i].seeds = seeds
	}
	return ts, nil
}

// steps returns the tasks of the line's own steps (see next).
func (l *line) steps(ctx context.Context, p *pool) ([]task, error) {
	last := len(l.cases) - 1
	mip := func(i int) task { return task{c: l.cases[i]} }
	if l.kind == lineUnknown {
		// One end at a time: the second starts from the first's plan, which is
		// often optimal there too.
		for _, i := range []int{0, last} {
			if l.res[i] == nil {
				return []task{mip(i)}, nil
			}
		}
		if err := l.classify(ctx, p); err != nil {
			return nil, err
		}
	}
	switch l.kind {
	case lineAffine:
		return l.nextAffine(ctx, p)
	case lineNested:
		return l.nextNested(), nil
	}
	if l.issued {
		return nil, nil
	}
	l.issued = true
	var ts []task
	for i := range l.cases {
		if l.res[i] == nil {
			ts = append(ts, mip(i))
		}
	}
	return ts, nil
}

// classify sets the line's kind from the problems of its solved ends.
func (l *line) classify(ctx context.Context, p *pool) error {
	l.kind = lineSolved
	last := len(l.cases) - 1
	if last < 1 || !l.knownAt(0) || !l.knownAt(last) {
		return nil
	}
	a, err := p.anchorOf(ctx, l.cases[0].Index)
	if err != nil {
		return err
	}
	b, err := p.anchorOf(ctx, l.cases[last].Index)
	if err != nil {
		return err
	}
	switch {
	case a == nil || b == nil:
	case a.outline.SameConstraints(b.outline):
		l.kind = lineAffine
	case b.outline.Relaxes(a.outline):
		l.kind, l.relaxed = lineNested, last
	case a.outline.Relaxes(b.outline):
		l.kind, l.relaxed = lineNested, 0
	}
	return nil
}

// nextAffine proves the cases between two finished ones whose plans carry over,
// and solves, between every other two, the cases where their plans' values cross.
func (l *line) nextAffine(ctx context.Context, p *pool) ([]task, error) {
	var ts []task
	var solved []int
	for i := range l.cases {
		if l.knownAt(i) {
			solved = append(solved, i)
		}
	}
	covered := make([]bool, len(l.cases))
	for k := 1; k < len(solved); k++ {
		i, j := solved[k-1], solved[k]
		var open []int
		for m := i + 1; m < j; m++ {
			covered[m] = true
			if l.res[m] == nil {
				open = append(open, m)
			}
		}
		if len(open) == 0 {
			continue
		}
		a, err := p.anchorOf(ctx, l.cases[i].Index)
		if err != nil {
			return nil, err
		}
		b, err := p.anchorOf(ctx, l.cases[j].Index)
		if err != nil {
			return nil, err
		}
		from := []int{l.cases[i].Index, l.cases[j].Index}
		use := -1
		switch {
		case a == nil || b == nil:
		case within(b.outline, b.outline.ObjectiveValue(a.x), b.bound):
			use = 0
		case within(a.outline, a.outline.ObjectiveValue(b.x), a.bound):
			use = 1
		}
		if use >= 0 {
			for _, m := range open {
				ts = append(ts, task{c: l.cases[m], proof: &proof{kind: lineAffine, from: from, use: use}})
			}
			continue
		}
		for _, m := range l.straddle(i, j, open, a, b) {
			ts = append(ts, task{c: l.cases[m], proof: &proof{kind: lineAffine, from: from, solve: true}})
		}
	}
	// Cases outside the solved ones (an end that did not solve) are solved.
	for m := range l.cases {
		if l.res[m] == nil && !covered[m] {
			ts = append(ts, task{c: l.cases[m]})
		}
	}
	return ts, nil
}

// straddle chooses the cases to solve between the solved positions i and j,
// whose plans do not carry over to each other: the two open cases on either side
// of where the value lines of the two plans cross, when the axis values are
// numbers (then, if one more plan is optimal in between, both halves prove at
// once), else the open case nearest the middle. The choice only decides what is
// solved next; the proofs do not rely on it.
func (l *line) straddle(i, j int, open []int, a, b *anchor) []int {
	mid := open[0]
	for _, m := range open {
		if abs(2*m-i-j) < abs(2*mid-i-j) {
			mid = m
		}
	}
	at := func(m int) (float64, bool) {
		labels := l.cases[m].Labels
		v, err := strconv.ParseFloat(strings.TrimPrefix(labels[len(labels)-1], "*"), 64)
		return v, err == nil
	}
	vi, okI := at(i)
	vj, okJ := at(j)
	if a == nil || b == nil || !okI || !okJ || vi == vj {
		return []int{mid}
	}
	// Each plan's value is linear along the segment: its own value at its end and
	// its value under the other end's objective.
	sign := 1.0
	if !a.outline.Maximizes() {
		sign = -1
	}
	gainI := sign * (a.value - a.outline.ObjectiveValue(b.x)) // x_i over x_j at i
	gainJ := sign * (b.value - b.outline.ObjectiveValue(a.x)) // x_j over x_i at j
	if !(gainI >= 0 && gainJ >= 0 && gainI+gainJ > 0) {
		return []int{mid}
	}
	cross := gainI / (gainI + gainJ) // 0 at i, 1 at j
	below, above := -1, -1
	for _, m := range open {
		vm, ok := at(m)
		if !ok {
			return []int{mid}
		}
		t := (vm - vi) / (vj - vi)
		if t <= cross {
			below = m // open is rising, so the last one below is the nearest
		} else if above < 0 {
			above = m
		}
	}
	var out []int
	for _, m := range []int{below, above} {
		if m >= 0 {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return []int{mid}
	}
	return out
}

// nestedAhead is how many open cases of a nested line are handed out at once,
// each to be proved from the same solved case or else solved. More keep more
// workers busy on a sweep of few lines; the cost is a solve where a case solved
// meanwhile would have proved it. It is a constant, not the number of workers,
// so that the results do not depend on how many run.
const nestedAhead = 4

// nextNested proves, or else solves, the next open cases inward from the most
// relaxed end, against the last case solved on the way.
func (l *line) nextNested() []task {
	step, at := 1, 0
	if l.relaxed != 0 {
		step, at = -1, len(l.cases)-1
	}
	anchor := -1
	var ts []task
	for ; at >= 0 && at < len(l.cases) && len(ts) < nestedAhead; at += step {
		switch {
		case l.res[at] == nil && anchor < 0:
			return []task{{c: l.cases[at]}}
		case l.res[at] == nil:
			ts = append(ts, task{c: l.cases[at], proof: &proof{kind: lineNested, from: []int{l.cases[anchor].Index}}})
		case l.solvedAt(at) && len(ts) == 0:
			anchor = at
		}
	}
	return ts
}

func abs(n int) int { return max(n, -n) }

// reuseApplies reports whether a grid's lines can prove cases without a shard or
// a run depending on the others: the last axis has at least two values, no two
// values of an axis give the same scenario (else two lines could hold the same
// case, proved in one and solved in the other), and no axis path lies inside
// another's.
func reuseApplies(cfg Config, axes []Axis) bool {
	if len(axes) == 0 || len(axes[len(axes)-1].Values) < 2 {
		return false
	}
	for i, a := range axes {
		for j, b := range axes {
			if i != j && (strings.HasPrefix(b.Path, a.Path+".") || strings.HasPrefix(b.Path, a.Path+"[")) {
				return false
			}
		}
		seen := map[string]bool{}
		for _, v := range a.Values {
			s, _, err := cfg.Base.With(a.Path + "=" + v)
			if err != nil {
				return false
			}
			h := s.Hash()
			if seen[h] {
				return false
			}
			seen[h] = true
		}
	}
	return true
}
