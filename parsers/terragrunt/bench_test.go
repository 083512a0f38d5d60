package terragrunt

import (
	"path/filepath"
	"testing"
)

// BenchmarkRead reads a unit that includes its parent configuration with a
// deep merge, evaluating locals, functions and inputs.
func BenchmarkRead(b *testing.B) {
	tree, err := filepath.Abs(filepath.Join("..", "..", "testdata", "tg-include-deep-merge-pass"))
	if err != nil {
		b.Fatal(err)
	}
	units, _ := filepath.Glob(filepath.Join(tree, "live", "*", "*", FileName))
	if len(units) == 0 {
		b.Skip("no unit in the fixture")
	}
	dir := filepath.Dir(units[0])
	b.ReportAllocs()
	for b.Loop() {
		if u, _ := Read(dir, Options{Tree: tree}); u == nil {
			b.Fatal("nil unit")
		}
	}
}
