// Command parsefloor is the parse-only floor of scripts/bench-peers.sh:
// it finds every Terraform file below its paths as daslint's discovery
// would, parses each with hclparse, sequentially, and prints how many it
// parsed (see package parsefloor). It runs with daslint's collector
// settings (with neither GOGC nor GOMEMLIMIT set) and reserves its heap in
// huge pages as daslint does (package hugeheap), so that the two differ
// only by the work daslint adds.
//
// Usage:
//
//	parsefloor PATH ...
//
// Exit status 0 when every file parsed, 1 when some did not, 2 when a
// path could not be walked.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/daslint/daslint/internal/gctune"
	"github.com/daslint/daslint/internal/hugeheap"
	"github.com/daslint/daslint/internal/parsefloor"
)

func main() {
	// The settings of cmd/daslint's main (gc.go), when the environment
	// sets neither GOGC nor GOMEMLIMIT; the input held at once is here
	// every file.
	t := gctune.Default()
	t.Start()
	heap := hugeheap.New(os.Getenv)
	code := run(os.Args[1:], os.Stdout, os.Stderr, func(bytes int64) {
		t.ExpectInput(bytes)
		heap.Reserve(hugeheap.Size(bytes, t.Limit()))
	})
	t.Stop()
	os.Exit(code)
}

func run(paths []string, stdout, stderr io.Writer, sized func(bytes int64)) int {
	if len(paths) == 0 {
		_, _ = fmt.Fprintln(stderr, "usage: parsefloor PATH ...")
		return 2
	}
	files, err := parsefloor.Files(paths)
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "parsefloor: %v\n", err)
		return 2
	}
	var total int64
	for _, f := range files {
		if fi, err := os.Lstat(f); err == nil {
			total += fi.Size()
		}
	}
	sized(total)
	s := parsefloor.Parse(files)
	if _, err := fmt.Fprintf(stdout, "%d files, %d bytes, %d broken\n", s.Files, s.Bytes, s.Broken); err != nil {
		return 2
	}
	if s.Broken > 0 {
		return 1
	}
	return 0
}
