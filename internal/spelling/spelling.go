// Package spelling finds the name a misspelt name most likely meant, for
// "did you mean" hints in diagnostics (configuration keys, CloudFormation
// property and resource type names).
package spelling

import (
	"strings"
	"unicode/utf8"
)

// Closest returns the candidate that name most likely misspells, or "" when
// none is close: first a candidate equal but for case, then the candidate
// at the smallest edit distance within budget(number of letters in name).
// Ties go to the first candidate in order; name itself is never suggested.
func Closest(name string, candidates []string, budget func(n int) int) string {
	for _, c := range candidates {
		if c != name && strings.EqualFold(c, name) {
			return c
		}
	}
	best, bestDist := "", budget(utf8.RuneCountInString(name))+1
	for _, c := range candidates {
		if c == name {
			continue
		}
		if d := Distance(name, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Distance is the optimal string alignment distance between a and b,
// ignoring case: inserting, deleting or replacing a letter, or swapping two
// adjacent ones (Subent for Subnet is one slip, not two), is one edit.
func Distance(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	// rows i-2, i-1 and i of the distance matrix
	prev2, prev, cur := make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
