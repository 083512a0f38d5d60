package eval

import (
	"fmt"
	"math/big"
	"sort"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

// expansionKind is how a resource or module call is repeated.
type expansionKind uint8

const (
	single   expansionKind = iota // neither count nor for_each
	counted                       // count
	keyed                         // for_each
	symbolic                      // count or for_each unknown, or over the limit
)

// expansion is the set of instances of a resource or module call.
type expansion struct {
	kind  expansionKind
	items []item
	// maybe says why a symbolic expansion's size is unknown.
	maybe *model.Unresolved
	// cohort names a symbolic expansion's cohort (see cohortOf); empty when
	// it has none.
	cohort string
}

// item is one instance: its address suffix (`[0]`, `["a"]`, `[?]`) and the
// values of count.index or each.
type item struct {
	suffix string
	key    string
	rep    repetition
}

// expand evaluates count or for_each (at most one is set) in sc. what names
// the block in messages (`aws_subnet.a`, `module.vpc`).
func (e *evaluator) expand(count, forEach hcl.Expression, sc *scope, what string) *expansion {
	switch {
	case count != nil:
		return e.expandCount(count, sc, what)
	case forEach != nil:
		return e.expandForEach(forEach, sc, what)
	default:
		return &expansion{kind: single, items: []item{{}}}
	}
}

func (e *evaluator) expandCount(expr hcl.Expression, sc *scope, what string) *expansion {
	v := e.eval(expr, sc)
	if !v.IsKnown() {
		return e.symbolicExpansion(counted, expr, sc, what, "count", Reasons(v))
	}
	v, _ = v.Unmark()
	if v.IsNull() {
		if u := e.nullDefaultExpansion(expr, sc, "count"); u != nil {
			return e.symbolicExpansion(counted, expr, sc, what, "count", []*model.Unresolved{u})
		}
		e.ds.Errorf(Range(expr.Range()), "%s: count must not be null", what)
		return &expansion{kind: counted}
	}
	nv, err := convertTo(v, cty.Number)
	if err != nil {
		e.ds.Errorf(Range(expr.Range()), "%s: count must be a whole number: %s", what, err)
		return e.symbolicExpansion(counted, expr, sc, what, "count", nil)
	}
	bf := nv.AsBigFloat()
	n, acc := bf.Int64()
	if acc != big.Exact || n < 0 {
		e.ds.Errorf(Range(expr.Range()), "%s: count must be a non-negative whole number, got %s", what, bf.Text('g', -1))
		return &expansion{kind: counted}
	}
	if n > int64(e.opts.MaxInstances) {
		return e.overLimit(counted, expr, sc, what, fmt.Sprintf("count = %d", n))
	}
	exp := &expansion{kind: counted, items: make([]item, n)}
	for i := range exp.items {
		exp.items[i] = item{suffix: "[" + strconv.Itoa(i) + "]", rep: repetition{countIndex: cty.NumberIntVal(int64(i))}}
	}
	return exp
}

func (e *evaluator) expandForEach(expr hcl.Expression, sc *scope, what string) *expansion {
	v := e.eval(expr, sc)
	if !v.IsKnown() {
		return e.pairForEach(e.symbolicExpansion(keyed, expr, sc, what, "for_each", Reasons(v)), expr, sc)
	}
	inner, marks := v.Unmark()
	ty := inner.Type()
	switch {
	case inner.IsNull():
		if u := e.nullDefaultExpansion(expr, sc, "for_each"); u != nil {
			return e.pairForEach(e.symbolicExpansion(keyed, expr, sc, what, "for_each", []*model.Unresolved{u}), expr, sc)
		}
		e.ds.Errorf(Range(expr.Range()), "%s: for_each must not be null", what)
		return &expansion{kind: keyed}
	case ty.IsSetType():
		if !inner.IsWhollyKnown() {
			return e.symbolicExpansion(keyed, expr, sc, what, "for_each", Reasons(v))
		}
		if !ty.ElementType().Equals(cty.String) {
			if sv, err := convertTo(inner, cty.Set(cty.String)); err == nil {
				inner = sv
			} else {
				e.ds.Errorf(Range(expr.Range()), "%s: for_each over a set needs strings, got %s", what, ty.FriendlyName())
				return &expansion{kind: keyed}
			}
		}
	case ty.IsMapType() || ty.IsObjectType():
	default:
		e.ds.Errorf(Range(expr.Range()), "%s: for_each must be a map or a set of strings, got %s (use toset() for a list)", what, ty.FriendlyName())
		return &expansion{kind: keyed}
	}
	if n := inner.LengthInt(); n > e.opts.MaxInstances {
		return e.overLimit(keyed, expr, sc, what, fmt.Sprintf("for_each over %d elements", n))
	}
	exp := &expansion{kind: keyed}
	for it := inner.ElementIterator(); it.Next(); {
		k, val := it.Element()
		k, _ = k.Unmark()
		if k.IsNull() || !k.IsKnown() {
			e.ds.Errorf(Range(expr.Range()), "%s: for_each holds a null or unknown key", what)
			continue
		}
		key := k.AsString()
		if ty.IsSetType() {
			val = k
		}
		exp.items = append(exp.items, item{
			suffix: "[" + strconv.Quote(key) + "]",
			key:    key,
			rep:    repetition{eachKey: cty.StringVal(key).WithMarks(marks), eachValue: val.WithMarks(marks)},
		})
	}
	sort.SliceStable(exp.items, func(i, j int) bool { return exp.items[i].key < exp.items[j].key })
	return exp
}

// symbolicExpansion is one instance that stands for all instances of an
// expansion whose size is unknown (docs/semantics.md#symbolic-instances).
func (e *evaluator) symbolicExpansion(kind expansionKind, expr hcl.Expression, sc *scope, what, meta string, reasons []*model.Unresolved) *expansion {
	reason := fmt.Sprintf("%s: %s is unknown", what, meta)
	if len(reasons) > 0 {
		reason = fmt.Sprintf("%s: %s depends on %s", what, meta, reasons[0].Reason)
	}
	u := &model.Unresolved{Kind: model.FromCondition, Reason: reason, Range: Range(expr.Range())}
	return symbolicOf(kind, u, e.cohortOf(sc.mod, meta, expr))
}

func (e *evaluator) overLimit(kind expansionKind, expr hcl.Expression, sc *scope, what, size string) *expansion {
	u := &model.Unresolved{
		Kind:   model.FromLimit,
		Reason: fmt.Sprintf("%s: %s exceeds the limit of %d instances", what, size, e.opts.MaxInstances),
		Range:  Range(expr.Range()),
	}
	e.ds.Warnf(u.Range, "%s; it is analysed as one instance that may exist", u.Reason)
	e.limits = append(e.limits, u)
	meta := "count"
	if kind == keyed {
		meta = "for_each"
	}
	return symbolicOf(kind, u, e.cohortOf(sc.mod, meta, expr))
}

func symbolicOf(kind expansionKind, u *model.Unresolved, cohort string) *expansion {
	rep := repetition{cohort: cohort, maybe: u}
	if kind == counted {
		rep.countIndex = unknown(cty.Number, u)
	} else {
		rep.eachKey = unknown(cty.String, u)
		rep.eachValue = unknown(cty.DynamicPseudoType, u)
	}
	return &expansion{kind: symbolic, maybe: u, cohort: cohort, items: []item{{suffix: "[?]", rep: rep}}}
}
