package terraform

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// fields reads the evaluated arguments of one block (a resource body or a
// nested block) as model values. Every value gets the range of its argument,
// or of the block when the argument is not set, so that a verdict that rests
// on a default still points at the declaration.
type fields struct {
	t *translator
	// addr is the address of the instance the block belongs to, for messages.
	addr string
	// cohort is the instance's cohort, whose paired references become
	// links with SameIndex (eval.SameIndexOf).
	cohort string
	// prefix names the nested block (`ingress.`), for messages.
	prefix string
	body   *eval.Body
	rng    model.Range
}

// attr returns the argument name when the configuration sets it.
func (f *fields) attr(name string) *eval.Attr {
	return f.body.Attr(name) // nil for a nil body
}

// has reports whether name is set to something other than null.
func (f *fields) has(name string) bool {
	a := f.attr(name)
	return a != nil && !a.Value.IsNull()
}

// unknown returns why v, the value of name, is unknown: the reason eval
// marked it with, else a reason naming the argument.
func (f *fields) unknown(name string, v cty.Value, r model.Range) *model.Unresolved {
	if u := reasonOf(v); u != nil {
		return u
	}
	return &model.Unresolved{
		Kind:   model.FromExpression,
		Reason: fmt.Sprintf("%s%s of %s cannot be evaluated offline", f.prefix, name, f.addr),
		Range:  r,
	}
}

// convert converts v, the value of name, to ty the way Terraform converts
// arguments ("443" is a number, "true" a bool, 443 the string "443").
// It reports set=false for null. A value that is unknown gives its reason; a
// value of the wrong type gives a warning, and is unknown: Terraform would
// reject the configuration, so nothing can be concluded from it.
func (f *fields) convert(name string, v cty.Value, ty cty.Type, r model.Range) (cv cty.Value, u *model.Unresolved, set bool) {
	if v.IsNull() {
		return cty.NilVal, nil, false
	}
	if !v.IsWhollyKnown() {
		return cty.NilVal, f.unknown(name, v, r), true
	}
	if v.ContainsMarked() {
		v, _ = v.UnmarkDeep()
	}
	cv, err := convert.Convert(v, ty)
	if err == nil && ty == cty.Number {
		err = checkWhole(cv)
	}
	if err != nil {
		f.t.ds.Warnf(r, "%s: %s%s: %s, got %s; daslint treats it as unknown",
			f.addr, f.prefix, name, err, describe(v))
		return cty.NilVal, &model.Unresolved{
			Kind:   model.FromExpression,
			Reason: fmt.Sprintf("%s%s of %s is not a valid %s", f.prefix, name, f.addr, ty.FriendlyName()),
			Range:  r,
		}, true
	}
	return cv, nil, true
}

// checkWhole rejects numbers that do not fit an int64: ports, rule numbers
// and the like are whole numbers.
func checkWhole(v cty.Value) error {
	bf := v.AsBigFloat()
	if !bf.IsInt() {
		return fmt.Errorf("a whole number is required")
	}
	if _, acc := bf.Int64(); acc != big.Exact {
		return fmt.Errorf("the number is out of range")
	}
	return nil
}

// describe renders a known, unmarked value briefly for a message.
func describe(v cty.Value) string {
	switch v.Type() {
	case cty.String:
		return fmt.Sprintf("%q", v.AsString())
	case cty.Bool:
		return fmt.Sprint(v.True())
	case cty.Number:
		return v.AsBigFloat().Text('g', -1)
	default:
		return v.Type().FriendlyName()
	}
}

// scalar reads name converted to ty.
func (f *fields) scalar(name string, ty cty.Type) (v cty.Value, r model.Range, u *model.Unresolved, set bool) {
	a := f.attr(name)
	if a == nil {
		return cty.NilVal, f.rng, nil, false
	}
	r = rangeOf(a.Range)
	v, u, set = f.convert(name, a.Value, ty, r)
	if !set {
		r = f.rng
	}
	return v, r, u, set
}

