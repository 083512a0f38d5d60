package eval

import (
	"cmp"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// A root's syntax trees are most of what a large run keeps alive before
// its first resource is evaluated: no resource can be evaluated before
// every file is parsed, and hcl keeps, for every argument, an Attribute
// with three ranges in a map, and for every nested block a Block with four
// ranges and a Body with a map of its own, around the expressions. The
// evaluation reads a resource body in one way only (evalBody: its
// arguments in source order, its nested blocks), so right after a file is
// parsed, on the goroutine that parsed it, each resource and data block's
// body is turned into a compactBody that holds just that, the same
// expressions and ranges, and the block's hcl body is cut down to the
// meta-arguments that loading reads (count, for_each, provider: metaBody).
// The Attribute, Block and Body nodes of resource bodies are then garbage
// as each file is parsed, instead of living, for every file at once, until
// the walk: on the 2,000-stack root of docs/performance.md the live heap
// once the root is loaded fell from 83 to 69 MB.
//
// What was cut is kept with the file itself, in hcl.File.Nav (hcl's hook
// for editor navigation, which daslint never uses): the compact bodies by
// the cut-down body that stands for each. Every reader of a parsed file
// finds them there (compactedOf, visitFile), whichever parser or cache
// handed the file out, so no reader ever sees a cut body as the resource's
// whole body.

// compactBody is a resource body as evalBody reads it.
type compactBody struct {
	// attrs are the arguments, in source order.
	attrs []compactAttr
	// blocks are the nested blocks in source order. A dynamic block
	// keeps its hcl body, which expandDynamic decodes, and so does one
	// that evalBody skips (skippedBlocks), which only the syntax walks
	// read (visitFile); any other is a *compactBody.
	blocks  []rawBlock
	missing hcl.Range
}

// compactAttr is an argument of a compactBody: a rawAttr whose range is
// kept as where it starts, since it ends where its expression does
// (hclsyntax's Attribute.SrcRange, when the argument parsed without
// error), in 32-bit numbers, which saves 40 bytes an argument. other holds
// a range that does not end so, or that does not fit.
type compactAttr struct {
	name  string
	expr  hcl.Expression
	start pos32
	other *hcl.Range
}

// pos32 is an hcl.Pos whose numbers fit in 32 bits.
type pos32 struct {
	line, column, byte int32
}

// toPos32 converts p; ok is false when a number does not fit.
func toPos32(p hcl.Pos) (pos32, bool) {
	q := pos32{int32(p.Line), int32(p.Column), int32(p.Byte)}
	return q, q.pos() == p
}

// pos is p as an hcl.Pos.
func (p pos32) pos() hcl.Pos {
	return hcl.Pos{Line: int(p.line), Column: int(p.column), Byte: int(p.byte)}
}

// newCompactAttr makes the compactAttr of a, whose expression is expr.
func newCompactAttr(a *hclsyntax.Attribute, expr hcl.Expression) compactAttr {
	start, fits := toPos32(a.SrcRange.Start)
	c := compactAttr{name: a.Name, expr: expr, start: start}
	if !fits || c.rng() != a.SrcRange {
		rng := a.SrcRange
		c.other = &rng
	}
	return c
}

// rng is the argument's range.
func (a compactAttr) rng() hcl.Range {
	if a.other != nil {
		return *a.other
	}
	end := a.expr.Range()
	return hcl.Range{Filename: end.Filename, Start: a.start.pos(), End: end.End}
}

// raw returns a as the rawAttr it was made of.
func (a compactAttr) raw() rawAttr {
	return rawAttr{name: a.name, expr: a.expr, rng: a.rng()}
}

// MissingItemRange is the range of the hcl body it was made of.
func (b *compactBody) MissingItemRange() hcl.Range { return b.missing }

// compacted is what compactFile keeps of a file beside its cut tree: the
// compact body of each cut body.
type compacted struct {
	bodies map[*hclsyntax.Body]*compactBody
}

// compactedOf returns what compactFile kept of f, or nil when it did not
// convert f (a JSON file, one parsed another way).
func compactedOf(f *hcl.File) *compacted {
	if f == nil {
		return nil
	}
	c, _ := f.Nav.(*compacted)
	return c
}

// resourceBody returns the body that evaluation reads for the resource
// block b of f: its compact body when compactFile converted it, else b's.
func resourceBody(f *hcl.File, b *hcl.Block) syntaxBody {
	if c := compactedOf(f); c != nil {
		if sb, ok := b.Body.(*hclsyntax.Body); ok {
			if cb := c.bodies[sb]; cb != nil {
				return cb
			}
		}
	}
	return b.Body
}

// compactFile converts the body of each resource and data block of f, a
// file just parsed that no one else has seen, to a compactBody. It does
// nothing to a file that is not native syntax.
func compactFile(f *hcl.File) {
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return
	}
	c := &compacted{bodies: map[*hclsyntax.Body]*compactBody{}}
	for _, blk := range body.Blocks {
		if (blk.Type != "resource" && blk.Type != "data") || len(blk.Labels) != 2 {
			continue
		}
		cut := metaBody(blk.Body)
		c.bodies[cut] = compactOf(blk.Body)
		blk.Body = cut
	}
	f.Nav = c
}

