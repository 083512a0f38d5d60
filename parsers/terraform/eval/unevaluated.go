package eval

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/daslint/daslint/model"
)

// Terraform functions whose result daslint does not compute. A call to one
// is valid Terraform, so it must not be an error: its result is unknown,
// with a reason that names the function (see callReasons).
//
// applyTimeFunctions depend on the moment or on randomness: Terraform
// itself knows them only when it applies the plan. notEvaluatedFunctions are
// deterministic but play no part in network code, or need what daslint does
// not read (a home directory, a private key); provider-defined functions
// (`provider::aws::arn_parse`) join them when the configuration calls one.
var (
	applyTimeFunctions    = []string{"timestamp", "plantimestamp", "uuid", "bcrypt", "timeadd", "formatdate", "timecmp"}
	notEvaluatedFunctions = []string{
		"yamldecode", "yamlencode", "textencodebase64", "textdecodebase64", "base64gzip",
		"templatestring", "rsadecrypt", "uuidv5", "type",
		"filemd5", "filesha1", "filesha256", "filesha512", "filebase64sha256", "filebase64sha512",
	}
)

// unknownResultFunc accepts any arguments and returns an unknown of any
// type; eval gives the unknown its reason from the call.
func unknownResultFunc() function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true},
		Type:     function.StaticReturnType(cty.DynamicPseudoType),
		Impl:     func([]cty.Value, cty.Type) (cty.Value, error) { return cty.DynamicVal, nil },
	})
}

// addUnevaluated registers the functions above and the provider-defined
// functions the configuration calls.
func (e *evaluator) addUnevaluated(fs map[string]function.Function, providerFuncs map[string]bool) {
	e.unevaluated = map[string]string{}
	for _, name := range applyTimeFunctions {
		fs[name] = unknownResultFunc()
		if name != "timecmp" { // every one but timecmp (a number) returns a string
			fs[name] = applyTimeFunc()
		}
		e.unevaluated[name] = "%s() is known only when Terraform applies the plan"
	}
	for _, name := range notEvaluatedFunctions {
		fs[name] = unknownResultFunc()
		e.unevaluated[name] = "daslint does not evaluate %s()"
	}
	for name := range providerFuncs {
		fs[name] = unknownResultFunc()
		e.unevaluated[name] = "daslint does not evaluate the provider-defined function %s()"
	}
}

// callReasons names the calls in expr to functions whose result daslint
// does not compute, so that an unknown they produce says where it comes
// from instead of "value cannot be determined offline".
func (e *evaluator) callReasons(expr hcl.Expression) []*model.Unresolved {
	syn, ok := expr.(hclsyntax.Node)
	if !ok {
		return nil
	}
	var out []*model.Unresolved
	visitSyntax(syn, func(n hclsyntax.Node) {
		call, ok := n.(*hclsyntax.FunctionCallExpr)
		if !ok {
			return
		}
		if format, ok := e.unevaluated[call.Name]; ok {
			out = append(out, &model.Unresolved{Kind: model.FromExpression, Reason: fmt.Sprintf(format, call.Name), Range: Range(call.Range())})
		}
	})
	return out
}

// providerFunctions lists the provider-defined functions
// (`provider::NAME::FUNCTION`) that files call.
func providerFunctions(files map[string]*hcl.File) map[string]bool {
	out := map[string]bool{}
	for _, f := range files {
		body, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		visitFile(f, body, func(n hclsyntax.Node) {
			if call, ok := n.(*hclsyntax.FunctionCallExpr); ok && strings.HasPrefix(call.Name, "provider::") {
				out[call.Name] = true
			}
		})
	}
	return out
}
