package eval

import (
	"cmp"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/internal/hclcompact"
	"github.com/daslint/daslint/model"
)

// maxBlockDepth bounds the nesting of blocks (dynamic blocks included).
const maxBlockDepth = 32

// isMetaArg reports whether an argument of a resource block is not an
// argument of the resource itself.
func isMetaArg(name string) bool {
	switch name {
	case "count", "for_each", "provider", "depends_on", "lifecycle":
		return true
	}
	return false
}

// skippedBlock reports whether a block says how Terraform manages a
// resource, not what it is.
func skippedBlock(name string) bool { return slices.Contains(skippedBlockTypes, name) }

// skippedBlockTypes are the blocks skippedBlock tells.
var skippedBlockTypes = []string{"lifecycle", "provisioner", "connection", "timeouts"}

// jsonBlockType reports whether a property of a `.tf.json` resource body is
// one that it holds as nested blocks. JSON has no syntax for blocks, and Terraform tells
// them apart with the provider's schema, which daslint does not have; these
// are the nested block types of the resources that matter for reachability.
func jsonBlockType(name string) bool {
	switch name {
	case "dynamic", "lifecycle", "provisioner", "connection", "timeouts", "ingress", "egress", "route",
		"filter", "dns_options", "subnet_configuration", "serverlessv2_scaling_configuration",
		"scaling_configuration", "restore_to_point_in_time", "s3_import", "statement", "principals", "condition",
		"not_principals", "subnet_mapping", "default_tags", "assume_role":
		return true
	}
	return false
}

// syntaxBody is a body that evalBody reads: an hcl.Body, or the compact
// body of a resource (compact.go).
type syntaxBody = hclcompact.SyntaxBody

// rawBlock is a nested block of either syntax.
type rawBlock = hclcompact.Block

// rawAttr is an argument of either syntax. It is held by value: a body is
// split once per instance evaluated, and hclsyntax's AsHCLAttribute would
// allocate a copy of every argument each time.
type rawAttr struct {
	name string
	expr hcl.Expression
	rng  hcl.Range
}

// splitBody lists the attributes, in source order, and nested blocks of a
// body without a schema. The attributes are appended to buf.
func splitBody(b syntaxBody, buf []rawAttr) ([]rawAttr, []rawBlock, hcl.Diagnostics) {
	switch sb := b.(type) {
	case *hclcompact.Body:
		// Copied: evalBody clears the buffer it is given back.
		attrs := slices.Grow(buf[:0], len(sb.Attrs))
		for _, a := range sb.Attrs {
			attrs = append(attrs, rawAttr{name: a.Name, expr: a.Expr, rng: a.Range()})
		}
		return attrs, sb.Blocks, nil
	case *hclsyntax.Body:
		attrs := slices.Grow(buf[:0], len(sb.Attributes))
		for _, a := range sb.Attributes {
			attrs = append(attrs, rawAttr{name: a.Name, expr: a.Expr, rng: a.SrcRange})
		}
		slices.SortFunc(attrs, func(a, b rawAttr) int { return cmp.Compare(a.rng.Start.Byte, b.rng.Start.Byte) })
		var blocks []rawBlock
		if len(sb.Blocks) > 0 {
			blocks = make([]rawBlock, 0, len(sb.Blocks))
			for _, blk := range sb.Blocks {
				blocks = append(blocks, rawBlock{Type: blk.Type, Labels: blk.Labels, Body: blk.Body, Range: hcl.RangeBetween(blk.TypeRange, blk.Body.SrcRange)})
			}
		}
		return attrs, blocks, nil
	case hcl.Body:
		return splitHCLBody(sb, buf)
	}
	return buf[:0], nil, nil
}

// splitHCLBody is splitBody for a body of another syntax than hcl's native
// one (JSON).
func splitHCLBody(b hcl.Body, buf []rawAttr) ([]rawAttr, []rawBlock, hcl.Diagnostics) {
	all, diags := b.JustAttributes()
	if diags.HasErrors() {
		return nil, nil, diags
	}
	schema := &hcl.BodySchema{}
	for name := range all {
		switch {
		case name == "dynamic" || name == "provisioner":
			schema.Blocks = append(schema.Blocks, hcl.BlockHeaderSchema{Type: name, LabelNames: []string{"type"}})
		case jsonBlockType(name):
			schema.Blocks = append(schema.Blocks, hcl.BlockHeaderSchema{Type: name})
		default:
			schema.Attributes = append(schema.Attributes, hcl.AttributeSchema{Name: name})
		}
	}
	content, _, diags := b.PartialContent(schema)
	sorted := sortedAttrs(content.Attributes)
	attrs := slices.Grow(buf[:0], len(sorted))
	for _, a := range sorted {
		attrs = append(attrs, rawAttr{name: a.Name, expr: a.Expr, rng: a.Range})
	}
	blocks := make([]rawBlock, 0, len(content.Blocks))
	for _, blk := range content.Blocks {
		blocks = append(blocks, rawBlock{Type: blk.Type, Labels: blk.Labels, Body: blk.Body, Range: blk.DefRange})
	}
	return attrs, blocks, diags
}

