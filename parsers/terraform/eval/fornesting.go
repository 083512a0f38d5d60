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

// countFors wraps the collection of each for expression in fors in a call
// to forCountFunc, and returns the function that undoes it. The syntax tree
// is changed only for the duration of one Value call: everything else
// (completeList, pairIndexed, names) sees it as parsed.
func countFors(fors []*hclsyntax.ForExpr) (restore func()) {
	if len(fors) == 0 {
		return func() {}
	}
	orig := make([]hclsyntax.Expression, len(fors))
	for i, f := range fors {
		orig[i] = f.CollExpr
		r := f.CollExpr.Range()
		f.CollExpr = &hclsyntax.FunctionCallExpr{Name: forCountFunc, Args: []hclsyntax.Expression{orig[i]},
			NameRange: r, OpenParenRange: r, CloseParenRange: r}
	}
	return func() {
		for i, f := range fors {
			f.CollExpr = orig[i]
		}
	}
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
