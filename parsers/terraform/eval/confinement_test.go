package eval

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
)

// TestFileFunctionsReadOnlyTheTree calls every function that reads files
// on a file inside the tree (which must work, so that the refusals below
// are not an accident), then on files outside it by every route: an
// absolute path, ../, a linked directory and a linked file that lead out.
// Each refusal is an error at the call and an unknown value; none reads.
func TestFileFunctionsReadOnlyTheTree(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("s3cret"), 0o644); err != nil {
		t.Fatal(err)
	}
	parent := writeTree(t, map[string]string{"above": "s3cret"})
	calls := map[string]func(p string) string{
		"file":         func(p string) string { return `file("` + p + `")` },
		"filebase64":   func(p string) string { return `filebase64("` + p + `")` },
		"templatefile": func(p string) string { return `templatefile("` + p + `", {})` },
		"fileset": func(p string) string {
			return `fileset("` + filepath.ToSlash(filepath.Dir(p)) + `", "` + filepath.Base(p) + `")`
		},
	}
	paths := map[string]string{
		"inside":      "data/ok",
		"absolute":    filepath.ToSlash(filepath.Join(outside, "secret")),
		"dotdot":      "../above",
		"linked dir":  "linkdir/secret",
		"linked file": "data/linkfile",
	}
	var src strings.Builder
	src.WriteString("resource \"null_resource\" \"r\" {\n")
	for fn, call := range calls {
		for route, p := range paths {
			src.WriteString("  " + fn + "_" + strings.ReplaceAll(route, " ", "_") + " = " + call(p) + "\n")
		}
	}
	src.WriteString("}\n")
	writeTreeAt(t, parent, map[string]string{"root/main.tf": src.String(), "root/data/ok": "fine"})
	dir := filepath.Join(parent, "root")
	if err := os.Symlink(outside, filepath.Join(dir, "linkdir")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret"), filepath.Join(dir, "data", "linkfile")); err != nil {
		t.Fatal(err)
	}
	res, ds := Evaluate(dir, Options{})
	for fn := range calls {
		for route := range paths {
			name := fn + "_" + strings.ReplaceAll(route, " ", "_")
			v, _ := attr(t, res, "null_resource.r", name).UnmarkDeep()
			switch {
			case route == "inside" && fn == "fileset":
				if !v.IsKnown() || v.LengthInt() != 1 {
					t.Errorf("%s = %#v, want the one file", name, v)
				}
			case route == "inside":
				if !v.IsKnown() || v.Type() != cty.String || v.AsString() == "" {
					t.Errorf("%s = %#v, want the file's content", name, v)
				}
			case fn == "fileset" && route == "linked file":
				// The directory is inside; the link in it is left out.
				if !v.IsKnown() || v.LengthInt() != 0 {
					t.Errorf("%s = %#v, want an empty set (the link out is not listed)", name, v)
				}
			case v.IsKnown():
				t.Errorf("%s = %#v, want unknown", name, v)
			}
		}
	}
	for _, d := range ds {
		if strings.Contains(d.Message, "s3cret") || strings.Contains(d.Message, "czNjcmV0") {
			t.Errorf("a diagnostic shows the content of a file outside the tree: %s", d)
		}
		if d.Severity == diag.Error && d.Range.File == "" {
			t.Errorf("an error without a position: %s", d)
		}
	}
}

// TestFileFunctionOnANamedPipe: file() on a FIFO inside the tree is refused
// at once; reading it would block the run until someone writes to it.
func TestFileFunctionOnANamedPipe(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": "resource \"null_resource\" \"r\" {\n  x = file(\"pipe\")\n}\n"})
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
		t.Skip("no named pipes:", err)
	}
	// Were the pipe opened, the run would block there: that shows as the
	// test binary's timeout, with the stack of the read, not as a clock
	// deciding the test.
	_, ds := Evaluate(dir, Options{})
	if !hasDiag(ds, diag.Error, "is not a regular file (a named pipe)") {
		t.Errorf("diagnostics %v, want the pipe refused", ds)
	}
}

// writeTreeAt writes files (path -> content) under dir.
func writeTreeAt(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