// evalBody evaluates the arguments and nested blocks of a body. top is set
// for a resource body, whose meta-arguments are skipped.
func (e *evaluator) evalBody(b syntaxBody, sc *scope, top bool, depth int) *Body {
	if depth > maxBlockDepth {
		e.ds.Errorf(Range(b.MissingItemRange()), "blocks nest deeper than %d", maxBlockDepth)
		return &Body{}
	}
	attrs, blocks, diags := splitBody(b, e.takeAttrBuf())
	defer e.giveAttrBuf(attrs)
	addHCLDiags(&e.ds, diags, b.MissingItemRange())
	out := &Body{}
	// The arguments of one body are allocated together: they live and die
	// with the instance.
	n := len(attrs)
	if top {
		n = 0
		for _, a := range attrs {
			if !isMetaArg(a.name) {
				n++
			}
		}
	}
	vals := make([]Attr, 0, n)
	for _, a := range attrs {
		if top && isMetaArg(a.name) {
			continue
		}
		v := e.eval(a.expr, sc)
		val := Attr{Name: a.name, Value: v, Range: a.rng}
		if !v.IsKnown() {
			val.Partial = e.partialOf(a.expr, v, sc)
			val.Complete = e.completeList(a.expr, sc)
		}
		vals = append(vals, val)
	}
	out.Attrs = sortAttrs(vals)
	for _, blk := range blocks {
		if out.Blocks == nil && !skippedBlock(blk.Type) {
			// Nil when there are none: most bodies have no nested block.
			out.Blocks = map[string][]*Block{}
		}
		switch {
		case skippedBlock(blk.Type):
		case blk.Type == "dynamic":
			if len(blk.Labels) == 1 {
				out.Blocks[blk.Labels[0]] = append(out.Blocks[blk.Labels[0]], e.expandDynamic(blk, sc, depth)...)
			}
		default:
			out.Blocks[blk.Type] = append(out.Blocks[blk.Type], &Block{Body: *e.evalBody(blk.Body, sc, false, depth+1), Range: blk.Range})
		}
	}
	return out
}

// takeAttrBuf returns a buffer for the attributes of a body (splitBody).
// evalBody needs one only while it runs, and it runs once per block of
// every instance: reusing them saves an allocation per body. They are a
// stack, not one buffer, because evaluating an argument may evaluate
// another resource's body first.
func (e *evaluator) takeAttrBuf() []rawAttr {
	n := len(e.attrBufs)
	if n == 0 {
		return nil
	}
	buf := e.attrBufs[n-1]
	e.attrBufs = e.attrBufs[:n-1]
	return buf
}

// giveAttrBuf returns buf to the evaluator, cleared so that it holds no
// expression of a syntax tree alive.
func (e *evaluator) giveAttrBuf(buf []rawAttr) {
	clear(buf)
	e.attrBufs = append(e.attrBufs, buf[:0])
}

var dynamicSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "for_each", Required: true}, {Name: "iterator"}, {Name: "labels"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "content"}},
}

// expandDynamic expands `dynamic "x" { for_each ... content { ... } }` into
// one block per element. An unknown for_each gives one block marked Maybe,
// whose iterator key and value are unknown.
func (e *evaluator) expandDynamic(blk rawBlock, sc *scope, depth int) []*Block {
	hb, ok := blk.Body.(hcl.Body)
	if !ok {
		// Not reached: a compact body keeps a dynamic block's hcl body.
		e.ds.Errorf(Range(blk.Range), "dynamic %q could not be read", blk.Labels[0])
		return nil
	}
	content, hds := hb.Content(dynamicSchema)
	addHCLDiags(&e.ds, hds, blk.Range)
	if hds.HasErrors() || len(content.Blocks) != 1 {
		if !hds.HasErrors() {
			e.ds.Errorf(Range(blk.Range), "dynamic %q needs exactly one content block", blk.Labels[0])
		}
		return nil
	}
	iter := blk.Labels[0]
	if a, ok := content.Attributes["iterator"]; ok {
		if kw := hcl.ExprAsKeyword(a.Expr); kw != "" {
			iter = kw
		} else if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			iter = v.AsString()
		}
	}
	body := content.Blocks[0].Body
	fe := content.Attributes["for_each"].Expr
	v := e.eval(fe, sc)
	if !v.IsWhollyKnown() && (!v.IsKnown() || v.Type().IsSetType()) {
		reason := "dynamic " + blk.Labels[0] + ": for_each is unknown"
		if rs := Reasons(v); len(rs) > 0 {
			reason = "dynamic " + blk.Labels[0] + ": for_each depends on " + rs[0].Reason
		}
		u := &model.Unresolved{Kind: model.FromCondition, Reason: reason, Range: Range(fe.Range())}
		it := cty.ObjectVal(map[string]cty.Value{"key": unknown(cty.DynamicPseudoType, u), "value": unknown(cty.DynamicPseudoType, u)})
		b := &Block{Body: *e.evalBody(body, sc.with(iter, it), false, depth+1), Range: blk.Range, Maybe: u}
		return []*Block{b}
	}
	inner, marks := v.Unmark()
	if inner.IsNull() {
		return nil
	}
	if !inner.CanIterateElements() {
		e.ds.Errorf(Range(fe.Range()), "dynamic %q: for_each must be a collection, got %s", blk.Labels[0], inner.Type().FriendlyName())
		return nil
	}
	var out []*Block
	for it := inner.ElementIterator(); it.Next(); {
		k, val := it.Element()
		obj := cty.ObjectVal(map[string]cty.Value{"key": k.WithMarks(marks), "value": val.WithMarks(marks)})
		out = append(out, &Block{Body: *e.evalBody(body, sc.with(iter, obj), false, depth+1), Range: blk.Range})
	}
	return out
}
