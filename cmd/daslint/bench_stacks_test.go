package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/stress"
	"github.com/daslint/daslint/parsers"
	"github.com/daslint/daslint/report"
	"github.com/daslint/daslint/rules"
)

// writeStacks writes the tree of stress.WriteStacks with n stacks into a
// temporary directory; failing turns every KMS endpoint into an S3 one, so
// that every cluster fails with a DAS001 finding (the case where SARIF,
// GitHub and Markdown have something to say).
func writeStacks(tb testing.TB, n int, failing bool) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := stress.WriteStacks(dir, n); err != nil {
		tb.Fatal(err)
	}
	if failing {
		for i := range n {
			text := strings.ReplaceAll(stress.StackText(i), ".kms\"", ".s3\"")
			if err := os.WriteFile(filepath.Join(dir, stress.StackName(i)+".tf"), []byte(text), 0o644); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return dir
}

// stacksDocument lints the tree of writeStacks and returns what the report
// is built from, and the report.
func stacksDocument(tb testing.TB, n int, failing bool) (*parsers.Set, []rules.Result, *report.Report) {
	tb.Helper()
	dir := writeStacks(tb, n, failing)
	set, ds := parsers.Load([]string{dir}, parsers.Options{})
	if ds.HasErrors() {
		tb.Fatalf("diagnostics: %v", ds)
	}
	results := rules.Run(set.Models, rules.All(), rules.Options{})
	doc := document(set, results, ds, "bench")
	want := 0
	if failing {
		want = n
	}
	if len(doc.Clusters) != n || doc.Summary.Fail != want || len(doc.Findings) != want {
		tb.Fatalf("%d clusters, %d fail, %d findings; want %d, %d, %d", len(doc.Clusters), doc.Summary.Fail, len(doc.Findings), n, want, want)
	}
	return set, results, doc
}

// benchStacks runs f for the documents of 100 and 2,000 stacks, passing
// and failing, built once outside the timer.
func benchStacks(b *testing.B, f func(b *testing.B, set *parsers.Set, results []rules.Result, doc *report.Report)) {
	for _, n := range []int{100, 2000} {
		for _, failing := range []bool{false, true} {
			b.Run(fmt.Sprintf("stacks=%d/failing=%v", n, failing), func(b *testing.B) {
				set, results, doc := stacksDocument(b, n, failing)
				b.ReportAllocs()
				b.ResetTimer()
				f(b, set, results, doc)
			})
		}
	}
}

// BenchmarkDocument builds the report document from the rules' results.
func BenchmarkDocument(b *testing.B) {
	benchStacks(b, func(b *testing.B, set *parsers.Set, results []rules.Result, _ *report.Report) {
		for b.Loop() {
			document(set, results, diag.Diagnostics{}, "bench")
		}
	})
}

// BenchmarkReportJSON writes the JSON report of the stacks tree.
func BenchmarkReportJSON(b *testing.B) {
	benchStacks(b, func(b *testing.B, _ *parsers.Set, _ []rules.Result, doc *report.Report) {
		for b.Loop() {
			if err := report.JSON(io.Discard, doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReportText writes the text report of the stacks tree.
func BenchmarkReportText(b *testing.B) {
	benchStacks(b, func(b *testing.B, _ *parsers.Set, _ []rules.Result, doc *report.Report) {
		for b.Loop() {
			if err := report.Text(io.Discard, doc, report.TextOptions{Elapsed: time.Second}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReportSARIF writes the SARIF report of the stacks tree.
func BenchmarkReportSARIF(b *testing.B) {
	benchStacks(b, func(b *testing.B, _ *parsers.Set, _ []rules.Result, doc *report.Report) {
		for b.Loop() {
			if err := report.SARIF(io.Discard, doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReportMarkdown writes the Markdown report of the stacks tree.
func BenchmarkReportMarkdown(b *testing.B) {
	benchStacks(b, func(b *testing.B, _ *parsers.Set, _ []rules.Result, doc *report.Report) {
		for b.Loop() {
			if err := report.Markdown(io.Discard, doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRunStacks is the whole command, --format json, on the stacks
// tree: where the stages above stand in a run.
func BenchmarkRunStacks(b *testing.B) {
	for _, n := range []int{100, 2000} {
		b.Run(fmt.Sprintf("stacks=%d", n), func(b *testing.B) {
			dir := writeStacks(b, n, false)
			b.ReportAllocs()
			for b.Loop() {
				if code := run([]string{"--format", "json", dir}, io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit status %d", code)
				}
			}
		})
	}
}
