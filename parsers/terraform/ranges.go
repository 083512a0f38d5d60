package terraform

import (
	"path/filepath"

	"github.com/hashicorp/hcl/v2"

	"github.com/daslint/daslint/model"
)

// rangeOf converts an HCL range into a model range. File names are written
// with / separators, as the JSON report wants them (docs/output.md#json-report).
func rangeOf(r hcl.Range) model.Range {
	if r.Filename == "" && r.Start.Line == 0 {
		return model.Range{}
	}
	return model.Range{
		File:      filepath.ToSlash(r.Filename),
		Line:      r.Start.Line,
		Column:    r.Start.Column,
		EndLine:   r.End.Line,
		EndColumn: r.End.Column,
	}
}

// rangesOf converts a list of HCL ranges, such as an instance's callers.
func rangesOf(rs []hcl.Range) []model.Range {
	if len(rs) == 0 {
		return nil
	}
	out := make([]model.Range, len(rs))
	for i, r := range rs {
		out[i] = rangeOf(r)
	}
	return out
}
