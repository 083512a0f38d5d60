package eval

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclparse"

	"github.com/daslint/daslint/diag"
)

// TestDeclarationsInFileAndBlockOrder checks that the files of a module,
// parsed at once on several goroutines (parseFiles), are declared as if
// each were read in turn: the diagnostics of every file, block by block,
// in file-name order, the first of two duplicates kept.
func TestDeclarationsInFileAndBlockOrder(t *testing.T) {
	files := map[string]string{
		"a.tf": `
resource "aws_vpc" "both" {
  count    = 1
  for_each = {}
}
resource "aws_subnet" "dup" {}
locals {
  x = 1
}
`,
		"b.tf": `
resource "aws_subnet" "dup" {}
data "aws_vpc" "d" {
  count    = 1
  for_each = {}
}
locals {
  x = 2
}
`,
		"c.tf": `
resource "aws_subnet" "dup" {}
resource "aws_vpc" "last" {}
`,
	}
	for i := range 20 { // more files than goroutines, finishing in any order
		files["m"+itoa(i)+".tf"] = `resource "aws_eip" "e` + itoa(i) + `" {}`
	}
	dir := writeTree(t, files)
	var ds diag.Diagnostics
	cfg := parseModule(nil, hclparse.NewParser(), dir, dir, 0, &ds)
	var got []string
	for _, d := range ds {
		got = append(got, filepath.Base(d.Range.File)+": "+d.Message)
	}
	want := []string{
		"a.tf: aws_vpc.both: count and for_each cannot both be set",
		"b.tf: duplicate aws_subnet.dup, first declared at a.tf:6,1-28",
		"b.tf: data.aws_vpc.d: count and for_each cannot both be set",
		"b.tf: duplicate local value \"x\", first defined at a.tf:8,3-4",
		"c.tf: duplicate aws_subnet.dup, first declared at a.tf:6,1-28",
	}
	if len(got) != len(want) {
		t.Fatalf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], strings.SplitN(want[i], ", first", 2)[0]) {
			t.Errorf("diagnostic %d: %q, want %q", i, got[i], want[i])
		}
	}
	var keys []string
	for _, r := range cfg.resources {
		keys = append(keys, r.key)
	}
	wantKeys := []string{"aws_vpc.both", "aws_subnet.dup", "data.aws_vpc.d", "aws_vpc.last"}
	for i := range 20 {
		wantKeys = append(wantKeys, "aws_eip.e"+itoa(i))
	}
	slices.Sort(wantKeys[4:]) // m0.tf, m1.tf, m10.tf, ...: file-name order
	if !slices.Equal(keys, wantKeys) {
		t.Errorf("resources in order %v, want %v", keys, wantKeys)
	}
	if r := cfg.byKey["aws_subnet.dup"]; r == nil || filepath.Base(r.defRng.Filename) != "a.tf" {
		t.Errorf("aws_subnet.dup declared at %v, want the first declaration, in a.tf", r)
	}
}

// TestResourceBlockRange checks that a declaration's block range, kept as
// where the block ends, is the block's range, in native and JSON syntax.
func TestResourceBlockRange(t *testing.T) {
	files := map[string]string{
		"a.tf":      "resource \"aws_vpc\" \"a\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n\nresource \"aws_subnet\" \"b\" { vpc_id = aws_vpc.a.id }\ndata \"aws_vpc\" \"c\" {}\n",
		"b.tf.json": `{"resource": {"aws_vpc": {"j": {"cidr_block": "10.1.0.0/16"}}}}`,
	}
	dir := writeTree(t, files)
	p := hclparse.NewParser()
	var ds diag.Diagnostics
	cfg := parseModule(nil, p, dir, dir, 0, &ds)
	if len(cfg.resources) != 4 {
		t.Fatalf("%d resources, want 4 (%v)", len(cfg.resources), ds)
	}
	for name, f := range p.Files() {
		content, _, _ := f.Body.PartialContent(rootSchema)
		for _, b := range content.Blocks {
			key := b.Labels[0] + "." + b.Labels[1]
			if b.Type == "data" {
				key = "data." + key
			}
			r := cfg.byKey[key]
			if r == nil {
				t.Fatalf("%s: %s not declared", name, key)
			}
			if got, want := r.blockRange(), blockRange(b); got != want {
				t.Errorf("%s: %s block range %v, want %v", name, key, got, want)
			}
		}
	}
}
