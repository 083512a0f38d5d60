package eval

import (
	"errors"
	"fmt"
	"math/big"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/daslint/daslint/model"
)

// maxElements is the largest collection setproduct may build. Terraform
// has no such limit, but a product of a few ranges of 1,000 (cty's range
// stops at 1,024 elements) is a billion elements: the run would never end.
// Real configuration multiplies zones by subnets, a few hundred at most.
const maxElements = 100_000

// limitError is a function's refusal to build a value above a limit. Like
// the expansion limit it is a warning and leaves the value unknown (a limit reached is a
// warning: docs/limits.md#limits-and-hostile-input), not an error in the configuration.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }

// boundedSetProduct is stdlib's setproduct, refused before it builds more
// than maxElements elements.
var boundedSetProduct = sync.OnceValue(func() function.Function {
	return function.New(&function.Spec{
		Description: stdlib.SetProductFunc.Description(),
		VarParam:    stdlib.SetProductFunc.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			return stdlib.SetProductFunc.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			n := 1
			for _, a := range args {
				if !a.IsKnown() || a.IsNull() || !a.CanIterateElements() {
					continue
				}
				n *= max(a.LengthInt(), 1)
				if n > maxElements {
					return cty.NilVal, &limitError{fmt.Sprintf(
						"setproduct would build more than %d elements, daslint's limit; the value is unknown", maxElements)}
				}
			}
			return stdlib.SetProductFunc.Call(args)
		},
	})
})

// limitDiagnostic returns the limitError behind an hcl diagnostic, if any.
func limitDiagnostic(d *hcl.Diagnostic) *limitError {
	extra, ok := d.Extra.(hclsyntax.FunctionCallDiagExtra)
	if !ok {
		return nil
	}
	var le *limitError
	if errors.As(extra.FunctionCallError(), &le) {
		return le
	}
	return nil
}

// limitReached reports a function that refused to build a value above a
// limit, as a warning at the call, and returns the unknown's reason; nil
// when the diagnostics hold no such refusal.
func (e *evaluator) limitReached(hds hcl.Diagnostics, expr hcl.Expression) *model.Unresolved {
	for _, d := range hds {
		if le := limitDiagnostic(d); le != nil {
			at := Range(subjectOf(d, expr.Range()))
			e.ds.Warnf(at, "%s", le.msg)
			u := &model.Unresolved{Kind: model.FromLimit, Reason: le.msg, Range: at}
			e.limits = append(e.limits, u)
			return u
		}
	}
	return nil
}

// limitAt records a limit that stopped expr: a warning, once per place and
// message however many instances evaluate expr, and an entry in e.limits,
// which makes the root's passes unknown.
func (e *evaluator) limitAt(msg string, expr hcl.Expression) *model.Unresolved {
	at := Range(expr.Range())
	key := fmt.Sprintf("%s:%d:%d %s", at.File, at.Line, at.Column, msg)
	if u, ok := e.limitSeen[key]; ok {
		return u
	}
	u := &model.Unresolved{Kind: model.FromLimit, Reason: msg, Range: at}
	if e.limitSeen == nil {
		e.limitSeen = map[string]*model.Unresolved{}
	}
	e.limitSeen[key] = u
	e.ds.Warnf(at, "%s", msg)
	e.limits = append(e.limits, u)
	return u
}

// rangeFunc is Terraform's range, computed with machine integers when every
// argument is a small whole number: cty's range adds and compares arbitrary
// precision numbers for each element, which makes a few hundred calls in a
// loop cost seconds. Anything else, and every error, is stdlib's.
var rangeFunc = sync.OnceValue(func() function.Function {
	return function.New(&function.Spec{
		Description:  stdlib.RangeFunc.Description(),
		VarParam:     stdlib.RangeFunc.VarParam(),
		Type:         function.StaticReturnType(cty.List(cty.Number)),
		RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder { return b.NotNull() },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			n := make([]int64, len(args))
			for i, a := range args {
				x, acc := a.AsBigFloat().Int64()
				if acc != big.Exact || x < -1<<40 || x > 1<<40 {
					return stdlib.RangeFunc.Call(args)
				}
				n[i] = x
			}
			var start, end, step int64
			switch len(n) {
			case 1:
				start, end, step = 0, n[0], 1
			case 2:
				start, end, step = n[0], n[1], 1
			case 3:
				start, end, step = n[0], n[1], n[2]
			default:
				return stdlib.RangeFunc.Call(args)
			}
			if len(n) < 3 && end < start {
				step = -1
			}
			if step == 0 || (step > 0 && end < start) || (step < 0 && end > start) || (end-start)/step > 1024 {
				return stdlib.RangeFunc.Call(args) // its errors
			}
			var vals []cty.Value
			for x := start; (step > 0 && x < end) || (step < 0 && x > end); x += step {
				vals = append(vals, cty.NumberIntVal(x))
			}
			if len(vals) > 1024 {
				return stdlib.RangeFunc.Call(args)
			}
			if len(vals) == 0 {
				return cty.ListValEmpty(cty.Number), nil
			}
			return cty.ListVal(vals), nil
		},
	})
})
