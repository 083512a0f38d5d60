package network

import (
	"fmt"
	"testing"

	"github.com/daslint/daslint/internal/stress"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers"
)

// stacksModel reads the one-root tree of stress.WriteStacks with n stacks
// and returns its model: the model of the peer comparison (issue 10).
func stacksModel(tb testing.TB, n int) *model.Model {
	tb.Helper()
	dir := tb.TempDir()
	if err := stress.WriteStacks(dir, n); err != nil {
		tb.Fatal(err)
	}
	set, ds := parsers.Load([]string{dir}, parsers.Options{})
	if ds.HasErrors() || len(set.Models) != 1 {
		tb.Fatalf("%d models, diagnostics %v", len(set.Models), ds)
	}
	return set.Models[0]
}

// BenchmarkAnalyzeStacks analyses the model of 100 and 2,000 stacks, each
// a cluster that passes through its own KMS endpoint; the model is built
// once, outside the timer.
func BenchmarkAnalyzeStacks(b *testing.B) {
	for _, n := range []int{100, 2000} {
		b.Run(fmt.Sprintf("stacks=%d", n), func(b *testing.B) {
			m := stacksModel(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				res := Analyze(m, Options{})
				if len(res) != n || res[0].Verdict != model.True {
					b.Fatalf("got %d results, want %d passes", len(res), n)
				}
			}
		})
	}
}
