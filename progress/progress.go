// Package progress reports how a long command is getting on, as plain lines for
// a log: a Slurm job's output, a file stderr is redirected to, a CI log. A line
// is written every Every cases, or every Interval of wall time while cases are
// running, whichever comes first, and a summary line at the end:
//
//	sweep: 40/200 cases, 1 failed, 0.21 cases/s, ETA 12m40s
//	sweep: done: 200 cases in 15m02s (0.22 cases/s), 198 optimal, 2 failed
//
// On a terminal the commands draw a progress bar instead; Lines is for
// everywhere else. A Lines is safe for use from several goroutines.
package progress

import (
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"time"
)

// DefaultInterval is how often a line is written while cases run, at most.
const DefaultInterval = 30 * time.Second

// Lines writes progress lines to W.
type Lines struct {
	w       io.Writer
	command string
	// every is the number of cases between two lines; 0 picks about one line
	// per 5% of the total.
	every    int
	unit     string // what is counted, plural: cases, scenarios
	interval time.Duration
	now      func() time.Time

	mu       sync.Mutex
	start    time.Time
	last     time.Time // when the last line was written
	lastDone int       // Done at the last line
	cur      Counts
	stop     chan struct{}
	stopped  chan struct{}
	finished bool
}

// Counts are a command's cases so far.
type Counts struct {
	// Total is the cases the command runs, as far as it knows them (a frontier
	// finds more as it goes); Done the finished ones, Failed those of Done
	// without an optimal plan and Skipped those of Done found finished
	// (--resume), which do not count towards the rate.
	Total, Done, Failed, Skipped int
}

// Option changes how Lines reports.
type Option func(*Lines)

// Every writes a line every n finished cases (n ≥ 1).
func Every(n int) Option { return func(l *Lines) { l.every = max(n, 1) } }

// Interval writes a line at least this often while cases run (> 0).
func Interval(d time.Duration) Option {
	return func(l *Lines) {
		if d > 0 {
			l.interval = d
		}
	}
}

// Unit names what is counted, in the plural (default "cases").
func Unit(plural string) Option { return func(l *Lines) { l.unit = plural } }

// Clock replaces time.Now, for tests.
func Clock(now func() time.Time) Option { return func(l *Lines) { l.now = now } }

// New starts reporting the progress of command to w. Call Update after each
// case and Finish at the end; the timer that writes a line every interval
// runs until Finish.
func New(w io.Writer, command string, opts ...Option) *Lines {
	l := &Lines{w: w, command: command, unit: "cases", interval: DefaultInterval, now: time.Now,
		stop: make(chan struct{}), stopped: make(chan struct{})}
	for _, o := range opts {
		o(l)
	}
	l.start = l.now()
	l.last = l.start
	go l.tick()
	return l
}

// tick writes a line whenever interval passes without one.
func (l *Lines) tick() {
	defer close(l.stopped)
	t := time.NewTicker(l.interval / 4)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
			l.mu.Lock()
			if !l.finished && l.now().Sub(l.last) >= l.interval {
				l.line()
			}
			l.mu.Unlock()
		}
	}
}

// Update records the counts after a case finished and writes a line when
// Every cases have finished since the last one.
func (l *Lines) Update(c Counts) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.finished {
		return
	}
	l.cur = c
	every := l.every
	if every == 0 {
		every = max(1, int(math.Ceil(float64(c.Total)/20)))
	}
	if c.Done-l.lastDone >= every || (c.Done == c.Total && c.Done > l.lastDone) || l.now().Sub(l.last) >= l.interval {
		l.line()
	}
}

// line writes the current counts; l.mu is held.
func (l *Lines) line() {
	now := l.now()
	c := l.cur
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d/%d %s, %d failed", l.command, c.Done, c.Total, l.unit, c.Failed)
	if c.Skipped > 0 {
		fmt.Fprintf(&b, ", %d already done", c.Skipped)
	}
	solved := c.Done - c.Skipped
	elapsed := now.Sub(l.start)
	if solved > 0 && elapsed > 0 {
		rate := float64(solved) / elapsed.Seconds()
		fmt.Fprintf(&b, ", %s %s/s", rateText(rate), l.unit)
		if left := c.Total - c.Done; left > 0 {
			fmt.Fprintf(&b, ", ETA %s", Duration(time.Duration(float64(left)/rate*float64(time.Second))))
		}
	} else {
		fmt.Fprintf(&b, ", %s elapsed", Duration(elapsed))
	}
	fmt.Fprintln(l.w, b.String())
	l.last, l.lastDone = now, c.Done
}

// Finish stops the timer and writes the summary line: how many cases, how
// long, how many optimal and failed, and where the results are (dir; empty
// to leave it out). It is safe to call more than once; later calls do nothing.
func (l *Lines) Finish(dir string) {
	l.mu.Lock()
	if l.finished {
		l.mu.Unlock()
		return
	}
	l.finished = true
	c := l.cur
	elapsed := l.now().Sub(l.start)
	var b strings.Builder
	fmt.Fprintf(&b, "%s: done: %d %s in %s", l.command, c.Done, l.unit, Duration(elapsed))
	if solved := c.Done - c.Skipped; solved > 0 && elapsed > 0 {
		fmt.Fprintf(&b, " (%s %s/s)", rateText(float64(solved)/elapsed.Seconds()), l.unit)
	}
	fmt.Fprintf(&b, ", %d optimal, %d failed", c.Done-c.Failed, c.Failed)
	if c.Skipped > 0 {
		fmt.Fprintf(&b, ", %d already done", c.Skipped)
	}
	if dir != "" {
		fmt.Fprintf(&b, "; results in %s", dir)
	}
	fmt.Fprintln(l.w, b.String())
	l.mu.Unlock()
	close(l.stop)
	<-l.stopped
}

// Stop stops the timer without a summary line, for a command that failed or
// was interrupted and says so itself. Finish and Stop may follow one another;
// only the first does anything.
func (l *Lines) Stop() {
	l.mu.Lock()
	if l.finished {
		l.mu.Unlock()
		return
	}
	l.finished = true
	l.mu.Unlock()
	close(l.stop)
	<-l.stopped
}

// rateText writes a rate with two significant digits, 0.21 or 14.
func rateText(r float64) string {
	switch {
	case r >= 10:
		return fmt.Sprintf("%.0f", r)
	case r >= 1:
		return fmt.Sprintf("%.1f", r)
	}
	return fmt.Sprintf("%.2g", r)
}

// Duration writes d briefly for a log line: 42s, 12m40s, 3h05m.
func Duration(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	}
	return fmt.Sprintf("%dh%02dm", s/3600, s%3600/60)
}
