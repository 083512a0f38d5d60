package hclfast

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/daslint/daslint/internal/hclcompact"
	"github.com/daslint/daslint/internal/stress"
)

// accepted are sources in the subset: ParseConfig must take each and
// agree with hclsyntax.
var accepted = []string{
	"",
	"\n\n",
	"# only a comment",
	"# a comment\n",
	"/* a block\ncomment */ a = 1\n",
	"a = 1 /**/\n",
	"a = [1 /* x\n y */, 2]\n",
	"  \t a = 1",
	"a = 1\n",
	"a = 1",
	"a = -1\n",
	"a = !true\n",
	"a = 1.5e3\nb = 10.3\nc = 0\nd = 2E-2\n",
	"a = true\nb = false\nc = null\n",
	`a = "x"` + "\n",
	`a = ""` + "\n",
	`a = "a{b}c"` + "\n",
	`a = "${var.x}"` + "\n",
	`a = "${var.x}-${var.y}"` + "\n",
	`a = "pre-${var.x}"` + "\n",
	`a = "${var.x}post"` + "\n",
	`a = "${ {a = 1}.a }"` + "\n",
	`a = "${lookup(var.m, "k", "d")}"` + "\n",
	"a = var.x\n",
	"a = aws_vpc.main.id\n",
	"a = aws_subnet.private[0].id\n",
	`a = var.m["k"].x` + "\n",
	"a = var.m[var.k]\n",
	"a = var.m[var.k].x[0]\n",
	"a = var.m[-1]\n",
	"a = f(x).y\n",
	"a = f(x)[0]\n",
	"a = 1.x\n",
	"a = foo-bar\n",
	"a = cidrsubnet(aws_vpc.main.cidr_block, 8, 1)\n",
	"a = f()\n",
	"a = f(\n  1,\n  2,\n)\n",
	"a = f(a # comment\n , b // comment\n)\n",
	"a = []\n",
	"a = [1, 2, 3]\n",
	"a = [\n  aws_subnet.a.id,\n  aws_subnet.b.id,\n]\n",
	"a = [[1], [2, [3]]]\n",
	"a = {}\n",
	"a = { a = 1, b = 2 }\n",
	"a = {\n  Name = \"x\"\n  \"quoted\" = 1\n  c: 2,\n}\n",
	"a = {\n\n  # comment\n  a = 1 # trailing\n  b = [\n    1,\n  ]\n}\n",
	"a = { a = { b = { c = 1 } } }\n",
	"a = 1 # comment\nb = 2 // comment\nc = 3 /* inline */\n",
	"block {\n}\n",
	"block {}\n",
	"block {}",
	"block { # comment\n  a = 1\n}\n",
	`resource "aws_vpc" "main" {` + "\n  cidr_block = \"10.0.0.0/16\"\n\n  tags = {\n    Name = \"main\"\n  }\n}\n",
	"a b c {\n  d {\n    e = 1\n  }\n  d {\n  }\n}\n",
	// Resource and data bodies, which a compact parse reads in the
	// compact form: meta-arguments, nested and kept blocks, folded
	// literals, no arguments at all.
	"resource \"aws_security_group\" \"g\" {\n  count    = \"2\"\n  for_each = [\"a\", { k = \"v\" }]\n  provider = aws.west\n  name     = \"g-${count.index}\"\n  tags     = { Name = \"x\", List = [\"a\", 1] }\n  ingress {\n    from_port   = 443\n    cidr_blocks = [aws_vpc.a.cidr_block, \"10.0.0.0/8\"]\n    nested \"l\" {\n      deep = data.x.y.z\n    }\n  }\n  egress {\n  }\n  dynamic \"ingress\" {\n    for_each = var.rules\n    content {\n      from_port = ingress.value\n    }\n  }\n  lifecycle {\n    ignore_changes = [tags]\n  }\n  provisioner \"local-exec\" {\n    command = \"echo\"\n  }\n  timeouts {\n    create = \"5m\"\n  }\n  connection {\n    host = self.ip\n  }\n}\n",
	"data \"aws_vpc\" \"v\" {\n}\nresource \"a\" \"b\" {}\nresource \"one\" {\n  x = 1\n}\nresource \"a\" \"b\" \"c\" {\n  x = 1\n}\nlocals {\n  count = 1\n}\n",
	"resource \"a\" \"b\" {\n  a01 = 1\n  a02 = 2\n  a03 = 3\n  a04 = 4\n  a05 = 5\n  a06 = 6\n  a07 = 7\n  a08 = 8\n  a09 = 9\n  a10 = 10\n  a11 = 11\n  a12 = 12\n  a13 = 13\n  a14 = 14\n  a15 = 15\n  a16 = 16\n  a17 = 17\n  a18 = 18\n  b { \n  }\n  b {\n    c = \"\"\n  }\n}\n",
	"resource a b {\n  x = \"\" # comment\n  // comment\n  y = -1\n}",
	`locals {` + "\n  x = \"\"\n}\n\nmodule \"m\" {\n  source = \"./m\"\n  n      = local.x\n}\n",
	"a = [\n  # comment only\n]\n",
	"a = 1 + 2\n",
	"a = 1 + 2 * 3 - 4 / 5 % 6\n",
	"a = a || b && c == d != e < f <= g > h >= i\n",
	"a = count.index + 10\n",
	"a = count.index-1\n",
	"a = -x.y + 1\n",
	"a = !a == b\n",
	"a = (1 + 2) * 3\n",
	"a = 1 % {}\n",
	"a = (\n  1 +\n  2\n)\n",
	"a = b ? c : d\n",
	"a = b ? c ? d : e : f ? g : h\n",
	"a = f(x > 0 ? x : 1, y)\n",
	"a = [\n  b ?\n  c :\n  d,\n]\n",
	"a = length(var.x) > 0 ? var.x[0] : null\n",
	"a = { (var.k) = 1, \"${var.j}\" = 2 }\n",
	"a = \"${var.a ? \"x\" : \"y\"}\"\n",
}

