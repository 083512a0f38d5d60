package eval

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// randomInstances are n instances of a few types and names, in a few
// modules and files, many of them equal in every sort key, so that the
// order among equals shows.
func randomInstances(n int, r *rand.Rand) []*Instance {
	modules := []string{"", "module.a.", "module.a.module.b.", "module.c[0].", `module.d["x"].`}
	out := make([]*Instance, n)
	for i := range out {
		typ, name := []string{"aws_vpc", "aws_subnet"}[r.IntN(2)], fmt.Sprintf("n%d", r.IntN(3))
		in := &Instance{Type: typ, Name: name, Mode: Managed}
		local := typ + "." + name
		if r.IntN(5) == 0 {
			in.Mode, local = Data, "data."+local
		}
		in.Address = modules[r.IntN(len(modules))] + local + fmt.Sprintf("[%d]", i)
		in.DefRange = hcl.Range{Filename: []string{"a.tf", "b.tf"}[r.IntN(2)], Start: hcl.Pos{Line: 1 + r.IntN(3)}}
		out[i] = in
	}
	return out
}

// TestSortInstancesAsComparedEachTime sorts random instances with
// sortInstances and with the comparison that reads the module paths at
// every step (sort.SliceStable): the same order, ties in their first order.
func TestSortInstancesAsComparedEachTime(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		got := randomInstances(1+r.IntN(300), r)
		want := slices.Clone(got)
		sort.SliceStable(want, func(i, j int) bool {
			a, b := want[i], want[j]
			if pa, pb := modulePath(a), modulePath(b); pa != pb {
				return pa < pb
			}
			if a.DefRange.Filename != b.DefRange.Filename {
				return a.DefRange.Filename < b.DefRange.Filename
			}
			return a.DefRange.Start.Line < b.DefRange.Start.Line
		})
		sortInstances(got)
		if !slices.Equal(got, want) {
			t.Fatalf("sortInstances gave another order than the stable sort")
		}
	}
}

// BenchmarkSortInstances sorts the instances of a root of 18,000.
func BenchmarkSortInstances(b *testing.B) {
	base := randomInstances(18_000, rand.New(rand.NewPCG(3, 4)))
	insts := make([]*Instance, len(base))
	b.ReportAllocs()
	for b.Loop() {
		copy(insts, base)
		sortInstances(insts)
	}
}
