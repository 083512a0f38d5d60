package eval

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/daslint/daslint/model"
)

// Computed identity attributes (`id`, `arn`) evaluate to identity tokens
// (model.Token), placeholders that keep links across locals, module
// outputs and templates. A token is not the real value: a function that
// looks inside it (split, substr, regex, a hash, a conversion to a number)
// would return a known value computed from the placeholder, which is wrong,
// or fail on it, which is an input error on valid code. Terraform itself
// knows such a value only after apply, so these calls return an unknown
// with that reason instead.
//
// The table below is the complete list of functions that may see a token
// without looking inside it; every other function, including one added to
// the table later, is wrapped by tokenGuard and returns unknown when a token
// reaches it. The families:
//
//   - Pass-through: the token comes out unchanged or is embedded whole
//     (tostring, coalesce, join, jsonencode, format with %s, templatefile's
//     variables, sensitive): links survive, as through a string template.
//   - Structure: collection functions that move elements without reading
//     them (concat, flatten, merge, lookup, element, slice, keys, values,
//     zipmap, setproduct, one, length of a collection). Their number or
//     index arguments are inspected: a token there is unknown.
//   - Identity comparison: contains, index, distinct, toset, the set
//     functions and matchkeys compare tokens as identities, which is how
//     links are followed everywhere (two references to one resource are
//     equal). The id and the arn of one resource share a token, so such a
//     comparison between the two is the one approximation left.
//   - Inspection (everything else): string functions (split, substr,
//     replace, regex, regexall, trim*, upper, lower, title, chomp, indent,
//     strrev, startswith, endswith, strcontains, length of a string),
//     encodings and hashes (base64*, urlencode, md5, sha*, jsondecode,
//     csvdecode), numbers and conversions (tonumber, tobool, parseint, max,
//     range), network functions (cidr*), sort (orders by the text), file and
//     path functions (a token is no path), format with any verb but %s or
//     %v. They return unknown.
var tokenSafe = sync.OnceValue(func() map[string]tokenPolicy {
	return map[string]tokenPolicy{
		"tostring": passAll, "tolist": passAll, "toset": passAll, "tomap": passAll,
		"coalesce": passAll, "coalescelist": passAll, "compact": passAll,
		"concat": passAll, "flatten": passAll, "distinct": passAll, "reverse": passAll,
		"merge": passAll, "keys": passAll, "values": passAll, "zipmap": passAll,
		"lookup": passAll, "one": passAll, "transpose": passAll, "matchkeys": passAll,
		"contains": passAll, "index": passAll,
		"setproduct": passAll, "setunion": passAll, "setintersection": passAll, "setsubtract": passAll,
		"join": passAll, "jsonencode": passAll,
		"sensitive": passAll, "nonsensitive": passAll, "issensitive": passAll, "ephemeralasnull": passAll,
		// try and can take expressions, not values; what they evaluate goes
		// through the guarded functions.
		"try": passAll, "can": passAll,

		"element":      passExcept(1),
		"slice":        passExcept(1, 2),
		"chunklist":    passExcept(1),
		"templatefile": passExcept(0),
		"length":       inspectsString,
		"format":       formatPolicy,
		"formatlist":   formatPolicy,
	}
})

// tokenPolicy says whether a call with args looks inside a token in them.
type tokenPolicy func(args []cty.Value) (inspected cty.Value, inspects bool)

// passAll never looks inside its arguments.
func passAll([]cty.Value) (cty.Value, bool) { return cty.NilVal, false }

// passExcept passes its arguments through, except those at the given
// positions (indexes, counts, paths), which it reads.
func passExcept(read ...int) tokenPolicy {
	return func(args []cty.Value) (cty.Value, bool) {
		for _, i := range read {
			if i < len(args) && hasToken(args[i], 0) {
				return args[i], true
			}
		}
		return cty.NilVal, false
	}
}