// metaBody is b cut down to what loading a resource reads of it, the
// arguments of metaSchema, and b's ranges. Decoding metaSchema, which
// requires nothing and names no block, reports nothing of the rest.
func metaBody(b *hclsyntax.Body) *hclsyntax.Body {
	out := &hclsyntax.Body{SrcRange: b.SrcRange, EndRange: b.EndRange}
	for _, s := range metaSchema.Attributes {
		if a, ok := b.Attributes[s.Name]; ok {
			if out.Attributes == nil {
				out.Attributes = hclsyntax.Attributes{}
			}
			out.Attributes[s.Name] = a
		}
	}
	return out
}

// compactOf converts b, as splitBody would split it.
func compactOf(b *hclsyntax.Body) *compactBody {
	out := &compactBody{missing: b.MissingItemRange()}
	out.attrs = make([]compactAttr, 0, len(b.Attributes))
	for _, a := range b.Attributes {
		out.attrs = append(out.attrs, newCompactAttr(a, foldLiterals(a.Expr)))
	}
	slices.SortFunc(out.attrs, func(a, b compactAttr) int { return cmp.Compare(a.rng().Start.Byte, b.rng().Start.Byte) })
	for _, blk := range b.Blocks {
		rb := rawBlock{typ: blk.Type, labels: blk.Labels, rng: hcl.RangeBetween(blk.TypeRange, blk.Body.SrcRange)}
		if blk.Type == "dynamic" || skippedBlocks[blk.Type] {
			rb.body = blk.Body
		} else {
			rb.body = compactOf(blk.Body)
		}
		out.blocks = append(out.blocks, rb)
	}
	return out
}

// foldLiterals returns x with every quoted string without a template
// sequence ("text", a TemplateExpr of one literal part) that it is or
// holds as a tuple element or object value replaced by its literal part,
// which takes the quoted string's range. The value is the same
// (TemplateExpr.Value gives its one part's string back), without the
// template's two nodes to keep or to join at every evaluation. x is a
// tree no one else has seen (compactFile), which is changed in place.
func foldLiterals(x hcl.Expression) hcl.Expression {
	switch e := x.(type) {
	case *hclsyntax.TemplateExpr:
		if e.IsStringLiteral() {
			if lit, ok := e.Parts[0].(*hclsyntax.LiteralValueExpr); ok {
				lit.SrcRange = e.SrcRange
				return lit
			}
		}
	case *hclsyntax.TupleConsExpr:
		for i, el := range e.Exprs {
			e.Exprs[i] = foldLiterals(el).(hclsyntax.Expression)
		}
	case *hclsyntax.ObjectConsExpr:
		for i := range e.Items {
			e.Items[i].ValueExpr = foldLiterals(e.Items[i].ValueExpr).(hclsyntax.Expression)
		}
	}
	return x
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
// has any (compactFile converted it).
func visitFileParts(f *hcl.File, body *hclsyntax.Body, inner func(), fn func(hclsyntax.Node)) {
	visitSyntax(body, fn)
	c := compactedOf(f)
	if c == nil {
		return
	}
	inner()
	for _, blk := range body.Blocks {
		if cb := c.bodies[blk.Body]; cb != nil {
			cb.visit(fn)
		}
	}
}

func (b *compactBody) visit(fn func(hclsyntax.Node)) {
	for _, a := range b.attrs {
		if x, ok := a.expr.(hclsyntax.Node); ok {
			visitSyntax(x, fn)
		}
	}
	for _, blk := range b.blocks {
		switch x := blk.body.(type) {
		case *compactBody:
			x.visit(fn)
		case *hclsyntax.Body:
			// The block node itself: a dynamic block binds its
			// iterator's name (addIteratorNames).
			visitSyntax(&hclsyntax.Block{Type: blk.typ, Labels: blk.labels, Body: x}, fn)
		}
	}
}
