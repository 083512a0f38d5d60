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
		attrs  map[string]*eval.Attr
		blocks map[string][]*eval.Block
		want   string
	}{
		{"id only", map[string]*eval.Attr{"id": attr(cty.StringVal("subnet-1"))}, nil, "subnet-1"},
		{"null others", map[string]*eval.Attr{"id": attr(cty.StringVal("subnet-1")), "vpc_id": attr(cty.NullVal(cty.String))}, nil, "subnet-1"},
		{"another argument", map[string]*eval.Attr{"id": attr(cty.StringVal("subnet-1")), "vpc_id": attr(cty.StringVal("vpc-1"))}, nil, ""},
		{"tags", map[string]*eval.Attr{"id": attr(cty.StringVal("subnet-1")), "tags": attr(cty.MapVal(map[string]cty.Value{"a": cty.StringVal("b")}))}, nil, ""},
		{"filter", map[string]*eval.Attr{"id": attr(cty.StringVal("subnet-1"))}, map[string][]*eval.Block{"filter": {{}}}, ""},
		{"timeouts", map[string]*eval.Attr{"id": attr(cty.StringVal("subnet-1"))}, map[string][]*eval.Block{"timeouts": {{}}}, "subnet-1"},
		{"unknown", map[string]*eval.Attr{"id": attr(cty.UnknownVal(cty.String))}, nil, ""},
		{"identity token", map[string]*eval.Attr{"id": attr(cty.StringVal(model.Token("aws_subnet.a")))}, nil, ""},
		{"no id", map[string]*eval.Attr{}, nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := exactID(&eval.Body{Attrs: c.attrs, Blocks: c.blocks}, "id")
			if got != c.want || ok != (c.want != "") {
				t.Errorf("exactID = %q, %v; want %q", got, ok, c.want)
			}
		})
	}
}
