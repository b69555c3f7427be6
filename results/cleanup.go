package results

import (
	"errors"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// ErrInterrupted is returned by WriteRun when SIGINT or SIGTERM arrived while
// it wrote (after RemoveTempsOnSignal): its temporary folder is removed and the
// run folder is as it was before.
var ErrInterrupted = errors.New("interrupted while writing; the folder was left as it was")

// temps are the temporary folders of run folders being written.
var temps struct {
	sync.Mutex
	paths       map[string]bool
	interrupted bool
	watching    bool
}

// RemoveTempsOnSignal makes the process remove the temporary folders of run
// folders being written when SIGINT or SIGTERM arrives; the WriteRun calls
// writing them then return ErrInterrupted. Commands that stop on these signals
// call it once; others (a sweep, which keeps its own temporary case folders)
// need not.
func RemoveTempsOnSignal() {
	temps.Lock()
	defer temps.Unlock()
	if temps.watching {
		return
	}
	temps.watching = true
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		for range ch {
			temps.Lock()
			// Only a signal that arrives while a folder is written stops the
			// write; one that stopped the solve before leaves the plan's folder
			// to be written.
			temps.interrupted = len(temps.paths) > 0
			for p := range temps.paths {
				os.RemoveAll(p)
			}
			temps.Unlock()
		}
	}()
}

// registerTemp lists path as a temporary folder being written.
func registerTemp(path string) {
	temps.Lock()
	defer temps.Unlock()
	if temps.paths == nil {
		temps.paths = map[string]bool{}
	}
	temps.paths[path] = true
}

// releaseTemp takes path off the list before it is renamed into place, and
// reports ErrInterrupted (having removed path) when a signal came first.
func releaseTemp(path string) error {
	temps.Lock()
	defer temps.Unlock()
	delete(temps.paths, path)
	if temps.interrupted {
		os.RemoveAll(path)
		return ErrInterrupted
	}
	return nil
}

// processAlive reports whether a process with this id is running.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}
