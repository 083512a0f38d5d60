package tfplan

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// Source is what a plan or state offers the other roots of a run: the
// objects that hold real IDs, which the literal IDs, the data sources and
// the terraform_remote_state of other roots settle against (docs/semantics.md#the-world-beyond-one-root). A plan offers only what exists already (its resources whose ID
// is known); a state offers all it manages, and its outputs.
type Source struct {
	// State is true for a state, false for a plan.
	State bool
	// Instances are the document's resource instances (managed and data),
	// as Load translates them: an ID of another resource of the document
	// is that resource's identity token.
	Instances []*eval.Instance
	// IDs maps each known ID and ARN of a managed resource to its address;
	// the IDs of a VPC's main route table, default security group and
	// network ACL map to those implicit objects (model.MainRouteTableAddress).
	// An ID two resources claim is left out.
	IDs map[string]string
	// Attributes are the known values of each managed resource, by address,
	// as the document records them (real IDs), and Types its type.
	Attributes map[string]map[string]any
	Types      map[string]string
	// Outputs are a state's outputs (nil for a plan): an ID or ARN of one
	// of its resources is that resource's identity token, so that a root
	// reading them links to the resource, as it would through its code.
	Outputs map[string]cty.Value
}

// source collects the Source of the document just built.
func (b *builder) source(state bool, vals *values) *Source {
	src := &Source{State: state, Instances: b.instances, IDs: map[string]string{},
		Attributes: map[string]map[string]any{}, Types: map[string]string{}}
	for id, tok := range b.ids {
		if addr, ok := model.ParseToken(tok); ok {
			src.IDs[id] = addr
		}
	}
	for _, r := range b.resources {
		if r.Mode == "managed" {
			src.Attributes[r.Address] = r.Values
			src.Types[r.Address] = r.Type
		}
	}
	if state {
		src.Outputs = make(map[string]cty.Value, len(vals.Outputs))
		for name, o := range vals.Outputs {
			src.Outputs[name] = b.outputValue(o.Value)
		}
	}
	return src
}

// outputValue converts an output's value, turning every string that is an
// ID or ARN of a resource of the document into its identity token.
func (b *builder) outputValue(v any) cty.Value {
	return b.tokenised(nil, v, func([]any) bool { return true })
}

// Lookup returns the values of the managed resource of type typ whose id
// is id, as the document records them (real IDs, not identity tokens: the
// values leave the document); nil when there is none or several.
func (s *Source) Lookup(typ, id string) map[string]cty.Value {
	var found map[string]any
	n := 0
	for addr, vals := range s.Attributes {
		if s.Types[addr] == typ && stringOf(vals["id"]) == id {
			found, n = vals, n+1
		}
	}
	if n != 1 {
		return nil
	}
	out := make(map[string]cty.Value, len(found))
	for k, v := range found {
		out[k] = toCty(v)
	}
	return out
}
