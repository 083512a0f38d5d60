//go:build unix

package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReportIntoPipe: a report written to a named pipe (a process
// substitution, `-o >(jq .)`) reaches the reader, and the pipe is still a
// pipe afterwards. Renaming a temporary file over it, as a regular file
// is replaced, would leave the reader waiting and a file in its place.
func TestReportIntoPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "report.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	// Opened for reading without waiting for a writer, so that the test
	// does not hang when writeFileAtomic never opens the pipe.
	r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = r.Close() }()
	if err := writeFileAtomic(fifo, []byte(`{"schema":"daslint/v1"}`)); err != nil {
		t.Fatal(err)
	}
	st, err := os.Lstat(fifo)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("%s is %v after the report, want the named pipe it was", fifo, st.Mode())
	}
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != `{"schema":"daslint/v1"}` {
		t.Errorf("the reader got %q", got)
	}
}

// TestReportThroughSymlink: a report written to a symbolic link lands in
// the file it points to, and the link stays a link.
func TestReportThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "reports", "latest.json")
	if err := os.Mkdir(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(target, []byte("old and longer"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "daslint.json")
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := writeFileAtomic(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("%s is no longer a symbolic link (%v)", link, err)
	}
	if got, err := os.ReadFile(target); err != nil || string(got) != "new" {
		t.Errorf("the link's target holds %q (%v), want new", got, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 2 {
		t.Errorf("%d entries (%v), want the link and the reports directory: a temporary file was left", len(entries), err)
	}
}

// TestVarFileFromPipe: a --var-file that is a named pipe (a process
// substitution, `--var-file <(sops -d prod.tfvars)`) is read once and
// applies to every root, as the same file on disk does: two copies of a
// root whose verdict turns on the variable fail both (the file makes the
// NAT gateway private), and the report names the pipe as given.
func TestVarFileFromPipe(t *testing.T) {
	src := filepath.Join("..", "..", "testdata", "tf-var-file-overrides-auto-fail")
	dir := t.TempDir()
	copyTree(t, src, filepath.Join(dir, "a"), false)
	copyTree(t, src, filepath.Join(dir, "b"), false)
	vars, err := os.ReadFile(filepath.Join(src, "env", "prod.tfvars"))
	if err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(t.TempDir(), "prod.tfvars")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	go func() {
		// Blocks until the run opens the pipe; a run that never does
		// fails below, and the test binary ends with this goroutine.
		_ = os.WriteFile(fifo, vars, 0o600)
	}()
	var out, errs strings.Builder
	code := run([]string{"--format", "json", "--var-file", fifo, dir}, &out, &errs)
	var doc struct {
		Summary struct{ Clusters, Fail, Errors int }
		Errors  []struct{ File string }
	}
	if err := json.Unmarshal([]byte(out.String()), &doc); err != nil {
		t.Fatalf("exit %d, %v; stderr %s", code, err, errs.String())
	}
	if code != exitFindings || doc.Summary.Clusters != 2 || doc.Summary.Fail != 2 || doc.Summary.Errors != 0 {
		t.Errorf("exit %d, summary %+v, errors %+v: want both roots to fail, no input problem", code, doc.Summary, doc.Errors)
	}
	if strings.Contains(out.String(), "daslint-staged-") {
		t.Error("the report names the staged copy of the pipe")
	}
	// A mistake in the piped file is reported at the path given.
	if err := syscall.Mkfifo(fifo+"2", 0o600); err != nil {
		t.Fatal(err)
	}
	go func() { _ = os.WriteFile(fifo+"2", []byte("nat_connectivity = \n"), 0o600) }()
	out.Reset()
	run([]string{"--format", "json", "--var-file", fifo + "2", filepath.Join(dir, "a")}, &out, &errs)
	if err := json.Unmarshal([]byte(out.String()), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Errors) == 0 || doc.Errors[0].File != filepath.ToSlash(fifo+"2") {
		t.Errorf("errors %+v, want one in %s", doc.Errors, fifo+"2")
	}
}
