package terraform

import (
	"fmt"
	"testing"

	"github.com/daslint/daslint/internal/stress"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// BenchmarkToModelStacks translates the evaluated one-root tree of the
// peer comparison (issue 10, stress.WriteStacks) of 100 and 2,000 stacks
// into a model: the translation alone, evaluation done once beforehand.
func BenchmarkToModelStacks(b *testing.B) {
	for _, n := range []int{100, 2000} {
		dir := b.TempDir()
		if err := stress.WriteStacks(dir, n); err != nil {
			b.Fatal(err)
		}
		res, ds := eval.Evaluate(dir, eval.Options{})
		if ds.HasErrors() {
			b.Fatal(ds)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m, _ := toModel(res, Options{})
				if len(m.DBClusters) != n || len(m.ActivityStreams) != n {
					b.Fatalf("got %d clusters, %d streams; want %d", len(m.DBClusters), len(m.ActivityStreams), n)
				}
			}
		})
	}
}
