package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// nestedBlocks returns the nested blocks of type typ of an instance. The AWS
// provider declares `route`, `ingress` and `egress` in "attributes as
// blocks" mode, so they may also be written as an argument holding a list
// of objects (`egress = []` removes every rule); both forms are read.
//
// When the argument is unknown, or holds unknown elements, the blocks that
// are known are returned, incomplete says why more may exist, and r is the
// argument's range.
func (t *translator) nestedBlocks(in *eval.Instance, typ string) (blocks []*eval.Block, incomplete *model.Unresolved, r model.Range) {
	r = rangeOf(in.Range)
	if in.Body == nil {
		return nil, nil, r
	}
	blocks = in.Body.Blocks[typ]
	a := in.Body.Attr(typ)
	if a == nil || a.Value.IsNull() {
		return blocks, nil, r
	}
	f := t.fields(in)
	r = rangeOf(a.Range)
	if !a.Value.IsKnown() {
		return blocks, f.unknown(typ, a.Value, r), r
	}
	v, _ := a.Value.Unmark()
	if !v.CanIterateElements() {
		t.ds.Warnf(r, "%s: %s: a list of objects is required; daslint treats it as unknown", in.Address, typ)
		return blocks, &model.Unresolved{Kind: model.FromExpression, Reason: typ + " of " + in.Address + " is not a list of objects", Range: r}, r
	}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() {
			continue
		}
		if !e.IsKnown() {
			if incomplete == nil {
				incomplete = f.unknown(typ, e, r)
			}
			continue
		}
		body, ok := bodyOfObject(e, a.Range)
		if !ok {
			t.ds.Warnf(r, "%s: %s: an object is required for each element; daslint ignores this one", in.Address, typ)
			if incomplete == nil {
				incomplete = &model.Unresolved{Kind: model.FromExpression, Reason: typ + " of " + in.Address + " holds an element that is not an object", Range: r}
			}
			continue
		}
		blocks = append(blocks, &eval.Block{Body: *body, Range: a.Range})
	}
	return blocks, incomplete, r
}

// bodyOfObject turns an object (or map) value into a block body whose
// arguments all have the range of the argument that held the object.
func bodyOfObject(v cty.Value, r hcl.Range) (*eval.Body, bool) {
	v, _ = v.Unmark()
	ty := v.Type()
	if !ty.IsObjectType() && !ty.IsMapType() {
		return nil, false
	}
	body := &eval.Body{}
	if ty.IsObjectType() {
		for name := range ty.AttributeTypes() {
			body.SetAttr(eval.Attr{Name: name, Value: v.GetAttr(name), Range: r})
		}
		return body, true
	}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		body.SetAttr(eval.Attr{Name: k.AsString(), Value: e, Range: r})
	}
	return body, true
}
