package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// scanContext is the context of the scan: it ends after --timeout, or never
// when the flag is 0. The caller must call cancel.
func scanContext(timeout time.Duration) (ctx context.Context, cancel context.CancelFunc) {
	if timeout <= 0 {
		return context.WithCancel(context.Background())
	}
	return context.WithTimeout(context.Background(), timeout)
}

// cutShort records what a scan that reached --timeout left out, so that the
// report, partial as it is, says so.
type cutShort struct {
	roots    []string // roots not analysed: module directories, templates
	unwalked []string // paths whose search for roots was cut short
}

// empty reports whether the scan finished everything it started.
func (c *cutShort) empty() bool {
	return len(c.roots) == 0 && len(c.unwalked) == 0
}

// diagnostics are the errors entries of a scan cut short: one per root that
// was not analysed and one per path whose search was cut, each an error, so
// that the exit status is 2 and nobody reads the partial report as whole.
func (c *cutShort) diagnostics(timeout time.Duration) diag.Diagnostics {
	var ds diag.Diagnostics
	for _, p := range c.unwalked {
		ds.Errorf(model.Range{File: filepath.ToSlash(p)},
			"the search for Terraform roots and templates below %s was cut short by --timeout %v: roots it did not reach are missing from the report; raise --timeout or lint fewer paths", filepath.ToSlash(p), timeout)
	}
	for _, p := range c.roots {
		ds.Errorf(model.Range{File: filepath.ToSlash(p)},
			"not analysed: the scan reached --timeout %v before %s was finished, so it has no verdict; raise --timeout or lint it on its own", timeout, filepath.ToSlash(p))
	}
	return ds
}

// tell says on stderr that the report is partial and why.
func (c *cutShort) tell(stderr io.Writer, timeout time.Duration, finished int) {
	parts := []string{count(finished, "root") + " analysed"}
	if len(c.roots) > 0 {
		parts = append(parts, count(len(c.roots), "root")+" not analysed")
	}
	if len(c.unwalked) > 0 {
		parts = append(parts, "the search for roots cut short below "+count(len(c.unwalked), "path"))
	}
	complain(stderr, "--timeout %v reached, the report is partial: %s (each listed in the errors of the report); raise --timeout or lint fewer paths",
		timeout, strings.Join(parts, "; "))
}

// count is "1 root", "2 roots".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
