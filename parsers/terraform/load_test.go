package terraform

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

func TestOrigin(t *testing.T) {
	in := resource(`module.net.aws_subnet.db[?]`, attrs{"vpc_id": tok("module.net.aws_vpc.this")})
	in.Callers = []hcl.Range{{Filename: "envs/prod/main.tf", Start: hcl.Pos{Line: 7, Column: 1}, End: hcl.Pos{Line: 12, Column: 2}}}
	in.Maybe = countUnknown
	m, _ := translateAll(t, in)
	got := only(t, "subnets", m.Subnets).Origin
	want := model.Origin{
		Address: `module.net.aws_subnet.db[?]`,
		Type:    "aws_subnet",
		Range:   modelRange(1, 30),
		Callers: []model.Range{{File: "envs/prod/main.tf", Line: 7, Column: 1, EndLine: 12, EndColumn: 2}},
		Maybe:   countUnknown,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("origin (-want +got):\n%s", d)
	}
}

func TestIgnoredInstances(t *testing.T) {
	data := resource("aws_vpc.looked_up", attrs{"cidr_block": cty.StringVal("10.0.0.0/16")})
	data.Mode = eval.Data
	data.Address = "data.aws_vpc.looked_up"
	m, ds := translateAll(t, data, resource("aws_s3_bucket.logs", attrs{"bucket": cty.StringVal("logs")}), nil)
	if n := len(m.Objects()); n != 0 {
		t.Errorf("got %d objects from a data source and an unrelated resource, want 0", n)
	}
	if len(ds) != 0 {
		t.Errorf("unexpected diagnostics %v", ds)
	}
}

func TestModelRegion(t *testing.T) {
	inModule := resource("module.x.aws_vpc.a", attrs{})
	inModule.Callers = []hcl.Range{hclRange(3, 5)}
	inModule.Region = cty.StringVal("us-east-1")
	unknownRegion := resource("aws_vpc.b", attrs{})
	unknownRegion.Region = unknownOf(cty.String, varVPC)
	noRegion := resource("aws_vpc.c", attrs{})
	noRegion.Region = cty.NilVal
	tests := []struct {
		name string
		ins  []*eval.Instance
		want model.Str
	}{
		{"first known root region", []*eval.Instance{inModule, unknownRegion, resource("aws_vpc.d", attrs{})}, known("eu-west-1")},
		{"modules do not decide", []*eval.Instance{inModule, unknownRegion}, model.Str{Unknown: varVPC}},
		{"no region", []*eval.Instance{noRegion}, model.Str{}},
		{"no instances", nil, model.Str{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := translateAll(t, tc.ins...)
			if d := diff(tc.want, m.Region); d != "" {
				t.Errorf("region (-want +got):\n%s", d)
			}
		})
	}
}

func TestToModelNilResult(t *testing.T) {
	m, ds := toModel(nil, Options{})
	if m == nil || m.Source != model.Terraform || len(ds) != 0 {
		t.Errorf("toModel(nil) = %+v, %v; want an empty Terraform model", m, ds)
	}
}
