package goldenroots

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestTerraform(t *testing.T) {
	top := t.TempDir()
	for _, f := range []string{"a/a.tf", "a/main.tf", "a/b/x.tf", "a/z.tf", "c/readme.md", ".hidden/y.tf", "d/.e/z.tf", "top.tf"} {
		p := filepath.Join(top, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Terraform(top)
	if err != nil {
		t.Fatal(err)
	}
	// a/a.tf is walked before a/b, a/z.tf after: a once.
	want := []string{filepath.Join(top, "a"), filepath.Join(top, "a", "b"), top}
	if !slices.Equal(got, want) {
		t.Errorf("Terraform = %q, want %q", got, want)
	}
	if _, err := Terraform(filepath.Join(top, "missing")); err == nil {
		t.Error("Terraform of a missing directory: no error")
	}
}
