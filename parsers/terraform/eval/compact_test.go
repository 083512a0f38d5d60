package eval

import (
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/hclcompact"
)

// compactCases are files whose resource bodies CompactFile converts: the
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
			hclcompact.CompactFile(after)
			if hclcompact.Of(after) == nil {
				t.Fatal("CompactFile kept nothing")
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
				if _, ok := g.body.(*hclcompact.Body); !ok {
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
	// to its literal (hclcompact.FoldLiterals), of the same range and value.
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
		if w.Type != g.Type || !slices.Equal(w.Labels, g.Labels) || w.Range != g.Range {
			t.Errorf("%s: block %d is %s %v at %v, want %s %v at %v", at, i, g.Type, g.Labels, g.Range, w.Type, w.Labels, w.Range)
		}
		if w.Type == "dynamic" || skippedBlock(w.Type) {
			if hb, ok := g.Body.(*hclsyntax.Body); !ok || hb.SrcRange != w.Body.(*hclsyntax.Body).SrcRange {
				t.Errorf("%s: %s block: body %T, want its hcl body", at, w.Type, g.Body)
			}
			continue
		}
		sameSplit(t, at+"."+w.Type, w.Body, g.Body)
	}
}

func equalNames(a, b attrNames) bool {
	return maps.Equal(a.generic, b.generic) &&
		maps.EqualFunc(a.byResource, b.byResource, func(x, y *nameSet) bool { return slices.Equal(sortedNames(x), sortedNames(y)) })
}

// TestCompactFormAgreesWithEvaluation: the blocks whose body the compact
// form keeps as hcl's are the dynamic blocks and the blocks evalBody
// skips, and a cut body keeps the arguments metaContent decodes.
func TestCompactFormAgreesWithEvaluation(t *testing.T) {
	for _, typ := range []string{"dynamic", "lifecycle", "provisioner", "connection", "timeouts", "ingress", "egress", "route", "content", "statement"} {
		if want := typ == "dynamic" || skippedBlock(typ); hclcompact.KeepsSyntax(typ) != want {
			t.Errorf("KeepsSyntax(%q) = %v, want %v", typ, !want, want)
		}
	}
	for _, typ := range skippedBlockTypes {
		if !hclcompact.KeepsSyntax(typ) {
			t.Errorf("KeepsSyntax(%q) = false for a block evalBody skips", typ)
		}
	}
	for _, a := range metaSchema.Attributes {
		if !hclcompact.IsMetaArgument(a.Name) {
			t.Errorf("IsMetaArgument(%q) = false for an argument metaContent decodes", a.Name)
		}
	}
	for _, name := range []string{"depends_on", "lifecycle", "cidr_block", "name"} {
		if hclcompact.IsMetaArgument(name) {
			t.Errorf("IsMetaArgument(%q) = true", name)
		}
	}
}
