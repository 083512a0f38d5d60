package tfplan

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkLoadPlan reads a real plan of a VPC, NAT gateway and Aurora
// cluster into the model.
func BenchmarkLoadPlan(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "tfplan-module-outputs-nat-pass", "plan.json"))
	if err != nil {
		b.Skip(err)
	}
	dir := b.TempDir()
	path := filepath.Join(dir, "plan.json")
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if m, _, _ := Load(path, data, Options{Root: dir}); m == nil {
			b.Fatal("nil model")
		}
	}
}
