package parsers

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/daslint/daslint/parsers/terraform/eval"
)

// TestFlightsEvaluateOnce: readers that ask for the same key at the same
// time share one evaluation; the evaluation runs until every reader has
// asked, so none can have come after it finished.
func TestFlightsEvaluateOnce(t *testing.T) {
	var fs flights
	const readers = 8
	var calls atomic.Int32
	var asked sync.WaitGroup
	asked.Add(readers)
	rr := &eval.RemoteRoot{Name: "network"}
	compute := func() outcome {
		calls.Add(1)
		asked.Wait()
		return outcome{rr: rr, pure: true}
	}
	var wg sync.WaitGroup
	got := make([]*eval.RemoteRoot, readers)
	for i := range readers {
		wg.Go(func() {
			tk := &task{}
			asked.Done() // about to ask
			got[i] = fs.do(t.Context(), "network", tk, compute).rr
		})
	}
	wg.Wait()
	if calls.Load() != 1 {
		t.Errorf("%d evaluations, want 1", calls.Load())
	}
	for i, g := range got {
		if g != rr {
			t.Errorf("reader %d got %v, want the shared result", i, g)
		}
	}
}

// TestFlightsCycleDoesNotDeadlock: task 1 evaluates a, which reads b;
// task 2 evaluates b, which reads a; both have started before either
// asks. Waiting for each other would never end: the second to ask
// evaluates for itself instead (where its chain would find the cycle).
func TestFlightsCycleDoesNotDeadlock(t *testing.T) {
	var fs flights
	started := make(chan struct{}, 2)
	bothStarted := make(chan struct{})
	go func() { <-started; <-started; close(bothStarted) }()
	var private atomic.Int32
	eval := func(tk *task, self, other string) outcome {
		return fs.do(t.Context(), self, tk, func() outcome {
			started <- struct{}{}
			<-bothStarted
			inner := fs.do(t.Context(), other, tk, func() outcome {
				private.Add(1) // evaluated for itself: the cycle
				return outcome{pure: false}
			})
			return outcome{pure: inner.pure}
		})
	}
	var wg sync.WaitGroup
	wg.Go(func() { eval(&task{}, "a", "b") })
	wg.Go(func() { eval(&task{}, "b", "a") })
	wg.Wait()
	if private.Load() < 1 {
		t.Errorf("no task evaluated for itself: one must, or both would wait for ever")
	}
}

// TestFlightsTaintedNotShared: an evaluation that met a cycle depends on
// its chain: the next reader evaluates again; a pure one is kept.
func TestFlightsTaintedNotShared(t *testing.T) {
	var fs flights
	calls := 0
	for _, pure := range []bool{false, false, true, true} {
		fs.do(context.Background(), "k", &task{}, func() outcome {
			calls++
			return outcome{pure: pure}
		})
	}
	if calls != 3 {
		t.Errorf("%d evaluations, want 3 (two tainted, then one kept)", calls)
	}
}

// TestFlightsTakeOnce: a root's own lint takes the evaluation made for
// another root once; nothing is left for a second take.
func TestFlightsTakeOnce(t *testing.T) {
	var fs flights
	ev := &evaluation{}
	fs.do(context.Background(), "k", &task{}, func() outcome { return outcome{pure: true, ev: ev} })
	if got := fs.take(context.Background(), "k", &task{}); got != ev {
		t.Errorf("take = %v, want the evaluation", got)
	}
	if got := fs.take(context.Background(), "k", &task{}); got != nil {
		t.Errorf("second take = %v, want nil", got)
	}
	if got := fs.take(context.Background(), "none", &task{}); got != nil {
		t.Errorf("take of a key never evaluated = %v, want nil", got)
	}
}
