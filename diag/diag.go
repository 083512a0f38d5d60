// Package diag holds the problems daslint meets while reading input: files
// that do not parse, modules that are not vendored, limits that were
// reached. Every front end reports them the same way, with a position, so
// that one broken file never hides the verdicts of the others.
package diag

import (
	"fmt"
	"sort"

	"github.com/daslint/daslint/model"
)

// Severity of a diagnostic.
type Severity string

// Severities. An Error means some input could not be read or parsed (exit
// status 2); a Warning means values became unknown (a module that is not
// vendored, a limit reached) and leaves the exit status alone.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Diagnostic is one problem with the input.
type Diagnostic struct {
	Severity Severity
	Range    model.Range
	// Message says what is wrong and, where it helps, what to do.
	Message string
}

// String formats the diagnostic as `file:line:col: severity: message`.
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s: %s", d.Range, d.Severity, d.Message)
}

// Diagnostics is a list of problems.
type Diagnostics []Diagnostic

// Errorf appends an error at r.
func (ds *Diagnostics) Errorf(r model.Range, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: Error, Range: r, Message: fmt.Sprintf(format, args...)})
}

// Warnf appends a warning at r.
func (ds *Diagnostics) Warnf(r model.Range, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: Warning, Range: r, Message: fmt.Sprintf(format, args...)})
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Sort orders diagnostics by file, line, column, then message, and drops
// exact duplicates, so that output does not depend on evaluation order.
func (ds Diagnostics) Sort() Diagnostics {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Range.File != b.Range.File {
			return a.Range.File < b.Range.File
		}
		if a.Range.Line != b.Range.Line {
			return a.Range.Line < b.Range.Line
		}
		if a.Range.Column != b.Range.Column {
			return a.Range.Column < b.Range.Column
		}
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		return a.Message < b.Message
	})
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && d == ds[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}