// str reads a string argument.
func (f *fields) str(name string) model.Str {
	v, r, u, set := f.scalar(name, cty.String)
	switch {
	case !set:
		return model.Str{Range: r}
	case u != nil:
		return model.UnknownStr(u, r)
	default:
		return model.KnownStr(v.AsString(), r)
	}
}

// zone reads an availability zone argument. A zone that the configuration
// takes by position from a data.aws_availability_zones list is known by that
// position (a model zone token, docs/semantics.md#symbolic-zones) though its
// name is not.
func (f *fields) zone(name string) model.Str {
	if a := f.attr(name); a != nil {
		if tok, ok := eval.ZoneOf(a.Value); ok {
			return model.KnownStr(tok, rangeOf(a.Range))
		}
	}
	return f.str(name)
}

// enum reads a string argument that the provider validates against a
// fixed, case-sensitive set of values (enum.Validate in the AWS provider).
// Any other value fails terraform plan; rather than guess what was meant
// ("interface" for "Interface"), daslint warns and reads it as unknown.
func (f *fields) enum(name string, values ...string) model.Str {
	s := f.str(name)
	if !s.Known() || slices.Contains(values, s.Value) {
		return s
	}
	f.t.ds.Warnf(s.Range, "%s: %s must be one of %s (case-sensitive); the provider refuses %q, so daslint treats it as unknown",
		f.addr, f.prefix+name, strings.Join(values, ", "), s.Value)
	return model.UnknownStr(&model.Unresolved{Kind: model.FromExpression,
		Reason: fmt.Sprintf("%s of %s is %q, which the provider refuses", f.prefix+name, f.addr, s.Value), Range: s.Range}, s.Range)
}

// boolean reads a bool argument.
func (f *fields) boolean(name string) model.Bool {
	v, r, u, set := f.scalar(name, cty.Bool)
	switch {
	case !set:
		return model.Bool{Range: r}
	case u != nil:
		return model.Bool{Unknown: u, Range: r}
	default:
		return model.KnownBool(v.True(), r)
	}
}

// integer reads a whole-number argument.
func (f *fields) integer(name string) model.Int {
	v, r, u, set := f.scalar(name, cty.Number)
	switch {
	case !set:
		return model.Int{Range: r}
	case u != nil:
		return model.Int{Unknown: u, Range: r}
	default:
		i, _ := v.AsBigFloat().Int64()
		return model.KnownInt(i, r)
	}
}

// ref reads an argument that names another resource: an identity token is a
// link by identity, anything else a literal ID or name.
func (f *fields) ref(name string) model.Ref {
	r := f.t.refOf(f.str(name))
	if a := f.attr(name); a != nil {
		r = f.paired(r, a.Value)
	}
	return r
}

// paired marks a link by identity that names, in a collection of the
// instance's own cohort, the element with the instance's own index.
func (f *fields) paired(r model.Ref, v cty.Value) model.Ref {
	if r.Key != "" && eval.SameIndexOf(v, f.cohort) {
		r.SameIndex = true
	}
	return r
}

// refOf turns a string value into a link.
func (t *translator) refOf(s model.Str) model.Ref {
	switch {
	case s.Unknown != nil:
		return model.Ref{Unknown: s.Unknown, Range: s.Range}
	case !s.Set:
		return model.Ref{Range: s.Range}
	}
	r := model.RefFromString(s.Value, s.Range)
	if r.Key != "" {
		r.Maybe = t.maybeOf(r.Key)
	}
	return r
}

