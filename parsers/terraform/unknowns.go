package terraform

import (
	"sort"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

// reasonOf returns the reason why v (or a part of it) is unknown: the first
// *model.Unresolved mark found anywhere inside v, in a deterministic order
// (by source position, then text), or nil when v carries no such mark.
//
// eval marks every unknown it produces with its reason; a value that is
// unknown without a mark comes from an expression eval could not evaluate,
// and the caller names the attribute instead.
func reasonOf(v cty.Value) *model.Unresolved {
	_, pvms := v.UnmarkDeepWithPaths()
	var found []*model.Unresolved
	for _, pvm := range pvms {
		for m := range pvm.Marks {
			if u, ok := m.(*model.Unresolved); ok && u != nil {
				found = append(found, u)
			}
		}
	}
	if len(found) == 0 {
		return nil
	}
	sort.SliceStable(found, func(i, j int) bool { return unresolvedLess(found[i], found[j]) })
	return found[0]
}

func unresolvedLess(a, b *model.Unresolved) bool {
	ra, rb := a.Range, b.Range
	switch {
	case ra.File != rb.File:
		return ra.File < rb.File
	case ra.Line != rb.Line:
		return ra.Line < rb.Line
	case ra.Column != rb.Column:
		return ra.Column < rb.Column
	case a.Kind != b.Kind:
		return a.Kind < b.Kind
	default:
		return a.Reason < b.Reason
	}
}
