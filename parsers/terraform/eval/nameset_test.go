package eval

import (
	"fmt"
	"slices"
	"testing"
)

// sortedNames are the names of s, sorted.
func sortedNames(s *nameSet) []string {
	var out []string
	s.all(func(n string) { out = append(out, n) })
	slices.Sort(out)
	return out
}

// TestNameSet adds names to sets below, at and past the list's size, with
// repeats, and checks that each set holds each name once, the same set a
// map would be.
func TestNameSet(t *testing.T) {
	for _, n := range []int{0, 1, nameSetList - 1, nameSetList, nameSetList + 1, 10 * nameSetList} {
		var s nameSet
		want := map[string]bool{}
		for i := range 3 * n {
			name := fmt.Sprint("a", i%n+1) // each name three times
			s.add(name)
			want[name] = true
		}
		got := sortedNames(&s)
		var wantList []string
		for k := range want {
			wantList = append(wantList, k)
		}
		slices.Sort(wantList)
		if !slices.Equal(got, wantList) || s.len() != len(want) {
			t.Errorf("%d names: set holds %v (len %d), want %v", n, got, s.len(), wantList)
		}
		if (s.set != nil) != (len(want) > nameSetList) {
			t.Errorf("%d names: held in a map: %v", n, s.set != nil)
		}
	}
	var none *nameSet
	if none.len() != 0 || sortedNames(none) != nil {
		t.Error("a nil set is not empty")
	}
}

// BenchmarkNameSetAdd adds 100,000 distinct names to one set: a file that
// reads that many attributes of one resource must not take quadratic time.
func BenchmarkNameSetAdd(b *testing.B) {
	names := make([]string, 100_000)
	for i := range names {
		names[i] = fmt.Sprint("x", i)
	}
	for b.Loop() {
		var s nameSet
		for _, n := range names {
			s.add(n)
		}
	}
}
