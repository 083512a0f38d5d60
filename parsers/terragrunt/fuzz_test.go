package terragrunt

import (
	"os"
	"path/filepath"
	"strings"
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

// FuzzReadStack feeds arbitrary text to ReadStack as a terragrunt.stack.hcl
// beside a unit template: it must not panic, every diagnostic must name a
// file, and every unit it generates must lie below the stack's directory,
// its source inside the tree.
func FuzzReadStack(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "tg-stack-*", "*", "*", StackFileName))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`unit "a" {
  source = "../catalog"
  path   = "a"
  values = { x = 1 }
}
stack "s" {
  source = "../nested"
  path   = "s"
}`))
	f.Add([]byte(`unit "x" {
  source                  = "../catalog"
  path                    = "../../x"
  no_dot_terragrunt_stack = true
}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tree := t.TempDir()
		dir := filepath.Join(tree, "live", "stack")
		for p, body := range map[string][]byte{
			filepath.Join(dir, StackFileName):                          data,
			filepath.Join(tree, "live", "catalog", FileName):           []byte(`inputs = { x = values.x }`),
			filepath.Join(tree, "live", "nested", StackFileName):       data,
			filepath.Join(tree, "live", "nested", "..", "x", FileName): []byte(``),
		} {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, body, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		st, ds := ReadStack(dir, Options{Tree: tree, MaxFileBytes: 1 << 20})
		if st == nil {
			t.Fatal("nil stack")
		}
		for _, d := range ds {
			if d.Range.File == "" {
				t.Errorf("diagnostic without a file: %v", d)
			}
		}
		for _, u := range st.Units {
			if !strings.HasPrefix(u.Dir, dir+string(filepath.Separator)) {
				t.Errorf("unit %s generated at %s, outside %s", u.Name, u.Dir, dir)
			}
			if !strings.HasPrefix(u.SourceDir, tree) {
				t.Errorf("unit %s read from %s, outside the tree", u.Name, u.SourceDir)
			}
			_, _ = Read(u.Dir, Options{Tree: tree, MaxFileBytes: 1 << 20, Values: u.Values, Copies: u.Copies})
		}
	})
}
