package eval

import (
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// Terraform's path and hash functions that terraform-aws-modules' code and
// examples call, with the results Terraform's documentation gives.
func TestMoreTerraformFunctions(t *testing.T) {
	tests := []struct {
		expr string
		want cty.Value
	}{
		{`"ex-${basename("/src/examples/complete")}"`, cty.StringVal("ex-complete")},
		{`basename("examples/complete/")`, cty.StringVal("complete")},
		{`dirname("foo/bar/baz.txt")`, cty.StringVal("foo/bar")},
		{`pathexpand("/etc/x")`, cty.StringVal("/etc/x")},
		{`abspath("/a/../b")`, cty.StringVal("/b")},
		{`sha512("")`, cty.StringVal("cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")},
		{`base64sha256("")`, cty.StringVal("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")},
		{`urlencode("a b/c")`, cty.StringVal("a+b%2Fc")},
		// The example of Terraform's matchkeys documentation.
		{`matchkeys(["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"])`,
			cty.ListVal([]cty.Value{cty.StringVal("i-abc"), cty.StringVal("i-def")})},
		{`length(matchkeys([], [], ["x"]))`, cty.NumberIntVal(0)},
		{`issensitive("x")`, cty.False},
	}
	src := "resource \"null_resource\" \"r\" {\n"
	for i, tt := range tests {
		src += "  f" + itoa(i) + " = " + tt.expr + "\n"
	}
	src += "}\n"
	res, ds := run(t, map[string]string{"main.tf": src}, Options{})
	noErrors(t, ds)
	for i, tt := range tests {
		got, _ := attr(t, res, "null_resource.r", "f"+itoa(i)).UnmarkDeep()
		if !got.RawEquals(tt.want) && !equalKnown(got, tt.want) {
			t.Errorf("%s = %#v, want %#v", tt.expr, got, tt.want)
		}
	}
}

// A valid call to a function daslint does not compute is no error: its
// result is unknown, and the reason names the function and the call.
func TestUnevaluatedFunctionsAreUnknownWithTheirReason(t *testing.T) {
	tests := []struct {
		expr, reason string
	}{
		{`yamldecode("a: 1")`, "daslint does not evaluate yamldecode()"},
		{`provider::aws::arn_parse("arn:aws:kms:eu-west-1:1:key/x").region`, "provider-defined function provider::aws::arn_parse()"},
		{`"${timestamp()}-x"`, "timestamp() is known only when Terraform applies the plan"},
		{`timecmp("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z") < 0`, "timecmp() is known only when"},
		{`pathexpand("~/.aws")`, "value cannot be determined offline"},
	}
	src := "resource \"null_resource\" \"r\" {\n"
	for i, tt := range tests {
		src += "  f" + itoa(i) + " = " + tt.expr + "\n"
	}
	src += "}\n"
	res, ds := run(t, map[string]string{"main.tf": src}, Options{})
	noErrors(t, ds)
	for i, tt := range tests {
		v := attr(t, res, "null_resource.r", "f"+itoa(i))
		if v.IsKnown() {
			t.Errorf("%s = %#v, want unknown", tt.expr, v)
			continue
		}
		rs := Reasons(v)
		if len(rs) != 1 || !strings.Contains(rs[0].Reason, tt.reason) {
			t.Errorf("%s: reasons %v, want one containing %q", tt.expr, reasonTexts(v), tt.reason)
			continue
		}
		if rs[0].Range.Line != i+2 {
			t.Errorf("%s: reason at line %d, want %d", tt.expr, rs[0].Range.Line, i+2)
		}
	}
}

// slice of a list whose length is unknown offline has exactly end - start
// elements, or Terraform's plan fails: the pattern of every
// terraform-aws-modules example gives three zones with unknown names, and
// known counts and CIDRs built over them.
func TestSliceOfUnknownLengthList(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
data "aws_availability_zones" "available" {}
locals {
  azs     = slice(data.aws_availability_zones.available.names, 0, 3)
  subnets = [for k, v in local.azs : cidrsubnet("10.0.0.0/16", 8, k + 6)]
}
resource "aws_subnet" "database" {
  count             = length(local.subnets)
  cidr_block        = local.subnets[count.index]
  availability_zone = local.azs[count.index]
}
resource "null_resource" "r" {
  n     = length(local.azs)
  empty = length(slice(data.aws_availability_zones.available.names, 1, 1))
  all   = data.aws_availability_zones.available.names
}
`}, Options{})
	noErrors(t, ds)
	want := []string{"aws_subnet.database[0]", "aws_subnet.database[1]", "aws_subnet.database[2]"}
	var got []string
	for _, a := range addresses(res) {
		if strings.HasPrefix(a, "aws_subnet.") {
			got = append(got, a)
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("subnets = %v, want %v", got, want)
	}
	if c := str(t, attr(t, res, "aws_subnet.database[2]", "cidr_block")); c != "10.0.8.0/24" {
		t.Errorf("cidr_block = %q, want 10.0.8.0/24 (netnum 2 + 6)", c)
	}
	az := attr(t, res, "aws_subnet.database[1]", "availability_zone")
	if az.IsKnown() || len(Reasons(az)) == 0 || !strings.Contains(reasonTexts(az)[0], "aws_availability_zones") {
		t.Errorf("availability_zone = %#v (%v), want unknown from the data source", az, reasonTexts(az))
	}
	for name, n := range map[string]int64{"n": 3, "empty": 0} {
		v, _ := attr(t, res, "null_resource.r", name).Unmark()
		if !v.RawEquals(ctyNum(n)) {
			t.Errorf("%s = %#v, want %d", name, v, n)
		}
	}
	if all := attr(t, res, "null_resource.r", "all"); all.IsKnown() {
		t.Errorf("the data source's own list has unknown length, got %#v", all)
	}
}
