package eval

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/daslint/daslint/model"
)

// setProductFunc is setproduct with a bound on the size of its result. It
// is the one collection function whose result grows multiplicatively
// (range is already bounded by cty, at 1,024 elements): two ranges of 1,000
// give a million combinations, and converting those to a set in the
// for_each that uses them takes cty minutes and gigabytes. Past the bound
// the result is unknown, for the same reason count and for_each stop at
// Options.MaxInstances.
func (e *evaluator) setProductFunc() function.Function {
	limit := int64(e.opts.MaxInstances)
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "sets", Type: cty.DynamicPseudoType},
		Type: func(args []cty.Value) (cty.Type, error) {
			types := make([]cty.Type, len(args))
			for i, a := range args {
				types[i] = a.Type()
			}
			return stdlib.SetProductFunc.ReturnType(types)
		},
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			product := int64(1)
			for _, a := range args {
				if !a.IsKnown() || a.IsNull() || !a.CanIterateElements() {
					return stdlib.SetProductFunc.Call(args)
				}
				product *= int64(a.LengthInt())
				if product > limit {
					u := &model.Unresolved{Kind: model.FromLimit,
						Reason: fmt.Sprintf("setproduct would make more than %d combinations, daslint's expansion limit", limit)}
					return unknown(retType, u), nil
				}
			}
			return stdlib.SetProductFunc.Call(args)
		},
	})
}
