package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/diag"
)

// TestDocumentInPartsAgrees builds the report of a tree of 150 stacks,
// passing and failing, with the clusters' records made one after the other
// and by two and three goroutines in parts: the reports must be equal.
func TestDocumentInPartsAgrees(t *testing.T) {
	for _, failing := range []bool{false, true} {
		set, results, _ := stacksDocument(t, 150, failing)
		want := documentIn(set, results, diag.Diagnostics{}, "test", nil, 1)
		for _, workers := range []int{2, 3} {
			got := documentIn(set, results, diag.Diagnostics{}, "test", nil, workers)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("failing=%v, %d workers: the report differs from the one made in order (-order +parts):\n%s", failing, workers, diff)
			}
		}
	}
}
