package config

import "strings"

// suggestion returns ` (did you mean "x"?)` for the candidate that name
// most likely misspells, or "". A misspelling is a name equal but for case,
// or at most one edit per four letters (at least one) away.
func suggestion(name string, candidates []string) string {
	best, bestDist := "", max(1, len(name)/4)+1
	for _, c := range candidates {
		if strings.EqualFold(c, name) {
			return ` (did you mean "` + c + `"?)`
		}
		if d := distance(strings.ToLower(name), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return ` (did you mean "` + best + `"?)`
}

// distance is the optimal string alignment distance between a and b, in
// bytes (keys are ASCII): inserting, deleting or replacing a letter, or
// swapping two adjacent ones (regoin is one slip from region), is one edit.
func distance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
