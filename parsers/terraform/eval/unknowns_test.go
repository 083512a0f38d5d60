package eval

import (
	"strings"
	"testing"
)

// TestUnknownsCarryReasons checks that an unknown keeps its reason through
// every kind of expression, and that known values stay known.
func TestUnknownsCarryReasons(t *testing.T) {
	src := `
variable "region" { type = string }
variable "cidrs" { type = list(string) }
variable "obj" { type = object({ a = string }) }
variable "flag" { type = bool }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "null_resource" "r" {
  template    = "com.amazonaws.${var.region}.kms"
  cond        = var.flag ? "a" : "b"
  for_expr    = [for c in var.cidrs : upper(c)]
  splat       = var.cidrs[*]
  index       = var.cidrs[0]
  attr        = var.obj.a
  func        = cidrsubnet(var.cidrs[0], 8, 1)
  joined      = join(",", var.cidrs)
  computed    = aws_vpc.v.owner_id
  computed2   = upper(aws_vpc.v.owner_id)
  known_cond  = true ? "known" : var.region
  try_unknown = try(var.obj.a, "fallback")
  unknown_fn  = timestamp()
}
`
	res, ds := run(t, map[string]string{"main.tf": src}, Options{})
	noErrors(t, ds)
	tests := []struct {
		attr, want string // want: the reason expected among the value's reasons
	}{
		{"template", `variable "region" has no value`},
		{"cond", `variable "flag" has no value`},
		{"for_expr", `variable "cidrs" has no value`},
		{"splat", `variable "cidrs" has no value`},
		{"index", `variable "cidrs" has no value`},
		{"attr", `variable "obj" has no value`},
		{"func", `variable "cidrs" has no value`},
		{"joined", `variable "cidrs" has no value`},
		{"computed", "aws_vpc.v.owner_id is known only after apply"},
		{"computed2", "aws_vpc.v.owner_id is known only after apply"},
		{"try_unknown", `variable "obj" has no value`},
		{"unknown_fn", "timestamp() is known only when Terraform applies the plan"},
	}
	for _, tt := range tests {
		t.Run(tt.attr, func(t *testing.T) {
			v := attr(t, res, "null_resource.r", tt.attr)
			if v.IsWhollyKnown() {
				t.Fatalf("want unknown, got %#v", v)
			}
			found := false
			for _, u := range Reasons(v) {
				if u.Reason == tt.want {
					found = true
				}
				if u.Range.File == "" || u.Range.Line == 0 {
					t.Errorf("reason %q has no position", u.Reason)
				}
			}
			if !found {
				t.Errorf("reasons %v lack %q", reasonTexts(v), tt.want)
			}
		})
	}
	if got := str(t, attr(t, res, "null_resource.r", "known_cond")); got != "known" {
		t.Errorf("known_cond = %q", got)
	}
}

func TestReferenceCycleIsReported(t *testing.T) {
	tests := []struct {
		name, src, chain string
	}{
		{"locals", `
locals {
  a = local.b
  b = local.a
}
resource "null_resource" "r" { v = local.a }
`, "local.a"},
		{"through a resource", `
locals { a = null_resource.x.v }
resource "null_resource" "x" { v = local.a }
`, "null_resource.x"},
		{"self", `locals { a = "${local.a}x" }
resource "null_resource" "r" { v = local.a }`, "local.a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, ds := run(t, map[string]string{"main.tf": tt.src}, Options{})
			found := false
			for _, d := range ds {
				if strings.Contains(d.Message, "reference cycle") && strings.Contains(d.Message, tt.chain) && strings.Contains(d.Message, "main.tf:") {
					found = true
				}
			}
			if !found {
				t.Fatalf("want a reference cycle error naming %s with file:line; got %v", tt.chain, ds)
			}
			for _, inst := range res.Instances {
				if v := inst.Body.Attr("v"); v != nil && v.Value.IsWhollyKnown() {
					t.Errorf("%s.v = %#v, want unknown", inst.Address, v.Value)
				}
			}
		})
	}
}
