package inputfile

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestResolveAsEvalSymlinks compares resolve with the long way
// (filepath.EvalSymlinks, then os.Stat) on paths below a tree with links
// inside it, out of it, and links to links, on missing files and on a file
// taken for a directory: the same path or the same failure, and, when
// resolve looks at the file itself, what os.Stat says of it.
func TestResolveAsEvalSymlinks(t *testing.T) {
	tree := Tree(t.TempDir())
	outside := Tree(t.TempDir())
	mk := func(dir string, parts ...string) string {
		p := filepath.Join(append([]string{dir}, parts...)...)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	link := func(target string, parts ...string) string {
		p := filepath.Join(append([]string{tree}, parts...)...)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	top := mk(tree, "main.tf")
	deep := mk(tree, "modules", "vpc", "main.tf")
	mk(outside, "net", "main.tf")
	link(filepath.Join(tree, "modules"), "mods")              // a directory link inside the tree
	link(filepath.Join(outside, "net"), "net")                // a directory link out of it
	link(top, "same.tf")                                      // a file link inside
	link(filepath.Join(outside, "net", "main.tf"), "away.tf") // a file link out
	link(filepath.Join(tree, "same.tf"), "twice.tf")          // a link to a link
	link("relative-missing.tf", "dangling.tf")                // a link to nothing

	cases := []struct {
		path string
		fast bool // resolved below the tree without the long way
	}{
		{top, true},
		{deep, true},
		{filepath.Join(tree, "mods", "vpc", "main.tf"), false},
		{filepath.Join(tree, "net", "main.tf"), false},
		{filepath.Join(tree, "same.tf"), false},
		{filepath.Join(tree, "away.tf"), false},
		{filepath.Join(tree, "twice.tf"), false},
		{filepath.Join(tree, "dangling.tf"), false},
		{filepath.Join(tree, "missing.tf"), false},
		{filepath.Join(tree, "modules", "missing", "main.tf"), false},
		{filepath.Join(top, "under-a-file.tf"), false},
		{filepath.Join(tree, "modules"), false}, // a directory
		{tree, false},
		{filepath.Join(outside, "net", "main.tf"), false}, // not below the tree
	}
	for _, c := range cases {
		real, st, err := resolve(c.path, tree)
		wantReal, wantErr := filepath.EvalSymlinks(c.path)
		if (err != nil) != (wantErr != nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Errorf("%s: error %v, EvalSymlinks gives %v", c.path, err, wantErr)
			continue
		}
		if err == nil && real != wantReal {
			t.Errorf("%s: resolved to %s, EvalSymlinks gives %s", c.path, real, wantReal)
		}
		if (st != nil) != c.fast {
			t.Errorf("%s: looked at on the way: %v, want %v", c.path, st != nil, c.fast)
		}
		if st != nil {
			want, err := os.Stat(wantReal)
			if err != nil || st.Mode() != want.Mode() || st.Size() != want.Size() || !os.SameFile(st, want) {
				t.Errorf("%s: info %v, os.Stat gives %v (%v)", c.path, st, want, err)
			}
		}
		if real, st, err := resolve(c.path, ""); st != nil || real != wantReal || (err != nil) != (wantErr != nil) {
			t.Errorf("%s without a tree: %s, %v, %v; want the long way", c.path, real, st, err)
		}
	}
}

// TestOpenRegular checks openRegular against os.Open: the same content, and
// the same error for a missing file and for a directory's child that is a
// file.
func TestOpenRegular(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "main.tf")
	if err := os.WriteFile(name, []byte("x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := openRegular(name)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(f)
	if cerr := f.Close(); err != nil || cerr != nil || string(data) != "x = 1\n" {
		t.Fatalf("read %q, %v, close %v", data, err, cerr)
	}
	for _, p := range []string{filepath.Join(dir, "missing.tf"), filepath.Join(name, "child.tf")} {
		_, err := openRegular(p)
		_, want := os.Open(p)
		if err == nil || want == nil || err.Error() != want.Error() {
			t.Errorf("openRegular(%s): %v, os.Open: %v", p, err, want)
		}
	}
}
