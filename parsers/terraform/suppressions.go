package terraform

import (
	"bytes"
	"os"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/suppress"
)

// suppressions finds the `daslint:ignore` comments of the native-syntax
// files among files and attaches each to its resource block: the block that
// contains it, or the block that starts on the line below it (or below a run
// of comment lines that includes it). HCL drops comments from its AST, so
// they are read from the token stream and matched by line.
//
// A file's text is taken from sources, what evaluation read, when it is
// there: the file is then not read a second time.
func suppressions(files []string, sources map[string][]byte) ([]*model.Suppression, diag.Diagnostics) {
	var out []*model.Suppression
	var ds diag.Diagnostics
	for _, f := range files {
		if !strings.HasSuffix(f, ".tf") {
			continue // JSON has no comments
		}
		src, ok := sources[f]
		var err error
		if !ok {
			src, err = os.ReadFile(f)
		}
		if err != nil || !bytes.Contains(src, []byte(suppress.Directive)) {
			continue // a file that cannot be read was reported by eval
		}
		s, fds := fileSuppressions(f, src)
		out = append(out, s...)
		ds = append(ds, fds...)
	}
	return out, ds
}

func fileSuppressions(file string, src []byte) ([]*model.Suppression, diag.Diagnostics) {
	var ds diag.Diagnostics
	parsed, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, nil // eval reported the syntax errors
	}
	body, ok := parsed.Body.(*hclsyntax.Body)
	if !ok {
		return nil, nil
	}
	var blocks []hcl.Range
	for _, b := range body.Blocks {
		if b.Type == "resource" {
			blocks = append(blocks, b.Range())
		}
	}
	tokens, _ := hclsyntax.LexConfig(src, file, hcl.InitialPos)
	var out []*model.Suppression
	for i, tok := range tokens {
		if tok.Type != hclsyntax.TokenComment {
			continue
		}
		e, isDirective, err := suppress.ParseComment(string(tok.Bytes))
		if !isDirective {
			continue
		}
		at := rangeOf(tok.Range)
		at.EndLine, at.EndColumn = at.Line, 0 // a # comment's range ends on the next line
		if err != nil {
			ds.Errorf(at, "%v; the suppression does not apply", err)
			continue
		}
		target, found := attach(blocks, tok.Range.Start.Line, nextCodeLine(tokens, i))
		if !found {
			ds.Errorf(at, "%s is attached to no resource block: write it on the line above the resource or inside its block; the suppression does not apply", suppress.Directive)
			continue
		}
		for _, r := range e.Rules {
			out = append(out, &model.Suppression{Rule: r, Reason: e.Reason, Until: e.Until, Range: at, Target: rangeOf(target)})
		}
	}
	return out, ds
}

// nextCodeLine is the line of the first token after tokens[i] that is no
// comment or newline.
func nextCodeLine(tokens hclsyntax.Tokens, i int) int {
	for _, t := range tokens[i+1:] {
		if t.Type != hclsyntax.TokenComment && t.Type != hclsyntax.TokenNewline {
			return t.Range.Start.Line
		}
	}
	return 0
}

// attach returns the block that contains line, else the block that starts
// on next (the code line after the comment).
func attach(blocks []hcl.Range, line, next int) (hcl.Range, bool) {
	for _, b := range blocks {
		if b.Start.Line <= line && line <= b.End.Line {
			return b, true
		}
	}
	for _, b := range blocks {
		if b.Start.Line == next {
			return b, true
		}
	}
	return hcl.Range{}, false
}
