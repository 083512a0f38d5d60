package parsers

import (
	"path/filepath"
	"testing"
)

// TestPlanDiscovery checks how plan JSON enters a run: recognised by
// content when walked or named, left to its root's code when a walk finds
// it beside that code (else every cluster would be reported twice).
func TestPlanDiscovery(t *testing.T) {
	beside := filepath.Join("..", "testdata", "tfplan-beside-code-nat-pass")
	alone := filepath.Join("..", "testdata", "tfplan-nat-pass")
	tests := []struct {
		name      string
		paths     []string
		wantRoots []string // model roots, in order
	}{
		{"walked alone", []string{alone}, []string{filepath.Join(alone, "plan.json")}},
		{"named", []string{filepath.Join(alone, "plan.json")}, []string{filepath.Join(alone, "plan.json")}},
		{"walked beside its code", []string{beside}, []string{beside}},
		{"named beside its code", []string{filepath.Join(beside, "plan.json")}, []string{filepath.Join(beside, "plan.json")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, ds := Load(tt.paths, Options{})
			if ds.HasErrors() {
				t.Fatalf("Load: %v", ds)
			}
			var got []string
			for _, m := range set.Models {
				got = append(got, m.Root)
			}
			if len(got) != len(tt.wantRoots) {
				t.Fatalf("roots = %q, want %q", got, tt.wantRoots)
			}
			for i := range got {
				if absPath(got[i]) != absPath(tt.wantRoots[i]) {
					t.Errorf("roots = %q, want %q", got, tt.wantRoots)
				}
			}
			for _, m := range set.Models {
				if len(m.DBClusters) != 1 {
					t.Errorf("%s: %d clusters, want 1", m.Root, len(m.DBClusters))
				}
			}
		})
	}
}
