package eval

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestVisitSyntaxMatchesVisitAll checks that visitSyntax reaches every
// node hclsyntax.VisitAll reaches, each once, except the grouping nodes it
// documents it skips, on a file with every kind of expression.
func TestVisitSyntaxMatchesVisitAll(t *testing.T) {
	src := `
locals {
  a = 1 + -var.n
  b = "x-${var.s}-%{ for s in var.l }${s}%{ endfor }"
  c = {for k, v in var.m : upper(k) => v if v != null}
  d = { for s in var.l : s => s... }
  e = var.cond ? aws_subnet.a[0].id : (data.x.y.z)
  f = aws_subnet.a[*].id
  g = var.m["k"].x
  h = { plain = 1, (local.k) = 2, "q" = 3 }
  i = <<EOT
${local.h}
EOT
  j = values(aws_subnet.b)[*].arn
  k = try(local.x.y, null)
}
resource "aws_security_group" "x" {
  dynamic "ingress" {
    for_each = var.rules
    iterator = rule
    content {
      from_port = rule.value.from
    }
  }
  lifecycle { ignore_changes = [tags] }
}
`
	f, diags := hclsyntax.ParseConfig([]byte(src), "t.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	body := f.Body.(*hclsyntax.Body)
	describe := func(n hclsyntax.Node) string { return fmt.Sprintf("%T@%s", n, n.Range()) }
	var want, got []string
	_ = hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
		switch n.(type) {
		case hclsyntax.Attributes, hclsyntax.Blocks, hclsyntax.ChildScope:
		default:
			want = append(want, describe(n))
		}
		return nil
	})
	visitSyntax(body, func(n hclsyntax.Node) { got = append(got, describe(n)) })
	// A body's attributes are a map: the order of a walk is not defined.
	slices.Sort(want)
	slices.Sort(got)
	if len(want) < 60 {
		t.Fatalf("VisitAll found only %d nodes: the test input is not what it should be", len(want))
	}
	if !slices.Equal(got, want) {
		t.Errorf("visitSyntax visited\n%v\nVisitAll visited\n%v", got, want)
	}
}

// TestVisitSyntaxOrder checks that the nodes of an expression are visited
// parents first and left to right, as VisitAll visits them: the reasons of
// an unknown are listed in that order.
func TestVisitSyntaxOrder(t *testing.T) {
	expr, diags := hclsyntax.ParseExpression([]byte(`f(g(a), [h(b), {k = i(c)}], d ? j() : l())`), "t.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var got []string
	visitSyntax(expr, func(n hclsyntax.Node) {
		if c, ok := n.(*hclsyntax.FunctionCallExpr); ok {
			got = append(got, c.Name)
		}
	})
	if want := []string{"f", "g", "h", "i", "j", "l"}; !slices.Equal(got, want) {
		t.Errorf("calls visited in order %v, want %v", got, want)
	}
}

func TestVisitSyntaxDoesNotAllocate(t *testing.T) {
	expr, diags := hclsyntax.ParseExpression([]byte(`cidrsubnet(aws_vpc.a.cidr_block, 8, count.index + 1)`), "t.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	n := 0
	count := func(hclsyntax.Node) { n++ }
	if allocs := testing.AllocsPerRun(100, func() { visitSyntax(expr, count) }); allocs != 0 {
		t.Errorf("visitSyntax allocated %v times per walk, want 0", allocs)
	}
}

// TestVariablesMatchesHCL checks variables against hcl's Variables on
// expressions of every shape, for expressions (whose names are local)
// included.
func TestVariablesMatchesHCL(t *testing.T) {
	for _, src := range []string{
		`1`,
		`var.a`,
		`"x-${var.s}-${local.t[0]}"`,
		`cidrsubnet(aws_vpc.a.cidr_block, 8, count.index + 1)`,
		`[aws_subnet.a.id, aws_subnet.b.id]`,
		`{ plain = var.x, (local.k) = each.value }`,
		`var.c ? aws_subnet.a[0].id : data.x.y.z`,
		`aws_subnet.a[*].id`,
		`values(aws_subnet.b)[*].arn`,
		`[for s in var.l : s.id if s != local.skip]`,
		`{ for k, v in var.m : k => [for x in v : x + local.n] }`,
		`"%{ for s in var.l }${s}-${var.sep}%{ endfor }"`,
		`-var.n + (local.m * 2)`,
	} {
		expr, diags := hclsyntax.ParseExpression([]byte(src), "t.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", src, diags)
		}
		str := func(trs []hcl.Traversal) []string {
			var out []string
			for _, tr := range trs {
				out = append(out, fmt.Sprintf("%s@%s", tr.RootName(), tr.SourceRange()))
			}
			return out
		}
		if got, want := str(variables(expr)), str(expr.Variables()); !slices.Equal(got, want) {
			t.Errorf("%s: variables gives %v, hcl %v", src, got, want)
		}
	}
}

// TestScanExprFors checks that scanExpr finds every for expression, nested
// ones and those inside templates included, and none where there is none.
func TestScanExprFors(t *testing.T) {
	for src, want := range map[string]int{
		`"literal"`:            0,
		`var.a`:                0,
		`"a-${var.b}"`:         0,
		`[for s in var.l : s]`: 1,
		`{ for k, v in var.m : k => [for x in v : x] }`:      2,
		`"%{ for s in var.l }${s}%{ endfor }"`:               1,
		`concat([for s in var.a : s], [for s in var.b : s])`: 2,
	} {
		expr, diags := hclsyntax.ParseExpression([]byte(src), "t.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", src, diags)
		}
		if fors, _ := scanExpr(expr); len(fors) != want {
			t.Errorf("%s: %d for expressions found, want %d", src, len(fors), want)
		}
	}
}
