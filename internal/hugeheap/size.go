package hugeheap

// How much a run reserves (Size). A run that reads at least MinInput bytes
// of input reserves PerByte times that much heap in huge pages, at
// most three quarters of its memory limit, so that the reservation, free
// memory, stays clear of the limit and of the scavenger (which gives back
// memory past 95% of it), and so that a run near its limit keeps its peak
// RSS: a huge page is resident whole once touched, and with nine tenths
// reserved daslint's 2,000-stack tree peaked at 180 MB instead of 134 MB.
// Below MinInput the collection that reserving takes costs about what the
// huge pages save. On the AMD machine of docs/memory.md (median of 11
// alternated runs): a tree of 10 stacks (27 kB, no reservation) 24 ms
// either way, 30 stacks (71 kB) 25 ms instead of 34, 100 stacks (228 kB)
// 42 ms instead of 75.
const (
	MinInput = 32 << 10
	PerByte  = 128
)

// Size returns how much heap a run that reads bytes of input, under the
// memory limit limit, reserves in huge pages: 0 for none.
func Size(bytes, limit int64) int64 {
	if bytes < MinInput {
		return 0
	}
	most := limit / 4 * 3
	if bytes >= most/PerByte {
		return most
	}
	return PerByte * bytes
}
