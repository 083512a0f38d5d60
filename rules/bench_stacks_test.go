package rules

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daslint/daslint/internal/stress"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
	"github.com/daslint/daslint/parsers"
)

// stacksModel reads the one-root tree of stress.WriteStacks with n stacks;
// failing turns every KMS endpoint into an S3 one, so that every cluster
// fails with a DAS001 finding.
func stacksModel(tb testing.TB, n int, failing bool) *model.Model {
	tb.Helper()
	dir := tb.TempDir()
	if err := stress.WriteStacks(dir, n); err != nil {
		tb.Fatal(err)
	}
	for i := range n {
		if !failing {
			break
		}
		text := strings.ReplaceAll(stress.StackText(i), ".kms\"", ".s3\"")
		if err := os.WriteFile(filepath.Join(dir, stress.StackName(i)+".tf"), []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	set, ds := parsers.Load([]string{dir}, parsers.Options{})
	if ds.HasErrors() || len(set.Models) != 1 {
		tb.Fatalf("%d models, diagnostics %v", len(set.Models), ds)
	}
	return set.Models[0]
}

// BenchmarkRulesStacks runs every rule over the analysis of the stacks
// tree, passing and failing: the analysis is done once, outside the timer.
func BenchmarkRulesStacks(b *testing.B) {
	for _, n := range []int{100, 2000} {
		for _, failing := range []bool{false, true} {
			b.Run(fmt.Sprintf("stacks=%d/failing=%v", n, failing), func(b *testing.B) {
				m := stacksModel(b, n, failing)
				clusters := network.Analyze(m, network.Options{})
				analyze := func(context.Context, *model.Model, network.Options) ([]network.ClusterResult, error) {
					return clusters, nil
				}
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					res, err := run(context.Background(), []*model.Model{m}, All(), Options{}, analyze)
					if err != nil || len(res) != 1 {
						b.Fatal(err)
					}
					if failing && len(res[0].Findings) != n {
						b.Fatalf("%d findings, want %d", len(res[0].Findings), n)
					}
				}
			})
		}
	}
}
