package inputfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestReadFileAsOS checks that ReadFile reads what os.ReadFile reads, and
// fails where it fails.
func TestReadFileAsOS(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, size int) string {
		p := filepath.Join(dir, name)
		data := make([]byte, size)
		for i := range data {
			data[i] = byte('a' + i%26)
		}
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	link := filepath.Join(dir, "link.tf")
	if err := os.Symlink(write("target.tf", 300), link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{write("empty.tf", 0), write("small.tf", 10), write("big.tf", 1<<20+3), link, dir, filepath.Join(dir, "missing.tf")} {
		want, wantErr := os.ReadFile(p)
		got, err := ReadFile(p)
		if (err == nil) != (wantErr == nil) || !slices.Equal(got, want) {
			t.Errorf("ReadFile(%s) = %d bytes, %v; os.ReadFile gives %d bytes, %v", filepath.Base(p), len(got), err, len(want), wantErr)
		}
		if wantErr != nil && !errors.Is(err, errors.Unwrap(wantErr)) {
			t.Errorf("ReadFile(%s): error %v, os.ReadFile's %v", filepath.Base(p), err, wantErr)
		}
	}
}

// TestReadDirAsOS checks that ReadDir lists what os.ReadDir lists, in the
// same order, and that Readable tells the entries that ReadFile can read
// without waiting.
func TestReadDirAsOS(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.tf", "a.tf", "c.json", "Z.tf"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.tf", filepath.Join(dir, "l.tf")); err != nil {
		t.Fatal(err)
	}
	if err := mkfifo(filepath.Join(dir, "p.tf")); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		t.Fatal(err)
	}
	for link, to := range map[string]string{"lp.tf": "p.tf", "ld.tf": "sub", "dangling.tf": "none.tf"} {
		if err := os.Symlink(to, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	name := func(e fs.DirEntry) string { return e.Name() + " " + e.Type().String() }
	if !slices.Equal(mapEntries(got, name), mapEntries(want, name)) {
		t.Errorf("ReadDir lists %v, os.ReadDir %v", mapEntries(got, name), mapEntries(want, name))
	}
	// Regular files and links to them; not a directory, a pipe, or a link
	// to either, nor a dangling link.
	unreadable := map[string]bool{"sub": true, "p.tf": true, "lp.tf": true, "ld.tf": true, "dangling.tf": true}
	for _, e := range got {
		if Readable(dir, e) == unreadable[e.Name()] {
			t.Errorf("Readable(%s) = %v, want %v", e.Name(), Readable(dir, e), !unreadable[e.Name()])
		}
	}
	if _, err := ReadDir(filepath.Join(dir, "a.tf")); err == nil {
		t.Error("ReadDir of a file: no error")
	}
	if _, err := ReadDir(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadDir of a missing directory: %v, want not exist", err)
	}
}

func mapEntries(es []fs.DirEntry, f func(fs.DirEntry) string) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = f(e)
	}
	return out
}
