package network

import (
	"context"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/daslint/daslint/model"
)

// The clusters of a model are analysed on several goroutines; the results
// must be the same, in the same order, whatever their number. Models: the
// VPC layout of BenchmarkAnalyze, and random models of the fuzz test, whose
// unknowns, maybe objects and shared objects exercise every path.
func TestAnalyzeSameForAnyWorkers(t *testing.T) {
	models := []*model.Model{bigModel(40)}
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		data := make([]byte, 40+r.IntN(200))
		for i := range data {
			data[i] = byte(r.IntN(256))
		}
		models = append(models, buildFuzzModel(data))
	}
	several := 0
	for i, m := range models {
		for _, all := range []bool{false, true} {
			one := Analyze(m, Options{AllClusters: all, Workers: 1})
			if len(one) > 1 {
				several++
			}
			for _, w := range []int{2, 4, 16} {
				if got := Analyze(m, Options{AllClusters: all, Workers: w}); !reflect.DeepEqual(got, one) {
					t.Fatalf("model %d (all clusters %v): %d workers give other results than one", i, all, w)
				}
			}
		}
	}
	if several < 10 {
		t.Fatalf("only %d models have several results; the test compares nothing", several)
	}
}

// A context that ends while several workers run still gives no results.
func TestAnalyzeContextCancelledWithWorkers(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out, err := AnalyzeContext(ctx, bigModel(20), Options{Workers: 4})
	if err == nil || out != nil {
		t.Fatalf("got %d results, error %v", len(out), err)
	}
}
