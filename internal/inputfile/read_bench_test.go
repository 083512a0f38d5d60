package inputfile

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRead reads 200 small files two directories below the tree, as
// a root module's files are read: the system calls around each read are
// most of its cost.
func BenchmarkRead(b *testing.B) {
	tree := Tree(b.TempDir())
	dir := filepath.Join(tree, "envs", "prod")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	var names []string
	for i := range 200 {
		p := filepath.Join(dir, fmt.Sprintf("f%03d.tf", i))
		if err := os.WriteFile(p, []byte("resource \"aws_vpc\" \"x\" {}\n"), 0o644); err != nil {
			b.Fatal(err)
		}
		names = append(names, p)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range names {
			if _, problem := Read(p, tree, 1<<20); problem != nil {
				b.Fatal(problem)
			}
		}
	}
}
