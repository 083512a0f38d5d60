package main

import (
	"runtime/debug"

	"github.com/daslint/daslint/internal/gctune"
	"github.com/daslint/daslint/internal/hugeheap"
)

// The collector's settings when the environment sets neither GOGC nor
// GOMEMLIMIT are gctune.Default's: a memory limit alone, raised with the
// size of the input once the roots to lint are found
// (parsers.Options.Sized); docs/memory.md has the measurements behind
// them. gcPercent and gcLimit are the settings when the environment sets
// one of the two: GOGC=400, a limit of 2 GiB.
const (
	gcPercent = 400
	gcLimit   = 2 << 30
)

// gcPlan is what setGC does: each setting is nil when the environment
// makes it, and tune starts a gctune.Tuner.
type gcPlan struct {
	percent *int
	limit   *int64
	tune    bool
}

// setGC applies the collector's settings, each unless the environment
// sets it (GOGC, GOMEMLIMIT): the runtime has read those already, and a
// user who sets one, to trade time for memory, gets what they asked for.
// The limit is tuned only when the environment sets neither. It returns
// what stops the tuning and what budgets the run by the size of its input
// (nil when the limit is not tuned).
func setGC(getenv func(string) string) (stop func(), sized func(bytes int64)) {
	plan := gcSettings(getenv)
	if plan.percent != nil {
		debug.SetGCPercent(*plan.percent)
	}
	if plan.limit != nil {
		debug.SetMemoryLimit(*plan.limit)
	}
	if plan.tune {
		t := gctune.Default()
		t.Start()
		heap := hugeheap.New(getenv)
		return t.Stop, func(bytes int64) {
			t.ExpectInput(bytes)
			if n := hugeReserve(bytes, t.Limit()); n > 0 {
				heap.Reserve(n)
			}
		}
	}
	return func() {}, nil
}

// A run that holds at least hugeInput bytes of input at once reserves
// hugePerByte times that much heap in huge pages (package hugeheap), at
// most three quarters of its memory limit, so that the reservation, free
// memory, stays clear of the limit and of the scavenger (which gives back
// memory past 95% of it), and so that a run near its limit keeps its peak
// RSS: a huge page is resident whole once touched, and with nine tenths
// reserved the 2,000-stack tree peaked at 180 MB instead of 134 MB.
// Below hugeInput the collection that reserving
// takes costs about what the huge pages save. On the AMD machine of
// docs/memory.md (median of 11 alternated runs): a tree of 10 stacks
// (27 kB, no reservation) 24 ms either way, 30 stacks (71 kB) 25 ms
// instead of 34, 100 stacks (228 kB) 42 ms instead of 75.
const (
	hugeInput   = 32 << 10
	hugePerByte = 128
)

// hugeReserve returns how much heap a run that holds bytes of input at
// once, under the memory limit, reserves in huge pages: 0 for none.
func hugeReserve(bytes, limit int64) int64 {
	if bytes < hugeInput {
		return 0
	}
	most := limit / 4 * 3
	if bytes >= most/hugePerByte {
		return most
	}
	return hugePerByte * bytes
}

// gcSettings returns the plan setGC carries out.
func gcSettings(getenv func(string) string) gcPlan {
	var plan gcPlan
	gogc, limit := getenv("GOGC") != "", getenv("GOMEMLIMIT") != ""
	switch {
	case !gogc && !limit:
		plan.tune = true
	case !gogc:
		p := gcPercent
		plan.percent = &p
	case !limit:
		l := int64(gcLimit)
		plan.limit = &l
	}
	return plan
}
