package eval

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/daslint/daslint/model"
)

// Range converts an hcl range into a model range. hcl already counts lines
// and columns from 1; an empty range (no file) stays empty.
func Range(r hcl.Range) model.Range {
	return model.Range{
		File:      r.Filename,
		Line:      r.Start.Line,
		Column:    r.Start.Column,
		EndLine:   r.End.Line,
		EndColumn: r.End.Column,
	}
}

// rangeOf is the range of a whole file or directory, used for problems that
// have no better position.
func rangeOf(file string) model.Range { return model.Range{File: file, Line: 1, Column: 1} }

// subjectOf returns the best range of an hcl diagnostic, falling back to
// where the expression that produced it lies.
func subjectOf(d *hcl.Diagnostic, fallback hcl.Range) hcl.Range {
	if d.Subject != nil && d.Subject.Filename != "" {
		return *d.Subject
	}
	if d.Context != nil && d.Context.Filename != "" {
		return *d.Context
	}
	return fallback
}
