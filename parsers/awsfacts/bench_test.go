package awsfacts

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkSnapshot reads a whole facts folder (every describe-* file of one
// account) into a snapshot and finishes its model.
func BenchmarkSnapshot(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "facts-audit-started-stream-nat-pass", "facts", "*.json"))
	if len(files) == 0 {
		b.Skip("no facts fixture")
	}
	data := make([][]byte, len(files))
	for i, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data[i] = d
	}
	b.ReportAllocs()
	for b.Loop() {
		s := NewSnapshot()
		for i, f := range files {
			s.Add(f, data[i])
		}
		if s.Model(Options{Audit: true}) == nil {
			b.Fatal("nil model")
		}
	}
}