// declined are sources outside the subset, valid or not.
var declined = []string{
	"a = 1 +\n2\n",
	"a = b ?\nc : d\n",
	"a = b ? c\n",
	"a = b ? c :: d\n",
	"a = 1 << 2\n",
	"a = 1 & 2\n",
	"a = 1 %{}\n",
	"a = (1\n",
	"a = [for x in y : x]\n",
	"a = {for k, v in y : k => v}\n",
	"a = x[*].id\n",
	"a = x.*.id\n",
	"a = x.0.id\n",
	"a = <<EOT\nx\nEOT\n",
	`a = "a\"b"` + "\n",
	`a = "a$${b}"` + "\n",
	`a = "%{if x}y%{endif}"` + "\n",
	`a = "${~x}"` + "\n",
	`a = "${x~}"` + "\n",
	"a = f(x...)\n",
	"a = provider::p::f(x)\n",
	"a = 1\na = 2\n",
	"resource \"a\" \"b\" {\n  x = 1\n  x = 2\n}\n",
	"resource \"a\" \"b\" {\n  a01 = 1\n  a02 = 2\n  a03 = 3\n  a04 = 4\n  a05 = 5\n  a06 = 6\n  a07 = 7\n  a08 = 8\n  a09 = 9\n  a10 = 10\n  a11 = 11\n  a12 = 12\n  a13 = 13\n  a14 = 14\n  a15 = 15\n  a16 = 16\n  a17 = 17\n  a02 = 18\n}\n",
	"resource \"a\" \"b\" {\n  n {\n    x = 1\n    x = 2\n  }\n}\n",
	"resource \"a\" \"b\" {\n  n { x = 1 }\n}\n",
	"resource \"a\" \"b\" {\n  x = 1\n",
	"resource \"a\" \"b\" {\n  lifecycle {\n  }",
	"block { a = 1 }\n",
	"a = \"é\"\n",
	"a = 1\r\n",
	"a = 1 b = 2\n",
	"a = \n1\n",
	"a = [1 2]\n",
	"a = {a = 1 b = 2}\n",
	"a = \"x\n\"\n",
	"block {\n",
	"}\n",
	"a = 1 /* unterminated",
	"a = 1 /*/\n",
	"a == 1\n",
	"a => 1\n",
	"block \"x\" = 1\n",
	"block {\n} x = 1\n",
	"a = 1.2.3\n",
	"a = 1e\n",
	"a = f(1) (2)\n",
	`resource "a$" "b" {}` + "\n",
}

