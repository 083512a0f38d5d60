package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// A hostile-input case writes its files into a fresh directory that already
// holds a good Terraform root (good/main.tf) and a good template
// (stack.yaml), both passing via nat, runs daslint there and checks the
// exact input problems it reports and that the good verdicts still come out.
type hostileCase struct {
	name string
	// setup writes the hostile input into the current directory; it may
	// skip the test (t.Skip) when the platform cannot express the case.
	setup func(t *testing.T)
	// args are extra command-line arguments.
	args []string
	// errors are the input problems expected, each matched by file, line,
	// severity and a message substring; every reported problem must match
	// one of them.
	errors []wantError
	// clusters are verdicts expected besides the two good ones
	// (`<file> <id>` → `<verdict>`).
	clusters map[string]string
	// exit is the expected exit status.
	exit int
}

type wantError struct {
	file     string
	line     int
	severity string
	message  string
}

// goodVerdicts are the verdicts of the good inputs, from their golden
// cases' expect files (testdata/tf-nat-pass, testdata/cfn-nat-pass).
var goodVerdicts = map[string]string{
	"good/main.tf aws_rds_cluster.main": "pass nat",
	"stack.yaml DBCluster":              "pass nat",
}

func TestHostileInput(t *testing.T) {
	goodTF := mustTestdata("tf-nat-pass", "main.tf")
	goodCFN := mustTestdata("cfn-nat-pass", "template.yaml")
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			writeFile(t, "good/main.tf", goodTF)
			writeFile(t, "stack.yaml", goodCFN)
			tc.setup(t)
			runHostile(t, tc)
		})
	}
}

func runHostile(t *testing.T, tc hostileCase) {
	t.Helper()
	// No clock: what bounds the work of each case is the limit it must
	// report (nodes, instances, elements, nesting), which the expected
	// errors check; a run that never ends shows as the test binary's
	// timeout, with the stack of where it is stuck.
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"--format", "json"}, append(tc.args, ".")...), &stdout, &stderr)
	r := struct {
		code           int
		stdout, stderr []byte
	}{code, stdout.Bytes(), stderr.Bytes()}
	if len(r.stderr) != 0 {
		t.Errorf("stderr: %s", r.stderr)
	}
	var doc hostileReport
	if err := json.Unmarshal(r.stdout, &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%.2000s", err, r.stdout)
	}
	checkErrors(t, tc.errors, doc.Errors)
	want := map[string]string{}
	for k, v := range goodVerdicts {
		want[k] = v
	}
	for k, v := range tc.clusters {
		want[k] = v
	}
	got := map[string]string{}
	for _, c := range doc.Clusters {
		v := c.Verdict
		if c.Path != nil {
			v += " " + *c.Path
		}
		got[c.File+" "+c.ID] = v
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("cluster %s: verdict %q, want %q", k, got[k], v)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("cluster %s (%s) is reported but not expected", k, v)
		}
	}
	if r.code != tc.exit {
		t.Errorf("exit status %d, want %d; errors: %+v", r.code, tc.exit, doc.Errors)
	}
}

// hostileReport is the part of the JSON report the hostile cases check.
type hostileReport struct {
	Clusters []struct {
		ID      string  `json:"id"`
		File    string  `json:"file"`
		Verdict string  `json:"verdict"`
		Path    *string `json:"path"`
	} `json:"clusters"`
	Errors []struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	} `json:"errors"`
}

// checkErrors matches reported input problems against wanted ones, both
// ways: every wanted problem is reported, every reported one is wanted.
func checkErrors(t *testing.T, want []wantError, got []struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}) {
	t.Helper()
	matches := func(w wantError, file string, line int, severity, message string) bool {
		return w.file == file && w.line == line && w.severity == severity && strings.Contains(message, w.message)
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || matches(w, g.File, g.Line, g.Severity, g.Message)
		}
		if !found {
			t.Errorf("no %s at %s:%d containing %q; reported: %+v", w.severity, w.file, w.line, w.message, got)
		}
	}
	for _, g := range got {
		found := false
		for _, w := range want {
			found = found || matches(w, g.File, g.Line, g.Severity, g.Message)
		}
		if !found {
			t.Errorf("unexpected %s at %s:%d: %s", g.Severity, g.File, g.Line, g.Message)
		}
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("cannot create a symbolic link here: %v", err)
	}
}

// files writes each name → text pair.
func files(pairs ...string) func(t *testing.T) {
	return func(t *testing.T) {
		for i := 0; i+1 < len(pairs); i += 2 {
			writeFile(t, pairs[i], pairs[i+1])
		}
	}
}

// deep returns open, n times, then close, n times.
func deep(open, closing string, n int) string {
	return strings.Repeat(open, n) + strings.Repeat(closing, n)
}

// aliasBomb is a "billion laughs" YAML document: ten levels of ten aliases,
// 10^10 nodes once expanded.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\na: &a [x, x, x, x, x, x, x, x, x, x]\n")
	for c := 'b'; c <= 'k'; c++ {
		p := string(c - 1)
		fmt.Fprintf(&b, "%c: &%c [%s]\n", c, c, strings.TrimSuffix(strings.Repeat("*"+p+", ", 10), ", "))
	}
	b.WriteString("Resources:\n  VPC:\n    Type: AWS::EC2::VPC\n    Properties: {Tags: *k}\n")
	return b.String()
}

// badCluster is the good Terraform root with its instances' count replaced.
func badCluster(goodTF, count string) string {
	return strings.Replace(goodTF, "count              = 2", "count              = "+count, 1)
}

// TestManyEmptyFilesScale lints a directory of n empty files and one of 2n
// (20,000; skipped with -short) and checks that the work grows linearly:
// the second run may allocate at most 2.5 times what the first did (a cost
// quadratic in the number of files would make it 4). Allocations count
// work without a clock, so a busy machine cannot fail the test; the wall
// time of 100,000 files is measured by scripts/measure-bounds.sh.
func TestManyEmptyFilesScale(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: writes and lints 30,000 files")
	}
	n := 10_000
	t.Chdir(t.TempDir())
	allocs := map[int]uint64{}
	for _, size := range []int{n, 2 * n} {
		dir := fmt.Sprintf("n%d", size)
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		t.Chdir(dir)
		manyEmptyFiles(size)(t)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		var stdout, stderr bytes.Buffer
		code := run([]string{"--format", "json", "."}, &stdout, &stderr)
		runtime.ReadMemStats(&after)
		t.Chdir("..")
		allocs[size] = after.Mallocs - before.Mallocs
		var rep hostileReport
		// The only entry is the warning that nothing was found to lint
		// (empty .tf files declare no cluster).
		if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil || code != exitOK || len(rep.Errors) != 1 ||
			rep.Errors[0].Severity != "warning" || !strings.Contains(rep.Errors[0].Message, "no Aurora DB cluster with an activity stream found") || stderr.Len() != 0 {
			t.Fatalf("%d empty files: exit %d, errors %+v, stderr %q, JSON error %v; want 0 and only the nothing-found warning", size, code, rep.Errors, stderr.String(), err)
		}
	}
	ratio := float64(allocs[2*n]) / float64(allocs[n])
	t.Logf("%d files: %d allocations; %d files: %d (%.2f times)", n, allocs[n], 2*n, allocs[2*n], ratio)
	if ratio > 2.5 {
		t.Errorf("%d empty files take %d allocations, %d files %d: %.1f times as many, want at most 2.5 (linear)", 2*n, allocs[2*n], n, allocs[n], ratio)
	}
}
