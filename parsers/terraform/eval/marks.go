package eval

import (
	"sort"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

// Unknown values carry the reasons they are unknown as cty marks of type
// *model.Unresolved. Pointer marks are comparable, so the same reason that
// flows through many expressions stays one reason, and cty and hcl carry
// marks through operators, functions, templates and conditionals.

// symbolicMark rides on the value of a resource collection whose count or
// for_each is unknown. It names the symbolic instance (`aws_subnet.db[?]`)
// that stands for the collection's elements, so that a list built from it
// (`aws_subnet.db[*].id`) still says which resource it holds.
type symbolicMark struct{ address string }

// partialMark rides on an unknown string whose known parts are known, such as
// the service_name of a KMS aws_vpc_endpoint_service in an unknown region.
type partialMark struct{ text string }

// UnknownRegion stands for the unknown parts of a partially known string
// (Attr.Partial).
const UnknownRegion = "⟨unknown-region⟩"

// Reasons returns the reasons for every unknown part of v, deeply,
// deduplicated and in a stable order (by position, then reason).
func Reasons(v cty.Value) []*model.Unresolved {
	seen := map[*model.Unresolved]bool{}
	var out []*model.Unresolved
	for u := range cty.ValueMarksOfTypeDeep[*model.Unresolved](v) {
		if u != nil && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Range.File != b.Range.File {
			return a.Range.File < b.Range.File
		}
		if a.Range.Line != b.Range.Line {
			return a.Range.Line < b.Range.Line
		}
		if a.Range.Column != b.Range.Column {
			return a.Range.Column < b.Range.Column
		}
		return a.Reason < b.Reason
	})
	return out
}

// ElementTokens returns the identity tokens of the symbolic instances
// (`model.Token("aws_subnet.db[?]")`) whose collections flowed into v. A
// list of unknown length built from a resource with an unknown count still
// names the resource it holds; the translator decides whether the symbolic
// instance may be taken to exist (docs/semantics.md#symbolic-instances).
func ElementTokens(v cty.Value) []string {
	seen := map[string]bool{}
	var out []string
	for m := range cty.ValueMarksOfTypeDeep[*symbolicMark](v) {
		if m != nil && !seen[m.address] {
			seen[m.address] = true
			out = append(out, model.Token(m.address))
		}
	}
	sort.Strings(out)
	return out
}

// unknown returns an unknown value of type ty marked with u.
func unknown(ty cty.Type, u *model.Unresolved) cty.Value {
	if ty == cty.NilType {
		ty = cty.DynamicPseudoType
	}
	return cty.UnknownVal(ty.WithoutOptionalAttributesDeep()).Mark(u)
}

// hasReason reports whether v itself (not its elements) carries a reason.
func hasReason(v cty.Value) bool {
	for u := range cty.ValueMarksOfType[*model.Unresolved](v) {
		if u != nil {
			return true
		}
	}
	return false
}

// markUnknowns marks every unknown part of v that carries no reason with
// reasons, so that no unknown leaves the evaluator without one. hcl drops
// marks in a few places (attribute access on an unknown object yields a
// fresh unknown); this is the net under those.
func markUnknowns(v cty.Value, reasons []*model.Unresolved) cty.Value {
	if v.IsWhollyKnown() || len(reasons) == 0 {
		return v
	}
	return markWalk(v, reasons, 0)
}

// maxValueDepth bounds the recursion over nested values.
const maxValueDepth = 64

func markWalk(v cty.Value, reasons []*model.Unresolved, depth int) cty.Value {
	if !v.IsKnown() || depth > maxValueDepth {
		if hasReason(v) {
			return v
		}
		for _, r := range reasons {
			v = v.Mark(r)
		}
		return v
	}
	if v.IsWhollyKnown() {
		return v
	}
	inner, marks := v.Unmark()
	ty := inner.Type()
	if inner.IsNull() {
		return v
	}
	switch {
	case ty.IsListType() || ty.IsTupleType():
		var elems []cty.Value
		for it := inner.ElementIterator(); it.Next(); {
			_, e := it.Element()
			elems = append(elems, markWalk(e, reasons, depth+1))
		}
		if ty.IsTupleType() {
			return cty.TupleVal(elems).WithMarks(marks)
		}
		if len(elems) == 0 {
			return v
		}
		return cty.ListVal(elems).WithMarks(marks)
	case ty.IsMapType() || ty.IsObjectType():
		attrs := map[string]cty.Value{}
		for it := inner.ElementIterator(); it.Next(); {
			k, e := it.Element()
			attrs[k.AsString()] = markWalk(e, reasons, depth+1)
		}
		if ty.IsObjectType() {
			return cty.ObjectVal(attrs).WithMarks(marks)
		}
		if len(attrs) == 0 {
			return v
		}
		return cty.MapVal(attrs).WithMarks(marks)
	default:
		// A set with unknown elements: mark the set as a whole rather than
		// rebuild it (set elements are hashed, marks and all).
		for _, r := range reasons {
			v = v.Mark(r)
		}
		return v
	}
}
