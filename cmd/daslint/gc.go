package main

import (
	"runtime/debug"
)

// The collector's settings; docs/memory.md has the measurements behind
// them.
//
// daslint is a short-lived process that builds one large graph, mostly
// live until a root is evaluated: collecting less often (GOGC=400: the heap
// may grow to five times what the last collection found live) roughly
// halves the time spent in the collector on big trees, and the soft memory
// limit makes the collector work harder again before memory grows large.
// Every lower setting measured costs more time than it saves memory.
const (
	gcPercent = 400
	gcLimit   = 2 << 30
)

// setGC applies the collector's settings, each unless the environment
// sets it (GOGC, GOMEMLIMIT): the runtime has read those already, and a
// user who sets one, to trade time for memory, gets what they asked for.
func setGC(getenv func(string) string) {
	percent, limit := gcSettings(getenv)
	if percent != nil {
		debug.SetGCPercent(*percent)
	}
	if limit != nil {
		debug.SetMemoryLimit(*limit)
	}
}

// gcSettings returns the settings setGC applies: nil for one that the
// environment sets.
func gcSettings(getenv func(string) string) (percent *int, limit *int64) {
	if getenv("GOGC") == "" {
		p := gcPercent
		percent = &p
	}
	if getenv("GOMEMLIMIT") == "" {
		l := int64(gcLimit)
		limit = &l
	}
	return percent, limit
}
