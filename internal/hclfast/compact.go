package hclfast

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/daslint/daslint/internal/hclcompact"
)

// manyArguments is the number of arguments past which a compact body
// looks for a repeated one in a map rather than in the arguments so far.
const manyArguments = 16

// compactBody parses the body of a resource or data block, up to and
// including the "}" that closes it, in the compact form: the cut body that
// stands in the block (its ranges and meta-arguments), the compact body
// and the range of the "}".
func (p *parser) compactBody(start hcl.Pos) (*hclsyntax.Body, *hclcompact.Body, hcl.Range, bool) {
	var metas hclsyntax.Attributes
	body, rng, end, ok := p.compactItems(start, &metas)
	if !ok {
		return nil, nil, hcl.Range{}, false
	}
	cut := &hclsyntax.Body{
		Attributes: metas,
		SrcRange:   rng,
		EndRange:   hcl.Range{Filename: p.filename, Start: end.End, End: end.End},
	}
	return cut, body, end, true
}

// compactItems parses the arguments and nested blocks of a body in the
// compact form, up to and including its "}"; start is where the body's
// range begins. It returns the body, its range and the range of the "}".
// The meta-arguments are also put in *metas as hcl's Attribute nodes, when
// metas is not nil.
func (p *parser) compactItems(start hcl.Pos, metas *hclsyntax.Attributes) (*hclcompact.Body, hcl.Range, hcl.Range, bool) {
	var attrBuf [manyArguments]hclcompact.Attr
	var blockBuf [8]hclcompact.Block
	attrs, blocks := attrBuf[:0], blockBuf[:0]
	var names map[string]bool // past manyArguments
	var end hcl.Range
	for {
		if !p.skipInline() || p.atEOF() {
			return nil, hcl.Range{}, hcl.Range{}, false
		}
		if p.src[p.off] == '}' {
			end = p.token(1)
			break
		}
		if p.atNewline() {
			p.readNewline()
			continue
		}
		n := p.identLen()
		if n == 0 {
			return nil, hcl.Range{}, hcl.Range{}, false
		}
		name := string(p.src[p.off : p.off+n])
		nameRange := p.token(n)
		if !p.skipInline() {
			return nil, hcl.Range{}, hcl.Range{}, false
		}
		if p.peekByte(0) != '=' {
			blk, ok := p.compactBlock(name, nameRange)
			if !ok {
				return nil, hcl.Range{}, hcl.Range{}, false
			}
			blocks = append(blocks, blk)
			continue
		}
		expr, equals, ok := p.attributeValue()
		if !ok || repeated(attrs, &names, name) {
			return nil, hcl.Range{}, hcl.Range{}, false // an argument set twice
		}
		if metas != nil && hclcompact.IsMetaArgument(name) {
			if *metas == nil {
				*metas = hclsyntax.Attributes{}
			}
			(*metas)[name] = newAttribute(name, nameRange, equals, expr)
		}
		// Folded after the meta-argument took the expression, as
		// CompactFile folds the arguments of a body it has cut.
		rng := hcl.RangeBetween(nameRange, expr.Range())
		attrs = append(attrs, hclcompact.NewAttr(name, rng, hclcompact.FoldLiterals(expr)))
	}
	rng := hcl.Range{Filename: p.filename, Start: start, End: end.End}
	body := &hclcompact.Body{
		// Never nil, as CompactFile leaves them.
		Attrs:   append(make([]hclcompact.Attr, 0, len(attrs)), attrs...),
		Blocks:  append(make([]hclcompact.Block, 0, len(blocks)), blocks...),
		Missing: (&hclsyntax.Body{SrcRange: rng}).MissingItemRange(),
	}
	return body, rng, end, true
}

// repeated reports whether the argument name is among attrs, the arguments
// of a body so far, and adds it to them in *names once they are many.
func repeated(attrs []hclcompact.Attr, names *map[string]bool, name string) bool {
	if len(attrs) < manyArguments {
		for _, a := range attrs {
			if a.Name == name {
				return true
			}
		}
		return false
	}
	if *names == nil {
		*names = make(map[string]bool, 2*len(attrs))
		for _, a := range attrs {
			(*names)[a.Name] = true
		}
	}
	if (*names)[name] {
		return true
	}
	(*names)[name] = true
	return false
}

// compactBlock parses a nested block of a compact body after its type. A
// block that keeps its syntax (hclcompact.KeepsSyntax) is parsed into hcl's
// nodes, of which it keeps the body; any other into a compact body.
func (p *parser) compactBlock(typ string, typeRange hcl.Range) (hclcompact.Block, bool) {
	if hclcompact.KeepsSyntax(typ) {
		blk, ok := p.block(typ, typeRange)
		if !ok {
			return hclcompact.Block{}, false
		}
		return hclcompact.Block{Type: typ, Labels: blk.Labels, Body: blk.Body, Range: hcl.RangeBetween(blk.TypeRange, blk.Body.SrcRange)}, true
	}
	var labelBuf [4]string
	var rangeBuf [4]hcl.Range
	labels, _, open, ok := p.blockHeader(labelBuf[:0], rangeBuf[:0])
	if !ok {
		return hclcompact.Block{}, false
	}
	p.depth++
	body, rng, _, ok := p.compactItems(open.Start, nil)
	p.depth--
	if !ok || !p.endOfLine() {
		return hclcompact.Block{}, false
	}
	return hclcompact.Block{Type: typ, Labels: exact(labels), Body: body, Range: hcl.RangeBetween(typeRange, rng)}, true
}
