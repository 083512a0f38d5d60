package eval

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// visitSyntax calls f for n and for every node below it, parents first, as
// hclsyntax.VisitAll does, but without allocating: VisitAll makes a closure
// for every node it enters, which made it the first source of allocations
// of a run (every expression evaluated and every file read is walked).
//
// It enters the node types of hclsyntax one by one and gives any other
// (a type a newer hcl adds) to VisitAll, so that no node is skipped. Unlike
// VisitAll it does not call f for the grouping nodes that hold no syntax of
// their own: a body's Attributes and Blocks collections, and the
// ChildScope around the parts of a for expression; it calls f for what
// they hold.
func visitSyntax(n hclsyntax.Node, f func(hclsyntax.Node)) {
	if n == nil {
		return
	}
	f(n)
	switch x := n.(type) {
	case *hclsyntax.LiteralValueExpr, *hclsyntax.ScopeTraversalExpr, *hclsyntax.AnonSymbolExpr, *hclsyntax.ExprSyntaxError:
		// No children.
	case *hclsyntax.TemplateExpr:
		for _, p := range x.Parts {
			visitSyntax(p, f)
		}
	case *hclsyntax.TemplateWrapExpr:
		visitSyntax(x.Wrapped, f)
	case *hclsyntax.TemplateJoinExpr:
		visitSyntax(x.Tuple, f)
	case *hclsyntax.FunctionCallExpr:
		for _, a := range x.Args {
			visitSyntax(a, f)
		}
	case *hclsyntax.TupleConsExpr:
		for _, e := range x.Exprs {
			visitSyntax(e, f)
		}
	case *hclsyntax.ObjectConsExpr:
		for _, it := range x.Items {
			visitSyntax(it.KeyExpr, f)
			visitSyntax(it.ValueExpr, f)
		}
	case *hclsyntax.ObjectConsKeyExpr:
		// A bare name is a literal key, not a reference (as in hclsyntax).
		if hcl.ExprAsKeyword(x.Wrapped) == "" {
			visitSyntax(x.Wrapped, f)
		}
	case *hclsyntax.RelativeTraversalExpr:
		visitSyntax(x.Source, f)
	case *hclsyntax.IndexExpr:
		visitSyntax(x.Collection, f)
		visitSyntax(x.Key, f)
	case *hclsyntax.SplatExpr:
		visitSyntax(x.Source, f)
		visitSyntax(x.Each, f)
	case *hclsyntax.ForExpr:
		visitSyntax(x.CollExpr, f)
		if x.KeyExpr != nil {
			visitSyntax(x.KeyExpr, f)
		}
		visitSyntax(x.ValExpr, f)
		if x.CondExpr != nil {
			visitSyntax(x.CondExpr, f)
		}
	case *hclsyntax.ConditionalExpr:
		visitSyntax(x.Condition, f)
		visitSyntax(x.TrueResult, f)
		visitSyntax(x.FalseResult, f)
	case *hclsyntax.BinaryOpExpr:
		visitSyntax(x.LHS, f)
		visitSyntax(x.RHS, f)
	case *hclsyntax.UnaryOpExpr:
		visitSyntax(x.Val, f)
	case *hclsyntax.ParenthesesExpr:
		visitSyntax(x.Expression, f)
	case *hclsyntax.Body:
		for _, a := range x.Attributes {
			visitSyntax(a, f)
		}
		for _, b := range x.Blocks {
			visitSyntax(b, f)
		}
	case *hclsyntax.Attribute:
		visitSyntax(x.Expr, f)
	case *hclsyntax.Block:
		visitSyntax(x.Body, f)
	default:
		// A node type this walker does not know: VisitAll finds its
		// children. It calls f for n again first, which is skipped.
		first := true
		_ = hclsyntax.VisitAll(n, func(c hclsyntax.Node) hcl.Diagnostics {
			if first {
				first = false
				return nil
			}
			f(c)
			return nil
		})
	}
}

// variables is expr.Variables(): the traversals expr reads from its
// context, in source order (see scanExpr).
func variables(expr hcl.Expression) []hcl.Traversal {
	_, travs := scanExpr(expr)
	return travs
}

// scanExpr returns the for expressions in expr and the traversals expr
// reads from its context (expr.Variables()), in source order, in one walk
// that allocates only its results: hcl's walker allocates for every node,
// and this runs for every argument evaluated. When expr holds a for
// expression, which binds names of its own, hcl's Variables sorts them
// out.
func scanExpr(expr hcl.Expression) ([]*hclsyntax.ForExpr, []hcl.Traversal) {
	sx, ok := expr.(hclsyntax.Expression)
	if !ok {
		return nil, expr.Variables()
	}
	switch x := sx.(type) {
	case *hclsyntax.LiteralValueExpr:
		return nil, nil
	case *hclsyntax.ScopeTraversalExpr:
		return nil, []hcl.Traversal{x.Traversal}
	case *hclsyntax.TemplateExpr:
		if x.IsStringLiteral() {
			return nil, nil
		}
	}
	var s exprScan
	visitSyntax(sx, s.visit)
	if len(s.fors) > 0 {
		return s.fors, sx.Variables()
	}
	return nil, s.travs
}

// exprScan gathers what scanExpr returns.
type exprScan struct {
	fors  []*hclsyntax.ForExpr
	travs []hcl.Traversal
}

func (s *exprScan) visit(n hclsyntax.Node) {
	switch x := n.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		s.travs = append(s.travs, x.Traversal)
	case *hclsyntax.ForExpr:
		s.fors = append(s.fors, x)
	}
}
