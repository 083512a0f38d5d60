// Package parallel runs independent calls on a bounded number of
// goroutines, in a way whose outcome does not depend on that number: each
// call writes only its own results, in its own slot, which the caller reads
// in index order once every call has returned.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers is the number of goroutines that ForEach uses for a requested
// count: n when positive, else runtime.GOMAXPROCS(0).
func Workers(n int) int {
	if n > 0 {
		return n
	}
	return runtime.GOMAXPROCS(0)
}

// ForEach calls f(0), …, f(n-1) on at most Workers(workers) goroutines,
// which take the indexes in increasing order, and returns when every call
// has. With one worker or one index the calls are made in order on the
// caller's goroutine.
func ForEach(n, workers int, f func(i int)) {
	w := min(Workers(workers), n)
	if w <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range w {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}
