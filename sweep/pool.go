package sweep

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/mineralplan/mineralplan/model"
	"github.com/mineralplan/mineralplan/scenarios"
)

// pool solves cases on workers and writes their folders. Cases with the same
// resolved scenario share one folder and one solve.
type pool struct {
	cfg      Config
	baseHash string
	warm     []float64 // the base solution, when warm starts are on

	mu    sync.Mutex
	known map[string]*entry // by case hash
	prog  Progress
	// anchors are the cases solved by this run or read back (lines.go), by case
	// index; cases the cases of the tasks run so far, by index.
	anchors map[int]*anchor
	cases   map[int]*Case
	// keep is set while proofs may need the solved cases (grid lines, the
	// budget frontier): solves keep their anchors.
	keep bool
}

// entry is a case folder being written or written; done is closed when res is
// final (nil when the solve was interrupted).
type entry struct {
	done chan struct{}
	res  *Result
}

// newPool returns a pool for the sweep described by m (whose Base.Hash is the
// hash of cfg.Base).
func newPool(cfg Config, m *Manifest) *pool {
	return &pool{cfg: cfg, baseHash: m.Base.Hash, known: map[string]*entry{}, anchors: map[int]*anchor{}, cases: map[int]*Case{}}
}

// warmStart solves the base scenario and keeps its solution as the starting
// point of every case. A base that gives no solution leaves cases cold.
func (p *pool) warmStart(ctx context.Context) {
	prob, err := model.Build(p.cfg.Base)
	if err != nil {
		slog.Info("sweep: no warm start", "error", err)
		return
	}
	_, sol, err := prob.Solve(ctx, model.Options{Threads: 1})
	if sol == nil || !sol.HasPrimal {
		slog.Info("sweep: no warm start: the base scenario gave no solution", "error", err)
		return
	}
	p.warm = sol.ColValue
}

// addTotal adds n cases to the progress total.
func (p *pool) addTotal(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.prog.Total += n
}

// run solves the cases and returns their results by case index, filling in each
// case's Hash. On cancellation it stops starting cases, drops the ones in
// progress and returns what finished; its error is for failures to write.
func (p *pool) run(ctx context.Context, cases []*Case) (map[int]*Result, error) {
	tasks := make([]task, len(cases))
	for i, c := range cases {
		tasks[i] = task{c: c}
	}
	return p.runTasks(ctx, tasks)
}

// task is a case to finish: by its own solve, or, when proof is set, by a proof
// from finished cases of its line or stack that falls back to a solve when it
// does not hold (unless proof.only). seeds are finished cases whose plans the
// solve may start from (lines.go).
type task struct {
	c     *Case
	proof *proof
	seeds []int
}

// errUnproved is finish's answer for a task that asks for its proof only, when
// the proof does not hold: the case stays open, with no result.
var errUnproved = errors.New("not proved")

// runTasks finishes the tasks on the workers, as run does cases.
func (p *pool) runTasks(ctx context.Context, tasks []task) (map[int]*Result, error) {
	return p.dispatch(ctx, tasks, nil)
}

// dispatch finishes tasks on the workers: the first ones, then those next
// returns as each task finishes (next, when set, is called from dispatch's
// goroutine, one task at a time, with the task's result, nil if it has none).
// Tasks start in the order given. On cancellation, or the first error of a
// solve or of next, it stops starting tasks, waits for those running and
// returns the results so far with that error.
func (p *pool) dispatch(ctx context.Context, first []task, next func(task, *Result) ([]task, error)) (map[int]*Result, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type outcome struct {
		t   task
		res *Result
		err error
	}
	jobs, outcomes := make(chan task), make(chan outcome)
	var wg sync.WaitGroup
	for range p.cfg.workers() {
		wg.Go(func() {
			for t := range jobs {
				res, err := p.solveCase(ctx, t)
				outcomes <- outcome{t, res, err}
			}
		})
	}
	defer func() {
		close(jobs)
		wg.Wait()
	}()

	var queue []task
	enqueue := func(ts []task) {
		p.mu.Lock()
		for _, t := range ts {
			p.cases[t.c.Index] = t.c
		}
		p.mu.Unlock()
		queue = append(queue, ts...)
	}
	enqueue(first)
	out := map[int]*Result{}
	var firstErr error
	fail := func(err error) {
		if err != nil && firstErr == nil {
			firstErr = err
			cancel()
		}
	}
	for running := 0; running > 0 || (len(queue) > 0 && ctx.Err() == nil); {
		var send chan task
		var head task
		if len(queue) > 0 && ctx.Err() == nil {
			send, head = jobs, queue[0]
		}
		select {
		case send <- head:
			queue = queue[1:]
			running++
		case o := <-outcomes:
			running--
			fail(o.err)
			if o.res != nil {
				out[o.t.c.Index] = o.res
			}
			if next != nil && ctx.Err() == nil {
				ts, err := next(o.t, o.res)
				fail(err)
				enqueue(ts)
			}
		}
	}
	return out, firstErr
}

