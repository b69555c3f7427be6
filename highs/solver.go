package highs

// This is the only file that includes highs_c_api.h: the header defines (not just
// declares) its constants, so a second including file would break the link.

/*
#cgo pkg-config: highs
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "interfaces/highs_c_api.h"
#include "shim.h"

// Defined in callback.go.
extern void mpGoCallback(int, char*, HighsCallbackDataOut*, HighsCallbackDataIn*, uintptr_t);

static void mpCallback(int kind, const char* message, const HighsCallbackDataOut* out,
		HighsCallbackDataIn* in, void* user) {
	mpGoCallback(kind, (char*)message, (HighsCallbackDataOut*)out, in, (uintptr_t)user);
}

// mpSetCallback registers mpCallback with a cgo.Handle as its user data.
static HighsInt mpSetCallback(void* highs, uintptr_t handle) {
	return Highs_setCallback(highs, mpCallback, (void*)handle);
}

// mpPassNames passes n names, stored one after another (each NUL-terminated) in
// names, as the column names (cols != 0) or row names of the model.
static HighsInt mpPassNames(void* highs, int cols, HighsInt n, const char* names) {
	for (HighsInt i = 0; i < n; i++) {
		HighsInt status = cols ? Highs_passColName(highs, i, names) : Highs_passRowName(highs, i, names);
		if (status == kHighsStatusError) return status;
		names += strlen(names) + 1;
	}
	return kHighsStatusOk;
}
*/
import "C"

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"runtime/cgo"
	"slices"
	"strconv"
	"sync"
	"time"
	"unsafe"
)

// Version returns the version of the linked HiGHS library, such as "1.10.0".
func Version() string {
	return C.GoString(C.Highs_version())
}

// knownOptions caches HasOption's answers, keyed by option name.
var knownOptions sync.Map

// HasOption reports whether the linked HiGHS has an option of the given name.
// Options come and go between HiGHS releases (and the static build carries
// patches that add some); callers use HasOption to set an option only where it
// exists, since Options.Extra with an unknown name is an error.
func HasOption(name string) bool {
	if known, ok := knownOptions.Load(name); ok {
		return known.(bool)
	}
	h := C.Highs_create()
	defer C.Highs_destroy(h)
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	var typ C.HighsInt
	known := C.Highs_getOptionType(h, cname, &typ) == C.kHighsStatusOk
	knownOptions.Store(name, known)
	return known
}

// Solver is a HiGHS instance holding one model. It owns memory outside the Go heap:
// call Close when done with it. A Solver must not be used by several goroutines at
// once, but different Solvers may be used, and may solve, concurrently. Each solve
// keeps its goroutine on one OS thread and starts and stops its own HiGHS worker
// threads, so solves with different Options.Threads do not interfere.
type Solver struct {
	ptr      unsafe.Pointer // the C API's Highs*; nil after Close
	progress func(Progress)
	cleanup  runtime.Cleanup
}

var checkIntSize = sync.OnceValue(func() error {
	h := C.Highs_create()
	defer C.Highs_destroy(h)
	if n := C.Highs_getSizeofHighsInt(h); n != 4 {
		return fmt.Errorf("highs: HiGHS was built with %d-byte HighsInt; this package needs 4", int(n))
	}
	return nil
})

