package parsers

import (
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

func TestExactID(t *testing.T) {
	attr := func(v cty.Value) *eval.Attr { return &eval.Attr{Value: v} }
	for _, c := range []struct {
		name   string
		attrs  []eval.Attr
		blocks map[string][]*eval.Block
		want   string
	}{
		{"id only", attrsOf(map[string]*eval.Attr{"id": attr(cty.StringVal("subnet-1"))}), nil, "subnet-1"},
		{"null others", attrsOf(map[string]*eval.Attr{"id": attr(cty.StringVal("subnet-1")), "vpc_id": attr(cty.NullVal(cty.String))}), nil, "subnet-1"},
		{"another argument", attrsOf(map[string]*eval.Attr{"id": attr(cty.StringVal("subnet-1")), "vpc_id": attr(cty.StringVal("vpc-1"))}), nil, ""},
		{"tags", attrsOf(map[string]*eval.Attr{"id": attr(cty.StringVal("subnet-1")), "tags": attr(cty.MapVal(map[string]cty.Value{"a": cty.StringVal("b")}))}), nil, ""},
		{"filter", attrsOf(map[string]*eval.Attr{"id": attr(cty.StringVal("subnet-1"))}), map[string][]*eval.Block{"filter": {{}}}, ""},
		{"timeouts", attrsOf(map[string]*eval.Attr{"id": attr(cty.StringVal("subnet-1"))}), map[string][]*eval.Block{"timeouts": {{}}}, "subnet-1"},
		{"unknown", attrsOf(map[string]*eval.Attr{"id": attr(cty.UnknownVal(cty.String))}), nil, ""},
		{"identity token", attrsOf(map[string]*eval.Attr{"id": attr(cty.StringVal(model.Token("aws_subnet.a")))}), nil, ""},
		{"no id", attrsOf(map[string]*eval.Attr{}), nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := exactID(&eval.Body{Attrs: c.attrs, Blocks: c.blocks}, "id")
			if got != c.want || ok != (c.want != "") {
				t.Errorf("exactID = %q, %v; want %q", got, ok, c.want)
			}
		})
	}
}

// attrsOf is the arguments of a body that sets attrs, in Body.Attrs's
// order (by name).
func attrsOf(attrs map[string]*eval.Attr) []eval.Attr {
	var b eval.Body
	for name, a := range attrs {
		c := *a
		c.Name = name
		b.SetAttr(c)
	}
	return b.Attrs
}
