package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers"
)

// partialReport is what TestTimeout reads of a JSON report.
type partialReport struct {
	Clusters []struct {
		File    string `json:"file"`
		Verdict string `json:"verdict"`
	} `json:"clusters"`
	Errors []struct {
		File     string `json:"file"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	} `json:"errors"`
}

// TestTimeout scans a tree of 200 roots with timeouts from none at all to
// more than enough. Where the scan stops depends on the machine, so each run
// checks what holds wherever it stops: exit status 2 and the message when
// it stopped, valid JSON, and every root accounted for exactly once, either
// with its verdict (pass) or in an error entry that says it was not
// analysed, or below a path whose search was cut short.
func TestTimeout(t *testing.T) {
	dir := writeRoots(t, 200, 10)
	t.Chdir(dir)
	for _, timeout := range []string{"1ns", "20ms", "200ms", "1h"} {
		t.Run(timeout, func(t *testing.T) {
			before := runtime.NumGoroutine()
			var stdout, stderr bytes.Buffer
			code := run([]string{"--format", "json", "--timeout", timeout, "."}, &stdout, &stderr)
			var rep partialReport
			if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
				t.Fatalf("the report is not JSON: %v\n%s", err, stdout.String())
			}
			seen := map[string]string{}
			for _, c := range rep.Clusters {
				root := filepath.Dir(c.File)
				if c.Verdict != "pass" || seen[root] != "" {
					t.Errorf("cluster of %s: verdict %s, or reported twice (%q)", root, c.Verdict, seen[root])
				}
				seen[root] = "verdict"
			}
			unwalked := false
			for _, e := range rep.Errors {
				switch {
				case e.Severity != "error":
					t.Errorf("error entry of severity %s: %s", e.Severity, e.Message)
				case strings.HasPrefix(e.Message, "not analysed: the scan reached --timeout "+timeout):
					if seen[e.File] != "" {
						t.Errorf("%s: not analysed, but also %s", e.File, seen[e.File])
					}
					seen[e.File] = "not analysed"
				case e.File == "." && strings.Contains(e.Message, "was cut short by --timeout "+timeout):
					unwalked = true
				default:
					t.Errorf("unexpected error entry %s: %s", e.File, e.Message)
				}
			}
			if !unwalked && len(seen) != 200 {
				t.Errorf("%d roots accounted for, want all 200", len(seen))
			}
			partial := len(rep.Errors) > 0
			switch {
			case partial && code != exitInput:
				t.Errorf("exit status %d of a partial scan, want 2", code)
			case partial && !strings.Contains(stderr.String(), "daslint: --timeout "+timeout+" reached, the report is partial: "):
				t.Errorf("stderr does not say the report is partial:\n%s", stderr.String())
			case !partial && (code != exitOK || stderr.Len() != 0 || len(rep.Clusters) != 200):
				t.Errorf("complete scan: exit %d, %d clusters, stderr %q; want 0, 200, empty", code, len(rep.Clusters), stderr.String())
			}
			if timeout == "1ns" && (!unwalked || len(rep.Clusters) != 0) {
				t.Errorf("with --timeout 1ns, %d clusters, search cut short: %v; want none, true", len(rep.Clusters), unwalked)
			}
			if timeout == "1h" && partial {
				t.Errorf("with --timeout 1h the scan is partial: %v", rep.Errors)
			}
			noGoroutineLeft(t, before)
		})
	}
}

// noGoroutineLeft fails when more goroutines run than before, once those
// that are ending have ended. A leaked goroutine never ends; the minute it
// is given is only so that a busy machine cannot fail the test.
func noGoroutineLeft(t *testing.T, before int) {
	t.Helper()
	for end := time.Now().Add(time.Minute); time.Now().Before(end); {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	buf := make([]byte, 1<<16)
	t.Errorf("%d goroutines after the run, %d before:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
}

// TestTimeoutChangesNothing runs every golden case with a timeout that is
// not reached: the report and the exit status are those without one.
func TestTimeoutChangesNothing(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	fixToday(t)
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		dir := "testdata/" + e.Name()
		args, err := readArgs(filepath.Join(dir, "args"))
		if err != nil || !e.IsDir() {
			continue
		}
		var want, got, stderr bytes.Buffer
		wantCode := run(append(args, "--format", "json", dir), &want, &stderr)
		code := run(append(args, "--timeout", "1h", "--format", "json", dir), &got, &stderr)
		if diff := cmp.Diff(want.String(), got.String()); diff != "" || code != wantCode {
			t.Errorf("%s: --timeout 1h changes the report (-without +with) or the exit status (%d, %d):\n%s", dir, wantCode, code, diff)
		}
	}
}

func TestTimeoutUsage(t *testing.T) {
	for _, tt := range []struct{ arg, stderr string }{
		{"-1s", "--timeout -1s: want a duration of at least 0"},
		{"soon", `invalid value "soon" for flag -timeout`},
	} {
		var stdout, stderr bytes.Buffer
		code := run([]string{"--timeout", tt.arg, t.TempDir()}, &stdout, &stderr)
		if code != exitInput || !strings.Contains(stderr.String(), tt.stderr) || stdout.Len() != 0 {
			t.Errorf("--timeout %s: exit %d, stderr %q; want 2 and %q", tt.arg, code, stderr.String(), tt.stderr)
		}
	}
}

// blockedTemplates is a CloudFormation front end whose Load never ends by
// itself: it stands for a root whose evaluation runs long (one expression
// over large collections). It takes every .yaml file for a template.
type blockedTemplates struct {
	entered, release chan struct{}
	finished         chan struct{}
}

func (blockedTemplates) IsTemplate(path string, _ []byte) bool {
	return strings.HasSuffix(path, ".yaml")
}

func (b blockedTemplates) Load(context.Context, string, parsers.TemplateOptions) (*model.Model, parsers.TemplateInfo, diag.Diagnostics) {
	defer close(b.finished)
	close(b.entered)
	<-b.release
	return nil, parsers.TemplateInfo{}, nil
}

// TestTimeoutWhileRootRuns: --timeout ends the run even while one root is
// still being read and does not look at the context. The run returns while
// the loader is still blocked, with exit status 2 and a report built from
// the roots finished before: the Terraform root r0000 (read first) has its
// verdict, unless the machine is so slow that it too was cut, and the
// blocked template has an error entry that says it was not analysed.
func TestTimeoutWhileRootRuns(t *testing.T) {
	dir := writeRoots(t, 1, 2)
	if err := os.WriteFile(filepath.Join(dir, "zz.yaml"), []byte("Resources: {}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	b := blockedTemplates{entered: make(chan struct{}), release: make(chan struct{}), finished: make(chan struct{})}
	before := runtime.NumGoroutine()
	var stdout, stderr bytes.Buffer
	code := runWith([]string{"--format", "json", "--timeout", "2s", "."}, &stdout, &stderr, runHooks{templates: b})
	select {
	case <-b.finished:
		t.Fatal("the run waited for the blocked root")
	default:
	}
	close(b.release)
	<-b.finished
	if code != exitInput {
		t.Errorf("exit status %d, want 2", code)
	}
	var rep partialReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("the report is not JSON: %v\n%s", err, stdout.String())
	}
	notAnalysed := map[string]bool{}
	for _, e := range rep.Errors {
		if !strings.HasPrefix(e.Message, "not analysed: the scan reached --timeout 2s") {
			t.Errorf("unexpected error entry %s: %s", e.File, e.Message)
		}
		notAnalysed[e.File] = true
	}
	if !notAnalysed["zz.yaml"] {
		t.Errorf("no error entry says zz.yaml was not analysed: %v", rep.Errors)
	}
	switch {
	case len(rep.Clusters) == 1 && rep.Clusters[0].Verdict == "pass" && !notAnalysed["r0000"]:
	case len(rep.Clusters) == 0 && notAnalysed["r0000"]:
	default:
		t.Errorf("r0000: clusters %v, not analysed %v; want its pass or an error entry", rep.Clusters, notAnalysed["r0000"])
	}
	if !strings.Contains(stderr.String(), "--timeout 2s reached, the report is partial") {
		t.Errorf("stderr does not say the report is partial:\n%s", stderr.String())
	}
	noGoroutineLeft(t, before)
}
