package parsers

import (
	"os"
	"path/filepath"
	"testing"
)

func TestInputSize(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, n int) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, make([]byte, n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("big/main.tf", 300)
	write("big/vars.tf.json", 200)
	write("big/README.md", 10000)    // not Terraform
	write("big/sub/inner.tf", 10000) // another directory
	write("mid/main.tf", 250)
	write("small/main.tf", 10)
	write("stack.yaml", 40)
	if err := os.Symlink(filepath.Join(dir, "big", "main.tf"), filepath.Join(dir, "mid", "link.tf")); err != nil {
		t.Fatal(err)
	}
	roots := []root{
		{kind: terraformRoot, path: filepath.Join(dir, "small")},
		{kind: terraformRoot, path: filepath.Join(dir, "big")},
		{kind: templateFile, path: filepath.Join(dir, "stack.yaml")},
		{kind: terraformRoot, path: filepath.Join(dir, "mid")},
		{kind: terraformRoot, path: filepath.Join(dir, "missing")},
	}
	for _, tt := range []struct {
		jobs int
		want int64
	}{
		{1, 500},
		{2, 750},
		{0, 500},
		{9, 800},
	} {
		if got := inputSize(roots, tt.jobs); got != (InputSize{Held: tt.want, Total: 800}) {
			t.Errorf("inputSize(jobs %d) = %+v, want held %d of 800", tt.jobs, got, tt.want)
		}
	}
	if got := inputSize(nil, 2); got != (InputSize{}) {
		t.Errorf("inputSize of no root = %+v", got)
	}
}
