// Package hclcompact holds the compact form of the resource bodies of a
// Terraform file: what evaluating a resource reads of its body, without
// hcl's Attribute, Body and Block nodes around the expressions.
//
// A root's syntax trees are most of what a large run keeps alive before its
// first resource is evaluated: no resource can be evaluated before every
// file is parsed, and hcl keeps, for every argument, an Attribute with three
// ranges in a map, and for every nested block a Block with four ranges and a
// Body with a map of its own, around the expressions. The evaluation reads a
// resource body in one way only (its arguments in source order, its nested
// blocks), so each resource and data block's body is turned into a Body that
// holds just that, the same expressions and ranges, and the block's hcl body
// is cut down to the meta-arguments that loading reads (IsMetaArgument).
//
// What was cut is kept with the file itself, in hcl.File.Nav (hcl's hook
// for editor navigation, which daslint never uses): the compact bodies by
// the cut-down body that stands for each (Compacted). Every reader of a
// parsed file finds them there (Of), whichever parser or cache handed the
// file out, so no reader ever sees a cut body as the resource's whole body.
//
// A file gets its compact form in one of two ways, with one result:
// CompactFile converts the tree hclsyntax parsed, and internal/hclfast
// builds it directly, never making the nodes that CompactFile drops.
package hclcompact

import (
	"cmp"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// IsMetaArgument reports whether name is an argument of a resource body
// that loading reads before the resource is evaluated (count, for_each,
// provider), which a cut body keeps.
func IsMetaArgument(name string) bool {
	switch name {
	case "count", "for_each", "provider":
		return true
	}
	return false
}

// IsResource reports whether a top-level block of type typ with n labels
// is a resource or data block, whose body is made compact.
func IsResource(typ string, n int) bool {
	return (typ == "resource" || typ == "data") && n == 2
}

// KeepsSyntax reports whether a nested block of type typ keeps its hcl
// body in a compact one: a dynamic block, which is decoded with a schema,
// and the blocks that say how Terraform manages a resource, not what it
// is, which only walks over the syntax read.
func KeepsSyntax(typ string) bool {
	switch typ {
	case "dynamic", "lifecycle", "provisioner", "connection", "timeouts":
		return true
	}
	return false
}

// SyntaxBody is the body of a nested block: a *Body, or the
// *hclsyntax.Body of a block that keeps its syntax.
type SyntaxBody interface {
	MissingItemRange() hcl.Range
}

// Body is a resource body as the evaluation reads it.
type Body struct {
	// Attrs are the arguments, in source order.
	Attrs []Attr
	// Blocks are the nested blocks, in source order.
	Blocks []Block
	// Missing is the MissingItemRange of the hcl body it stands for.
	Missing hcl.Range
}

// MissingItemRange is the range of the hcl body it was made of.
func (b *Body) MissingItemRange() hcl.Range { return b.Missing }

// Block is a nested block of a Body.
type Block struct {
	Type   string
	Labels []string
	Body   SyntaxBody
	// Range runs from the block's type to the end of its body.
	Range hcl.Range
}

// Attr is an argument of a Body. Its range is kept as where it starts,
// since it ends where its expression does (hclsyntax's
// Attribute.SrcRange, when the argument parsed without error), in 32-bit
// numbers, which saves 40 bytes an argument; other holds a range that
// does not end so, or that does not fit.
type Attr struct {
	Name  string
	Expr  hcl.Expression
	start pos32
	other *hcl.Range
}

// NewAttr makes the Attr of the argument name whose range is rng and whose
// expression is expr.
func NewAttr(name string, rng hcl.Range, expr hcl.Expression) Attr {
	start, fits := toPos32(rng.Start)
	a := Attr{Name: name, Expr: expr, start: start}
	if !fits || a.Range() != rng {
		// A copy made here: the address of rng itself would move every
		// argument's range to the heap.
		other := rng
		a.other = &other
	}
	return a
}

// Range is the argument's range.
func (a Attr) Range() hcl.Range {
	if a.other != nil {
		return *a.other
	}
	end := a.Expr.Range()
	return hcl.Range{Filename: end.Filename, Start: a.start.pos(), End: end.End}
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

// Compacted is what a compact file keeps beside its cut tree: the compact
// body of each cut body.
type Compacted struct {
	Bodies map[*hclsyntax.Body]*Body
}

// Of returns the compact bodies of f, or nil when f has none (a JSON file,
// one parsed another way).
func Of(f *hcl.File) *Compacted {
	if f == nil {
		return nil
	}
	c, _ := f.Nav.(*Compacted)
	return c
}

// FoldLiterals returns x with every quoted string without a template
// sequence ("text", a TemplateExpr of one literal part) that it is or holds
// as a tuple element or object value replaced by its literal part, which
// takes the quoted string's range. The value is the same
// (TemplateExpr.Value gives its one part's string back), without the
// template's two nodes to keep or to join at every evaluation. x is a tree
// no one else has seen, which is changed in place.
func FoldLiterals(x hcl.Expression) hcl.Expression {
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
			e.Exprs[i] = FoldLiterals(el).(hclsyntax.Expression)
		}
	case *hclsyntax.ObjectConsExpr:
		for i := range e.Items {
			e.Items[i].ValueExpr = FoldLiterals(e.Items[i].ValueExpr).(hclsyntax.Expression)
		}
	}
	return x
}

