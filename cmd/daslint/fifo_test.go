//go:build linux || darwin

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/daslint/daslint/internal/stress"
)

// TestNamedPipeInAnotherRoot: a named pipe with a Terraform file's name,
// or a link to one, in a root that others read through
// terraform_remote_state is never opened (opening a pipe waits for a
// writer). A whole run reports it as a
// file it cannot read and lints the rest; a pre-commit run that only scans
// that root's files for a backend key or a module call does not report
// it. Both runs used to wait forever, in the scans that read every root's
// files before parsing (the remote-state index and the hook's
// preselection).
func TestNamedPipeInAnotherRoot(t *testing.T) {
	dir := t.TempDir()
	if err := stress.WriteMonorepo(dir, 3); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "database-001", "pipe.tf"), 0o600); err != nil {
		t.Skip("no named pipes:", err)
	}
	// A link to it, in another root, waits as long when opened.
	if err := os.Symlink(filepath.Join("..", "database-001", "pipe.tf"), filepath.Join(dir, "database-000", "link.tf")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	lint := func(args ...string) (code int, stdout, stderr string) {
		t.Helper()
		done := make(chan struct{})
		var out, errs bytes.Buffer
		go func() {
			defer close(done)
			code = run(args, &out, &errs)
		}()
		select {
		case <-done:
		case <-time.After(2 * time.Minute):
			// Not a time limit on the run (it takes milliseconds): the
			// bug this catches waits forever.
			t.Fatalf("daslint %s has not ended after two minutes: it waits on the named pipe", strings.Join(args, " "))
		}
		return code, out.String(), errs.String()
	}

	code, stdout, stderr := lint("--format", "json", ".")
	if code != exitInput {
		t.Errorf("whole run: exit %d, want %d (the pipe is an input error); stderr: %s", code, exitInput, stderr)
	}
	var doc struct {
		Clusters []struct{ Verdict string }
		Errors   []struct{ File, Message string }
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("report: %v\n%s", err, stdout)
	}
	if len(doc.Clusters) != 3 {
		t.Errorf("whole run: %d clusters, want the 3 database roots linted", len(doc.Clusters))
	}
	if len(doc.Errors) != 2 || doc.Errors[0].File != "database-000/link.tf" || doc.Errors[1].File != "database-001/pipe.tf" ||
		!strings.Contains(doc.Errors[0].Message, "named pipe") || !strings.Contains(doc.Errors[1].Message, "named pipe") {
		t.Errorf("whole run: errors %+v, want two, for database-000/link.tf and database-001/pipe.tf as named pipes", doc.Errors)
	}

	code, stdout, stderr = lint("--hook", "--format", "json", "network-002/main.tf")
	if code != exitOK {
		t.Errorf("hook: exit %d, want 0; stderr: %s", code, stderr)
	}
	doc.Clusters, doc.Errors = nil, nil
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("hook report: %v\n%s", err, stdout)
	}
	if len(doc.Clusters) != 1 || len(doc.Errors) != 0 {
		t.Errorf("hook: %d clusters and errors %+v, want database-002's cluster and no error", len(doc.Clusters), doc.Errors)
	}
}

// TestPipeAsPath: a PATH that is a pipe without an extension (a process
// substitution, `daslint <(terraform show -json tfplan)`) is not opened
// (nothing claims it) and the error says to use standard input.
func TestPipeAsPath(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "63")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes:", err)
	}
	var out, errs bytes.Buffer
	code := run([]string{"--format", "json", fifo}, &out, &errs)
	var doc struct {
		Errors []struct{ File, Message string }
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("exit %d, %v; stderr %s", code, err, errs.String())
	}
	if code != exitInput || len(doc.Errors) != 1 || !strings.Contains(doc.Errors[0].Message, "named pipe, not a file") ||
		!strings.Contains(doc.Errors[0].Message, "daslint -") {
		t.Errorf("exit %d, errors %+v: want one error that names the pipe and standard input", code, doc.Errors)
	}
}