// agree fails unless hclsyntax parses src without a diagnostic into the
// tree ParseConfig made of it.
func agree(t *testing.T, name string, src []byte, got *hcl.File) {
	t.Helper()
	want, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if len(diags) > 0 {
		t.Fatalf("%s: accepted, but hclsyntax reports %s", name, diags.Error())
	}
	want.Nav = nil
	// reflect.DeepEqual compares unexported fields too, and operations
	// (which hold functions) by pointer.
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("%s: differs from hclsyntax: %s", name, difference(reflect.ValueOf(want), reflect.ValueOf(got), "file"))
	}
	compact, ok := ParseConfigCompact(src, name)
	if !ok {
		t.Fatalf("%s: ParseConfig took it, ParseConfigCompact declined it", name)
	}
	hclcompact.CompactFile(want)
	if d := compactDifference(want, compact); d != "" {
		t.Fatalf("%s: differs from hclcompact.CompactFile of hclsyntax's tree: %s", name, d)
	}
}

// compactDifference says where two compact files first differ: their cut
// trees, or the compact body of a block; "" when they are equal.
func compactDifference(want, got *hcl.File) string {
	wc, gc := hclcompact.Of(want), hclcompact.Of(got)
	if wc == nil || gc == nil {
		return fmt.Sprintf("compact bodies %v, want %v", gc, wc)
	}
	w, g := *want, *got
	w.Nav, g.Nav = nil, nil
	if !reflect.DeepEqual(&w, &g) {
		return difference(reflect.ValueOf(&w), reflect.ValueOf(&g), "file")
	}
	wb, gb := want.Body.(*hclsyntax.Body).Blocks, got.Body.(*hclsyntax.Body).Blocks
	n := 0
	for i := range wb {
		wbody, gbody := wc.Bodies[wb[i].Body], gc.Bodies[gb[i].Body]
		if (wbody == nil) != (gbody == nil) {
			return fmt.Sprintf("block %d: compact body %v, want %v", i, gbody, wbody)
		}
		if wbody == nil {
			continue
		}
		n++
		if !reflect.DeepEqual(wbody, gbody) {
			return difference(reflect.ValueOf(wbody), reflect.ValueOf(gbody), fmt.Sprintf("block[%d].compact", i))
		}
	}
	if len(wc.Bodies) != n || len(gc.Bodies) != n {
		return fmt.Sprintf("%d and %d compact bodies, want one for each of the %d resource blocks", len(gc.Bodies), len(wc.Bodies), n)
	}
	return ""
}

