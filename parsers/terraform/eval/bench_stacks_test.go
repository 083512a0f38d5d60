package eval

import (
	"fmt"
	"testing"

	"github.com/daslint/daslint/internal/stress"
)

// BenchmarkEvaluateStacks evaluates the one-root tree of the peer
// comparison (issue 10, stress.WriteStacks) of 100 and 2,000 stacks. The
// "parsed" cases share a warm parse cache, so that they measure the
// evaluation walk alone; the others parse every file too, as a run does.
func BenchmarkEvaluateStacks(b *testing.B) {
	for _, n := range []int{100, 2000} {
		dir := b.TempDir()
		if err := stress.WriteStacks(dir, n); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			benchEvaluate(b, dir, n, Options{})
		})
		b.Run(fmt.Sprintf("%d-parsed", n), func(b *testing.B) {
			opts := Options{Cache: NewParseCache(), SharedRoot: true}
			Evaluate(dir, opts) // warm the cache
			benchEvaluate(b, dir, n, opts)
		})
	}
}

func benchEvaluate(b *testing.B, dir string, n int, opts Options) {
	b.ReportAllocs()
	for b.Loop() {
		res, ds := Evaluate(dir, opts)
		if ds.HasErrors() || len(res.Instances) != n*stress.ResourcesPerStack {
			b.Fatalf("%d instances, diagnostics %v", len(res.Instances), ds)
		}
	}
}
