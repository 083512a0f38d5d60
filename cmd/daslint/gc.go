package main

import (
	"runtime/debug"

	"github.com/daslint/daslint/internal/gctune"
)

// The collector's settings; docs/memory.md has the measurements behind
// them.
//
// daslint is a short-lived process that builds one large graph per root,
// mostly live until the root is evaluated. With neither GOGC nor
// GOMEMLIMIT set, the collector is driven by a memory limit alone
// (gctune): gcFloor, which a small run never reaches (it makes no
// collection at all) and within which a root of 18,000 resources (4.5 MB
// of files) runs; and, for a larger input, gcPerByte times the size of the
// files read at once (parsers.Options.Sized, known once the roots to lint
// are found), so that a tree twice as large gets twice the memory. gcFloor
// is the largest limit whose run stays under 150 MB of peak RSS: the limit
// counts the Go heap and runtime, not the binary's own pages (about 8 MiB
// more). A run whose live heap outgrows its limit (leaves less than half
// of itself, gcRoom, to grow into: the size missed what it reads beyond
// its own files, such as modules) is handed to GOGC=gcHandOver for the
// rest of the run.
const (
	gcFloor    = 132 << 20
	gcPerByte  = 30
	gcRoom     = 0.5
	gcHandOver = 200
	// gcPercent and gcLimit are the settings when the environment sets
	// one of GOGC and GOMEMLIMIT: GOGC=400, a limit of 2 GiB.
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
		t := gctune.New(gcFloor, gcRoom, gcHandOver)
		t.Start()
		return t.Stop, func(bytes int64) { t.Expect(budget(bytes)) }
	}
	return func() {}, nil
}

// budget is the memory limit for a run that reads bytes of input at once.
func budget(bytes int64) int64 {
	const most = int64(1) << 62
	if bytes >= most/gcPerByte {
		return most
	}
	return max(gcFloor, gcPerByte*bytes)
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
