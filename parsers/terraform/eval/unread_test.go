package eval

import (
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// TestUnreadFiles: a file that does not parse and a file above the size
// limit are left out and listed in Result.Unread, so that no verdict rests
// on their absence; the other files are still evaluated.
func TestUnreadFiles(t *testing.T) {
	big := "locals {\n  padding = \"" + strings.Repeat("x", 2048) + "\"\n}\n"
	res, ds := run(t, map[string]string{
		"main.tf":   `resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }`,
		"broken.tf": "resource \"aws_vpc\" \"other\" {\n  cidr_block = \n",
		"huge.tf":   big,
	}, Options{MaxFileBytes: 1024})
	if got := addresses(res); len(got) != 1 || got[0] != "aws_vpc.main" {
		t.Errorf("instances = %v, want only aws_vpc.main", got)
	}
	if len(res.Unread) != 2 {
		t.Fatalf("unread = %+v, want broken.tf and huge.tf", res.Unread)
	}
	if r := res.Unread[0].Reason; !strings.HasSuffix(r, "broken.tf does not parse, so what it declares is missing") {
		t.Errorf("unread[0] = %q", r)
	}
	if r := res.Unread[1].Reason; !strings.HasSuffix(r, "huge.tf is 2.0 KB, above the limit of 1 KB for one file (--max-file-size); it is not read") {
		t.Errorf("unread[1] = %q", r)
	}
	if !hasDiag(ds, diag.Warning, "above the limit of 1 KB") {
		t.Errorf("no size-limit warning in %v", ds)
	}
	if !hasDiag(ds, diag.Error, "Invalid expression") {
		t.Errorf("no parse error in %v", ds)
	}
}

// TestSetProductBound: setproduct, whose result grows multiplicatively, stops
// at the expansion limit instead of making a million combinations (this
// for_each ran for more than ten minutes inside cty before the bound).
func TestSetProductBound(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
resource "aws_subnet" "grid" {
  for_each = toset([for p in setproduct(range(1000), range(1000)) : "${p[0]}-${p[1]}"])
  vpc_id   = "vpc-1"
}
locals {
  small = length(setproduct(["a", "b"], ["x", "y", "z"]))
}
resource "aws_vpc" "v" {
  cidr_block = "10.${local.small}.0.0/16"
}
`}, Options{})
	if got := addresses(res); len(got) != 2 || got[0] != "aws_subnet.grid[?]" || got[1] != "aws_vpc.v" {
		t.Errorf("instances = %v, want one symbolic subnet and the VPC", got)
	}
	if got := str(t, attr(t, res, "aws_vpc.v", "cidr_block")); got != "10.6.0.0/16" {
		t.Errorf("a small setproduct = %q, want 10.6.0.0/16", got)
	}
	if ds.HasErrors() {
		t.Errorf("errors: %v", ds)
	}
}

// TestForWorkLimit: for expressions are bounded by the elements they
// iterate over and build, not by how deeply they nest. Three small nested
// loops (the flatten of entries × policies × statements idiom) evaluate;
// three loops over range(1024), a billion elements inside one hcl call that
// nothing interrupts, stop at the limit with a warning, even inside try(),
// and the limit is recorded so that the root cannot pass.
func TestForWorkLimit(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
locals {
  entries = { a = { policies = { p = ["s1", "s2"], q = ["s3"] } }, b = { policies = { r = ["s4"] } } }
  small = length(flatten([for k, e in local.entries : [for p, ss in e.policies : [for s in ss : "${k}-${p}-${s}"]]]))
  three = length(flatten([for a in range(1024) : [for b in range(1024) : [for c in range(1024) : "${a}${b}${c}"]]]))
  tried = try(length([for a in range(1024) : [for b in range(1024) : [for c in range(1024) : c]]]), 7)
}
resource "aws_vpc" "v" {
  cidr_block = "10.${local.small}.0.0/16"
  tags       = { n = local.three, t = local.tried }
}
`}, Options{})
	if got := str(t, attr(t, res, "aws_vpc.v", "cidr_block")); got != "10.4.0.0/16" {
		t.Errorf("three small levels: cidr_block = %q, want 10.4.0.0/16", got)
	}
	tags := attr(t, res, "aws_vpc.v", "tags")
	for _, n := range []string{"n", "t"} {
		if v := tags.GetAttr(n); v.IsKnown() {
			t.Errorf("tags.%s: the huge loops gave %v, want unknown", n, v.GoString())
		}
	}
	if !hasDiag(ds, diag.Warning, "the expression iterates over or builds more than 100000 elements") {
		t.Errorf("no warning in %v", ds)
	}
	if ds.HasErrors() {
		t.Errorf("errors: %v", ds)
	}
	// A limit reached leaves part of the root unanalysed, as an unread file
	// does: it is recorded so that the root's passes become unknown.
	if len(res.Unread) != 2 || res.Unread[0].Kind != model.FromLimit {
		t.Errorf("unread = %+v, want the two limits", res.Unread)
	}
}

// TestSetOfLargeFlattenIsBounded: toset over the flatten of two loops over
// 1,024 keys (a million strings) feeding a for_each used to run for
// minutes; it stops at the limit, and the resource becomes one symbolic
// instance.
func TestSetOfLargeFlattenIsBounded(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
locals {
  keys = [for i in range(1024) : "k${i}"]
}
resource "aws_subnet" "s" {
  for_each   = toset(flatten([for a in local.keys : [for b in local.keys : "${a}-${b}"]]))
  vpc_id     = "vpc-1"
  cidr_block = "10.0.0.0/24"
}
`}, Options{})
	if got := addresses(res); len(got) != 1 || got[0] != "aws_subnet.s[?]" {
		t.Errorf("instances = %v, want one symbolic subnet", got)
	}
	if !hasDiag(ds, diag.Warning, "more than 100000 elements") || ds.HasErrors() {
		t.Errorf("diagnostics %v, want the limit's warning and no error", ds)
	}
	if len(res.Unread) == 0 || res.Unread[0].Kind != model.FromLimit {
		t.Errorf("unread = %+v, want the limit", res.Unread)
	}
}

// TestRange: the integer range gives what cty's gives, errors included.
func TestRange(t *testing.T) {
	for _, args := range [][]int64{{0}, {3}, {-3}, {1, 4}, {4, 1}, {5, 0, -2}, {0, 10, 3}, {0, 1, 0}, {0, 5, -1}, {2000}, {0, 1024}} {
		vals := make([]cty.Value, len(args))
		for i, a := range args {
			vals[i] = cty.NumberIntVal(a)
		}
		got, gerr := rangeFunc().Call(vals)
		want, werr := stdlib.RangeFunc.Call(vals)
		if (gerr == nil) != (werr == nil) || (gerr == nil && !got.RawEquals(want)) {
			t.Errorf("range%v = %#v, %v; want %#v, %v", args, got, gerr, want, werr)
		}
	}
	got, err := rangeFunc().Call([]cty.Value{cty.NumberFloatVal(0.5), cty.NumberIntVal(2)})
	if err != nil || got.LengthInt() != 2 {
		t.Errorf("range(0.5, 2) = %#v, %v; want two elements", got, err)
	}
}
