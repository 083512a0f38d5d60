package eval

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

// completeList reports whether expr, evaluated in sc, is exactly the list
// of an identity attribute (id, arn, ...) of every instance of one resource
// whose count or for_each is unknown:
//
//	X[*].id    X.*.id    values(X)[*].id    [for s in X : s.id]
//
// optionally wrapped in tolist, toset or parentheses. Such a list has an
// unknown length, but every element is the token of an instance of X, all
// of which X's symbolic instance stands for (ElementTokens): nothing else
// can be in it. Any other shape (a concat with other elements, a for
// expression that maps to something else, a filter) is not complete.
// Splats are for counted resources, `values` and for expressions for
// either.
func (e *evaluator) completeList(expr hcl.Expression, sc *scope) bool {
	switch x := expr.(type) {
	case *hclsyntax.ParenthesesExpr:
		return e.completeList(x.Expression, sc)
	case *hclsyntax.FunctionCallExpr:
		if (x.Name == "tolist" || x.Name == "toset") && len(x.Args) == 1 && !x.ExpandFinal {
			return e.completeList(x.Args[0], sc)
		}
	case *hclsyntax.SplatExpr:
		rel, ok := x.Each.(*hclsyntax.RelativeTraversalExpr)
		if !ok || rel.Source != hclsyntax.Expression(x.Item) {
			return false
		}
		switch src := x.Source.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			s, ok := e.symbolicAt(src.Traversal, sc)
			return ok && !s.keyed && s.isIdentity(rel.Traversal)
		case *hclsyntax.FunctionCallExpr:
			if src.Name != "values" || len(src.Args) != 1 || src.ExpandFinal {
				return false
			}
			st, ok := src.Args[0].(*hclsyntax.ScopeTraversalExpr)
			if !ok {
				return false
			}
			s, ok := e.symbolicAt(st.Traversal, sc)
			return ok && s.keyed && s.isIdentity(rel.Traversal)
		}
	case *hclsyntax.ForExpr:
		if x.KeyExpr != nil || x.CondExpr != nil || x.Group {
			return false
		}
		coll, ok := x.CollExpr.(*hclsyntax.ScopeTraversalExpr)
		val, ok2 := x.ValExpr.(*hclsyntax.ScopeTraversalExpr)
		if !ok || !ok2 || val.Traversal.RootName() != x.ValVar || x.ValVar == x.KeyVar {
			return false
		}
		s, ok := e.symbolicAt(coll.Traversal, sc)
		return ok && s.isIdentity(val.Traversal[1:])
	}
	return false
}

// isIdentity reports whether tr, applied to an instance of s, gives its
// identity token.
func (s symbolicElem) isIdentity(tr hcl.Traversal) bool {
	if len(tr) != 1 {
		return false
	}
	v, diags := tr.TraverseRel(s.obj)
	if diags.HasErrors() {
		return false
	}
	v, _ = v.Unmark()
	return v.IsKnown() && !v.IsNull() && v.Type() == cty.String && v.AsString() == model.Token(s.address)
}
