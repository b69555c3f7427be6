package progress

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// syncBuffer is a bytes.Buffer safe for the ticker goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestLinesEveryNCases(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var out syncBuffer
	l := New(&out, "sweep", Every(5), Interval(time.Hour), Clock(clock.now))
	for done := 1; done <= 12; done++ {
		clock.advance(10 * time.Second)
		failed := 0
		if done >= 7 {
			failed = 1
		}
		l.Update(Counts{Total: 12, Done: done, Failed: failed})
	}
	l.Finish("out/x")
	want := []string{
		"sweep: 5/12 cases, 0 failed, 0.1 cases/s, ETA 1m10s",
		"sweep: 10/12 cases, 1 failed, 0.1 cases/s, ETA 20s",
		"sweep: 12/12 cases, 1 failed, 0.1 cases/s",
		"sweep: done: 12 cases in 2m00s (0.1 cases/s), 11 optimal, 1 failed; results in out/x",
	}
	if got := strings.Split(strings.TrimSpace(out.String()), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLinesDefaultEvery: with no Every, a 100-case run writes a line per 5
// cases, so 20 lines and the summary.
func TestLinesDefaultEvery(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var out syncBuffer
	l := New(&out, "batch", Interval(time.Hour), Clock(clock.now))
	for done := 1; done <= 100; done++ {
		clock.advance(time.Second)
		l.Update(Counts{Total: 100, Done: done})
	}
	l.Finish("")
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 21 || !strings.HasPrefix(lines[0], "batch: 5/100 cases") || !strings.HasPrefix(lines[20], "batch: done: 100 cases in 1m40s") {
		t.Errorf("%d lines:\n%s", len(lines), out.String())
	}
}

// TestLinesOnTime: a run whose cases take long still writes a line every
// interval, with the time elapsed when no case has finished.
func TestLinesOnTime(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var out syncBuffer
	l := New(&out, "frontier", Every(1000), Interval(40*time.Millisecond), Clock(clock.now))
	l.Update(Counts{Total: 9})
	clock.advance(45 * time.Second)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "\n") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	l.Finish("")
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || lines[0] != "frontier: 0/9 cases, 0 failed, 45s elapsed" || !strings.HasPrefix(lines[1], "frontier: done: 0 cases in 45s") {
		t.Errorf("got:\n%s", out.String())
	}
}

func TestLinesSkipped(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var out syncBuffer
	l := New(&out, "sweep", Every(2), Interval(time.Hour), Clock(clock.now))
	l.Update(Counts{Total: 4, Done: 2, Skipped: 2})
	clock.advance(20 * time.Second)
	l.Update(Counts{Total: 4, Done: 4, Skipped: 2})
	l.Finish("")
	l.Finish("") // a second call does nothing
	want := "sweep: 2/4 cases, 0 failed, 2 already done, 0s elapsed\n" +
		"sweep: 4/4 cases, 0 failed, 2 already done, 0.1 cases/s\n" +
		"sweep: done: 4 cases in 20s (0.1 cases/s), 4 optimal, 0 failed, 2 already done\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0s", 59 * time.Second: "59s", 61 * time.Second: "1m01s",
		3*time.Hour + 5*time.Minute + 20*time.Second: "3h05m"} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}
