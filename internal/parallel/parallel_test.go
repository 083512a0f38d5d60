package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestForEachCallsEachIndexOnce(t *testing.T) {
	for _, c := range []struct{ n, w int }{{0, 4}, {1, 4}, {5, 1}, {5, 2}, {100, 3}, {3, 8}, {7, 0}, {7, -1}} {
		calls := make([]atomic.Int32, c.n)
		ForEach(c.n, c.w, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if got := calls[i].Load(); got != 1 {
				t.Errorf("n=%d w=%d: index %d called %d times", c.n, c.w, i, got)
			}
		}
	}
}

// One worker calls in order on the caller's goroutine: callers that need
// sequential behaviour (tests, Jobs: 1) rely on it.
func TestForEachOneWorkerInOrder(t *testing.T) {
	var got []int
	ForEach(5, 1, func(i int) { got = append(got, i) })
	for i, v := range got {
		if v != i {
			t.Fatalf("calls in order %v, want 0..4", got)
		}
	}
	if len(got) != 5 {
		t.Fatalf("%d calls, want 5", len(got))
	}
}

// Several workers run at once: a call waits until another has started.
func TestForEachRunsConcurrently(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one processor")
	}
	started := make(chan struct{})
	ForEach(2, 2, func(i int) {
		if i == 0 {
			<-started
		} else {
			close(started)
		}
	})
}

func TestWorkers(t *testing.T) {
	if Workers(3) != 3 || Workers(0) != runtime.GOMAXPROCS(0) || Workers(-2) != runtime.GOMAXPROCS(0) {
		t.Errorf("Workers(3, 0, -2) = %d, %d, %d", Workers(3), Workers(0), Workers(-2))
	}
}
