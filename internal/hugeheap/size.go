package hugeheap

// How much a run reserves (Size). A run that reads at least MinInput bytes
// of input reserves PerByte times that much heap in huge pages, but leaves
// Headroom of its memory limit unreserved: the runtime's own memory
// (stacks, span and GC metadata, memory freed but not yet reused) counts
// against the limit too, so the heap's goal under a limit of L is less
// than L by about that much, and what the heap takes beyond the
// reservation is faulted in 4 kB at a time. The headroom is at least a
// tenth of the limit, so that the reservation, free memory, stays clear of
// the scavenger (which gives back memory past 95% of the limit), and at
// most a quarter, so that a run near its limit keeps its peak RSS: a huge
// page is resident whole once touched, and with nine tenths of 132 MB
// reserved daslint's 2,000-stack tree peaked at 180 MB instead of 134 MB.
// Below MinInput the collection that reserving takes costs about what the
// huge pages save. On the AMD machine of docs/memory.md (median of 11
// alternated runs): a tree of 10 stacks (27 kB, no reservation) 24 ms
// either way, 30 stacks (71 kB) 25 ms instead of 34, 100 stacks (228 kB)
// 42 ms instead of 75. With a quarter of every limit left as headroom,
// the 4,444-stack tree (a limit of 282 MB) took 17,600 page faults and
// 1.22 s; with 40 MB, 8,900 and 1.09 s, at the same peak RSS.
const (
	MinInput = 32 << 10
	PerByte  = 128
	Headroom = 40 << 20
)

// Size returns how much heap a run that reads bytes of input, under the
// memory limit limit, reserves in huge pages: 0 for none.
func Size(bytes, limit int64) int64 {
	if bytes < MinInput {
		return 0
	}
	most := limit - min(max(Headroom, limit/10), limit/4)
	if bytes >= most/PerByte {
		return most
	}
	return PerByte * bytes
}