// CompactFile converts the body of each resource and data block of f, a
// native syntax file just parsed that no one else has seen, and records
// the compact bodies in f.Nav. It does nothing to a file of another syntax
// or one already compact.
//
// What it keeps of a file is allocated in a few arrays sized for the whole
// file (arena), not node by node: the nodes it drops (hcl's Attribute, Body
// and Block nodes of every resource body) were allocated node by node, and
// a node it kept among them, of the same size, would hold the memory of
// all its dropped neighbours until the end of the run. On the 2,222-stack
// root of docs/performance.md, the heap held 40 MB of such free slots once
// the root was parsed.
func CompactFile(f *hcl.File) { compactFile(f) }

// compactFile is CompactFile, which returns the arena it used, nil when it
// converted nothing.
func compactFile(f *hcl.File) *arena {
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok || Of(f) != nil {
		return nil
	}
	var n size
	for _, blk := range body.Blocks {
		if IsResource(blk.Type, len(blk.Labels)) {
			n.cuts++
			n.add(blk.Body)
		}
	}
	a := newArena(n)
	c := &Compacted{Bodies: make(map[*hclsyntax.Body]*Body, n.cuts)}
	for _, blk := range body.Blocks {
		if !IsResource(blk.Type, len(blk.Labels)) {
			continue
		}
		cut := a.metaBody(blk.Body)
		c.Bodies[cut] = a.compactOf(blk.Body)
		blk.Body = cut
	}
	f.Nav = c
	return a
}

// size counts what compactFile makes of a file: the cut bodies, and the
// compact bodies with their arguments and nested blocks.
type size struct {
	cuts, bodies, attrs, blocks int
}

// add counts the compact body of b and of the nested blocks that compactOf
// converts.
func (n *size) add(b *hclsyntax.Body) {
	n.bodies++
	n.attrs += len(b.Attributes)
	n.blocks += len(b.Blocks)
	for _, blk := range b.Blocks {
		if !KeepsSyntax(blk.Type) {
			n.add(blk.Body)
		}
	}
}

// arena hands out the arrays and nodes of one file's compact and cut
// bodies, from one array of each kind.
type arena struct {
	cuts   []hclsyntax.Body
	bodies []Body
	attrs  []Attr
	blocks []Block
}

func newArena(n size) *arena {
	return &arena{
		cuts:   make([]hclsyntax.Body, n.cuts),
		bodies: make([]Body, n.bodies),
		attrs:  make([]Attr, n.attrs),
		blocks: make([]Block, n.blocks),
	}
}

// take returns the first n elements of *from as an empty slice of
// capacity n, and removes them from *from. When *from holds fewer (which
// a size counted from the same file never leaves), it allocates them.
func take[T any](from *[]T, n int) []T {
	if n > len(*from) {
		return make([]T, 0, n)
	}
	s := (*from)[:0:n]
	*from = (*from)[n:]
	return s
}

// next returns the first element of *from and removes it from *from, or
// a new element when *from is empty.
func next[T any](from *[]T) *T {
	if len(*from) == 0 {
		return new(T)
	}
	p := &(*from)[0]
	*from = (*from)[1:]
	return p
}

// used reports whether the arena handed out everything it held.
func (a *arena) used() bool {
	return len(a.cuts) == 0 && len(a.bodies) == 0 && len(a.attrs) == 0 && len(a.blocks) == 0
}

// metaBody is b cut down to its meta-arguments (IsMetaArgument) and its
// ranges.
func (a *arena) metaBody(b *hclsyntax.Body) *hclsyntax.Body {
	out := next(&a.cuts)
	*out = hclsyntax.Body{SrcRange: b.SrcRange, EndRange: b.EndRange}
	for name, attr := range b.Attributes {
		if IsMetaArgument(name) {
			if out.Attributes == nil {
				out.Attributes = hclsyntax.Attributes{}
			}
			out.Attributes[name] = attr
		}
	}
	return out
}

// compactOf converts b.
func (a *arena) compactOf(b *hclsyntax.Body) *Body {
	out := next(&a.bodies)
	*out = Body{Missing: b.MissingItemRange()}
	out.Attrs = take(&a.attrs, len(b.Attributes))
	for _, attr := range b.Attributes {
		out.Attrs = append(out.Attrs, NewAttr(attr.Name, attr.SrcRange, FoldLiterals(attr.Expr)))
	}
	slices.SortFunc(out.Attrs, func(a, b Attr) int { return cmp.Compare(a.Range().Start.Byte, b.Range().Start.Byte) })
	out.Blocks = take(&a.blocks, len(b.Blocks))
	for _, blk := range b.Blocks {
		out.Blocks = append(out.Blocks, Block{Type: blk.Type, Labels: blk.Labels, Body: a.nested(blk), Range: hcl.RangeBetween(blk.TypeRange, blk.Body.SrcRange)})
	}
	return out
}

// nested is the body of a nested block in a compact body.
func (a *arena) nested(blk *hclsyntax.Block) SyntaxBody {
	if KeepsSyntax(blk.Type) {
		return blk.Body
	}
	return a.compactOf(blk.Body)
}
