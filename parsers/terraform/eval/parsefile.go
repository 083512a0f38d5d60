package eval

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/hclfast"
	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/model"
)

// unreadFile says why a configuration file was left out, for the unknown
// that makes its root's passes unknown (model.Unread).
type unreadFile struct {
	Severity diag.Severity
	Reason   string
	Range    model.Range
}

// parseFile reads and parses one configuration file. It returns nil, with
// the problem reported in ds, when the file cannot be read (not regular,
// outside tree, above maxBytes), is not text, nests too deep for the
// recursive HCL parser, or does not parse.
//
// With a cache, a file parsed before in the run is not parsed again.
func parseFile(c *ParseCache, p *hclparse.Parser, name, tree string, maxBytes int64, ds *diag.Diagnostics) (*hcl.File, *unreadFile) {
	return c.parse(p, name, tree, maxBytes, ds)
}

// parseFileWith is parseFile without a cache.
func parseFileWith(p *hclparse.Parser, name, tree string, maxBytes int64, ds *diag.Diagnostics) (*hcl.File, *unreadFile) {
	isJSON := strings.HasSuffix(name, ".json")
	data, problem := inputfile.Read(name, tree, maxBytes)
	if problem == nil {
		problem = inputfile.CheckText(data)
	}
	if problem == nil && isJSON {
		problem = inputfile.CheckJSONNesting(data)
	} else if problem == nil {
		problem = inputfile.CheckHCLNesting(data)
	}
	if problem != nil {
		at := model.Range{File: name, Line: problem.Line, Column: problem.Column}
		*ds = append(*ds, diag.Diagnostic{Severity: problem.Severity, Range: at, Message: problem.Message})
		// Reasons feed fingerprints: they name the file relative to the
		// read boundary, the same from any working directory.
		reason := inputfile.Key(tree, name) + " could not be read, so what it declares is missing"
		if problem.Severity == diag.Warning {
			reason = problem.Message
		}
		return nil, &unreadFile{Severity: problem.Severity, Reason: reason, Range: at}
	}
	var f *hcl.File
	var hds hcl.Diagnostics
	if isJSON {
		f, hds = p.ParseJSON(data, name)
	} else {
		f, hds = parseHCL(p, data, name)
	}
	if hds.HasErrors() || f == nil {
		addHCLDiags(ds, hds, hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos})
		return nil, &unreadFile{Severity: diag.Error, Range: rangeOf(name),
			Reason: inputfile.Key(tree, name) + " does not parse, so what it declares is missing"}
	}
	return f, nil
}

// parseHCL parses data, the native syntax file name, on p: through
// hclfast when the file is in its subset (the same tree, without hcl's
// token array, with its resource bodies already in the compact form of
// compact.go), else through hcl. p records the file either way, as
// p.ParseHCL does.
func parseHCL(p *hclparse.Parser, data []byte, name string) (*hcl.File, hcl.Diagnostics) {
	if f := p.Files()[name]; f != nil {
		return f, nil
	}
	if f, ok := hclfast.ParseConfigCompact(data, name); ok {
		p.AddFile(name, f)
		return f, nil
	}
	return p.ParseHCL(data, name)
}
