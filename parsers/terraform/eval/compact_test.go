package eval

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
)

// compactCases are files whose resource bodies compactFile converts: the
// evaluation must read each converted body, and the syntax walks find in
// it, exactly what they did in hcl's.
var compactCases = map[string]string{
	"plain": `resource "aws_vpc" "a" {
  cidr_block = "10.0.0.0/16"
  tags       = { Name = "a" }
}
resource "aws_subnet" "b" {
  vpc_id     = aws_vpc.a.id
  cidr_block = cidrsubnet(aws_vpc.a.cidr_block, 8, 1)
}
`,
	"meta and nested blocks": `resource "aws_security_group" "g" {
  count    = 2
  provider = aws.west
  name     = "g-${count.index}"
  ingress {
    from_port   = 443
    cidr_blocks = [aws_vpc.a.cidr_block]
    nested {
      deep = data.aws_vpc.x.owner_id
    }
  }
  egress {
    to_port = 443
  }
}
data "aws_vpc" "x" {
  for_each = toset(["a"])
  filter {
    name   = "tag:Name"
    values = [each.key]
  }
}
`,
	"dynamic and skipped blocks": `resource "aws_security_group" "g" {
  dynamic "ingress" {
    for_each = var.rules
    iterator = rule
    content {
      from_port   = rule.value.port
      cidr_blocks = [for s in aws_subnet.all : s.cidr_block]
    }
  }
  lifecycle {
    replace_triggered_by = [aws_kms_key.k.key_rotation_enabled]
    precondition {
      condition     = provider::aws::arn_parse(aws_kms_key.k.arn) != null
      error_message = "x"
    }
  }
  provisioner "local-exec" {
    command = "echo ${aws_vpc.a.main_route_table_id}"
  }
}
`,
	"not a resource": `locals { x = aws_vpc.a.default_network_acl_id }
module "m" {
  source = "./m"
  in     = values(aws_subnet.all)[*].availability_zone
}
resource "only_one_label" {
  a = 1
}
`,
}

// parseNative parses src as the file name, as the evaluation does.
func parseNative(t *testing.T, name, src string) *hcl.File {
	t.Helper()
	f, ds := hclsyntax.ParseConfig([]byte(src), name, hcl.InitialPos)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return f
}

func TestCompactFileReadsAsBefore(t *testing.T) {
	for name, src := range compactCases {
		t.Run(name, func(t *testing.T) {
			before := parseNative(t, name+".tf", src)
			after := parseNative(t, name+".tf", src)
			compactFile(after)
			if compactedOf(after) == nil {
				t.Fatal("compactFile kept nothing")
			}

			// The index of attribute names and provider functions.
			wantNames, gotNames := newAttrNames(), newAttrNames()
			wantFuncs, gotFuncs := map[string]bool{}, map[string]bool{}
			wantNames.index(before, wantFuncs)
			gotNames.index(after, gotFuncs)
			if !equalNames(wantNames, gotNames) {
				t.Errorf("names: got %v, want %v", gotNames, wantNames)
			}
			if !maps.Equal(wantFuncs, gotFuncs) {
				t.Errorf("functions: got %v, want %v", gotFuncs, wantFuncs)
			}
			if w, g := providerFunctions(map[string]*hcl.File{"f": before}), providerFunctions(map[string]*hcl.File{"f": after}); !maps.Equal(w, g) {
				t.Errorf("providerFunctions: got %v, want %v", g, w)
			}

			// What loading declares and evaluation reads.
			want, got := &moduleConfig{byKey: map[string]*resourceDecl{}}, &moduleConfig{byKey: map[string]*resourceDecl{}}
			wantDs, gotDs := declareResources(want, before), declareResources(got, after)
			if !slices.Equal(wantDs, gotDs) {
				t.Errorf("diagnostics: got %v, want %v", gotDs, wantDs)
			}
			if len(want.resources) != len(got.resources) {
				t.Fatalf("%d resources, want %d", len(got.resources), len(want.resources))
			}
			for i, w := range want.resources {
				g := got.resources[i]
				if _, ok := g.body.(*compactBody); !ok {
					t.Errorf("%s: body %T, want a compact body", g.key, g.body)
				}
				if g.key != w.key || g.blockRange() != w.blockRange() || g.defRng != w.defRng || g.provider() != w.provider() ||
					(g.count() == nil) != (w.count() == nil) || (g.forEach() == nil) != (w.forEach() == nil) {
					t.Errorf("%s: declared %+v, want %+v", g.key, g, w)
				}
				sameSplit(t, g.key, w.body, g.body)
			}
		})
	}
}

// declareResources declares the resources of f in cfg, as addFile does,
// and returns the diagnostics.
func declareResources(cfg *moduleConfig, f *hcl.File) diag.Diagnostics {
	var ds diag.Diagnostics
	content, _, hds := f.Body.PartialContent(rootSchema)
	addHCLDiags(&ds, hds, hcl.Range{})
	for _, b := range content.Blocks {
		if b.Type == "resource" || b.Type == "data" {
			cfg.addResource(b, resourceBody(f, b), &ds)
		}
	}
	return ds
}

