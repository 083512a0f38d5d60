package eval

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

// releaseFiles is a root whose resources read each other across files in
// both directions, through count, for_each (known and unknown), dynamic
// blocks, a module call (with an unknown count: its cohort names the
// count's text, read from the file after the root's files are released),
// a data source, outputs, a reference cycle and an undeclared resource.
var releaseFiles = map[string]string{
	"root/a.tf": `
variable "n" {}

resource "aws_vpc" "a" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "later" {
  # b.tf is evaluated after this file.
  vpc_id     = aws_vpc.b.id
  cidr_block = cidrsubnet(aws_vpc.b.cidr_block, 8, 1)
}

resource "aws_subnet" "counted" {
  count      = 2
  vpc_id     = aws_vpc.a.id
  cidr_block = cidrsubnet(aws_vpc.a.cidr_block, 8, count.index)
}

resource "aws_subnet" "unknown" {
  count      = var.n
  vpc_id     = aws_vpc.a.id
  cidr_block = cidrsubnet(aws_vpc.a.cidr_block, 8, count.index + 10)
}

resource "aws_security_group" "sg" {
  vpc_id = aws_vpc.a.id
  dynamic "egress" {
    for_each = aws_subnet.counted
    content {
      cidr_blocks = [egress.value.cidr_block]
    }
  }
}

resource "null_resource" "cycle_a" {
  v = null_resource.cycle_b.v
}

resource "null_resource" "cycle_b" {
  v = null_resource.cycle_a.v
}

resource "null_resource" "typo" {
  v = aws_vpc.nope.id
}
`,
	"root/b.tf": `
resource "aws_vpc" "b" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "earlier" {
  for_each   = toset(["x", "y"])
  vpc_id     = aws_vpc.a.id
  cidr_block = cidrsubnet(aws_vpc.a.cidr_block, 8, each.key == "x" ? 20 : 21)
}

data "aws_subnets" "all" {
  filter {
    name   = "vpc-id"
    values = [aws_vpc.b.id]
  }
}

module "m" {
  source = "../m"
  count  = var.n
  vpc_id = aws_vpc.b.id
  subnet = aws_subnet.unknown[0].id
}

output "subnets" {
  value = [for s in aws_subnet.earlier : s.cidr_block]
}

output "from_module" {
  value = module.m[*].sg
}
`,
	"m/main.tf": `
variable "vpc_id" {}
variable "subnet" {}

resource "aws_security_group" "this" {
  vpc_id      = var.vpc_id
  description = var.subnet
}

output "sg" {
  value = aws_security_group.this.id
}
`,
}

// TestReleaseSameResult: an evaluation that releases the root's syntax
// as it goes gives what one that keeps it gives (the cache keeps a root
// that others run): instances, values, reasons, ranges, outputs, files,
// their text and diagnostics.
func TestReleaseSameResult(t *testing.T) {
	dir := writeTree(t, releaseFiles)
	root := dir + "/root"
	evaluate := func(opts Options) (string, *evaluator) {
		opts.Root = dir
		e := newEvaluator(context.Background(), root, opts)
		res, ds := e.evaluate()
		return resultText(res) + fmt.Sprint(ds), e
	}
	want, kept := evaluate(Options{Cache: NewParseCache(), SharedRoot: true})
	if kept.owned != nil {
		t.Fatal("a root the cache keeps was released")
	}
	for _, r := range kept.configs[root].resources {
		if r.body == nil {
			t.Fatalf("%s: released in a configuration the cache keeps", r.key)
		}
	}
	for _, c := range []string{"cycle", "undeclared", "count=var . n", "aws_subnet.unknown[?]", "module.m[?]"} {
		if !strings.Contains(want, c) {
			t.Fatalf("the case must have %q:\n%s", c, want)
		}
	}
	noBudget := NewParseCache()
	noBudget.rootBudget = 0
	for name, opts := range map[string]Options{
		"no cache":                 {},
		"cache, root not kept":     {Cache: noBudget},
		"cache, root kept, unused": {Cache: NewParseCache()},
	} {
		got, e := evaluate(opts)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-kept +released):\n%s", name, diff)
		}
		owned := e.owned != nil
		if wantOwned := name != "cache, root kept, unused"; owned != wantOwned {
			t.Errorf("%s: root released %t, want %t", name, owned, wantOwned)
		}
		if !owned {
			continue
		}
		for _, r := range e.owned.resources {
			if r.body != nil {
				t.Errorf("%s: %s still holds its syntax", name, r.key)
			}
		}
		for _, f := range e.owned.files {
			if !isEmptyBody(e.parser.Files()[f].Body) {
				t.Errorf("%s: the parser still holds the syntax of %s", name, f)
			}
		}
		if m := e.configs[dir+"/m"]; m != nil && m.resources[0].body == nil {
			t.Errorf("%s: a module's configuration was released", name)
		}
	}
}

// isEmptyBody reports whether b holds nothing.
func isEmptyBody(b hcl.Body) bool {
	attrs, ds := b.JustAttributes()
	return len(attrs) == 0 && !ds.HasErrors()
}

// TestReleaseSecondRoot: a module directory that is also a root keeps its
// syntax for the roots that call it: a root evaluated after it reads it
// whole.
func TestReleaseSecondRoot(t *testing.T) {
	dir := writeTree(t, releaseFiles)
	for _, shared := range []bool{false, true} {
		c := NewParseCache()
		opts := Options{Root: dir, Cache: c, SharedRoot: shared, Vars: []string{"n=1"}}
		first, _ := Evaluate(dir+"/m", opts)
		root, _ := Evaluate(dir+"/root", opts)
		alone, _ := Evaluate(dir+"/root", Options{Root: dir, Vars: []string{"n=1"}})
		if diff := cmp.Diff(resultText(alone), resultText(root)); diff != "" {
			t.Errorf("SharedRoot %t: root after the module as a root (-alone +after):\n%s", shared, diff)
		}
		if len(first.Instances) != 1 {
			t.Errorf("SharedRoot %t: module as a root has %d instances, want 1", shared, len(first.Instances))
		}
	}
}