// difference says where a and b, which reflect.DeepEqual finds unequal,
// first differ: the path to the field and both values.
func difference(a, b reflect.Value, path string) string {
	if a.Kind() != b.Kind() || (a.Kind() == reflect.Interface && !a.IsNil() && !b.IsNil() && a.Elem().Type() != b.Elem().Type()) {
		return fmt.Sprintf("%s: %v (hclsyntax) and %v (hclfast)", path, a, b)
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return fmt.Sprintf("%s: nil is %v (hclsyntax) and %v (hclfast)", path, a.IsNil(), b.IsNil())
			}
			return ""
		}
		if a.Kind() == reflect.Pointer && a.Pointer() == b.Pointer() {
			return ""
		}
		return difference(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := range a.NumField() {
			if d := difference(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice, reflect.Array:
		if a.Kind() == reflect.Slice && a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s: nil is %v (hclsyntax) and %v (hclfast)", path, a.IsNil(), b.IsNil())
		}
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: %d (hclsyntax) and %d (hclfast) items", path, a.Len(), b.Len())
		}
		for i := range a.Len() {
			if d := difference(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Map:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: %d (hclsyntax) and %d (hclfast) entries", path, a.Len(), b.Len())
		}
		for _, k := range a.MapKeys() {
			bv := b.MapIndex(k)
			if !bv.IsValid() {
				return fmt.Sprintf("%s[%v]: missing from hclfast", path, k)
			}
			if d := difference(a.MapIndex(k), bv, fmt.Sprintf("%s[%v]", path, k)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Func:
		if a.Pointer() != b.Pointer() {
			return path + ": different functions"
		}
		return ""
	}
	if as, bs := fmt.Sprint(a), fmt.Sprint(b); as != bs {
		return fmt.Sprintf("%s: %s (hclsyntax) and %s (hclfast)", path, as, bs)
	}
	return ""
}

func TestAccepted(t *testing.T) {
	for _, src := range accepted {
		f, ok := ParseConfig([]byte(src), "a.tf")
		if !ok {
			t.Errorf("declined %q", src)
			continue
		}
		agree(t, "a.tf", []byte(src), f)
	}
}

func TestDeclined(t *testing.T) {
	deep := []string{
		"a = " + strings.Repeat("-", 10000) + "1\n",
		"a = " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n",
		"a = " + strings.Repeat("(", 10000) + "1" + strings.Repeat(")", 10000) + "\n",
		strings.Repeat("b {\n", 10000) + strings.Repeat("}\n", 10000),
	}
	for _, src := range append(deep, declined...) {
		if _, ok := ParseConfig([]byte(src), "a.tf"); ok {
			t.Errorf("accepted %q", src)
		}
		if _, ok := ParseConfigCompact([]byte(src), "a.tf"); ok {
			t.Errorf("compact parse accepted %q", src)
		}
	}
}

// TestGeneratedStacks parses the files of the generated roots that the
// benchmarks of docs/performance.md read: every one is in the subset.
func TestGeneratedStacks(t *testing.T) {
	files := map[string]string{"stack.tf": stress.StackText(7)}
	for name, src := range files {
		f, ok := ParseConfig([]byte(src), name)
		if !ok {
			t.Fatalf("declined %s:\n%s", name, src)
		}
		agree(t, name, []byte(src), f)
	}
}

// TestAgreesOnRepositoryFiles compares the two parsers on every .tf file
// of the repository's test data: real modules, examples from the AWS
// documentation and hostile inputs.
func TestAgreesOnRepositoryFiles(t *testing.T) {
	root := filepath.Join("..", "..", "testdata")
	var files, taken int
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".tf") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		if f, ok := ParseConfig(src, path); ok {
			taken++
			agree(t, path, src, f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 || taken == 0 {
		t.Fatalf("%d files, %d in the subset: the test data moved", files, taken)
	}
	t.Logf("%d of %d files in the subset", taken, files)
}

func FuzzAgreesWithHCLSyntax(f *testing.F) {
	for _, src := range accepted {
		f.Add([]byte(src))
	}
	for _, src := range declined {
		f.Add([]byte(src))
	}
	f.Add([]byte(stress.StackText(0)))
	f.Fuzz(func(t *testing.T, src []byte) {
		got, ok := ParseConfig(src, "fuzz.tf")
		if _, compact := ParseConfigCompact(src, "fuzz.tf"); compact != ok {
			t.Fatalf("ParseConfig took it: %v, ParseConfigCompact: %v", ok, compact)
		}
		if ok {
			agree(t, "fuzz.tf", src, got)
		}
	})
}

func BenchmarkParseConfig(b *testing.B) {
	var srcs [][]byte
	for i := range 20 {
		srcs = append(srcs, []byte(stress.StackText(i)))
	}
	// The compact form, as the evaluation reads files, is measured made
	// directly and made by converting hcl's tree.
	for _, c := range []struct {
		name  string
		parse func(src []byte) bool
	}{
		{"hclfast", func(src []byte) bool { _, ok := ParseConfig(src, "a.tf"); return ok }},
		{"hclfast-compact", func(src []byte) bool { _, ok := ParseConfigCompact(src, "a.tf"); return ok }},
		{"hclfast+CompactFile", func(src []byte) bool {
			f, ok := ParseConfig(src, "a.tf")
			if ok {
				hclcompact.CompactFile(f)
			}
			return ok
		}},
		{"hclsyntax", func(src []byte) bool {
			_, diags := hclsyntax.ParseConfig(src, "a.tf", hcl.InitialPos)
			return !diags.HasErrors()
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, src := range srcs {
					if !c.parse(src) {
						b.Fatal("not parsed")
					}
				}
			}
		})
	}
}

// TestDifferenceNamesTheField checks the helper that explains a failure
// of agree.
func TestDifferenceNamesTheField(t *testing.T) {
	src := []byte("a = [1, 2]\n")
	want, _ := hclsyntax.ParseConfig(src, "a.tf", hcl.InitialPos)
	got, _ := hclsyntax.ParseConfig(src, "a.tf", hcl.InitialPos)
	if d := difference(reflect.ValueOf(want), reflect.ValueOf(got), "file"); d != "" {
		t.Fatalf("equal trees differ: %s", d)
	}
	got.Body.(*hclsyntax.Body).Attributes["a"].Expr.(*hclsyntax.TupleConsExpr).Exprs[1].(*hclsyntax.LiteralValueExpr).SrcRange.Start.Column = 99
	d := difference(reflect.ValueOf(want), reflect.ValueOf(got), "file")
	if d != "file.Body.Attributes[a].Expr.Exprs[1].SrcRange.Start.Column: 9 (hclsyntax) and 99 (hclfast)" {
		t.Fatalf("difference = %q", d)
	}
}