// newSolver creates a HiGHS instance with the given options.
func newSolver(opt Options) (*Solver, error) {
	if err := checkIntSize(); err != nil {
		return nil, err
	}
	p := C.Highs_create()
	s := &Solver{ptr: p, progress: opt.Progress}
	// A forgotten Close still frees HiGHS memory, eventually.
	s.cleanup = runtime.AddCleanup(s, func(p unsafe.Pointer) { C.Highs_destroy(p) }, p)
	if err := s.setOptions(opt); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// NewSolver validates m (see Model.Validate), creates a HiGHS instance with the given
// options and passes the model to it in one call, followed by its names. The Solver
// does not keep m; later changes to m do not affect it.
func NewSolver(m *Model, opt Options) (*Solver, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	s, err := newSolver(opt)
	if err != nil {
		return nil, err
	}
	if err := s.pass(m); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// ReadModel creates a HiGHS instance with the given options and reads a model from
// a file, in MPS format (.mps) or CPLEX LP format (.lp), chosen by extension.
func ReadModel(path string, opt Options) (*Solver, error) {
	s, err := newSolver(opt)
	if err != nil {
		return nil, err
	}
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	if st := C.Highs_readModel(s.ptr, cpath); st == C.kHighsStatusError {
		s.Close()
		return nil, &Error{Call: fmt.Sprintf("Highs_readModel(%q)", path), Status: int(st)}
	}
	return s, nil
}

// Close frees the HiGHS instance. Calling Close again does nothing; other methods
// return ErrClosed (or zero values) afterwards.
func (s *Solver) Close() {
	if s.ptr == nil {
		return
	}
	s.cleanup.Stop()
	C.Highs_destroy(s.ptr)
	s.ptr = nil
}

// pass gives the validated model m to HiGHS.
func (s *Solver) pass(m *Model) error {
	defer runtime.KeepAlive(s)
	nc, nr, nz := m.NumCols(), m.NumRows(), m.NumNonzeros()
	if nc > math.MaxInt32 || nr > math.MaxInt32 || nz > math.MaxInt32 {
		return fmt.Errorf("highs: model too large for 32-bit HighsInt: %d columns, %d rows, %d nonzeros", nc, nr, nz)
	}
	sense := C.kHighsObjSenseMinimize
	if m.Sense == Maximize {
		sense = C.kHighsObjSenseMaximize
	}
	var start []int32
	if nr > 0 {
		start = toInt32(m.AStart[:nr])
	}
	index := toInt32(m.AIndex)
	var st C.HighsInt
	call := "Highs_passLp"
	if m.isMIP() {
		call = "Highs_passMip"
		integrality := make([]int32, nc)
		for j, t := range m.ColType {
			integrality[j] = int32(t)
		}
		st = C.Highs_passMip(s.ptr, C.HighsInt(nc), C.HighsInt(nr), C.HighsInt(nz),
			C.kHighsMatrixFormatRowwise, sense, C.double(m.Offset),
			dptr(m.ColCost), dptr(m.ColLower), dptr(m.ColUpper), dptr(m.RowLower), dptr(m.RowUpper),
			iptr(start), iptr(index), dptr(m.AValue), iptr(integrality))
	} else {
		st = C.Highs_passLp(s.ptr, C.HighsInt(nc), C.HighsInt(nr), C.HighsInt(nz),
			C.kHighsMatrixFormatRowwise, sense, C.double(m.Offset),
			dptr(m.ColCost), dptr(m.ColLower), dptr(m.ColUpper), dptr(m.RowLower), dptr(m.RowUpper),
			iptr(start), iptr(index), dptr(m.AValue))
	}
	if st == C.kHighsStatusError {
		return &Error{Call: call, Status: int(st)}
	}
	if err := s.passNames(true, m.ColNames); err != nil {
		return err
	}
	return s.passNames(false, m.RowNames)
}

// passNames passes column (cols) or row names, unless they are all empty. HiGHS
// rejects empty names, so an empty one among others becomes c<j> or r<i>, the names
// HiGHS writes to MPS files for unnamed models.
func (s *Solver) passNames(cols bool, names []string) error {
	if !slices.ContainsFunc(names, func(n string) bool { return n != "" }) {
		return nil
	}
	call, flag, prefix := "Highs_passRowName", C.int(0), "r"
	if cols {
		call, flag, prefix = "Highs_passColName", 1, "c"
	}
	name := func(i int) string {
		if names[i] == "" {
			return prefix + strconv.Itoa(i)
		}
		return names[i]
	}
	size := 0
	for i := range names {
		size += len(name(i)) + 1
	}
	// One C buffer of NUL-terminated names, which a loop in C passes on.
	buf := C.malloc(C.size_t(size))
	defer C.free(buf)
	dst := unsafe.Slice((*byte)(buf), size)
	for i := range names {
		n := copy(dst, name(i))
		dst[n] = 0
		dst = dst[n+1:]
	}
	if st := C.mpPassNames(s.ptr, flag, C.HighsInt(len(names)), (*C.char)(buf)); st == C.kHighsStatusError {
		return &Error{Call: call, Status: int(st)}
	}
	return nil
}

// setOptions applies opt: output_flag first, so that nothing is printed while the
// others are set.
func (s *Solver) setOptions(opt Options) error {
	if err := s.setOption("output_flag", opt.Output); err != nil {
		return err
	}
	if opt.TimeLimit != 0 {
		if err := s.setOption("time_limit", opt.TimeLimit.Seconds()); err != nil {
			return err
		}
	}
	if opt.MIPRelGap != 0 {
		if err := s.setOption("mip_rel_gap", opt.MIPRelGap); err != nil {
			return err
		}
	}
	if opt.Threads != 0 {
		if err := s.setOption("threads", opt.Threads); err != nil {
			return err
		}
	}
	if opt.RandomSeed != 0 {
		if err := s.setOption("random_seed", opt.RandomSeed); err != nil {
			return err
		}
	}
	if opt.Presolve != "" {
		if err := s.setOption("presolve", opt.Presolve); err != nil {
			return err
		}
	}
	names := make([]string, 0, len(opt.Extra))
	for name := range opt.Extra {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := s.setOption(name, opt.Extra[name]); err != nil {
			return err
		}
	}
	return nil
}

// setOption sets the HiGHS option name to v after checking that v's Go type fits
// the option's type.
func (s *Solver) setOption(name string, v any) error {
	defer runtime.KeepAlive(s)
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	var typ C.HighsInt
	if C.Highs_getOptionType(s.ptr, cname, &typ) != C.kHighsStatusOk {
		return fmt.Errorf("highs: unknown option %q", name)
	}
	var st C.HighsInt
	var call string
	switch typ {
	case C.kHighsOptionTypeBool:
		b, ok := v.(bool)
		if !ok {
			return optionTypeError(name, "bool", v)
		}
		call = "Highs_setBoolOptionValue"
		st = C.Highs_setBoolOptionValue(s.ptr, cname, cbool(b))
	case C.kHighsOptionTypeInt:
		i, ok := v.(int)
		if !ok {
			return optionTypeError(name, "int", v)
		}
		if i < math.MinInt32 || i > math.MaxInt32 {
			return fmt.Errorf("highs: option %q: %d does not fit in a 32-bit HighsInt", name, i)
		}
		call = "Highs_setIntOptionValue"
		st = C.Highs_setIntOptionValue(s.ptr, cname, C.HighsInt(i))
	case C.kHighsOptionTypeDouble:
		var f float64
		switch x := v.(type) {
		case float64:
			f = x
		case int:
			f = float64(x)
		default:
			return optionTypeError(name, "float64", v)
		}
		call = "Highs_setDoubleOptionValue"
		st = C.Highs_setDoubleOptionValue(s.ptr, cname, C.double(f))
	case C.kHighsOptionTypeString:
		str, ok := v.(string)
		if !ok {
			return optionTypeError(name, "string", v)
		}
		cstr := C.CString(str)
		defer C.free(unsafe.Pointer(cstr))
		call = "Highs_setStringOptionValue"
		st = C.Highs_setStringOptionValue(s.ptr, cname, cstr)
	default:
		return fmt.Errorf("highs: option %q has unsupported HiGHS type %d", name, int(typ))
	}
	if st == C.kHighsStatusError {
		return &Error{Call: fmt.Sprintf("%s(%q, %v)", call, name, v), Status: int(st)}
	}
	return nil
}

func optionTypeError(name, want string, v any) error {
	return fmt.Errorf("highs: option %q takes a %s, not %T", name, want, v)
}

// Solve runs HiGHS on the model and returns the outcome. Limits, infeasibility,
// unboundedness and interruption are reported in Solution.Status, not as errors; the
// error is non-nil only if a HiGHS call fails.
//
// If ctx is cancelled, or its deadline passes, during the solve, HiGHS is asked to
// stop at its next interrupt check (in the simplex, interior-point and MIP solvers)
// and the status is Interrupt. A model that HiGHS solves without reaching such a
// check (in presolve, say) may still end Optimal.
//
// A Solver may be solved again, for instance after SetSolution; HiGHS then starts
// from what it kept of the previous solve.
func (s *Solver) Solve(ctx context.Context) (*Solution, error) {
	if s.ptr == nil {
		return nil, ErrClosed
	}
	defer runtime.KeepAlive(s)
	cb := &callbackState{progress: s.progress}
	var kinds []C.int
	if ctx.Done() != nil {
		if ctx.Err() != nil {
			cb.interrupt.Store(true)
		}
		stop := context.AfterFunc(ctx, func() { cb.interrupt.Store(true) })
		defer stop()
		kinds = append(kinds, callbackSimplexInterrupt, callbackIpmInterrupt, callbackMipInterrupt)
	}
	if cb.progress != nil {
		kinds = append(kinds, callbackMipImprovingSolution, callbackMipLogging)
		if ctx.Done() == nil {
			// A panicking Progress interrupts the MIP solve.
			kinds = append(kinds, callbackMipInterrupt)
		}
	}
	if len(kinds) > 0 {
		stop, err := s.startCallbacks(cb, kinds)
		if err != nil {
			return nil, err
		}
		defer stop()
	}
	start := C.Highs_getRunTime(s.ptr)
	st := runSolve(func() C.HighsInt { return C.Highs_run(s.ptr) })
	if v := cb.panicValue(); v != nil {
		panic(v)
	}
	if st == C.kHighsStatusError {
		return nil, &Error{Call: "Highs_run", Status: int(st)}
	}
	sol, err := s.solution()
	if err != nil {
		return nil, err
	}
	sol.Time = seconds(float64(C.Highs_getRunTime(s.ptr) - start))
	return sol, nil
}

// startCallbacks registers cb with HiGHS for the given callback kinds. The returned
// stop function deactivates them and releases cb's handle.
func (s *Solver) startCallbacks(cb *callbackState, kinds []C.int) (stop func(), err error) {
	h := cgo.NewHandle(cb)
	stop = func() {
		for _, k := range kinds {
			C.Highs_stopCallback(s.ptr, k)
		}
		h.Delete()
	}
	if st := C.mpSetCallback(s.ptr, C.uintptr_t(h)); st == C.kHighsStatusError {
		h.Delete()
		return nil, &Error{Call: "Highs_setCallback", Status: int(st)}
	}
	for _, k := range kinds {
		if st := C.Highs_startCallback(s.ptr, k); st == C.kHighsStatusError {
			stop()
			return nil, &Error{Call: fmt.Sprintf("Highs_startCallback(%d)", int(k)), Status: int(st)}
		}
	}
	return stop, nil
}

// runSolve calls f, which makes HiGHS solve, with the goroutine locked to its OS
// thread, and then shuts down that thread's HiGHS task scheduler. HiGHS keeps one
// scheduler per OS thread, sized by the threads option of the first solve on that
// thread, and fails a later solve that asks for a different number; goroutines move
// between OS threads, so each solve must start with a fresh scheduler.
func runSolve(f func() C.HighsInt) C.HighsInt {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	defer C.Highs_resetGlobalScheduler(1)
	return f()
}

// SetSolution gives HiGHS a starting point: one value per column (Highs_setSolution).
// For a MIP, a feasible point becomes the first incumbent; for an LP, HiGHS may
// start the next solve from it. It returns an error if len(colValue) != NumCols() or HiGHS rejects it.
func (s *Solver) SetSolution(colValue []float64) error {
	if s.ptr == nil {
		return ErrClosed
	}
	defer runtime.KeepAlive(s)
	if n := s.NumCols(); len(colValue) != n {
		return fmt.Errorf("highs: SetSolution: %d values for %d columns", len(colValue), n)
	}
	if st := C.Highs_setSolution(s.ptr, dptr(colValue), nil, nil, nil); st == C.kHighsStatusError {
		return &Error{Call: "Highs_setSolution", Status: int(st)}
	}
	return nil
}

// WriteModel writes the model to a file whose format follows its extension: .mps
// for MPS, .lp for CPLEX LP format. Column and row names are written when the model
// has them; HiGHS invents names otherwise.
func (s *Solver) WriteModel(path string) error {
	if s.ptr == nil {
		return ErrClosed
	}
	defer runtime.KeepAlive(s)
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	if st := C.Highs_writeModel(s.ptr, cpath); st == C.kHighsStatusError {
		return &Error{Call: fmt.Sprintf("Highs_writeModel(%q)", path), Status: int(st)}
	}
	return nil
}

// FeasibilityRelaxation solves the problem of minimising the weighted violation of
// the model's bounds (Highs_feasibilityRelaxation): each unit by which a column
// value is below its lower bound costs lowerPenalty, above its upper bound
// upperPenalty, and each unit by which a row activity is outside its bounds costs
// rhsPenalty. A negative penalty forbids that kind of violation. The local slices,
// if not nil, give per-column (localLower, localUpper: NumCols() entries) or per-row
// (localRhs: NumRows() entries) penalties that replace the global ones.
//
// The returned Solution holds the relaxed point for the original model (its
// ColValue and RowValue show the violations; HasPrimal is false if any bound is
// violated), and Objective is the minimal total weighted violation. HiGHS restores
// the original model afterwards and leaves its status unknown, so Status is NotSet.
// A relaxation that HiGHS does not solve to optimality (for instance because of
// Options.TimeLimit on a MIP) is an error.
func (s *Solver) FeasibilityRelaxation(lowerPenalty, upperPenalty, rhsPenalty float64,
	localLower, localUpper, localRhs []float64) (*Solution, error) {
	if s.ptr == nil {
		return nil, ErrClosed
	}
	defer runtime.KeepAlive(s)
	nc, nr := s.NumCols(), s.NumRows()
	for _, l := range []struct {
		name string
		v    []float64
		want int
	}{{"localLower", localLower, nc}, {"localUpper", localUpper, nc}, {"localRhs", localRhs, nr}} {
		if l.v != nil && len(l.v) != l.want {
			return nil, fmt.Errorf("highs: FeasibilityRelaxation: len(%s) = %d, want %d", l.name, len(l.v), l.want)
		}
	}
	start := C.Highs_getRunTime(s.ptr)
	st := runSolve(func() C.HighsInt {
		return C.Highs_feasibilityRelaxation(s.ptr, C.double(lowerPenalty), C.double(upperPenalty),
			C.double(rhsPenalty), dptr(localLower), dptr(localUpper), dptr(localRhs))
	})
	if st != C.kHighsStatusOk {
		return nil, &Error{Call: "Highs_feasibilityRelaxation", Status: int(st)}
	}
	sol, err := s.solution()
	if err != nil {
		return nil, err
	}
	sol.Time = seconds(float64(C.Highs_getRunTime(s.ptr) - start))
	return sol, nil
}

// IIS returns an irreducible infeasible subsystem of an infeasible LP: a set of
// rows and column bounds that is infeasible, but feasible once any one of them is
// removed (Highs::getIis, through the C++ shim). For a feasible model the IIS is
// empty. For a MIP, HiGHS computes an IIS of the LP relaxation (integrality is
// ignored).
func (s *Solver) IIS() (*IIS, error) {
	if s.ptr == nil {
		return nil, ErrClosed
	}
	defer runtime.KeepAlive(s)
	var out C.mpIis
	st := runSolve(func() C.HighsInt { return C.HighsInt(C.mpGetIis(s.ptr, &out)) })
	if st == C.kHighsStatusError {
		return nil, &Error{Call: "Highs::getIis", Status: int(st)}
	}
	defer C.mpFreeIis(&out)
	iis := &IIS{
		Cols:      fromCInts[int](out.col_index, out.num_col),
		ColBounds: fromCInts[BoundKind](out.col_bound, out.num_col),
		Rows:      fromCInts[int](out.row_index, out.num_row),
		RowBounds: fromCInts[BoundKind](out.row_bound, out.num_row),
	}
	return iis, nil
}

// IIS is an irreducible infeasible subsystem. Cols and Rows are indices into the
// model; ColBounds[k] and RowBounds[k] tell which bounds of column Cols[k] and row
// Rows[k] take part in it.
type IIS struct {
	Cols, Rows           []int
	ColBounds, RowBounds []BoundKind
}

// NumCols returns the number of columns of the model, or 0 after Close.
func (s *Solver) NumCols() int {
	if s.ptr == nil {
		return 0
	}
	defer runtime.KeepAlive(s)
	return int(C.Highs_getNumCol(s.ptr))
}

// NumRows returns the number of rows of the model, or 0 after Close.
func (s *Solver) NumRows() int {
	if s.ptr == nil {
		return 0
	}
	defer runtime.KeepAlive(s)
	return int(C.Highs_getNumRow(s.ptr))
}

// ColName returns the name of column i, or "" if the model has no column names,
// i is out of range or the Solver is closed.
func (s *Solver) ColName(i int) string {
	if s.ptr == nil || i < 0 || i > math.MaxInt32 {
		return ""
	}
	defer runtime.KeepAlive(s)
	return goStringOrEmpty(C.mpColName(s.ptr, C.int(i)))
}

// RowName returns the name of row i, or "" if the model has no row names, i is out
// of range or the Solver is closed.
func (s *Solver) RowName(i int) string {
	if s.ptr == nil || i < 0 || i > math.MaxInt32 {
		return ""
	}
	defer runtime.KeepAlive(s)
	return goStringOrEmpty(C.mpRowName(s.ptr, C.int(i)))
}

// Solution is the outcome of a solve.
//
// Values follow HiGHS's conventions, in the model's own objective sense: RowDual[i]
// is the rate of change of the optimal objective per unit increase of the active
// bound of row i, and ColDual[j] is the reduced cost of column j, ColCost[j] −
// Σ_i A[i][j]·RowDual[i]. For a minimisation, a binding ≤ row has RowDual ≤ 0 and a
// binding ≥ row RowDual ≥ 0; for a maximisation the signs are reversed.
type Solution struct {
	Status    ModelStatus
	Objective float64 // objective value of the solution (with Offset), if there is one

	HasPrimal bool // ColValue and RowValue hold a feasible point
	HasDual   bool // ColDual and RowDual hold a feasible dual point (LPs only)

	// ColValue and RowValue (the row activities Σ_j A[i][j]·ColValue[j]) are nil if
	// HiGHS has no primal values; when HasPrimal is false they may be infeasible.
	ColValue, RowValue []float64
	// ColDual and RowDual are nil if HiGHS has no dual values (as for MIPs).
	ColDual, RowDual []float64

	// ColBasis and RowBasis hold the final simplex basis of an LP; they are nil for
	// MIPs and when no valid basis is available.
	ColBasis, RowBasis []BasisStatus

	// For MIPs, MIPGap is the final relative gap between Objective and DualBound as
	// HiGHS computes it, DualBound the best proven bound on the optimal objective
	// and Nodes the number of branch-and-bound nodes. For LPs HiGHS leaves these info values at
	// placeholders (MIPGap +Inf, DualBound 0, Nodes −1 in HiGHS 1.10).
	MIPGap, DualBound float64
	Nodes             int64

	SimplexIterations int           // HiGHS's simplex_iteration_count for the solve
	Time              time.Duration // wall-clock time HiGHS spent in this solve
}

// solution reads the outcome of the last solve from HiGHS.
func (s *Solver) solution() (*Solution, error) {
	info := infoReader{s: s}
	primal := info.int("primal_solution_status")
	dual := info.int("dual_solution_status")
	basis := info.int("basis_validity")
	sol := &Solution{
		Status:            ModelStatus(C.Highs_getModelStatus(s.ptr)),
		Objective:         float64(C.Highs_getObjectiveValue(s.ptr)),
		HasPrimal:         primal == int(C.kHighsSolutionStatusFeasible),
		HasDual:           dual == int(C.kHighsSolutionStatusFeasible),
		MIPGap:            info.double("mip_gap"),
		DualBound:         info.double("mip_dual_bound"),
		Nodes:             info.int64("mip_node_count"),
		SimplexIterations: info.int("simplex_iteration_count"),
	}
	if info.err != nil {
		return nil, info.err
	}
	nc, nr := s.NumCols(), s.NumRows()
	if primal != int(C.kHighsSolutionStatusNone) || dual != int(C.kHighsSolutionStatusNone) {
		colValue, colDual := make([]float64, nc), make([]float64, nc)
		rowValue, rowDual := make([]float64, nr), make([]float64, nr)
		if st := C.Highs_getSolution(s.ptr, dptr(colValue), dptr(colDual), dptr(rowValue), dptr(rowDual)); st == C.kHighsStatusError {
			return nil, &Error{Call: "Highs_getSolution", Status: int(st)}
		}
		if primal != int(C.kHighsSolutionStatusNone) {
			sol.ColValue, sol.RowValue = colValue, rowValue
		}
		if dual != int(C.kHighsSolutionStatusNone) {
			sol.ColDual, sol.RowDual = colDual, rowDual
		}
	}
	if basis == int(C.kHighsBasisValidityValid) {
		colStatus, rowStatus := make([]int32, nc), make([]int32, nr)
		if st := C.Highs_getBasis(s.ptr, iptr(colStatus), iptr(rowStatus)); st == C.kHighsStatusError {
			return nil, &Error{Call: "Highs_getBasis", Status: int(st)}
		}
		sol.ColBasis, sol.RowBasis = toBasis(colStatus), toBasis(rowStatus)
	}
	return sol, nil
}

// infoReader reads HiGHS info values, keeping the first error.
type infoReader struct {
	s   *Solver
	err error
}

func (r *infoReader) fail(call, name string, st C.HighsInt) {
	if r.err == nil {
		r.err = &Error{Call: fmt.Sprintf("%s(%q)", call, name), Status: int(st)}
	}
}

func (r *infoReader) int(name string) int {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	var v C.HighsInt
	if st := C.Highs_getIntInfoValue(r.s.ptr, cname, &v); st == C.kHighsStatusError {
		r.fail("Highs_getIntInfoValue", name, st)
	}
	return int(v)
}

func (r *infoReader) int64(name string) int64 {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	var v C.int64_t
	if st := C.Highs_getInt64InfoValue(r.s.ptr, cname, &v); st == C.kHighsStatusError {
		r.fail("Highs_getInt64InfoValue", name, st)
	}
	return int64(v)
}

func (r *infoReader) double(name string) float64 {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	var v C.double
	if st := C.Highs_getDoubleInfoValue(r.s.ptr, cname, &v); st == C.kHighsStatusError {
		r.fail("Highs_getDoubleInfoValue", name, st)
	}
	return float64(v)
}

// dptr returns a C pointer to the first element of v, or nil if v is empty. The
// pointer is valid for the duration of a C call that receives it.
func dptr(v []float64) *C.double {
	if len(v) == 0 {
		return nil
	}
	return (*C.double)(unsafe.Pointer(&v[0]))
}

// iptr is dptr for HighsInt arrays.
func iptr(v []int32) *C.HighsInt {
	if len(v) == 0 {
		return nil
	}
	return (*C.HighsInt)(unsafe.Pointer(&v[0]))
}

func toInt32(v []int) []int32 {
	out := make([]int32, len(v))
	for i, x := range v {
		out[i] = int32(x)
	}
	return out
}

func toBasis(v []int32) []BasisStatus {
	out := make([]BasisStatus, len(v))
	for i, x := range v {
		out[i] = BasisStatus(x)
	}
	return out
}

// fromCInts copies n C ints from p.
func fromCInts[T ~int](p *C.int, n C.int) []T {
	if n == 0 {
		return nil
	}
	out := make([]T, n)
	for i, x := range unsafe.Slice(p, n) {
		out[i] = T(x)
	}
	return out
}

func goStringOrEmpty(p *C.char) string {
	if p == nil {
		return ""
	}
	return C.GoString(p)
}

func cbool(b bool) C.HighsInt {
	if b {
		return 1
	}
	return 0
}

func seconds(s float64) time.Duration {
	return time.Duration(s * float64(time.Second))
}