// sameSplit checks that splitBody gives the same arguments and blocks for
// the compact body got as for the hcl body want, nested blocks included.
func sameSplit(t *testing.T, at string, want, got syntaxBody) {
	t.Helper()
	if want.MissingItemRange() != got.MissingItemRange() {
		t.Errorf("%s: missing item range %v, want %v", at, got.MissingItemRange(), want.MissingItemRange())
	}
	wa, wb, _ := splitBody(want, nil)
	ga, gb, _ := splitBody(got, nil)
	// Two parses of one text: the same expressions, not the same
	// pointers; a quoted string without a template sequence is folded
	// to its literal (foldLiterals), of the same range and value.
	same := func(a, b rawAttr) bool {
		if a.name != b.name || a.rng != b.rng || a.expr.Range() != b.expr.Range() {
			return false
		}
		if reflect.TypeOf(a.expr) == reflect.TypeOf(b.expr) {
			return true
		}
		t, ok := a.expr.(*hclsyntax.TemplateExpr)
		if _, lit := b.expr.(*hclsyntax.LiteralValueExpr); !ok || !lit || !t.IsStringLiteral() {
			return false
		}
		av, _ := a.expr.Value(nil)
		bv, _ := b.expr.Value(nil)
		return av.RawEquals(bv)
	}
	if !slices.EqualFunc(wa, ga, same) {
		t.Errorf("%s: arguments %v, want %v", at, ga, wa)
	}
	if len(wb) != len(gb) {
		t.Fatalf("%s: %d blocks, want %d", at, len(gb), len(wb))
	}
	for i := range wb {
		w, g := wb[i], gb[i]
		if w.typ != g.typ || !slices.Equal(w.labels, g.labels) || w.rng != g.rng {
			t.Errorf("%s: block %d is %s %v at %v, want %s %v at %v", at, i, g.typ, g.labels, g.rng, w.typ, w.labels, w.rng)
		}
		if w.typ == "dynamic" || skippedBlocks[w.typ] {
			if hb, ok := g.body.(*hclsyntax.Body); !ok || hb.SrcRange != w.body.(*hclsyntax.Body).SrcRange {
				t.Errorf("%s: %s block: body %T, want its hcl body", at, w.typ, g.body)
			}
			continue
		}
		sameSplit(t, at+"."+w.typ, w.body, g.body)
	}
}

func equalNames(a, b attrNames) bool {
	return maps.Equal(a.generic, b.generic) &&
		maps.EqualFunc(a.byResource, b.byResource, func(x, y *nameSet) bool { return slices.Equal(sortedNames(x), sortedNames(y)) })
}

// TestFoldLiteralsKeepsValues: folding the quoted strings of an argument,
// alone or in tuples and objects, leaves its value, its range and the
// traversals it reads as they were.
func TestFoldLiteralsKeepsValues(t *testing.T) {
	for _, src := range []string{
		`"10.0.0.0/16"`,
		`""`,
		`"caf\u00e9 ${"x"}"`,
		`"a$${b}"`,
		`["0.0.0.0/0", "::/0", 443]`,
		`{ Name = "x", Env = ["a", "b"], "k" = { v = "w" } }`,
		`"${var.x}"`,
		`["a", var.y]`,
		"<<EOF\nplain\nEOF\n",
	} {
		parse := func() hclsyntax.Expression {
			x, ds := hclsyntax.ParseExpression([]byte(src), "x.tf", hcl.InitialPos)
			if ds.HasErrors() {
				t.Fatalf("%s: %s", src, ds)
			}
			return x
		}
		want, folded := parse(), foldLiterals(parse())
		if folded.Range() != want.Range() {
			t.Errorf("%s: range %v, want %v", src, folded.Range(), want.Range())
		}
		if w, g := fmt.Sprint(want.Variables()), fmt.Sprint(folded.Variables()); w != g {
			t.Errorf("%s: reads %s, want %s", src, g, w)
		}
		ctx := &hcl.EvalContext{Variables: map[string]cty.Value{
			"var": cty.ObjectVal(map[string]cty.Value{"x": cty.StringVal("X"), "y": cty.StringVal("Y")}),
		}}
		wv, wds := want.Value(ctx)
		gv, gds := folded.Value(ctx)
		if wds.HasErrors() || gds.HasErrors() || !wv.RawEquals(gv) {
			t.Errorf("%s: value %#v (%s), want %#v (%s)", src, gv, gds, wv, wds)
		}
	}
}

// TestPos32 checks that a position whose numbers do not fit in 32 bits is
// refused, so that its argument keeps its whole range.
func TestPos32(t *testing.T) {
	if strconv.IntSize < 64 {
		t.Skip("positions fit in 32 bits")
	}
	// Converted at run time: the constants would not compile where int
	// has 32 bits.
	var max32 int64 = math.MaxInt32
	over, far := int(max32+1), int(4*max32)
	for _, c := range []struct {
		p    hcl.Pos
		fits bool
	}{
		{hcl.Pos{Line: 1, Column: 1, Byte: 0}, true},
		{hcl.Pos{Line: 1 << 30, Column: 7, Byte: over - 1}, true},
		{hcl.Pos{Line: 1, Column: 1, Byte: over}, false},
		{hcl.Pos{Line: far, Column: 1, Byte: 0}, false},
		{hcl.Pos{Line: 1, Column: -far, Byte: 0}, false},
	} {
		q, fits := toPos32(c.p)
		if fits != c.fits || (fits && q.pos() != c.p) {
			t.Errorf("toPos32(%+v) = %+v, %v; want fits %v", c.p, q, fits, c.fits)
		}
	}
	a := &hclsyntax.Attribute{Name: "x", Expr: &hclsyntax.LiteralValueExpr{Val: cty.True,
		SrcRange: hcl.Range{Filename: "f.tf", Start: hcl.Pos{Line: 1, Column: 5, Byte: far}, End: hcl.Pos{Line: 1, Column: 9, Byte: far + 4}}},
		SrcRange: hcl.Range{Filename: "f.tf", Start: hcl.Pos{Line: 1, Column: 1, Byte: far - 4}, End: hcl.Pos{Line: 1, Column: 9, Byte: far + 4}}}
	if c := newCompactAttr(a, a.Expr); c.rng() != a.SrcRange {
		t.Errorf("range %v, want %v", c.rng(), a.SrcRange)
	}
}
