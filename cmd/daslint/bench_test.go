package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daslint/daslint/internal/stress"
)

// writeTree writes a root module that calls the network module n times,
// each with its own CIDR, and returns the root's path.
func writeTree(tb testing.TB, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := stress.WriteModuleTree(dir, n); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// writeRoots writes roots root modules of filesPerRoot files each, one
// passing cluster each, and returns their parent directory.
func writeRoots(tb testing.TB, roots, filesPerRoot int) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := stress.WriteRoots(dir, roots, filesPerRoot); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// lintTree runs the whole command (discovery, evaluation, model, analysis,
// rules, JSON report) on dir and checks that every cluster passed.
func lintTree(tb testing.TB, dir string, clusters int) {
	var out strings.Builder
	if code := run([]string{"--format", "json", dir}, &out, io.Discard); code != 0 {
		tb.Fatalf("exit status %d", code)
	}
	if got := strings.Count(out.String(), `"verdict": "pass",`+"\n      \"path\""); got != clusters {
		tb.Fatalf("%d clusters passed, want %d", got, clusters)
	}
}

func TestGeneratedTrees(t *testing.T) {
	lintTree(t, writeTree(t, 3), 3)
	lintTree(t, writeRoots(t, 3, 10), 3)
	if n := len(stress.RootFiles(10)); n != 10 {
		t.Errorf("the network module splits into %d files, want 10", n)
	}
}

// BenchmarkLintModuleTree lints a root with 1,000 module calls, about
// 27,000 resource instances. Goal (issue 2): under 1 s/op on one core.
func BenchmarkLintModuleTree(b *testing.B) {
	dir := writeTree(b, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		lintTree(b, dir, 1000)
	}
}

// BenchmarkLintSingleRoot lints one typical root module: a three-zone VPC
// with NAT and an Aurora cluster (the bundled example).
func BenchmarkLintSingleRoot(b *testing.B) {
	wd, err := os.Getwd()
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(wd, "..", "..", "examples", "terraform-nat")
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		lintTree(b, dir, 1)
	}
}

// BenchmarkBounds lints each case of package stress (issue 5 item 5): the
// 10,000-file tree, a root of 1,000 module calls and the hostile inputs.
// Each must end, with a report, in bounded time and memory; peak memory of
// a whole process is measured by scripts/measure-bounds.sh.
func BenchmarkBounds(b *testing.B) {
	for _, c := range stress.Cases {
		b.Run(c.Name, func(b *testing.B) {
			if c.Known != "" {
				b.Skip("known bug: " + c.Known)
			}
			dir := b.TempDir()
			if err := c.Write(dir); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				var out strings.Builder
				if code := run([]string{"--format", "json", dir}, &out, io.Discard); code > exitInput || !strings.HasPrefix(out.String(), "{\n") {
					b.Fatalf("exit status %d, report %.200q", code, out.String())
				}
			}
		})
	}
}
