package eval

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// partialOf computes Attr.Partial for an attribute whose value v is an
// unknown string: the known parts of the string, the unknown ones replaced
// by UnknownRegion. It reads templates part by part
// (`"com.amazonaws.${var.region}.kms"`), follows one reference to a local
// value, and takes the known parts a data source recorded on its value
// (partialMark). Anything else has no partial.
func (e *evaluator) partialOf(expr hcl.Expression, v cty.Value, sc *scope) string {
	if v.IsKnown() || v.Type() != cty.String {
		return ""
	}
	s, ok := e.partial(expr, v, sc, 1)
	if !ok || s == UnknownRegion {
		return ""
	}
	return s
}

func (e *evaluator) partial(expr hcl.Expression, v cty.Value, sc *scope, hops int) (string, bool) {
	if v.IsKnown() {
		if v.IsNull() {
			return "", false
		}
		inner, _ := v.Unmark()
		if inner.Type() != cty.String {
			return "", false
		}
		return inner.AsString(), true
	}
	switch x := expr.(type) {
	case *hclsyntax.TemplateWrapExpr:
		return e.partial(x.Wrapped, v, sc, hops)
	case *hclsyntax.TemplateExpr:
		var b strings.Builder
		for _, part := range x.Parts {
			pv := e.eval(part, sc)
			s, ok := e.partial(part, pv, sc, hops)
			if !ok {
				if pv.IsKnown() {
					return "", false
				}
				s = UnknownRegion
			}
			b.WriteString(s)
		}
		return b.String(), true
	case *hclsyntax.ScopeTraversalExpr:
		// The exact value of a data source attribute, or of a module output
		// or local that passes it on unchanged. A value with several
		// partial marks was built from several such values: which text
		// is its own is not known from the marks (and choosing one would
		// depend on map order), so the local's expression says.
		var texts []string
		for m := range cty.ValueMarksOfType[*partialMark](v) {
			texts = append(texts, m.text)
		}
		if len(texts) == 1 {
			return texts[0], true
		}
		if hops > 0 && x.Traversal.RootName() == "local" && len(x.Traversal) == 2 {
			if name, ok := stepName(x.Traversal, 1); ok {
				if a, declared := sc.mod.cfg().locals[name]; declared {
					return e.partial(a.Expr, v, &scope{mod: sc.mod}, hops-1)
				}
			}
		}
	}
	return "", false
}
