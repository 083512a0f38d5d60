// Package hugeheap asks Linux to back the Go heap with transparent huge
// pages where the system leaves that to each program (THP "madvise").
//
// The Go runtime maps its heap in pages of 4 kB, and a run of daslint
// collects rarely or never under its memory limit (package gctune): nearly
// every page it allocates is one it touches for the first time, and each
// first touch is a page fault. Where faults are slow, as in a virtual
// machine whose faults cost about 11 µs each, they are most of a run's
// time. Reserve grows the heap by one large allocation, advises the kernel
// to back that range with huge pages (madvise MADV_HUGEPAGE), and frees it
// with one collection: the allocations that follow are carved from the
// freed range, one fault per 2 MB page instead of one per 4 kB.
//
// It does nothing where the system already gives huge pages to every
// program (THP "always") or to none ("never"), off Linux, and when GODEBUG
// holds disablethp=1, the runtime's own switch for keeping huge pages off
// the heap.
package hugeheap

import "strings"

// pageSize is the size of a huge page on the platforms daslint is built
// for (x86-64 and arm64 with 4 kB base pages); ranges are advised whole
// huge pages at a time.
const pageSize = 2 << 20

// Heap reserves huge-page-backed heap for one process.
type Heap struct {
	getenv func(string) string
	// mode reads the system's THP mode: "always", "madvise" or "never".
	mode     func() string
	reserved int64
}

// New returns a Heap that reads GODEBUG through getenv.
func New(getenv func(string) string) *Heap {
	return &Heap{getenv: getenv, mode: systemMode}
}

// Reserve makes at least n bytes of free heap eligible for huge pages,
// unless as much was reserved before, and returns how many bytes it
// advised: 0 when it did nothing.
func (h *Heap) Reserve(n int64) int64 {
	n &^= pageSize - 1
	if n <= h.reserved || !h.wanted() {
		return 0
	}
	// Tried once per size: a kernel that refused the advice refuses it
	// again, and each try costs a collection.
	h.reserved = n
	if !reserve(n) {
		return 0
	}
	return n
}

// wanted reports whether advising the heap can change anything: the
// system gives huge pages only where asked, and GODEBUG does not turn them
// off.
func (h *Heap) wanted() bool {
	for _, setting := range strings.Split(h.getenv("GODEBUG"), ",") {
		if strings.TrimSpace(setting) == "disablethp=1" {
			return false
		}
	}
	return h.mode() == "madvise"
}

// modeOf reads the mode that the kernel's THP setting selects: the word
// in brackets, as in "always [madvise] never".
func modeOf(setting string) string {
	_, rest, ok := strings.Cut(setting, "[")
	if !ok {
		return ""
	}
	mode, _, ok := strings.Cut(rest, "]")
	if !ok {
		return ""
	}
	return mode
}
