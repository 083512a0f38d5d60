package network

import (
	"context"
	"errors"
	"testing"
)

func TestAnalyzeContextStops(t *testing.T) {
	w := newWorld()
	res, err := AnalyzeContext(context.Background(), w.b.m, Options{})
	if err != nil || len(res) != 1 {
		t.Fatalf("AnalyzeContext = %d results, %v; want the world's one cluster", len(res), err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err = AnalyzeContext(ctx, w.b.m, Options{})
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Errorf("AnalyzeContext after cancel = %d results, %v; want none and context.Canceled", len(res), err)
	}
}
