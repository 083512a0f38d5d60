package eval

import (
	"errors"
	"fmt"

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
// the expansion limit it is a warning and leaves the value unknown (SPEC §5:
// a limit reached is a warning), not an error in the configuration.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }

// boundedSetProduct is stdlib's setproduct, refused before it builds more
// than maxElements elements.
var boundedSetProduct = function.New(&function.Spec{
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
