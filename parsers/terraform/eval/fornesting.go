package eval

import (
	"fmt"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// maxForElements bounds the work of one expression: the elements its for
// expressions iterate over, all nesting levels together, and the elements
// of the collections its function calls return. hcl iterates a for
// expression inside a single Value call, where neither the expansion limit
// nor the evaluator's checks of its context can stop it, and nesting
// multiplies: three loops over range(1024) are a billion elements. Counting
// the work instead of the nesting lets the nested loops real modules write
// (entries × policies × statements, a few hundred elements) evaluate at any
// depth, and stops huge ones after a fraction of a second.
const maxForElements = maxElements

// forCountFunc is the function that counts the elements a for expression
// iterates over (see scanExpr). Its name is no identifier, so the
// configuration cannot call it.
const forCountFunc = "⟪for-elements⟫"

// countedFors returns expr with the collection of each of its for
// expressions wrapped in a call to forCountFunc, which counts the elements
// it iterates over; expr itself when it holds none. The nodes on the way
// to a for expression are copied and the others shared: the syntax tree is
// never changed, because evaluations share it (the files of a module are
// parsed once per run and read by roots on several goroutines), and
// everything else (completeList, pairIndexed, names) must see it as
// parsed.
func countedFors(x hclsyntax.Expression) hclsyntax.Expression {
	switch x := x.(type) {
	case *hclsyntax.ForExpr:
		cp := *x
		coll := countedFors(x.CollExpr)
		r := coll.Range()
		cp.CollExpr = &hclsyntax.FunctionCallExpr{Name: forCountFunc, Args: []hclsyntax.Expression{coll},
			NameRange: r, OpenParenRange: r, CloseParenRange: r}
		if x.KeyExpr != nil {
			cp.KeyExpr = countedFors(x.KeyExpr)
		}
		cp.ValExpr = countedFors(x.ValExpr)
		if x.CondExpr != nil {
			cp.CondExpr = countedFors(x.CondExpr)
		}
		return &cp
	case *hclsyntax.TemplateExpr:
		if xs, changed := countedList(x.Parts); changed {
			cp := *x
			cp.Parts = xs
			return &cp
		}
	case *hclsyntax.TemplateWrapExpr:
		if w := countedFors(x.Wrapped); w != x.Wrapped {
			cp := *x
			cp.Wrapped = w
			return &cp
		}
	case *hclsyntax.TemplateJoinExpr:
		if t := countedFors(x.Tuple); t != x.Tuple {
			cp := *x
			cp.Tuple = t
			return &cp
		}
	case *hclsyntax.FunctionCallExpr:
		if xs, changed := countedList(x.Args); changed {
			cp := *x
			cp.Args = xs
			return &cp
		}
	case *hclsyntax.TupleConsExpr:
		if xs, changed := countedList(x.Exprs); changed {
			cp := *x
			cp.Exprs = xs
			return &cp
		}
	case *hclsyntax.ObjectConsExpr:
		var items []hclsyntax.ObjectConsItem
		for i, it := range x.Items {
			k, v := countedFors(it.KeyExpr), countedFors(it.ValueExpr)
			if (k != it.KeyExpr || v != it.ValueExpr) && items == nil {
				items = append(make([]hclsyntax.ObjectConsItem, 0, len(x.Items)), x.Items[:i]...)
			}
			if items != nil {
				items = append(items, hclsyntax.ObjectConsItem{KeyExpr: k, ValueExpr: v})
			}
		}
		if items != nil {
			cp := *x
			cp.Items = items
			return &cp
		}
	case *hclsyntax.ObjectConsKeyExpr:
		if w := countedFors(x.Wrapped); w != x.Wrapped {
			cp := *x
			cp.Wrapped = w
			return &cp
		}
	case *hclsyntax.RelativeTraversalExpr:
		if src := countedFors(x.Source); src != x.Source {
			cp := *x
			cp.Source = src
			return &cp
		}
	case *hclsyntax.IndexExpr:
		c, k := countedFors(x.Collection), countedFors(x.Key)
		if c != x.Collection || k != x.Key {
			cp := *x
			cp.Collection, cp.Key = c, k
			return &cp
		}
	case *hclsyntax.SplatExpr:
		// Each keeps the splat's own symbol (Item), which is shared.
		s, each := countedFors(x.Source), countedFors(x.Each)
		if s != x.Source || each != x.Each {
			cp := *x
			cp.Source, cp.Each = s, each
			return &cp
		}
	case *hclsyntax.ConditionalExpr:
		c, t, f := countedFors(x.Condition), countedFors(x.TrueResult), countedFors(x.FalseResult)
		if c != x.Condition || t != x.TrueResult || f != x.FalseResult {
			cp := *x
			cp.Condition, cp.TrueResult, cp.FalseResult = c, t, f
			return &cp
		}
	case *hclsyntax.BinaryOpExpr:
		l, r := countedFors(x.LHS), countedFors(x.RHS)
		if l != x.LHS || r != x.RHS {
			cp := *x
			cp.LHS, cp.RHS = l, r
			return &cp
		}
	case *hclsyntax.UnaryOpExpr:
		if v := countedFors(x.Val); v != x.Val {
			cp := *x
			cp.Val = v
			return &cp
		}
	case *hclsyntax.ParenthesesExpr:
		if w := countedFors(x.Expression); w != x.Expression {
			cp := *x
			cp.Expression = w
			return &cp
		}
	}
	return x
}

// countedList is countedFors of each expression of xs: a new slice when
// one changed, else xs and false.
func countedList(xs []hclsyntax.Expression) ([]hclsyntax.Expression, bool) {
	return mapExprs(xs, countedFors)
}

// mapExprs applies f to each expression of xs: a new slice when f changed
// one, else xs itself and false, so that an expression tree is copied only
// along the paths that change.
func mapExprs(xs []hclsyntax.Expression, f func(hclsyntax.Expression) hclsyntax.Expression) ([]hclsyntax.Expression, bool) {
	var out []hclsyntax.Expression
	for i, x := range xs {
		r := f(x)
		if r != x && out == nil {
			out = append(make([]hclsyntax.Expression, 0, len(xs)), xs[:i]...)
		}
		if out != nil {
			out = append(out, r)
		}
	}
	if out == nil {
		return xs, false
	}
	return out, true
}

// forCounter is forCountFunc: it passes the collection through and counts
// its elements as work (see produced).
func (e *evaluator) forCounter() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "collection", Type: cty.DynamicPseudoType,
			AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true}},
		Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if err := e.produced(args[0]); err != nil {
				return cty.NilVal, err
			}
			return args[0], nil
		},
	})
}

// produced adds the elements of v, a collection a for expression iterates
// over or a function returned, to the work of the expression being
// evaluated, and refuses once that work exceeds maxForElements or the
// run's context has ended.
func (e *evaluator) produced(v cty.Value) error {
	v, _ = v.Unmark()
	if v.IsKnown() && !v.IsNull() && v.CanIterateElements() {
		e.forWork += v.LengthInt()
	}
	if e.forWork > maxForElements {
		return e.refuse(fmt.Sprintf(
			"the expression iterates over or builds more than %d elements, daslint's limit; the value is unknown", maxForElements))
	}
	if e.stopped() {
		return e.refuse("evaluation stopped: the run's time is up")
	}
	return nil
}

// refuse records that a limit stopped the expression being evaluated and
// returns the error that stops hcl. It is recorded as well as returned
// because try() and can() turn an error into their fallback: the value
// must be unknown even then.
func (e *evaluator) refuse(msg string) error {
	le := &limitError{msg: msg}
	if e.refused == nil {
		e.refused = le
	}
	return le
}
