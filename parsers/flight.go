package parsers

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// Roots are read on a pool of goroutines (see load), and what one root
// reads of another, the evaluation of a root for a terraform_remote_state
// or of a Terragrunt unit for a dependency block, is shared by every root
// that reads it: the first reader evaluates it, the others wait for that
// evaluation (a flight) instead of starting their own.
//
// Two things make sharing delicate:
//   - Waiting may deadlock: a reader that evaluates A, which reads B, waits
//     for B while the reader that evaluates B, which reads A, waits for A.
//     Each task (one root's read, with everything it evaluates on its
//     behalf) records the flights it waits for; a task about to wait for
//     a flight whose owner waits, through others, for this very task does
//     not wait but evaluates for itself, as one goroutine would, and the
//     chain of roots it carries then finds the cycle (docs/semantics.md#remote-state).
//   - An evaluation that met a cycle depends on who asked: the cycle is
//     named from the outermost root of the chain, and the roots of the
//     chain are unknown to it. Such an evaluation is tainted and is never
//     shared: each reader makes its own, with its own chain. Every other
//     evaluation depends only on its root and workspace, so which reader
//     made it changes no byte of the output.

// task is one root's read, with every evaluation made on its behalf.
type task struct {
	// waiting counts the flights the task waits for (several when the
	// evaluator calls back from several goroutines), guarded by
	// flights.mu.
	waiting map[*flight]int
}

// tracker records whether an evaluation met a cycle, directly or through
// an evaluation it read: then its result depends on the chain of roots
// that led to it. Callbacks may come from several goroutines.
type tracker struct{ tainted atomic.Bool }

// taint marks the evaluation as depending on its chain; nil is a tracker
// nobody reads.
func (t *tracker) taint() {
	if t != nil {
		t.tainted.Store(true)
	}
}

// outcome is what an evaluation of another root gives its readers.
type outcome struct {
	rr  *eval.RemoteRoot
	why *model.Unresolved
	// pure says that the outcome depends on nothing but its key: it met
	// no cycle.
	pure bool
	// ev, when set, is an evaluation the root's own lint may take
	// instead of evaluating again (takeEvaluation).
	ev *evaluation
}

// flight is one evaluation, running or finished.
type flight struct {
	done  chan struct{}
	owner *task // nil once done
	o     outcome
}

// flights are the run's evaluations of roots for other roots, by key.
type flights struct {
	mu sync.Mutex
	m  map[string]*flight
}

// do returns the outcome for key: the shared one when there is one, or
// when another task is evaluating it and waiting cannot deadlock, else
// what compute returns. A pure outcome of compute is kept for the readers
// to come; an outcome that met a cycle is not (see above).
func (fs *flights) do(ctx context.Context, key string, tk *task, compute func() outcome) outcome {
	fs.mu.Lock()
	if fs.m == nil {
		fs.m = map[string]*flight{}
	}
	f, ok := fs.m[key]
	if !ok {
		f = &flight{done: make(chan struct{}), owner: tk}
		fs.m[key] = f
		fs.mu.Unlock()
		o := compute()
		fs.mu.Lock()
		f.o, f.owner = o, nil
		if !o.pure {
			delete(fs.m, key) // the next reader makes its own
		}
		close(f.done)
		fs.mu.Unlock()
		return o
	}
	if o, ok := fs.wait(ctx, f, tk); ok && o.pure {
		return o
	}
	return compute()
}

// take returns, and forgets, the ev of the flight of key when there is
// one, waiting for the flight to finish when that cannot deadlock.
func (fs *flights) take(ctx context.Context, key string, tk *task) *evaluation {
	fs.mu.Lock()
	f := fs.m[key]
	if f == nil {
		fs.mu.Unlock()
		return nil
	}
	if _, ok := fs.wait(ctx, f, tk); !ok {
		return nil
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	ev := f.o.ev
	f.o.ev = nil
	return ev
}

// wait waits for f, which must be called with fs.mu held and releases
// it, unless waiting could deadlock (f's owner waits, through others, for
// tk) or ctx ends first: ok is false then.
func (fs *flights) wait(ctx context.Context, f *flight, tk *task) (o outcome, ok bool) {
	if f.owner != nil && reaches(f.owner, tk, map[*task]bool{}) {
		fs.mu.Unlock()
		return outcome{}, false
	}
	if tk != nil && f.owner != nil {
		if tk.waiting == nil {
			tk.waiting = map[*flight]int{}
		}
		tk.waiting[f]++
	}
	fs.mu.Unlock()
	select {
	case <-f.done:
		ok = true
	case <-ctx.Done():
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if tk != nil && tk.waiting[f] > 0 {
		if tk.waiting[f]--; tk.waiting[f] == 0 {
			delete(tk.waiting, f)
		}
	}
	if ok {
		o = f.o
	}
	return o, ok
}

// reaches says whether the task from waits, directly or through the
// owners of the flights it waits for, for a flight of the task to (or is
// to); called with fs.mu held.
func reaches(from, to *task, seen map[*task]bool) bool {
	if from == to {
		return true
	}
	if from == nil || seen[from] {
		return false
	}
	seen[from] = true
	for f := range from.waiting {
		if f.owner != nil && reaches(f.owner, to, seen) {
			return true
		}
	}
	return false
}
