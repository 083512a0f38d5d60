package rules

import (
	"context"
	"errors"
	"testing"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

// TestRunContextStops cancels the run while the second model is analysed:
// the first model's result is returned in full, the others not at all.
func TestRunContextStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	analyze := func(ctx context.Context, m *model.Model, _ network.Options) ([]network.ClusterResult, error) {
		if m.Root == "b" {
			cancel()
			return nil, ctx.Err()
		}
		return fixture(), nil
	}
	models := []*model.Model{{Root: "a"}, nil, {Root: "b"}, {Root: "c"}}
	res, err := run(ctx, models, All(), Options{}, analyze)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if len(res) != 1 || res[0].Model.Root != "a" || len(res[0].Clusters) != 3 || len(res[0].Findings) == 0 {
		t.Fatalf("results = %+v; want the whole result of model a only", res)
	}
}
