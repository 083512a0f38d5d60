package main

import (
	"io"
	"os"
	"strings"
	"testing"
)

// BenchmarkLintDir lints the directory named by DASLINT_BENCH_DIR with the
// whole command, for profiling a real or generated tree (issue 10):
//
//	go run ./internal/stress/gen -stacks 2000 /tmp/stacks2000
//	DASLINT_BENCH_DIR=/tmp/stacks2000 go test ./cmd/daslint -run '^$' \
//	    -bench LintDir -benchmem -cpuprofile cpu.out
//
// It is skipped without the variable. The exit status is not checked: a
// real tree may well hold findings.
func BenchmarkLintDir(b *testing.B) {
	dir := os.Getenv("DASLINT_BENCH_DIR")
	if dir == "" {
		b.Skip("DASLINT_BENCH_DIR is not set")
	}
	b.ReportAllocs()
	for b.Loop() {
		var out strings.Builder
		if code := run([]string{"--format", "json", dir}, &out, io.Discard); code > exitInput {
			b.Fatalf("exit status %d", code)
		}
	}
}
