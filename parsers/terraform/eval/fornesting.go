package eval

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/daslint/daslint/model"
)

// maxForNesting is how deeply for expressions may nest in one expression.
// hcl iterates a for expression inside a single Value call, where neither
// the expansion limit nor --timeout can stop it, and nesting multiplies:
// three nested loops over range(1024) make a billion elements. Two levels
// (a million at most, a few seconds) cover the nested loops real modules
// write (flatten([for k, v in var.x : [for s in v.subnets : ...]])).
const maxForNesting = 2

// forNestingLimit returns the reason expr is not evaluated when its for
// expressions nest deeper than maxForNesting, else nil. Depths are
// memoised per expression: the same expression is evaluated once per
// instance.
func (e *evaluator) forNestingLimit(expr hcl.Expression) *model.Unresolved {
	sx, ok := expr.(hclsyntax.Expression)
	if !ok {
		return nil
	}
	if e.forDepths == nil {
		e.forDepths = map[hclsyntax.Expression]int{}
	}
	depth, seen := e.forDepths[sx]
	if !seen {
		depth = forDepth(sx)
		e.forDepths[sx] = depth
	}
	if depth <= maxForNesting {
		return nil
	}
	u := &model.Unresolved{Kind: model.FromLimit, Range: Range(expr.Range()),
		Reason: fmt.Sprintf("for expressions nested %d deep are not evaluated (daslint evaluates at most %d levels)", depth, maxForNesting)}
	if !seen {
		e.ds.Warnf(u.Range, "%s", u.Reason)
		e.limits = append(e.limits, u)
	}
	return u
}

// forDepth is the largest number of for expressions on one path from x
// down its syntax tree.
func forDepth(x hclsyntax.Expression) int {
	w := &forWalker{}
	_ = hclsyntax.Walk(x, w)
	return w.max
}

type forWalker struct{ depth, max int }

func (w *forWalker) Enter(n hclsyntax.Node) hcl.Diagnostics {
	if _, ok := n.(*hclsyntax.ForExpr); ok {
		w.depth++
		w.max = max(w.max, w.depth)
	}
	return nil
}

func (w *forWalker) Exit(n hclsyntax.Node) hcl.Diagnostics {
	if _, ok := n.(*hclsyntax.ForExpr); ok {
		w.depth--
	}
	return nil
}
