package main

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/stress"
	"github.com/daslint/daslint/parsers"
	"github.com/daslint/daslint/report"
	"github.com/daslint/daslint/rules"
)

// stacksDocument lints the one-root tree of stress.WriteStacks with n
// stacks and returns what the report is built from, and the report.
func stacksDocument(tb testing.TB, n int) (*parsers.Set, []rules.Result, *report.Report) {
	tb.Helper()
	dir := tb.TempDir()
	if err := stress.WriteStacks(dir, n); err != nil {
		tb.Fatal(err)
	}
	set, ds := parsers.Load([]string{dir}, parsers.Options{})
	if ds.HasErrors() {
		tb.Fatalf("diagnostics: %v", ds)
	}
	results := rules.Run(set.Models, rules.All(), rules.Options{})
	doc := document(set, results, ds, "bench")
	if len(doc.Clusters) != n {
		tb.Fatalf("%d clusters, want %d", len(doc.Clusters), n)
	}
	return set, results, doc
}

// benchStacks runs f for the documents of 100 and 2,000 stacks, built once
// outside the timer.
func benchStacks(b *testing.B, f func(b *testing.B, set *parsers.Set, results []rules.Result, doc *report.Report)) {
	for _, n := range []int{100, 2000} {
		b.Run(fmt.Sprintf("stacks=%d", n), func(b *testing.B) {
			set, results, doc := stacksDocument(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			f(b, set, results, doc)
		})
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

// BenchmarkRunStacks is the whole command, --format json, on the stacks
// tree: where the stages above stand in a run.
func BenchmarkRunStacks(b *testing.B) {
	for _, n := range []int{100, 2000} {
		b.Run(fmt.Sprintf("stacks=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := stress.WriteStacks(dir, n); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if code := run([]string{"--format", "json", dir}, io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit status %d", code)
				}
			}
		})
	}
}
