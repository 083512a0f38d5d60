package eval

import (
	"strings"
	"testing"

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

// TestForNestingLimit: for expressions nested three deep are not evaluated
// (three loops over range(1024) are a billion elements, inside one hcl call
// that nothing can interrupt); two levels still are.
func TestForNestingLimit(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
locals {
  two   = length(flatten([for a in range(3) : [for b in range(4) : "${a}-${b}"]]))
  three = length(flatten([for a in range(1024) : [for b in range(1024) : [for c in range(1024) : "${a}${b}${c}"]]]))
}
resource "aws_vpc" "v" {
  cidr_block = "10.${local.two}.0.0/16"
  tags       = { n = local.three }
}
`}, Options{})
	if got := str(t, attr(t, res, "aws_vpc.v", "cidr_block")); got != "10.12.0.0/16" {
		t.Errorf("two levels: cidr_block = %q, want 10.12.0.0/16", got)
	}
	tags := attr(t, res, "aws_vpc.v", "tags")
	if n := tags.GetAttr("n"); n.IsKnown() {
		t.Errorf("three levels were evaluated: %v", n.GoString())
	}
	if !hasDiag(ds, diag.Warning, "for expressions nested 3 deep are not evaluated") {
		t.Errorf("no warning in %v", ds)
	}
	// A limit reached leaves part of the root unanalysed, as an unread file
	// does: it is recorded so that the root's passes become unknown.
	if len(res.Unread) != 1 || res.Unread[0].Kind != model.FromLimit {
		t.Errorf("unread = %+v, want the nesting limit", res.Unread)
	}
}
