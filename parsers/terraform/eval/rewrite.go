package eval

import "github.com/hashicorp/hcl/v2/hclsyntax"

// rewriteSyntax returns x with every subexpression that pick replaces (pick
// returns the replacement, or nil to look further inside) replaced, copying
// only the nodes on the way to a replacement; x itself when pick replaces
// nothing. It does not enter for expressions, whose names may shadow those
// of the context that pick judged by, nor the body of a splat, which is
// relative to the splat's own symbol.
func rewriteSyntax(x hclsyntax.Expression, pick func(hclsyntax.Expression) hclsyntax.Expression) hclsyntax.Expression {
	w := rewriter{pick: pick}
	return w.rewrite(x, 0)
}

type rewriter struct {
	pick func(hclsyntax.Expression) hclsyntax.Expression
}

func (w *rewriter) rewrite(x hclsyntax.Expression, depth int) hclsyntax.Expression {
	if depth > maxValueDepth {
		return x
	}
	if r := w.pick(x); r != nil {
		return r
	}
	switch x := x.(type) {
	case *hclsyntax.RelativeTraversalExpr:
		if src := w.rewrite(x.Source, depth+1); src != x.Source {
			cp := *x
			cp.Source = src
			return &cp
		}
	case *hclsyntax.IndexExpr:
		c, k := w.rewrite(x.Collection, depth+1), w.rewrite(x.Key, depth+1)
		if c != x.Collection || k != x.Key {
			cp := *x
			cp.Collection, cp.Key = c, k
			return &cp
		}
	case *hclsyntax.FunctionCallExpr:
		if args, changed := w.list(x.Args, depth); changed {
			cp := *x
			cp.Args = args
			return &cp
		}
	case *hclsyntax.TupleConsExpr:
		if xs, changed := w.list(x.Exprs, depth); changed {
			cp := *x
			cp.Exprs = xs
			return &cp
		}
	case *hclsyntax.TemplateExpr:
		if xs, changed := w.list(x.Parts, depth); changed {
			cp := *x
			cp.Parts = xs
			return &cp
		}
	case *hclsyntax.ObjectConsExpr:
		return w.object(x, depth)
	case *hclsyntax.ConditionalExpr:
		xs, changed := w.list([]hclsyntax.Expression{x.Condition, x.TrueResult, x.FalseResult}, depth)
		if changed {
			cp := *x
			cp.Condition, cp.TrueResult, cp.FalseResult = xs[0], xs[1], xs[2]
			return &cp
		}
	case *hclsyntax.TemplateWrapExpr:
		if in := w.rewrite(x.Wrapped, depth+1); in != x.Wrapped {
			cp := *x
			cp.Wrapped = in
			return &cp
		}
	case *hclsyntax.ParenthesesExpr:
		if in := w.rewrite(x.Expression, depth+1); in != x.Expression {
			cp := *x
			cp.Expression = in
			return &cp
		}
	case *hclsyntax.BinaryOpExpr:
		l, r := w.rewrite(x.LHS, depth+1), w.rewrite(x.RHS, depth+1)
		if l != x.LHS || r != x.RHS {
			cp := *x
			cp.LHS, cp.RHS = l, r
			return &cp
		}
	case *hclsyntax.UnaryOpExpr:
		if v := w.rewrite(x.Val, depth+1); v != x.Val {
			cp := *x
			cp.Val = v
			return &cp
		}
	case *hclsyntax.SplatExpr:
		// Only the source: Each is relative to the splat's own symbol.
		if s := w.rewrite(x.Source, depth+1); s != x.Source {
			cp := *x
			cp.Source = s
			return &cp
		}
	}
	return x
}

func (w *rewriter) list(xs []hclsyntax.Expression, depth int) ([]hclsyntax.Expression, bool) {
	return mapExprs(xs, func(x hclsyntax.Expression) hclsyntax.Expression { return w.rewrite(x, depth+1) })
}

func (w *rewriter) object(x *hclsyntax.ObjectConsExpr, depth int) hclsyntax.Expression {
	var items []hclsyntax.ObjectConsItem
	for i, it := range x.Items {
		v := w.rewrite(it.ValueExpr, depth+1)
		if v != it.ValueExpr && items == nil {
			items = append(make([]hclsyntax.ObjectConsItem, 0, len(x.Items)), x.Items[:i]...)
		}
		if items != nil {
			it.ValueExpr = v
			items = append(items, it)
		}
	}
	if items == nil {
		return x
	}
	cp := *x
	cp.Items = items
	return &cp
}
