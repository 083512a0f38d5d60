package eval

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/daslint/daslint/internal/hclcompact"
)

// A root's syntax trees are most of what a large run keeps alive before
// its first resource is evaluated, so each resource and data block's body
// is kept in the compact form of internal/hclcompact: what evalBody reads
// of it (its arguments in source order, its nested blocks), in a
// *hclcompact.Body recorded with the file, while the block's hcl body is
// cut down to the meta-arguments that loading reads. A file parsed by
// hclfast is compact from the start; one that hcl parsed is converted
// right after, on the goroutine that parsed it, before anyone else sees
// it (parseAlone). On the 2,000-stack root of docs/performance.md the live
// heap once the root is loaded fell from 83 to 69 MB when the conversion
// came in.
//
// Every reader of a parsed file finds the compact bodies with the file
// (hclcompact.Of, resourceBody, visitFile), whichever parser or cache
// handed the file out, so no reader ever sees a cut body as the resource's
// whole body.

// resourceBody returns the body that evaluation reads for the resource
// block b of f: its compact body when f is compact, else b's.
func resourceBody(f *hcl.File, b *hcl.Block) syntaxBody {
	if c := hclcompact.Of(f); c != nil {
		if sb, ok := b.Body.(*hclsyntax.Body); ok {
			if cb := c.Bodies[sb]; cb != nil {
				return cb
			}
		}
	}
	return b.Body
}

// visitFile is visitSyntax over the syntax of the native file f whose
// body is body, its converted resource bodies included, in source order
// as far as the walks that use it care: they gather sets. A converted
// body's arguments and blocks are visited as the nodes they were; the
// Attribute and Body nodes around them, which those walks ignore, are
// not.
func visitFile(f *hcl.File, body *hclsyntax.Body, fn func(hclsyntax.Node)) {
	visitFileParts(f, body, func() {}, fn)
}

// visitFileParts is visitFile, which calls inner once the syntax outside
// the converted resource bodies is visited and before theirs is, when f
// has any (it is compact).
func visitFileParts(f *hcl.File, body *hclsyntax.Body, inner func(), fn func(hclsyntax.Node)) {
	visitSyntax(body, fn)
	c := hclcompact.Of(f)
	if c == nil {
		return
	}
	inner()
	for _, blk := range body.Blocks {
		if cb := c.Bodies[blk.Body]; cb != nil {
			visitCompact(cb, fn)
		}
	}
}

// visitCompact is visitSyntax over the syntax a compact body holds.
func visitCompact(b *hclcompact.Body, fn func(hclsyntax.Node)) {
	for _, a := range b.Attrs {
		if x, ok := a.Expr.(hclsyntax.Node); ok {
			visitSyntax(x, fn)
		}
	}
	for _, blk := range b.Blocks {
		switch x := blk.Body.(type) {
		case *hclcompact.Body:
			visitCompact(x, fn)
		case *hclsyntax.Body:
			// The block node itself: a dynamic block binds its
			// iterator's name (addIteratorNames).
			visitSyntax(&hclsyntax.Block{Type: blk.Type, Labels: blk.Labels, Body: x}, fn)
		}
	}
}