// list reads a list, set or tuple argument as its elements. An unknown list
// (its length unknown) gives the reason instead.
func (f *fields) list(name string) (elems []cty.Value, r model.Range, incomplete *model.Unresolved, set bool) {
	a := f.attr(name)
	if a == nil || a.Value.IsNull() {
		return nil, f.rng, nil, false
	}
	r = rangeOf(a.Range)
	if !a.Value.IsKnown() {
		// A list of unknown length built from resources with an unknown
		// count still names them: eval gives the tokens of their symbolic
		// instances, which become maybe elements.
		for _, tok := range eval.ElementTokens(a.Value) {
			elems = append(elems, cty.StringVal(tok))
		}
		if a.Complete && len(elems) > 0 {
			// Exactly the instances of those resources: the list holds
			// nothing the maybe elements do not stand for.
			return elems, r, nil, true
		}
		return elems, r, f.unknown(name, a.Value, r), true
	}
	v, _ := a.Value.Unmark()
	if ty := v.Type(); !ty.IsListType() && !ty.IsSetType() && !ty.IsTupleType() {
		uv, _ := v.UnmarkDeep()
		f.t.ds.Warnf(r, "%s: %s%s: a list is required, got %s; daslint treats it as unknown",
			f.addr, f.prefix, name, describe(uv))
		return nil, r, &model.Unresolved{
			Kind:   model.FromExpression,
			Reason: fmt.Sprintf("%s%s of %s is not a list", f.prefix, name, f.addr),
			Range:  r,
		}, true
	}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		elems = append(elems, e)
	}
	return elems, r, nil, true
}

// refs reads a list of links. A known list keeps its known elements and has
// an unknown Ref for each unknown element; a list of unknown length is
// Incomplete. Null elements are skipped (Terraform rejects them).
func (f *fields) refs(name string) model.Refs {
	elems, r, incomplete, set := f.list(name)
	out := model.Refs{Set: set, Incomplete: incomplete, Range: r}
	for _, e := range elems {
		v, u, ok := f.convert(name, e, cty.String, r)
		switch {
		case !ok:
			continue
		case u != nil:
			out.Items = append(out.Items, model.Ref{Unknown: u, Range: r})
		case v.AsString() == "":
			continue
		default:
			out.Items = append(out.Items, f.paired(f.t.refOf(model.KnownStr(v.AsString(), r)), e))
		}
	}
	return out
}

// securityGroups reads a list of security groups of an ENI-backed resource
// (an interface endpoint, a cluster). An empty list is the same as none: the
// provider sends no groups, and AWS then applies the VPC's default security
// group (EC2 CreateVpcEndpoint and RDS CreateDBCluster, SecurityGroupIds /
// VpcSecurityGroupIds), so it reads as unset.
func (f *fields) securityGroups(name string) model.Refs {
	r := f.refs(name)
	if r.Set && len(r.Items) == 0 && r.Incomplete == nil {
		r.Set = false
	}
	return r
}

// strList reads a list of strings, with the same rules as refs.
func (f *fields) strList(name string) model.StrList {
	elems, r, incomplete, set := f.list(name)
	out := model.StrList{Set: set, Incomplete: incomplete, Range: r}
	if incomplete != nil {
		elems = nil // the tokens of symbolic instances are links, not strings
	}
	for _, e := range elems {
		v, u, ok := f.convert(name, e, cty.String, r)
		switch {
		case !ok:
			continue
		case u != nil:
			out.Items = append(out.Items, model.UnknownStr(u, r))
		default:
			out.Items = append(out.Items, model.KnownStr(v.AsString(), r))
		}
	}
	return out
}

// refsOf wraps a single link as a list, for the rule arguments that name one
// peer where others name several.
func refsOf(r model.Ref) model.Refs {
	if !r.IsSet() {
		return model.Refs{Range: r.Range}
	}
	return model.Refs{Items: []model.Ref{r}, Set: true, Range: r.Range}
}

// strListOf wraps a single string as a list.
func strListOf(s model.Str) model.StrList {
	if !s.Set && s.Unknown == nil {
		return model.StrList{Range: s.Range}
	}
	return model.StrList{Items: []model.Str{s}, Set: true, Range: s.Range}
}
