package eval

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestCountedForsLeavesTheTree checks that countedFors wraps the
// collection of every for expression, nested ones and those in templates
// included, in a copy, and leaves the parsed expression as it was.
func TestCountedForsLeavesTheTree(t *testing.T) {
	src := `concat([for s in var.a : [for x in s : x]], ["%{ for s in var.b }${s}%{ endfor }"], var.c)`
	expr, diags := hclsyntax.ParseExpression([]byte(src), "t.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	collOf := map[*hclsyntax.ForExpr]hclsyntax.Expression{}
	visitSyntax(expr, func(n hclsyntax.Node) {
		if f, ok := n.(*hclsyntax.ForExpr); ok {
			collOf[f] = f.CollExpr
		}
	})
	if len(collOf) != 3 {
		t.Fatalf("found %d for expressions, want 3", len(collOf))
	}
	counted := countedFors(expr)
	if counted == expr {
		t.Fatal("countedFors returned the expression itself")
	}
	for f, coll := range collOf {
		if f.CollExpr != coll {
			t.Errorf("the for expression at %s was changed", f.Range())
		}
	}
	wrapped := 0
	visitSyntax(counted, func(n hclsyntax.Node) {
		if f, ok := n.(*hclsyntax.ForExpr); ok {
			if _, seen := collOf[f]; seen {
				t.Errorf("the copy shares the for expression at %s", f.Range())
			}
			if c, ok := f.CollExpr.(*hclsyntax.FunctionCallExpr); ok && c.Name == forCountFunc {
				wrapped++
			}
		}
	})
	if wrapped != 3 {
		t.Errorf("%d collections wrapped, want 3", wrapped)
	}
	if plain, _ := hclsyntax.ParseExpression([]byte(`upper(var.a)`), "t.tf", hcl.InitialPos); countedFors(plain) != plain {
		t.Error("an expression without for expressions was copied")
	}
}

// TestSharedModuleConcurrently evaluates two roots that call one module
// with for expressions on several goroutines, sharing the parse cache (as
// roots are read in a run): each gets what it gets alone. With -race this
// fails if evaluation writes to the shared syntax trees.
func TestSharedModuleConcurrently(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"modules/net/main.tf": `
variable "cidrs" { type = list(string) }
locals {
  subnets = { for i, c in var.cidrs : "s${i}" => [for n in range(2) : cidrsubnet(c, 8, n)] }
}
resource "aws_subnet" "this" {
  for_each   = local.subnets
  cidr_block = each.value[0]
  tags       = { Name = join("-", [for p in each.value : upper(p)]) }
}
`,
		"a/main.tf": `module "net" {
  source = "../modules/net"
  cidrs  = ["10.0.0.0/16", "10.1.0.0/16"]
}
`,
		"b/main.tf": `module "net" {
  source = "../modules/net"
  cidrs  = ["10.2.0.0/16"]
}
`,
	})
	roots := []string{filepath.Join(dir, "a"), filepath.Join(dir, "b")}
	want := map[string][]string{}
	for _, r := range roots {
		res, ds := Evaluate(r, Options{Root: dir})
		noErrors(t, ds)
		want[r] = instanceTexts(t, res)
	}
	cache := NewParseCache()
	var wg sync.WaitGroup
	got := make([][]string, 8)
	for i := range got {
		wg.Go(func() {
			res, _ := Evaluate(roots[i%2], Options{Root: dir, Cache: cache})
			got[i] = instanceTexts(t, res)
		})
	}
	wg.Wait()
	for i, g := range got {
		if w := want[roots[i%2]]; !equalStrings(g, w) {
			t.Errorf("evaluation %d of %s gave\n%v\nwant\n%v", i, roots[i%2], g, w)
		}
	}
}

// instanceTexts lists each instance's address and its cidr_block and tags.
func instanceTexts(t *testing.T, res *Result) []string {
	var out []string
	for _, in := range res.Instances {
		out = append(out, in.Address+" "+in.Body.Attr("cidr_block").Value.GoString()+" "+in.Body.Attr("tags").Value.GoString())
	}
	if len(out) == 0 {
		t.Error("no instances")
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
