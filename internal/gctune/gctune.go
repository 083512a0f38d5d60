// Package gctune keeps the heap of a short-lived process within a fixed
// memory budget while it fits, and grows it with the live heap once it
// does not.
//
// A fixed GOGC trades memory for time the same way at every size: at
// GOGC=400 a run whose live heap peaks at 60 MB may grow to 300 MB of
// garbage before it collects. A fixed memory limit (GOMEMLIMIT) bounds
// that, but makes the collector run without pause once the live heap
// nears it, which a larger input always reaches. A Tuner starts with the
// collector driven by the limit Base alone (GOGC off): a run that never
// holds much collects only when its heap reaches Base. Once a collection
// finds so much live that Base leaves less than Room (a fraction of it) to
// grow into, the Tuner hands over to GOGC=Percent without a limit, once
// and for good: from there on the heap grows with what the run holds,
// and the time spent collecting stays in proportion to the work. A caller
// that learns, before the heap grows, how much its run will hold raises
// the limit to suit (Expect).
//
// The Tuner learns the live heap after each collection: it keeps one
// object unreachable that the runtime cleans up (runtime.AddCleanup) once
// a collection has found it so, and then reads /gc/heap/live:bytes.
package gctune

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// Tuner drives the collector as the package documentation says.
type Tuner struct {
	// Base is the memory limit, in bytes, while the live heap fits it.
	Base int64
	// PerByte is the limit for each byte of input a run holds at once,
	// when that is more than Base (ExpectInput).
	PerByte int64
	// Room is the growth, as a fraction of the live heap, below which
	// Base no longer fits it.
	Room float64
	// Percent is the GOGC that takes over when it does not.
	Percent int

	// setLimit, setPercent and liveHeap stand for debug.SetMemoryLimit,
	// debug.SetGCPercent and the runtime metric; tests replace them.
	setLimit   func(int64) int64
	setPercent func(int) int
	liveHeap   func() uint64

	mu      sync.Mutex
	limit   int64
	tunes   int
	handed  bool
	stopped atomic.Bool
}

// daslint's settings, which cmd/daslint and its parse-only floor share;
// docs/memory.md has the measurements behind them. A run collects only
// when its heap reaches its limit, which a small run never does (it makes
// no collection at all): DefaultBase, within which a root of 18,000
// resources (4.5 MB of files) runs, and the largest limit whose run stays
// under 150 MB of peak RSS (the limit counts the Go heap and runtime, not
// the binary's own pages, about 8 MiB more); for a larger input,
// DefaultPerByte times the size of the files read at once, so that a tree
// twice as large gets twice the memory. A run whose live heap leaves less
// than half of itself (DefaultRoom) to grow into under its limit, because
// the size missed what it reads beyond its own files (modules), is handed
// to GOGC=DefaultPercent.
const (
	DefaultBase    = 132 << 20
	DefaultPerByte = 30
	DefaultRoom    = 0.5
	DefaultPercent = 200
)

// Default returns a Tuner with daslint's settings.
func Default() *Tuner {
	t := New(DefaultBase, DefaultRoom, DefaultPercent)
	t.PerByte = DefaultPerByte
	return t
}

// New returns a Tuner with the limit base, the room and the GOGC percent.
func New(base int64, room float64, percent int) *Tuner {
	return &Tuner{Base: base, Room: room, Percent: percent, setLimit: debug.SetMemoryLimit,
		setPercent: debug.SetGCPercent, liveHeap: readLiveHeap}
}

// Start turns GOGC off, sets the limit to Base, and watches every
// collection until the hand-over or Stop.
func (t *Tuner) Start() {
	t.mu.Lock()
	t.limit = t.Base
	t.setPercent(-1)
	t.setLimit(t.limit)
	t.mu.Unlock()
	t.arm()
}

// Expect raises the limit to limit, when that is more than the limit set
// and the Tuner has not handed over: a caller that learns how much its run
// will hold (from the size of its input) budgets it up front, so that the
// run collects as rarely relative to its size as a smaller one.
func (t *Tuner) Expect(limit int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.handed || limit <= t.limit {
		return
	}
	t.limit = limit
	t.setLimit(limit)
}

// ExpectInput raises the limit to PerByte times bytes, the size of the
// input the run holds at once (InputLimit).
func (t *Tuner) ExpectInput(bytes int64) { t.Expect(InputLimit(bytes, t.Base, t.PerByte)) }

// InputLimit is the limit for a run that holds bytes of input at once:
// perByte times it, and at least base.
func InputLimit(bytes, base, perByte int64) int64 {
	const most = int64(1) << 62
	if perByte > 0 && bytes >= most/perByte {
		return most
	}
	return max(base, perByte*bytes)
}

// Limit returns the limit set last; after the hand-over, the one set
// before it.
func (t *Tuner) Limit() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.limit
}

// Stop ends the watching; the settings stay as they are.
func (t *Tuner) Stop() { t.stopped.Store(true) }

// HandedOver reports whether GOGC=Percent has taken over.
func (t *Tuner) HandedOver() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.handed
}

// Tunes returns how many collections the Tuner has seen.
func (t *Tuner) Tunes() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.tunes
}

// sentinel is the object whose cleanup tells a collection has ended. It
// holds a pointer so that it is not a tiny allocation, which the runtime
// may free together with others (and then late).
type sentinel struct{ _ *int }

// arm makes a sentinel that nothing references: the next collection
// finds it unreachable and runs its cleanup, which tunes and, unless the
// Tuner has handed over, arms again.
func (t *Tuner) arm() {
	runtime.AddCleanup(&sentinel{}, func(t *Tuner) {
		if t.stopped.Load() || !t.tune() {
			return
		}
		t.arm()
	}, t)
}

// tune hands over to GOGC when the live heap needs it (Outgrows) and
// reports whether to keep watching.
func (t *Tuner) tune() bool {
	live := t.liveHeap()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.tunes++
	if t.handed || !Outgrows(live, t.limit, t.Room) {
		return !t.handed
	}
	t.handed = true
	t.setPercent(t.Percent)
	t.setLimit(math.MaxInt64)
	return false
}

// Outgrows reports whether a live heap of live bytes leaves less than
// room (a fraction of it) to grow into under the limit base.
func Outgrows(live uint64, base int64, room float64) bool {
	if base <= 0 {
		return true
	}
	return float64(live)*(1+max(room, 0)) > float64(base)
}

// readLiveHeap reads the runtime's count of the heap found live by the
// last collection.
func readLiveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
