package eval

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// pairIndexed prepares expr for evaluation in sc, the scope of a symbolic
// instance with a cohort: each reference to the element, with the
// instance's own index or key, of a resource of the same cohort is replaced
// by a reference to a fresh scope variable that holds that resource's
// symbolic instance (see cohorts.go). The forms recognised are
//
//	X[count.index]    X[count.index].attr    element(X[*].attr, count.index)
//	X[each.key]       X[each.key].attr       element(X, count.index)
//
// where X is exactly a resource (`aws_subnet.db`, `data.x.y`). element
// wraps its index around the list's length, which is the count itself
// here, so it names the same element. Everything else, `X[count.index + 1]`
// and `X[0]` included, is left alone and evaluates as before. The walk
// does not enter for expressions, whose variables may shadow count and
// each. JSON syntax is never rewritten.
func (e *evaluator) pairIndexed(expr hcl.Expression, sc *scope) (hcl.Expression, *scope) {
	sx, ok := expr.(hclsyntax.Expression)
	if !ok {
		return expr, sc
	}
	p := &pairer{e: e, sc: sc}
	out := rewriteSyntax(sx, p.pair)
	if len(p.binds) == 0 {
		return expr, sc
	}
	for i, v := range p.binds {
		sc = sc.with(pairedName(i), v)
	}
	return out, sc
}

// pairedName names the scope variable of the i-th paired reference; it is
// not an identifier, so it cannot clash with a name in the configuration.
func pairedName(i int) string { return fmt.Sprintf("⟪paired %d⟫", i) }

// pairForEach gives a symbolic expansion whose for_each is exactly a
// resource X with a for_each of its own (`for_each = aws_subnet.db`) X's
// cohort: the keys are X's keys. each.value is then X's element with the
// instance's own key.
func (e *evaluator) pairForEach(exp *expansion, expr hcl.Expression, sc *scope) *expansion {
	st, ok := expr.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(exp.items) != 1 {
		return exp
	}
	s, ok := e.symbolicOfCohort(st.Traversal, sc, sc.mod.prefix()+"for_each=")
	if !ok {
		return exp
	}
	exp.cohort = s.cohort
	it := &exp.items[0]
	it.rep.cohort = s.cohort
	it.rep.eachValue = s.paired()
	return exp
}

type pairer struct {
	e     *evaluator
	sc    *scope
	binds []cty.Value
}

// pair returns the replacement of x when x is one of the paired forms, else
// nil.
func (p *pairer) pair(x hclsyntax.Expression) hclsyntax.Expression {
	var coll hcl.Traversal
	var rel hcl.Traversal
	switch x := x.(type) {
	case *hclsyntax.RelativeTraversalExpr:
		ix, ok := x.Source.(*hclsyntax.IndexExpr)
		if !ok {
			return nil
		}
		coll, ok = p.ownIndex(ix)
		if !ok {
			return nil
		}
		rel = x.Traversal
	case *hclsyntax.IndexExpr:
		var ok bool
		if coll, ok = p.ownIndex(x); !ok {
			return nil
		}
	case *hclsyntax.FunctionCallExpr:
		var ok bool
		if coll, rel, ok = p.element(x); !ok {
			return nil
		}
	default:
		return nil
	}
	s, ok := p.e.pairedResource(coll, p.sc)
	if !ok {
		return nil
	}
	v := s.paired()
	if len(rel) > 0 {
		// An attribute the object lacks stays an unknown, as it was.
		if _, diags := rel.TraverseRel(v); diags.HasErrors() {
			return nil
		}
	}
	rng := x.Range()
	name := pairedName(len(p.binds))
	p.binds = append(p.binds, v)
	tr := append(hcl.Traversal{hcl.TraverseRoot{Name: name, SrcRange: rng}}, rel...)
	return &hclsyntax.ScopeTraversalExpr{Traversal: tr, SrcRange: rng}
}

// ownIndex returns the collection of `X[count.index]` or `X[each.key]`.
func (p *pairer) ownIndex(x *hclsyntax.IndexExpr) (hcl.Traversal, bool) {
	st, ok := x.Collection.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return nil, false
	}
	if p.isRef(x.Key, "count", "index") || p.isRef(x.Key, "each", "key") {
		return st.Traversal, true
	}
	return nil, false
}

// element returns the collection and the attribute steps of
// `element(X, count.index)` and `element(X[*].attr, count.index)`.
func (p *pairer) element(x *hclsyntax.FunctionCallExpr) (coll, rel hcl.Traversal, ok bool) {
	if x.Name != "element" || len(x.Args) != 2 || x.ExpandFinal || !p.isRef(x.Args[1], "count", "index") {
		return nil, nil, false
	}
	switch c := x.Args[0].(type) {
	case *hclsyntax.ScopeTraversalExpr:
		return c.Traversal, nil, true
	case *hclsyntax.SplatExpr:
		src, ok := c.Source.(*hclsyntax.ScopeTraversalExpr)
		if !ok {
			return nil, nil, false
		}
		switch each := c.Each.(type) {
		case *hclsyntax.AnonSymbolExpr:
			return src.Traversal, nil, each == c.Item
		case *hclsyntax.RelativeTraversalExpr:
			return src.Traversal, each.Traversal, each.Source == hclsyntax.Expression(c.Item)
		}
	}
	return nil, nil, false
}

// isRef reports whether x is exactly `root.attr` (count.index, each.key) and
// names the instance's own repetition value, not a dynamic block iterator.
func (p *pairer) isRef(x hclsyntax.Expression, root, attr string) bool {
	st, ok := x.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(st.Traversal) != 2 || st.Traversal.RootName() != root {
		return false
	}
	if _, shadowed := p.sc.extra[root]; shadowed {
		return false
	}
	if a, ok := st.Traversal[1].(hcl.TraverseAttr); !ok || a.Name != attr {
		return false
	}
	if root == "count" {
		return p.sc.rep.countIndex != cty.NilVal
	}
	return p.sc.rep.eachKey != cty.NilVal
}