// solveCase resolves, solves (or proves) and writes one case. It returns a nil
// result when ctx was cancelled before the case finished.
func (p *pool) solveCase(ctx context.Context, t task) (*Result, error) {
	c := t.c
	if ctx.Err() != nil {
		return nil, nil
	}
	t0 := time.Now()
	s, _, loadErr := p.cfg.Base.With(c.Sets...)
	var resolved []byte
	var full string
	if loadErr != nil {
		c.Hash = invalidHash(p.baseHash, c.Sets)
	} else {
		var err error
		if resolved, err = s.YAML(); err != nil {
			return nil, fmt.Errorf("case %s: %w", c.Name(), err)
		}
		sum := sha256.Sum256(resolved) // scenarios.Scenario.Hash, without encoding twice
		full = hex.EncodeToString(sum[:])
		c.Hash = full[:12]
	}

	e, owner := p.claim(c.Hash)
	if !owner {
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, nil
		}
		if e.res != nil {
			p.count(e.res, false)
		}
		return e.res, nil
	}
	defer close(e.done)

	if p.cfg.Resume {
		if r, err := readResult(p.cfg.Out, c.Hash); err == nil && (r.Optimal() || !p.cfg.RetryFailed) {
			e.res = r
			p.count(r, true)
			return r, nil
		}
	}

	var res Result
	var plan *model.Plan
	if loadErr != nil {
		res = Result{Status: StatusInvalid, Error: loadErr.Error(), Plants: []string{}}
	} else {
		var by []string
		var err error
		plan, by, err = p.finish(ctx, t, s)
		if ctx.Err() != nil || errors.Is(err, errUnproved) {
			return nil, nil
		}
		res = outcomeResult(plan, err)
		res.ScenarioHash = full
		if by != nil && res.Status == model.StatusOptimal {
			res.Method, res.ProvedBy = MethodProved, by
		}
	}
	res.Seconds = time.Since(t0).Seconds()
	if err := writeCase(p.cfg, c, &res, plan, s, resolved); err != nil {
		return nil, err
	}
	if !res.Optimal() {
		slog.Info("sweep: case not optimal", "case", c.Name(), "status", res.Status, "error", res.Error)
	}
	e.res = &res
	p.count(&res, false)
	return &res, nil
}

// claim returns the entry of a case hash, and whether the caller owns it (must
// produce its result and close done).
func (p *pool) claim(hash string) (*entry, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if e, ok := p.known[hash]; ok {
		select {
		case <-e.done:
			if e.res == nil { // its owner was interrupted: start again
				break
			}
			return e, false
		default:
			return e, false
		}
	}
	e := &entry{done: make(chan struct{})}
	p.known[hash] = e
	return e, true
}

// count records a finished case and reports progress.
func (p *pool) count(r *Result, skipped bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.prog.Done++
	if !r.Optimal() {
		p.prog.Failed++
	}
	if skipped {
		p.prog.Skipped++
	}
	if p.cfg.Progress != nil {
		p.cfg.Progress(p.prog)
	}
}

