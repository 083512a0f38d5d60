package eval

import (
	"context"
	"testing"
)

// TestDeclaredResources: the count that presizes the walk's tables is every
// resource and data block of the root and of each module call, a module
// called twice counted twice.
func TestDeclaredResources(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
resource "aws_vpc" "a" { cidr_block = "10.0.0.0/16" }
data "aws_region" "here" {}
module "one" { source = "./net" }
module "two" { source = "./net" }
`,
		"net/main.tf": `
resource "aws_subnet" "a" { cidr_block = "10.0.1.0/24" }
resource "aws_subnet" "b" { cidr_block = "10.0.2.0/24" }
resource "aws_subnet" "c" {
  count      = 3
  cidr_block = "10.0.3.0/24"
}
`,
	})
	e := newEvaluator(context.Background(), dir, Options{})
	tree := e.loadTree(dir, "", []string{absDir(dir)})
	if got, want := declaredResources(tree), 2+2*3; got != want {
		t.Errorf("declaredResources = %d, want %d", got, want)
	}
	e.memo["kept"] = &node{label: "kept"}
	e.presize(declaredResources(tree))
	if e.memo["kept"] == nil {
		t.Error("presize dropped an entry made while loading")
	}
	if cap(e.instances) < 8 {
		t.Errorf("instances have room for %d, want at least 8", cap(e.instances))
	}
}
