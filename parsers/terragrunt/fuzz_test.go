package terragrunt

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead feeds arbitrary text to Read as a unit's terragrunt.hcl: it
// must not panic or read outside the tree, every diagnostic must name a
// file, and a unit must come out.
func FuzzRead(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "tg-*", "*", "terragrunt.hcl"))
	more, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "tg-*", "*", "*", "terragrunt.hcl"))
	for _, s := range append(seeds, more...) {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`terraform { source = "../modules//vpc" }
inputs = { cidr = get_env("CIDR", "10.0.0.0/16") }`))
	f.Add([]byte(`include "root" { path = find_in_parent_folders() }`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tree := t.TempDir()
		dir := filepath.Join(tree, "live", "unit")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, FileName), data, 0o644); err != nil {
			t.Fatal(err)
		}
		u, ds := Read(dir, Options{Tree: tree, MaxFileBytes: 1 << 20})
		if u == nil {
			t.Fatal("nil unit")
		}
		for _, d := range ds {
			if d.Range.File == "" {
				t.Errorf("diagnostic without a file: %v", d)
			}
		}
	})
}
