package main

import (
	"runtime/debug"

	"github.com/daslint/daslint/internal/gctune"
	"github.com/daslint/daslint/internal/hugeheap"
	"github.com/daslint/daslint/parsers"
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
func setGC(getenv func(string) string) (stop func(), sized func(parsers.InputSize)) {
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
		return t.Stop, func(in parsers.InputSize) {
			t.ExpectInput(in.Held)
			heap.Reserve(hugeheap.Size(in.Total, t.Limit()))
		}
	}
	return func() {}, nil
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
