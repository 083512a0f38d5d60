package terraform

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// reasonOf returns why v (or a part of it) is unknown: the first reason eval
// marked it with, in eval's stable order (by source position, then text), or
// nil when v carries no reason.
//
// eval marks every unknown it produces; an unknown without a mark comes from
// an expression nobody could evaluate, and the caller names the argument
// instead.
func reasonOf(v cty.Value) *model.Unresolved {
	if rs := eval.Reasons(v); len(rs) > 0 {
		return rs[0]
	}
	return nil
}