// inspectsString is length: of a collection it counts elements, of a
// string it counts the characters of the placeholder.
func inspectsString(args []cty.Value) (cty.Value, bool) {
	if len(args) == 1 {
		v, _ := args[0].Unmark()
		if v.Type() == cty.String && hasToken(v, 0) {
			return v, true
		}
	}
	return cty.NilVal, false
}

// passVerbs matches the format verbs that embed a string whole.
var passVerbs = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`%(\[[0-9]+\])?[sv]|%%`)
})

// formatPolicy passes tokens through %s and %v; any other verb (a width, a
// quote, a number) reads the placeholder, as does a token in the format.
func formatPolicy(args []cty.Value) (cty.Value, bool) {
	if len(args) == 0 {
		return cty.NilVal, false
	}
	spec, _ := args[0].Unmark()
	if hasToken(spec, 0) {
		return spec, true
	}
	var tokened cty.Value
	for _, a := range args[1:] {
		if hasToken(a, 0) {
			tokened = a
			break
		}
	}
	if tokened == cty.NilVal {
		return cty.NilVal, false
	}
	if !spec.IsKnown() || spec.IsNull() || spec.Type() != cty.String {
		return tokened, true
	}
	if rest := passVerbs().ReplaceAllString(spec.AsString(), ""); strings.Contains(rest, "%") {
		return tokened, true
	}
	return cty.NilVal, false
}

// inspectsAny is the policy of every function not in tokenSafe.
func inspectsAny(args []cty.Value) (cty.Value, bool) {
	for _, a := range args {
		if hasToken(a, 0) {
			return a, true
		}
	}
	return cty.NilVal, false
}

// hasToken reports whether a known string inside v, deeply, holds an
// identity token.
func hasToken(v cty.Value, depth int) bool {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || depth > maxValueDepth {
		return false
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return len(model.Tokens(v.AsString())) > 0
	case ty.IsPrimitiveType() || ty.IsCapsuleType():
		return false
	}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if (ty.IsMapType() && hasToken(k, depth+1)) || hasToken(e, depth+1) {
			return true
		}
	}
	return false
}

// guardFunctions wraps every function of fs but try and can (which take
// expressions, not values) in tokenGuard: with its token policy, and with
// the bound on collection sizes (see sizeLimit).
func (e *evaluator) guardFunctions(fs map[string]function.Function) {
	for name, f := range fs {
		if name == "try" || name == "can" {
			continue
		}
		policy, ok := tokenSafe()[name]
		if !ok {
			policy = inspectsAny
		}
		fs[name] = e.tokenGuard(name, f, policy)
	}
}

// tokenGuard returns f, except that a call whose arguments policy finds
// inspected and holding a token returns an unknown with the reason. Its
// parameters accept anything, so that a token never fails a type
// conversion before the check; f then converts and checks as it always
// does.
func (e *evaluator) tokenGuard(name string, f function.Function, policy tokenPolicy) function.Function {
	anyParam := func(p function.Parameter) function.Parameter {
		return function.Parameter{Name: p.Name, Description: p.Description, Type: cty.DynamicPseudoType,
			AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true}
	}
	// f's own parameters, read once: Params copies them on every call.
	fParams, fVarParam := f.Params(), f.VarParam()
	var params []function.Parameter
	for _, p := range fParams {
		params = append(params, anyParam(p))
	}
	var varParam *function.Parameter
	if fVarParam != nil {
		p := anyParam(*fVarParam)
		varParam = &p
	}
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      params,
		VarParam:    varParam,
		Type: func(args []cty.Value) (cty.Type, error) {
			converted, err := convertArgs(fParams, fVarParam, args)
			if err == nil {
				var ty cty.Type
				if ty, err = f.ReturnTypeForValues(converted); err == nil {
					return ty, nil
				}
			}
			if _, inspects := policy(args); inspects {
				return cty.DynamicPseudoType, nil
			}
			return cty.NilType, err
		},
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			if v, inspects := policy(args); inspects {
				return unknown(retType, e.tokenReason(name, v)), nil
			}
			if err := e.sizeLimit(name, args); err != nil {
				return cty.NilVal, err
			}
			converted, err := convertArgs(fParams, fVarParam, args)
			if err != nil {
				return cty.NilVal, err
			}
			v, err := f.Call(converted)
			var le *limitError
			if errors.As(err, &le) {
				return cty.NilVal, e.refuse(le.msg)
			}
			if err == nil {
				err = e.sizeLimit(name, []cty.Value{v})
			}
			if err == nil {
				err = e.produced(v)
			}
			if err != nil || v.IsWhollyKnown() {
				return v, err
			}
			// Some functions (element of an unknown list) return a fresh
			// unknown without their arguments' marks: the reasons must
			// follow, or the unknown would say only "cannot be determined".
			var reasons []*model.Unresolved
			for _, a := range args {
				reasons = append(reasons, Reasons(a)...)
			}
			return markUnknowns(v, reasons), nil
		},
	})
}

