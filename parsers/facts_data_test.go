package parsers

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/awsfacts"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

func TestDataFilters(t *testing.T) {
	attr := func(v cty.Value) *eval.Attr { return &eval.Attr{Value: v} }
	filter := func(name string, values ...string) *eval.Block {
		vs := make([]cty.Value, len(values))
		for i, v := range values {
			vs[i] = cty.StringVal(v)
		}
		return &eval.Block{Body: eval.Body{Attrs: map[string]*eval.Attr{"name": attr(cty.StringVal(name)), "values": attr(cty.ListVal(vs))}}}
	}
	spec := dataSpecs["aws_subnet"]
	tests := []struct {
		name string
		body eval.Body
		want []awsfacts.Filter
		ok   bool
	}{
		{"arguments, tags and filters", eval.Body{
			Attrs: map[string]*eval.Attr{
				"vpc_id":         attr(cty.StringVal("vpc-1")),
				"default_for_az": attr(cty.False),
				"tags":           attr(cty.MapVal(map[string]cty.Value{"Tier": cty.StringVal("db")})),
			},
			Blocks: map[string][]*eval.Block{"filter": {filter("tag:Name", "db-a", "db-b")}},
		}, []awsfacts.Filter{{Name: "default-for-az", Values: []string{"false"}}, {Name: "tag:Tier", Values: []string{"db"}},
			{Name: "vpc-id", Values: []string{"vpc-1"}}, {Name: "tag:Name", Values: []string{"db-a", "db-b"}}}, true},
		{"unknown argument", eval.Body{Attrs: map[string]*eval.Attr{"vpc_id": attr(cty.UnknownVal(cty.String))}}, nil, false},
		{"identity token: declared in code", eval.Body{Attrs: map[string]*eval.Attr{"vpc_id": attr(cty.StringVal(model.Token("aws_vpc.main")))}}, nil, false},
		{"argument not translated", eval.Body{Attrs: map[string]*eval.Attr{"ipv6_cidr_block": attr(cty.StringVal("::/56"))}}, nil, false},
		{"filter with unknown values", eval.Body{Blocks: map[string][]*eval.Block{"filter": {{Body: eval.Body{Attrs: map[string]*eval.Attr{
			"name": attr(cty.StringVal("vpc-id")), "values": attr(cty.UnknownVal(cty.List(cty.String)))}}}}}}, nil, false},
	}
	for _, tt := range tests {
		got, ok := dataFilters(&tt.body, spec)
		if ok != tt.ok {
			t.Errorf("%s: ok = %v, want %v", tt.name, ok, tt.ok)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: filters (-want +got):\n%s", tt.name, diff)
		}
	}
}
