package hugeheap

// How much a run reserves (Size). A run that reads at least MinInput bytes
// of input reserves PerByte times that much heap in huge pages, but leaves
// a tenth of its memory limit and Margin more unreserved (a quarter at
// most). The reservation is free memory once reserved, and the scavenger
// gives free memory back, 4 kB at a time, breaking the huge pages, as soon
// as the runtime holds more than 95% of the limit: a twentieth keeps it
// clear of that. The runtime's own memory (span and GC metadata, stacks),
// which grows with the heap, counts too: the other twentieth and Margin.
// The edge is sharp: under the 132 MB limit of the 2,000-stack tree,
// reserving 116 MB peaked at 137 MB of RSS, 118.8 MB (nine tenths) at 173
// MB, since a huge page is resident whole once touched. What the heap
// takes beyond the reservation is faulted in 4 kB at a time: reserving a
// quarter less than the limit, as the first version did, left the
// 1,111-stack tree 6,230 faults and the 2,222-stack tree 8,779, against
// 2,822 and 5,198 now (median of 7 alternated runs; peak RSS 130 and 147
// MB either way).
// Below MinInput the collection that reserving takes costs about what the
// huge pages save. On the AMD machine of docs/memory.md (median of 11
// alternated runs): a tree of 10 stacks (27 kB, no reservation) 24 ms
// either way, 30 stacks (71 kB) 25 ms instead of 34, 100 stacks (228 kB)
// 42 ms instead of 75.
const (
	MinInput = 32 << 10
	PerByte  = 128
	Margin   = 6 << 20
)

// Size returns how much heap a run that reads bytes of input, under the
// memory limit limit, reserves in huge pages: 0 for none.
func Size(bytes, limit int64) int64 {
	if bytes < MinInput {
		return 0
	}
	most := limit - min(limit/10+Margin, limit/4)
	if bytes >= most/PerByte {
		return most
	}
	return PerByte * bytes
}