// sizeLimit refuses a call whose arguments or result hold a collection of
// more than maxElements elements. Functions run inside one hcl call that
// nothing interrupts, and some cost more than their input: toset over a
// million strings (a flatten of two nested loops over 1,024 keys) hashes
// and compares for minutes. Real configuration handles a few hundred.
func (e *evaluator) sizeLimit(name string, vals []cty.Value) error {
	for _, v := range vals {
		v, _ = v.Unmark()
		if v.IsKnown() && !v.IsNull() && v.CanIterateElements() && v.LengthInt() > maxElements {
			return e.refuse(fmt.Sprintf("%s() over a collection of more than %d elements, daslint's limit; the value is unknown", name, maxElements))
		}
	}
	return nil
}

// convertArgs converts args to the types of a function's parameters,
// params and varParam, as hcl does before it calls the function.
func convertArgs(params []function.Parameter, varParam *function.Parameter, args []cty.Value) ([]cty.Value, error) {
	out := make([]cty.Value, len(args))
	for i, a := range args {
		var p *function.Parameter
		switch {
		case i < len(params):
			p = &params[i]
		case varParam != nil:
			p = varParam
		default:
			out[i] = a
			continue
		}
		v, err := convert.Convert(a, p.Type)
		if err != nil {
			return nil, function.NewArgError(i, err)
		}
		out[i] = v
	}
	return out, nil
}

// tokenReason is the reason a call to name that reads the token in v is
// unknown. Reasons are memoised, so one resource read by one function is
// one reason however many calls read it.
func (e *evaluator) tokenReason(name string, v cty.Value) *model.Unresolved {
	addr := firstToken(v, 0)
	key := name + "\x00" + addr
	if u, ok := e.tokenReasons[key]; ok {
		return u
	}
	var origin model.Range
	if r := e.tokenOrigins[addr]; r != nil {
		origin = Range(*r)
	}
	u := &model.Unresolved{Kind: model.FromComputed, Range: origin,
		Reason: fmt.Sprintf("%s() reads the id or ARN of %s, which is known only after apply", name, addr)}
	if e.tokenReasons == nil {
		e.tokenReasons = map[string]*model.Unresolved{}
	}
	e.tokenReasons[key] = u
	return u
}

// firstToken is the address of the first identity token inside v.
func firstToken(v cty.Value, depth int) string {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || depth > maxValueDepth {
		return ""
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		if ts := model.Tokens(v.AsString()); len(ts) > 0 {
			return ts[0]
		}
		return ""
	case ty.IsPrimitiveType() || ty.IsCapsuleType():
		return ""
	}
	for it := v.ElementIterator(); it.Next(); {
		k, x := it.Element()
		if ty.IsMapType() {
			if a := firstToken(k, depth+1); a != "" {
				return a
			}
		}
		if a := firstToken(x, depth+1); a != "" {
			return a
		}
	}
	return ""
}
