package eval

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

func TestCountAndForEachAddresses(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"count", `resource "aws_subnet" "a" { count = 2 }`, []string{"aws_subnet.a[0]", "aws_subnet.a[1]"}},
		{"count zero", `resource "aws_subnet" "a" { count = 0 }`, nil},
		{"for_each set", `resource "aws_subnet" "a" { for_each = toset(["eu-west-1b", "eu-west-1a"]) }`,
			[]string{`aws_subnet.a["eu-west-1a"]`, `aws_subnet.a["eu-west-1b"]`}},
		{"for_each map", `resource "aws_subnet" "a" { for_each = { x = 1, y = 2 } }`,
			[]string{`aws_subnet.a["x"]`, `aws_subnet.a["y"]`}},
		{"for_each empty", `resource "aws_subnet" "a" { for_each = {} }`, nil},
		{"data source", `data "aws_subnet" "a" { count = 1 }`, []string{"data.aws_subnet.a[0]"}},
		{"unknown count", `variable "n" { type = number }
resource "aws_subnet" "a" { count = var.n }`, []string{"aws_subnet.a[?]"}},
		{"unknown for_each", `variable "m" { type = map(string) }
resource "aws_subnet" "a" { for_each = var.m }`, []string{"aws_subnet.a[?]"}},
		{"count over unknown-length list", `data "aws_availability_zones" "z" {}
resource "aws_subnet" "a" { count = length(data.aws_availability_zones.z.names) }`,
			[]string{"data.aws_availability_zones.z", "aws_subnet.a[?]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, ds := run(t, map[string]string{"main.tf": tt.src}, Options{})
			noErrors(t, ds)
			if diff := cmp.Diff(tt.want, addresses(res)); diff != "" {
				t.Errorf("addresses (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSymbolicInstance(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
variable "azs" { type = list(string) }
resource "aws_subnet" "db" {
  count             = length(var.azs)
  availability_zone = var.azs[count.index]
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
}
resource "aws_subnet" "each" {
  for_each = toset(var.azs)
  availability_zone = each.key
  tags = { v = each.value }
}
resource "aws_db_subnet_group" "g" { subnet_ids = aws_subnet.db[*].id }
resource "aws_route_table_association" "r" {
  count     = 2
  subnet_id = aws_subnet.db[count.index].id
}
`}, Options{})
	noErrors(t, ds)
	db := instance(t, res, "aws_subnet.db[?]")
	if db.Maybe == nil || db.Maybe.Kind != model.FromCondition || db.Maybe.Reason != `aws_subnet.db: count depends on variable "azs" has no value` {
		t.Errorf("Maybe = %+v", db.Maybe)
	}
	for _, name := range []string{"availability_zone", "cidr_block"} {
		v := db.Body.Attr(name).Value
		if v.IsKnown() || len(Reasons(v)) == 0 {
			t.Errorf("%s = %#v, want unknown with a reason", name, v)
		}
	}
	each := instance(t, res, "aws_subnet.each[?]")
	if v := each.Body.Attr("availability_zone").Value; v.IsKnown() || len(Reasons(v)) == 0 {
		t.Errorf("each.key = %#v", v)
	}
	ids := attr(t, res, "aws_db_subnet_group.g", "subnet_ids")
	if ids.IsKnown() {
		t.Fatalf("subnet_ids over a symbolic resource must be unknown: %#v", ids)
	}
	if diff := cmp.Diff([]string{model.Token("aws_subnet.db[?]")}, ElementTokens(ids)); diff != "" {
		t.Errorf("ElementTokens (-want +got):\n%s", diff)
	}
	sub := attr(t, res, "aws_route_table_association.r[1]", "subnet_id")
	if diff := cmp.Diff([]string{model.Token("aws_subnet.db[?]")}, ElementTokens(sub)); diff != "" {
		t.Errorf("ElementTokens of an index into a symbolic resource (-want +got):\n%s", diff)
	}
}

func TestExpansionLimit(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `resource "aws_subnet" "a" { count = 5 }`}, Options{MaxInstances: 3})
	if !hasDiag(ds, diag.Warning, "exceeds the limit of 3") {
		t.Errorf("want a limit warning, got %v", ds)
	}
	inst := instance(t, res, "aws_subnet.a[?]")
	if inst.Maybe == nil || inst.Maybe.Kind != model.FromLimit {
		t.Errorf("Maybe = %+v", inst.Maybe)
	}
}

func TestEachValueOfPartlyUnknownMap(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
variable "cidr" { type = string }
resource "aws_subnet" "a" {
  for_each   = { one = var.cidr, two = "10.0.2.0/24" }
  cidr_block = each.value
}
`}, Options{})
	noErrors(t, ds)
	if got := str(t, attr(t, res, `aws_subnet.a["two"]`, "cidr_block")); got != "10.0.2.0/24" {
		t.Errorf("two = %q", got)
	}
	if v := attr(t, res, `aws_subnet.a["one"]`, "cidr_block"); v.IsKnown() || len(Reasons(v)) != 1 {
		t.Errorf("one = %#v", v)
	}
}

func TestForEachErrors(t *testing.T) {
	_, ds := run(t, map[string]string{"main.tf": `
resource "aws_subnet" "a" { for_each = ["x"] }
resource "aws_subnet" "b" { count = -1 }
resource "aws_subnet" "c" { count = 1.5 }
`}, Options{})
	for _, want := range []string{"for_each must be a map or a set of strings", "count must be a non-negative whole number"} {
		if !hasDiag(ds, diag.Error, want) {
			t.Errorf("want error %q, got %v", want, ds)
		}
	}
}

func TestDynamicBlocks(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
variable "rules" {
  default = [
    { port = 443, cidrs = ["10.0.0.0/8"] },
    { port = 5432, cidrs = ["10.1.0.0/16", "10.2.0.0/16"] },
  ]
}
variable "unknown_rules" { type = list(object({ port = number })) }
resource "aws_security_group" "sg" {
  dynamic "ingress" {
    for_each = var.rules
    iterator = rule
    content {
      from_port   = rule.value.port
      cidr_blocks = rule.value.cidrs
    }
  }
  dynamic "egress" {
    for_each = var.unknown_rules
    content { from_port = egress.value.port }
  }
  dynamic "outer" {
    for_each = var.rules
    content {
      port = outer.value.port
      dynamic "inner" {
        for_each = outer.value.cidrs
        content { cidr = "${inner.value}/${outer.key}" }
      }
    }
  }
  lifecycle { create_before_destroy = true }
}
`}, Options{})
	noErrors(t, ds)
	sg := instance(t, res, "aws_security_group.sg").Body
	if _, ok := sg.Blocks["lifecycle"]; ok {
		t.Error("lifecycle must be skipped")
	}
	in := sg.Blocks["ingress"]
	if len(in) != 2 || !in[1].Attr("from_port").Value.RawEquals(ctyNum(5432)) || in[0].Maybe != nil {
		t.Fatalf("ingress = %+v", in)
	}
	eg := sg.Blocks["egress"]
	if len(eg) != 1 || eg[0].Maybe == nil || eg[0].Attr("from_port").Value.IsKnown() {
		t.Fatalf("egress over an unknown for_each must be one maybe block: %+v", eg)
	}
	outer := sg.Blocks["outer"]
	if len(outer) != 2 || len(outer[1].Blocks["inner"]) != 2 {
		t.Fatalf("outer = %+v", outer)
	}
	if got := str(t, outer[1].Blocks["inner"][1].Attr("cidr").Value); got != "10.2.0.0/16/1" {
		t.Errorf("nested dynamic sees both iterators: %q", got)
	}
}

func TestJSONConfiguration(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf.json": `{
  "variable": {"cidr": {"default": "10.0.0.0/16"}},
  "resource": {
    "aws_vpc": {"v": {"cidr_block": "${var.cidr}"}},
    "aws_security_group": {"sg": {
      "vpc_id": "${aws_vpc.v.id}",
      "tags": {"Name": "x"},
      "ingress": [{"from_port": 443, "to_port": 443, "cidr_blocks": ["${aws_vpc.v.cidr_block}"]}],
      "dynamic": {"egress": {"for_each": [1, 2], "content": {"from_port": "${egress.value}"}}}
    }}
  }
}`}, Options{})
	noErrors(t, ds)
	sg := instance(t, res, "aws_security_group.sg").Body
	if got := str(t, sg.Attr("vpc_id").Value); got != model.Token("aws_vpc.v") {
		t.Errorf("vpc_id = %q", got)
	}
	if sg.Attr("tags") == nil {
		t.Error("tags is an attribute")
	}
	if len(sg.Blocks["ingress"]) != 1 {
		t.Fatalf("ingress blocks = %+v", sg.Blocks)
	}
	cidrs := sg.Blocks["ingress"][0].Attr("cidr_blocks").Value
	if !cidrs.Index(ctyNum(0)).RawEquals(cty.StringVal("10.0.0.0/16")) {
		t.Errorf("cidr_blocks = %#v", cidrs)
	}
	if eg := sg.Blocks["egress"]; len(eg) != 2 {
		t.Errorf("JSON dynamic egress = %+v", eg)
	}
}
