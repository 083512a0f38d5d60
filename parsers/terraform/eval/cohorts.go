package eval

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

// Cohorts. Two resources with the same unknown count or for_each
// expression in the same module instance have the same number of instances,
// or the same keys: the expression reads the same values in the same
// namespace, and Terraform functions are deterministic (the impure ones
// aside). Their symbolic instances, which each stand for all instances of
// their resource, therefore exist together: instance i of one exists exactly
// when instance i of the other does. A cohort names such a group.
//
// What makes a cohort useful is pairing: in a symbolic instance,
// `aws_subnet.db[count.index].id` names the subnet with the instance's own
// index, which exists whenever the instance does. eval evaluates that
// reference to the identity token of the subnet's symbolic instance, marked
// with an indexMark of the cohort, and the translator turns the mark into
// model.Ref.SameIndex.
//
// A mark on count.index itself would not do: cty carries marks through
// arithmetic, so `aws_subnet.db[count.index + 1]` would look paired too,
// and the element it names may not exist. Pairing is therefore decided on
// the syntax: only the forms pairIndexed recognises are paired, and
// anything else is evaluated as before (an unknown).

// indexMark rides on the identity tokens (id, arn, ...) of the element of a
// collection of the cohort named, taken with the referrer's own index or key.
type indexMark struct{ cohort string }

// SameIndexOf reports whether v names the element, with the referrer's own
// index or key, of a collection of the given cohort: v is an identity token
// reached through `X[count.index]`, `X[each.key]`, `element(X[*].attr,
// count.index)` or each.value (where for_each is X itself), X being a
// resource of that cohort. Values derived from count.index in any other way
// (`X[count.index + 1]`) are never paired.
func SameIndexOf(v cty.Value, cohort string) bool {
	return cohort != "" && v.HasMark(indexMark{cohort: cohort})
}

// impure reports whether a function returns a different value on each call
// (Terraform documentation of uuid, timestamp and bcrypt), so the same text
// does not give the same count twice.
func impure(name string) bool {
	switch name {
	case "uuid", "timestamp", "bcrypt":
		return true
	}
	return false
}

// cohortOf names the cohort of a symbolic expansion of m by expr: m's
// address prefix, the meta-argument and the expression's source text with
// whitespace and comments dropped between tokens. It is empty, and the
// instance paired with nothing, when the text cannot be read (JSON syntax)
// or the expression calls an impure function.
func (e *evaluator) cohortOf(m *modInst, meta string, expr hcl.Expression) string {
	text, ok := e.exprText(expr)
	if !ok {
		return ""
	}
	return m.prefix() + meta + "=" + text
}

func (e *evaluator) exprText(expr hcl.Expression) (string, bool) {
	sx, ok := expr.(hclsyntax.Expression)
	if !ok {
		return "", false
	}
	calls := false
	visitSyntax(sx, func(n hclsyntax.Node) {
		if call, ok := n.(*hclsyntax.FunctionCallExpr); ok && impure(call.Name) {
			calls = true
		}
	})
	rng := expr.Range()
	f := e.parser.Files()[rng.Filename]
	if calls || f == nil || rng.Start.Byte < 0 || rng.End.Byte > len(f.Bytes) || rng.Start.Byte >= rng.End.Byte {
		return "", false
	}
	toks, diags := hclsyntax.LexExpression(f.Bytes[rng.Start.Byte:rng.End.Byte], rng.Filename, rng.Start)
	if diags.HasErrors() {
		return "", false
	}
	parts := make([]string, 0, len(toks))
	for _, t := range toks {
		switch t.Type {
		case hclsyntax.TokenNewline, hclsyntax.TokenComment, hclsyntax.TokenEOF:
			continue
		}
		parts = append(parts, string(t.Bytes))
	}
	return strings.Join(parts, " "), len(parts) > 0
}

// symbolicElem is the symbolic instance of a resource with a cohort: the
// value a paired reference sees.
type symbolicElem struct {
	cohort  string
	address string
	obj     cty.Value
	// keyed is set for a for_each, unset for a count.
	keyed bool
}

// paired returns the value of the element of e that a paired reference in
// cohort names: its object, with its identity tokens marked.
func (s symbolicElem) paired() cty.Value {
	obj, marks := s.obj.Unmark()
	if !obj.Type().IsObjectType() || !obj.IsKnown() || obj.IsNull() {
		return s.obj
	}
	tok := model.Token(s.address)
	attrs := make(map[string]cty.Value, obj.LengthInt())
	for it := obj.ElementIterator(); it.Next(); {
		k, v := it.Element()
		if v.IsKnown() && !v.IsMarked() && v.Type() == cty.String && !v.IsNull() && v.AsString() == tok {
			v = v.Mark(indexMark{cohort: s.cohort})
		}
		attrs[k.AsString()] = v
	}
	return cty.ObjectVal(attrs).WithMarks(marks)
}

// pairedResource returns the symbolic instance of the resource tr names
// (exactly `TYPE.NAME` or `data.TYPE.NAME`) in sc's module instance when it
// is of sc's cohort.
func (e *evaluator) pairedResource(tr hcl.Traversal, sc *scope) (symbolicElem, bool) {
	s, ok := e.symbolicAt(tr, sc)
	return s, ok && s.cohort == sc.rep.cohort
}

// symbolicOfCohort returns the symbolic instance of the resource tr names
// in sc's module instance when its cohort starts with prefix.
func (e *evaluator) symbolicOfCohort(tr hcl.Traversal, sc *scope, prefix string) (symbolicElem, bool) {
	s, ok := e.symbolicAt(tr, sc)
	return s, ok && strings.HasPrefix(s.cohort, prefix)
}

// symbolicAt returns the symbolic instance of the resource tr names
// exactly in sc's module instance.
func (e *evaluator) symbolicAt(tr hcl.Traversal, sc *scope) (symbolicElem, bool) {
	if _, shadowed := sc.extra[tr.RootName()]; shadowed {
		return symbolicElem{}, false
	}
	key, rest := resourceKeyOf(tr)
	if key == "" || len(rest) > 0 {
		return symbolicElem{}, false
	}
	r, ok := sc.mod.cfg().byKey[key]
	if !ok {
		return symbolicElem{}, false
	}
	memoKey := sc.mod.path + "|" + r.key
	if n, ok := e.memo[memoKey]; ok && n.busy {
		return symbolicElem{}, false // a cycle, which normal evaluation reports
	}
	e.resource(sc.mod, r)
	s, ok := e.symbolic[memoKey]
	return s, ok
}