// resultText writes what an evaluation gives, every value with the
// reasons of its unknown parts, in a stable order.
func resultText(res *Result) string {
	var b strings.Builder
	for _, in := range res.Instances {
		fmt.Fprintf(&b, "%s %d %s %s %v %v %s %q\n", in.Address, in.Mode, in.Range, in.DefRange, in.Callers,
			reasonOf(in.Maybe), in.Cohort, valueText(in.Region))
		bodyText(&b, "  ", in.Body)
	}
	for _, name := range sortedKeys(res.Outputs) {
		fmt.Fprintf(&b, "output %s = %s\n", name, valueText(res.Outputs[name]))
	}
	fmt.Fprintf(&b, "files %v\nmodules %v\nremote %v\n", res.Files, res.ModuleDirs, res.RemoteFiles)
	for _, name := range sortedKeys(res.Sources) {
		fmt.Fprintf(&b, "source %s %d bytes %q\n", name, len(res.Sources[name]), firstLine(res.Sources[name]))
	}
	for _, u := range res.Unread {
		fmt.Fprintf(&b, "unread %v\n", reasonOf(u))
	}
	return b.String()
}

func bodyText(b *strings.Builder, indent string, body *Body) {
	for _, a := range body.Attrs {
		fmt.Fprintf(b, "%s%s = %s %s %q %t\n", indent, a.Name, valueText(a.Value), a.Range, a.Partial, a.Complete)
	}
	for _, typ := range sortedKeys(body.Blocks) {
		for _, blk := range body.Blocks[typ] {
			fmt.Fprintf(b, "%s%s %s %v {\n", indent, typ, blk.Range, reasonOf(blk.Maybe))
			bodyText(b, indent+"  ", &blk.Body)
			fmt.Fprintf(b, "%s}\n", indent)
		}
	}
}

// valueText is v without marks, and the reasons and marks of its unknown
// parts.
func valueText(v cty.Value) string {
	if v == cty.NilVal {
		return "nil"
	}
	plain, paths := v.UnmarkDeepWithPaths()
	var marks []string
	for _, pm := range paths {
		for m := range pm.Marks {
			marks = append(marks, fmt.Sprintf("%#v:%s", pm.Path, markText(m)))
		}
	}
	sort.Strings(marks)
	return fmt.Sprintf("%#v %v", plain, marks)
}

func markText(m any) string {
	if u, ok := m.(*model.Unresolved); ok {
		return reasonOf(u)
	}
	if s, ok := m.(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprintf("%T %+v", m, m)
}

func reasonOf(u *model.Unresolved) string {
	if u == nil {
		return "-"
	}
	return fmt.Sprintf("%s %s %s", u.Kind, u.Range, u.Reason)
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	return s
}

// TestReleaseConcurrentRoots: roots that release their syntax, evaluated
// at once through one cache while the modules they call are prepared, give
// what each gives alone (and, under -race, read nothing another
// evaluation writes).
func TestReleaseConcurrentRoots(t *testing.T) {
	// Each root calls a module of its own: one root's evaluation may
	// then end its loading while another prepares its module.
	files := map[string]string{}
	const roots = 8
	for i := range roots {
		files[fmt.Sprintf("m%d/main.tf", i)] = releaseFiles["m/main.tf"]
		files[fmt.Sprintf("r%d/main.tf", i)] = fmt.Sprintf(`
resource "aws_vpc" "v" {
  cidr_block = "10.%d.0.0/16"
}

module "m" {
  source = "../m%d"
  vpc_id = aws_vpc.v.id
  subnet = "s%d"
}
`, i, i, i)
	}
	dir := writeTree(t, files)
	want := make([]string, roots)
	for i := range roots {
		res, ds := Evaluate(fmt.Sprintf("%s/r%d", dir, i), Options{Root: dir})
		want[i] = resultText(res) + fmt.Sprint(ds)
	}
	c := NewParseCache()
	c.rootBudget = 0 // no root kept: every one releases its own
	got := make([]string, roots)
	done := make(chan int)
	for i := range roots {
		go func() {
			res, ds := Evaluate(fmt.Sprintf("%s/r%d", dir, i), Options{Root: dir, Cache: c})
			got[i] = resultText(res) + fmt.Sprint(ds)
			done <- i
		}()
	}
	for range roots {
		<-done
	}
	for i := range roots {
		if diff := cmp.Diff(want[i], got[i]); diff != "" {
			t.Errorf("r%d through the shared cache (-alone +concurrent):\n%s", i, diff)
		}
	}
}

// TestTextReadLater: a released root file keeps its text when a comment or
// an expansion's text may be read from it later.
func TestTextReadLater(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"resource \"aws_vpc\" \"a\" {}\n", false},
		{"", false},
		{"# daslint:ignore DAS001 reason\nresource \"aws_vpc\" \"a\" {}\n", true},
		{"resource \"aws_subnet\" \"a\" {\n  count = var.n\n}\n", true},
		{"module \"m\" {\n  for_each = var.m\n}\n", true},
		{"# daslint: ignore is no directive\n", false},
	} {
		if got := textReadLater([]byte(tt.text)); got != tt.want {
			t.Errorf("textReadLater(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
