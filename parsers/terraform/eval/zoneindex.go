package eval

import (
	"math/big"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// Taking zones from a zone list by position (see zones.go): an index,
// element and slice.

// zoneIndexes returns expr with each zone taken by position from a zone
// list replaced by that zone (zoneList.elem): `X[n]` written in one
// traversal (`data.aws_availability_zones.x.names[0]`, `local.azs[1]`), and
// `X[k]` where X is a traversal and k evaluates in ctx to a whole number
// (`names[count.index]`). hcl's own index of an unknown list is a plain
// unknown: which position it was is lost. Everything else is left alone.
// Until this evaluation has made a zone list or joined another root (whose
// outputs may hold one), no expression can index one.
func (e *evaluator) zoneIndexes(expr hcl.Expression, ctx *hcl.EvalContext) hcl.Expression {
	sx, ok := expr.(hclsyntax.Expression)
	if !ok || (e.zoneLists == 0 && len(e.joined) == 0) {
		return expr
	}
	return rewriteSyntax(sx, func(x hclsyntax.Expression) hclsyntax.Expression {
		switch x := x.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			return zoneInTraversal(x, ctx)
		case *hclsyntax.IndexExpr:
			return zoneAtIndex(x, ctx)
		}
		return nil
	})
}

// zoneInTraversal replaces `X[n]`, a traversal that ends in an index of a
// zone list.
func zoneInTraversal(x *hclsyntax.ScopeTraversalExpr, ctx *hcl.EvalContext) hclsyntax.Expression {
	last := len(x.Traversal) - 1
	ix, ok := x.Traversal[last].(hcl.TraverseIndex)
	if !ok || last < 1 {
		return nil
	}
	coll, diags := x.Traversal[:last].TraverseAbs(ctx)
	if diags.HasErrors() {
		return nil
	}
	return zoneLiteral(coll, ix.Key, x.SrcRange)
}

// zoneAtIndex replaces `X[k]` where X is a traversal to a zone list.
func zoneAtIndex(x *hclsyntax.IndexExpr, ctx *hcl.EvalContext) hclsyntax.Expression {
	st, ok := x.Collection.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return nil
	}
	coll, diags := st.Traversal.TraverseAbs(ctx)
	if diags.HasErrors() || zoneListOf(coll) == nil {
		return nil
	}
	if fors, _ := scanExpr(x.Key); len(fors) > 0 {
		return nil
	}
	key, diags := x.Key.Value(ctx)
	if diags.HasErrors() {
		return nil
	}
	return zoneLiteral(coll, key, x.SrcRange)
}

// zoneLiteral is the literal of the zone at index key of coll, or nil when
// coll is not a zone list or key not a whole number ≥ 0 (a negative index
// fails in Terraform: hcl reports it).
func zoneLiteral(coll, key cty.Value, rng hcl.Range) hclsyntax.Expression {
	z := zoneListOf(coll)
	if z == nil {
		return nil
	}
	i, ok := wholeIndex(key)
	if !ok {
		return nil
	}
	return &hclsyntax.LiteralValueExpr{Val: z.elem(i), SrcRange: rng}
}

// wholeIndex reads a known whole number ≥ 0 that fits an int.
func wholeIndex(v cty.Value) (int, bool) {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() {
		return 0, false
	}
	n, err := convertTo(v, cty.Number)
	if err != nil {
		return 0, false
	}
	i, acc := n.AsBigFloat().Int64()
	if acc != big.Exact || i < 0 || i > maxUnknownSlice {
		return 0, false
	}
	return int(i), true
}

// zoneSlice is slice(z, start, end): the zones at those positions. Had the
// list fewer elements, slice would fail and Terraform plan nothing.
func zoneSlice(z *zoneList, start, end int) cty.Value {
	if end == start {
		return cty.ListValEmpty(cty.String)
	}
	elems := make([]cty.Value, 0, end-start)
	for i := start; i < end; i++ {
		elems = append(elems, z.elem(i))
	}
	return cty.ListVal(elems)
}

// elementFunc is Terraform's element, which wraps its index around the
// list's length. Of a zone list, whose length is unknown, it is the zone at
// that index only when the index is below every length the list can have
// (minZones): element(names, 2) of a region with two zones is names[0].
var elementFunc = sync.OnceValue(func() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{
			// Marked: the list's marks say whether it is a zone list.
			{Name: "list", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowMarked: true},
			{Name: "index", Type: cty.Number},
		},
		Type: func(args []cty.Value) (cty.Type, error) {
			if zoneListOf(args[0]) != nil {
				return cty.String, nil
			}
			return stdlib.ElementFunc.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if z := zoneListOf(args[0]); z != nil {
				if i, ok := wholeIndex(args[1]); ok && i < z.minLen {
					return z.elem(i), nil
				}
			}
			return stdlib.ElementFunc.Call(args)
		},
	})
})
