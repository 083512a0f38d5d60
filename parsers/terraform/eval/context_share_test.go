package eval

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestSharedContexts: an expression that reads one resource only, or no
// variable at all, is evaluated in a context shared with every other such
// expression (refContext, bareCtx). Each must still see its own resource:
// of its module instance, by name, not shadowed by an iterator of another
// expression, and bodies evaluated while another is half done (a reference
// evaluates the resource it reads first) keep their own arguments.
func TestSharedContexts(t *testing.T) {
	files := map[string]string{
		"main.tf": `
variable "s" {
  default = "-v"
}
resource "aws_vpc" "a" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc" "b" {
  cidr_block = "10.1.0.0/16"
}
resource "null_resource" "r" {
  # read before aws_vpc.z is declared: its body is evaluated first, in
  # the middle of this one.
  one       = aws_vpc.z.cidr_block
  a         = aws_vpc.a.cidr_block
  b         = aws_vpc.b.cidr_block
  twice     = "${aws_vpc.a.cidr_block} ${aws_vpc.a.cidr_block}"
  both      = [aws_vpc.a.cidr_block, aws_vpc.b.cidr_block]
  mixed     = "${aws_vpc.a.cidr_block}${var.s}"
  literal   = "x"
  call      = upper("x")
  last      = aws_vpc.b.cidr_block
  dynamic "rule" {
    for_each = [aws_vpc.b.cidr_block]
    iterator = aws_vpc
    content {
      v = aws_vpc.value
    }
  }
  after = aws_vpc.a.cidr_block
}
resource "aws_vpc" "z" {
  cidr_block = aws_vpc.b.cidr_block
  tag        = "z"
}
resource "null_resource" "counted" {
  count = 2
  c     = cidrsubnet(aws_vpc.a.cidr_block, 8, count.index)
}
module "m" {
  source = "./m"
}
resource "null_resource" "fromm" {
  v = module.m.cidr
}
`,
		"m/main.tf": `
resource "aws_vpc" "a" {
  cidr_block = "10.9.0.0/16"
}
output "cidr" {
  value = aws_vpc.a.cidr_block
}
`,
	}
	res, ds := run(t, files, Options{})
	noErrors(t, ds)
	str := cty.StringVal
	for _, tt := range []struct {
		addr, name string
		want       cty.Value
	}{
		{"null_resource.r", "one", str("10.1.0.0/16")},
		{"null_resource.r", "a", str("10.0.0.0/16")},
		{"null_resource.r", "b", str("10.1.0.0/16")},
		{"null_resource.r", "twice", str("10.0.0.0/16 10.0.0.0/16")},
		{"null_resource.r", "both", cty.TupleVal([]cty.Value{str("10.0.0.0/16"), str("10.1.0.0/16")})},
		{"null_resource.r", "mixed", str("10.0.0.0/16-v")},
		{"null_resource.r", "literal", str("x")},
		{"null_resource.r", "call", str("X")},
		{"null_resource.r", "last", str("10.1.0.0/16")},
		{"null_resource.r", "after", str("10.0.0.0/16")},
		{"aws_vpc.z", "cidr_block", str("10.1.0.0/16")},
		{"aws_vpc.z", "tag", str("z")},
		{"null_resource.counted[0]", "c", str("10.0.0.0/24")},
		{"null_resource.counted[1]", "c", str("10.0.1.0/24")},
		{"module.m.aws_vpc.a", "cidr_block", str("10.9.0.0/16")},
		{"null_resource.fromm", "v", str("10.9.0.0/16")},
	} {
		got, _ := attr(t, res, tt.addr, tt.name).UnmarkDeep()
		if !got.RawEquals(tt.want) {
			t.Errorf("%s.%s = %#v, want %#v", tt.addr, tt.name, got, tt.want)
		}
	}
	r := instance(t, res, "null_resource.r")
	if n := len(r.Body.Attrs); n != 10 {
		t.Errorf("null_resource.r has %d arguments, want 10", n)
	}
	rules := r.Body.Blocks["rule"]
	if len(rules) != 1 {
		t.Fatalf("%d rule blocks, want 1", len(rules))
	}
	if got, _ := rules[0].Attr("v").Value.UnmarkDeep(); !got.RawEquals(str("10.1.0.0/16")) {
		t.Errorf("rule.v = %#v, want the iterator's value", got)
	}
}
