package parsers

import (
	"os"
	"path/filepath"
	"testing"
)

// TestAbsolutizerAsFilepathAbs checks that the absolutizer gives what
// filepath.Abs gives, for paths in every form.
func TestAbsolutizerAsFilepathAbs(t *testing.T) {
	a := newAbsolutizer()
	for _, p := range []string{".", "", "a", "a/b/../c", "./a/", "../x", "/", "/a/./b/", "//a", "a//b"} {
		want, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.abs(p); got != want {
			t.Errorf("abs(%q) = %q, want %q", p, got, want)
		}
	}
	if got := (absolutizer{err: os.ErrNotExist}).abs("a/../b"); got != "b" {
		t.Errorf("with no working directory, abs(%q) = %q, want the cleaned path", "a/../b", got)
	}
}