// finish finds the plan of a resolved case scenario: by the task's proof when it
// holds (returning the IDs of the cases it used), by a solve otherwise.
func (p *pool) finish(ctx context.Context, t task, s *scenarios.Scenario) (*model.Plan, []string, error) {
	t0 := time.Now()
	prob, err := model.Build(s)
	if err != nil {
		return nil, nil, err
	}
	build := time.Since(t0)
	// The outline (a digest of the whole model) serves the proof and the anchor.
	var o *model.Outline
	if t.proof != nil || p.keep {
		o = prob.Outline()
	}
	if t.proof != nil {
		plan, by, err := p.prove(ctx, t, prob, o)
		if err != nil {
			return nil, nil, err
		}
		if plan != nil {
			plan.BuildSeconds = build.Seconds()
			return plan, by, nil
		}
		if t.proof.only {
			return nil, nil, errUnproved
		}
	}
	warm, err := p.startFrom(ctx, t, prob, o)
	if err != nil {
		return nil, nil, err
	}
	plan, err := p.solve(ctx, t.c, prob, o, warm)
	if plan != nil {
		plan.BuildSeconds = build.Seconds()
	}
	return plan, nil, err
}

// solve solves a built case with one HiGHS thread, starting from warm when it is
// given, else from the base solution when warm starts are on. While proofs may
// need it (keep), an optimal plan becomes an anchor with the problem's outline o.
func (p *pool) solve(ctx context.Context, c *Case, prob *model.Problem, o *model.Outline, warm []float64) (*model.Plan, error) {
	opt := model.Options{Threads: 1}
	switch {
	case warm != nil:
		opt.WarmStart = warm
	case p.warm != nil && len(p.warm) == prob.Model.NumCols() && prob.Feasible(p.warm):
		// The base plan fits this case: its plants with this case's best flows.
		// (A plan that does not fit is no start, and would only switch off
		// HiGHS's heuristics; see model.Options.WarmStart.)
		x, err := prob.BestFlows(ctx, p.warm, opt)
		if err != nil {
			return nil, err
		}
		opt.WarmStart = p.warm
		if x != nil {
			opt.WarmStart = x
		}
	}
	plan, sol, err := prob.Solve(ctx, opt)
	// sol carries duals when the plan was read from the LP of its plants (see
	// model.Problem.Solve), the LP anchorOf solves again for a resumed sweep.
	if p.keep && o != nil && err == nil && plan != nil && plan.Status == model.StatusOptimal && sol != nil && sol.HasDual {
		p.keepAnchor(c, o, sol.ColValue, plan.Objective, plan.DualBound, plan.Builds())
	}
	return plan, err
}

// outcomeResult is the result of a solve: the plan's figures, and an error for
// every status but optimal.
func outcomeResult(plan *model.Plan, err error) Result {
	if plan == nil {
		return Result{Status: model.StatusError, Error: err.Error(), Plants: []string{}}
	}
	r := planResult(plan)
	if noPlan := (*model.NoPlanError)(nil); errors.As(err, &noPlan) {
		return Result{Status: r.Status, Error: err.Error(), NoPlan: true, Method: r.Method, Plants: []string{}, Nodes: r.Nodes}
	}
	switch {
	case err != nil:
		r.Error = err.Error()
		if r.Status == model.StatusOptimal { // the independent check failed
			r.Status = model.StatusError
		}
	case r.Status == model.StatusInterrupted:
		r.Error = "interrupted before the solve finished"
	case r.Status == model.StatusTimeLimit:
		r.Error = fmt.Sprintf("HiGHS stopped at the time limit with a gap of %.3g%%; raise --time-limit or --gap", 100*r.MIPGap)
	case r.Status != model.StatusOptimal:
		r.Error = "the solve ended " + r.Status
	}
	return r
}

// invalidHash names the folder of a case whose scenario does not load: the hash
// of the base scenario's hash and the case's sets.
func invalidHash(baseHash string, sets []string) string {
	sum := sha256.Sum256([]byte(baseHash + "\n" + strings.Join(sets, "\n")))
	return hex.EncodeToString(sum[:])[:12]
}
