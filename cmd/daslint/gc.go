package main

import (
	"runtime/debug"

	"github.com/daslint/daslint/internal/gctune"
)

// The collector's settings; docs/memory.md has the measurements behind
// them.
//
// daslint is a short-lived process that builds one large graph, mostly
// live until a root is evaluated. With neither GOGC nor GOMEMLIMIT set,
// the collector is driven by a memory limit of gcBase alone (gctune): a
// run collects only when its heap reaches it, which a small root never
// does, and a tree of 18,000 resources runs within it. gcBase is the
// largest limit whose run stays under 150 MB of peak RSS: the limit
// counts the Go heap and runtime, not the binary's own pages (about
// 8 MiB more). A run whose live
// heap outgrows it (leaves less than half of itself, gcRoom, to grow
// into) is handed to GOGC=gcHandOver for the rest of the run, so that its
// time in the collector stays in proportion to the tree.
const (
	gcBase     = 132 << 20
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
// The limit follows the live heap only when the environment sets neither.
// It returns what stops the tuning, if any.
func setGC(getenv func(string) string) (stop func()) {
	plan := gcSettings(getenv)
	if plan.percent != nil {
		debug.SetGCPercent(*plan.percent)
	}
	if plan.limit != nil {
		debug.SetMemoryLimit(*plan.limit)
	}
	if plan.tune {
		t := gctune.New(gcBase, gcRoom, gcHandOver)
		t.Start()
		return t.Stop
	}
	return func() {}
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
