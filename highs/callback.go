package highs

// This file holds the Go function HiGHS calls back into. A file with //export must
// have a preamble of declarations only, so it includes the callback structs, not
// highs_c_api.h (which defines constants).

/*
#include <stdint.h>
#include "lp_data/HighsCallbackStruct.h"
*/
import "C"

import (
	"runtime/cgo"
	"sync"
	"sync/atomic"
)

// HiGHS callback types (kHighsCallback* in highs_c_api.h).
const (
	callbackSimplexInterrupt     = 1
	callbackIpmInterrupt         = 2
	callbackMipImprovingSolution = 4
	callbackMipLogging           = 5
	callbackMipInterrupt         = 6
)

// callbackState is what a running solve shares with its callbacks, through a
// cgo.Handle passed to HiGHS as user data.
type callbackState struct {
	interrupt atomic.Bool // set to stop HiGHS at its next interrupt check

	mu       sync.Mutex // serialises calls of progress
	progress func(Progress)
	panicked any // a value progress panicked with, re-raised by Solve
}

// report calls cb.progress, turning a panic into an interrupt.
func (cb *callbackState) report(p Progress) {
	cb.mu.Lock()
	defer cb.mu.Unlock()
	if cb.panicked != nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			cb.panicked = r
			cb.interrupt.Store(true)
		}
	}()
	cb.progress(p)
}

// panicValue returns what progress panicked with, or nil.
func (cb *callbackState) panicValue() any {
	cb.mu.Lock()
	defer cb.mu.Unlock()
	return cb.panicked
}

//export mpGoCallback
func mpGoCallback(kind C.int, _ *C.char, out *C.HighsCallbackDataOut, in *C.HighsCallbackDataIn, handle C.uintptr_t) {
	cb := cgo.Handle(handle).Value().(*callbackState)
	switch kind {
	case callbackSimplexInterrupt, callbackIpmInterrupt, callbackMipInterrupt:
		if cb.interrupt.Load() {
			in.user_interrupt = 1
		}
	case callbackMipImprovingSolution, callbackMipLogging:
		cb.report(Progress{
			Elapsed:   seconds(float64(out.running_time)),
			Objective: float64(out.mip_primal_bound),
			DualBound: float64(out.mip_dual_bound),
			Gap:       float64(out.mip_gap),
			Nodes:     int64(out.mip_node_count),
		})
	}
}
