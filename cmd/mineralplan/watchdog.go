package main

import (
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/mineralplan/mineralplan/model"
)

// overrunGrace is how long past its time limit a solve may still run before
// the command gives it up: HiGHS checks its limit between presolve passes and
// simplex iterations, and on a large model one presolve pass can take longer
// than the whole limit.
func overrunGrace(limit time.Duration) time.Duration { return 2*time.Second + limit/20 }

// watchdog keeps a command's time limit when HiGHS does not: if the solve has
// not returned by the limit and its grace, the command reports that no plan was
// found in time, exactly as for a solve that stopped at its limit (exit 1,
// the JSON object with --json), and exits without waiting for HiGHS. Nothing has
// been written then: run writes its folder only after the solve.
type watchdog struct {
	mu    sync.Mutex
	done  bool
	timer *time.Timer
}

// startWatchdog starts the watchdog of a solve of scenario that began at start
// with the given time limit (none when 0: the watchdog does nothing).
func startWatchdog(scenario string, start time.Time, limit time.Duration, json bool) *watchdog {
	w := &watchdog{}
	if limit <= 0 {
		return w
	}
	w.timer = time.AfterFunc(time.Until(start.Add(limit+overrunGrace(limit))), func() {
		w.mu.Lock()
		if w.done {
			w.mu.Unlock()
			return
		}
		w.done = true // the process ends here
		err := &model.NoPlanError{Scenario: scenario, Status: model.StatusTimeLimit}
		msg := err.Error()
		fmt.Fprintln(os.Stderr, "mineralplan:", msg)
		if json {
			lastSolveError = err
			printJSON(outcomeObject(exitNotOpt, msg))
		}
		os.Exit(exitNotOpt)
	})
	return w
}

// stop ends the watchdog once the solve has returned; after it the command
// goes on alone. It is safe on a watchdog that does nothing.
func (w *watchdog) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.done = true
	if w.timer != nil {
		w.timer.Stop()
	}
}
