package config

import "github.com/daslint/daslint/internal/spelling"

// suggestion returns ` (did you mean "x"?)` for the candidate that name
// most likely misspells, or "": a name equal but for case, or at most one
// edit per four letters (at least one) away.
func suggestion(name string, candidates []string) string {
	best := spelling.Closest(name, candidates, func(n int) int { return max(1, n/4) })
	if best == "" {
		return ""
	}
	return ` (did you mean "` + best + `"?)`
}
