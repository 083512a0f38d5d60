package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
)

// TestParseCache: an evaluation through a cache that holds the files
// already (after another evaluation) reports and returns what an
// evaluation without a cache does, for valid files, a file that does not
// parse, one above the size limit and a module two roots call.
func TestParseCache(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"root/main.tf": `terraform {
  backend "s3" {
    bucket = "b"
    key    = "k"
  }
}

module "net" {
  source = "../modules/net"
  cidr   = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id     = module.net.vpc_id
  cidr_block = "10.0.1.0/24"
}
`,
		"root/broken.tf":         "resource \"aws_vpc\" \"x\" {\n  cidr_block = \n",
		"root/big.tf":            fmt.Sprintf("locals {\n  pad = %q\n}\n", make([]byte, 300)),
		"root/terraform.tfvars":  "unused = 1\n",
		"modules/net/main.tf":    "variable \"cidr\" {}\n\nresource \"aws_vpc\" \"this\" {\n  cidr_block = var.cidr\n}\n\noutput \"vpc_id\" {\n  value = aws_vpc.this.id\n}\n",
		"other/main.tf":          "module \"net\" {\n  source = \"../modules/net\"\n  cidr   = \"10.1.0.0/16\"\n}\n",
		"modules/net/broken.tf":  "output \"x\" {\n",
		"modules/net/README.txt": "not configuration",
	})
	opts := Options{Root: dir, MaxFileBytes: 256}
	type outcome struct {
		Addresses []string
		Files     []string
		Unread    []string
		Diags     diag.Diagnostics
	}
	evaluate := func(root string, cache *ParseCache) outcome {
		o := opts
		o.Cache = cache
		res, ds := Evaluate(dir+"/"+root, o)
		out := outcome{Addresses: addresses(res), Files: res.Files, Diags: ds}
		for _, u := range res.Unread {
			out.Unread = append(out.Unread, u.Reason)
		}
		return out
	}
	for _, shared := range []bool{false, true} {
		opts.SharedRoot = shared
		cache := NewParseCache()
		for _, root := range []string{"root", "other", "root", "other"} {
			want := evaluate(root, nil)
			if len(want.Diags) == 0 || len(want.Unread) == 0 {
				t.Fatalf("%s: the case must report problems: %+v", root, want)
			}
			if diff := cmp.Diff(want, evaluate(root, cache)); diff != "" {
				t.Errorf("%s through the cache, SharedRoot %t (-without +with):\n%s", root, shared, diff)
			}
		}
		want := 2 // the module's files
		if shared {
			want += 4 // and the roots' own: main.tf, broken.tf, big.tf; main.tf
		}
		if n := len(cache.files); n != want {
			t.Errorf("SharedRoot %t: %d files cached, want %d", shared, n, want)
		}
	}
}

// TestParseCacheSameParser: a parser that has parsed a file answers it
// again without diagnostics; the cache keeps that behaviour.
func TestParseCacheSameParser(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": "resource \"aws_vpc\" \"x\" {\n  cidr_block = \n"})
	name := dir + "/main.tf"
	for _, cache := range []*ParseCache{nil, NewParseCache()} {
		p := hclparse.NewParser()
		var first, second diag.Diagnostics
		f1, u1 := parseFile(cache, p, name, dir, 0, &first)
		f2, u2 := parseFile(cache, p, name, dir, 0, &second)
		if len(first) == 0 || f1 != nil || u1 == nil {
			t.Errorf("cache %v: first parse = %v, %v, %v; want the file unread, with diagnostics", cache != nil, f1, u1, first)
		}
		if len(second) != 0 || f2 == nil || u2 != nil {
			t.Errorf("cache %v: second parse = %v, %v, %v; want the parser's file, no diagnostics", cache != nil, f2, u2, second)
		}
	}
}

// TestParseCacheTerragruntSearch: the search for a terragrunt.hcl below
// the boundary, for the undeclared-variable hint, is made once per run:
// a second root sharing the cache gets the first answer without walking
// the tree again (here the file is gone by then, which only a search
// would notice).
func TestParseCacheTerragruntSearch(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a/main.tf":              "resource \"aws_vpc\" \"x\" {\n  cidr_block = var.cidr\n}\n",
		"b/main.tf":              "resource \"aws_vpc\" \"x\" {\n  cidr_block = var.cidr\n}\n",
		"zz/live/terragrunt.hcl": "inputs = {}\n",
	})
	hint := func(root string, cache *ParseCache) bool {
		_, ds := Evaluate(dir+"/"+root, Options{Root: dir, Cache: cache})
		for _, d := range ds {
			if strings.Contains(d.Message, "the repository uses Terragrunt (zz/live/terragrunt.hcl)") {
				return true
			}
		}
		return false
	}
	cache := NewParseCache()
	if !hint("a", cache) {
		t.Fatal("a: no Terragrunt hint")
	}
	if err := os.Remove(dir + "/zz/live/terragrunt.hcl"); err != nil {
		t.Fatal(err)
	}
	if !hint("b", cache) {
		t.Error("b: the cached search was not used")
	}
	if hint("b", nil) {
		t.Error("b without a cache: a hint for a file that is gone")
	}
}

// moduleOutcome is what preparing a module gives an evaluation: the
// configuration, the diagnostics and the files its parser then knows.
type moduleOutcome struct {
	cfg   *moduleConfig
	ds    diag.Diagnostics
	files []string
}

func prepareWith(c *ParseCache, p *hclparse.Parser, dir, tree string, maxBytes int64, keep bool, gen ...GeneratedFile) moduleOutcome {
	var ds diag.Diagnostics
	cfg, _ := c.module(p, dir, tree, maxBytes, &ds, keep, gen)
	return moduleOutcome{cfg: cfg, ds: ds, files: sortedKeys(p.Files())}
}

// summary is what an evaluation reads of a configuration, for comparing
// one prepared through the cache with one prepared without.
func (o moduleOutcome) summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "files %v\nparser %v\ncalls %v\noutputs %v\nlocals %v\n", o.cfg.files, o.files, o.cfg.callNames,
		sortedKeys(o.cfg.outputs), sortedKeys(o.cfg.locals))
	for _, u := range o.cfg.unread {
		fmt.Fprintf(&b, "unread %s %s %s\n", u.Kind, u.Range, u.Reason)
	}
	for _, n := range sortedKeys(o.cfg.variables) {
		v := o.cfg.variables[n]
		def := "none"
		if v.def != cty.NilVal {
			def = v.def.GoString()
		}
		fmt.Fprintf(&b, "variable %s %s %s\n", n, v.typ.FriendlyName(), def)
	}
	for _, r := range o.cfg.resources {
		fmt.Fprintf(&b, "resource %s\n", r.key)
	}
	fmt.Fprintf(&b, "generic %v\n", sortedKeys(o.cfg.names.generic))
	for _, k := range sortedKeys(o.cfg.names.byResource) {
		fmt.Fprintf(&b, "names %s %v\n", k, sortedNames(o.cfg.names.byResource[k]))
	}
	for _, d := range o.ds {
		fmt.Fprintf(&b, "diag %s\n", d)
	}
	return b.String()
}

// moduleTreeFiles is a module with something of each kind a prepared
// module keeps: a variable whose default is converted, a file that does
// not parse, one above the size limit, an override file (a warning), and
// attribute names read.
var moduleTreeFiles = map[string]string{
	"m/main.tf": `variable "ports" {
  type    = map(string)
  default = { http = 80, https = 443, odd = 1.5e3, neg = -12 }
}

variable "cidr" {}

resource "aws_vpc" "this" {
  cidr_block = var.cidr
}

resource "aws_subnet" "a" {
  vpc_id = aws_vpc.this.id
  tags   = { n = length([for s in aws_vpc.this : s.owner_id]) }
}

output "vpc_id" {
  value = aws_vpc.this.id
}
`,
	"m/broken.tf":   "output \"x\" {\n",
	"m/big.tf":      fmt.Sprintf("locals {\n  pad = %q\n}\n", make([]byte, 300)),
	"m/override.tf": "resource \"aws_vpc\" \"this\" {}\n",
	"n/main.tf":     "variable \"a\" {\n  default = 1\n}\n",
}

// TestParseCacheModule: a module prepared through the cache gives each
// evaluation what preparing it without the cache gives, and is prepared
// once per key: another directory, read boundary, size limit or set of
// generated files is another module.
func TestParseCacheModule(t *testing.T) {
	tree := writeTree(t, moduleTreeFiles)
	dir := tree + "/m"
	gen := GeneratedFile{Name: dir + "/provider.tf", Data: []byte("provider \"aws\" {\n  region = \"eu-west-1\"\n}\n")}
	direct := func(dir, tree string, maxBytes int64, gen ...GeneratedFile) moduleOutcome {
		return prepareWith(nil, hclparse.NewParser(), dir, tree, maxBytes, true, gen...)
	}
	want := direct(dir, tree, 1024)
	if len(want.ds) < 3 || len(want.cfg.unread) != 2 || want.cfg.variables["ports"].def == cty.NilVal {
		t.Fatalf("the case must report problems and convert a default:\n%s", want.summary())
	}
	c := NewParseCache()
	first := prepareWith(c, hclparse.NewParser(), dir, tree, 1024, true)
	second := prepareWith(c, hclparse.NewParser(), dir, tree, 1024, true)
	if first.cfg != second.cfg {
		t.Error("the module was prepared twice")
	}
	for i, got := range []moduleOutcome{first, second} {
		if diff := cmp.Diff(want.summary(), got.summary()); diff != "" {
			t.Errorf("use %d through the cache (-without +with):\n%s", i+1, diff)
		}
	}
	other := writeTree(t, moduleTreeFiles)
	misses := []struct {
		name           string
		dir, tree      string
		maxBytes       int64
		gen            []GeneratedFile
		differentCheck bool
	}{
		{name: "directory", dir: other + "/m", tree: other, maxBytes: 1024},
		{name: "read boundary", dir: dir, tree: dir, maxBytes: 1024},
		{name: "size limit", dir: dir, tree: tree, maxBytes: 0},
		{name: "generated file", dir: dir, tree: tree, maxBytes: 1024, gen: []GeneratedFile{gen}},
		{name: "generated content", dir: dir, tree: tree, maxBytes: 1024, gen: []GeneratedFile{{Name: gen.Name, Data: []byte("locals {}\n")}}},
	}
	for i, m := range misses {
		got := prepareWith(c, hclparse.NewParser(), m.dir, m.tree, m.maxBytes, true, m.gen...)
		if got.cfg == first.cfg {
			t.Errorf("%s: the module prepared for another key was used", m.name)
		}
		if diff := cmp.Diff(direct(m.dir, m.tree, m.maxBytes, m.gen...).summary(), got.summary()); diff != "" {
			t.Errorf("%s (-without +with the cache):\n%s", m.name, diff)
		}
		if n := len(c.modules); n != i+2 {
			t.Errorf("%s: %d modules cached, want %d", m.name, n, i+2)
		}
		if again := prepareWith(c, hclparse.NewParser(), m.dir, m.tree, m.maxBytes, true, m.gen...); again.cfg != got.cfg {
			t.Errorf("%s: not a hit the second time", m.name)
		}
	}
}

// TestParseCacheRoot: a root's directory is kept only within the budget
// of root files, and a root finds a module kept before.
func TestParseCacheRoot(t *testing.T) {
	tree := writeTree(t, moduleTreeFiles)
	dir := tree + "/m"
	want := prepareWith(nil, hclparse.NewParser(), dir, tree, 1024, false).summary()
	for _, budget := range []int64{0, 1 << 20} {
		c := NewParseCache()
		c.rootBudget = budget
		first := prepareWith(c, hclparse.NewParser(), dir, tree, 1024, false)
		second := prepareWith(c, hclparse.NewParser(), dir, tree, 1024, false)
		if kept := first.cfg == second.cfg; kept != (budget > 0) {
			t.Errorf("budget %d: root kept %t", budget, kept)
		}
		if len(c.files) != 0 {
			t.Errorf("budget %d: %d root files in the file cache, want none", budget, len(c.files))
		}
		module := prepareWith(c, hclparse.NewParser(), dir, tree, 1024, true)
		if (module.cfg == first.cfg) != (budget > 0) {
			t.Errorf("budget %d: a module call did not find the root kept", budget)
		}
		third := prepareWith(c, hclparse.NewParser(), dir, tree, 1024, false)
		if third.cfg != module.cfg {
			t.Errorf("budget %d: the root did not find the module kept", budget)
		}
		for i, got := range []moduleOutcome{first, second, module, third} {
			if diff := cmp.Diff(want, got.summary()); diff != "" {
				t.Errorf("budget %d, use %d (-without +with the cache):\n%s", budget, i+1, diff)
			}
		}
	}
}

// TestParseCacheModuleSeen: a parser that has seen one of the module's
// files already answers it itself; the cache keeps that behaviour.
func TestParseCacheModuleSeen(t *testing.T) {
	tree := writeTree(t, moduleTreeFiles)
	dir := tree + "/m"
	seeded := func() *hclparse.Parser {
		p := hclparse.NewParser()
		if _, hds := p.ParseHCL([]byte("locals {}\n"), dir+"/broken.tf"); hds.HasErrors() {
			t.Fatal(hds)
		}
		return p
	}
	want := prepareWith(nil, seeded(), dir, tree, 1024, true)
	c := NewParseCache()
	prepareWith(c, hclparse.NewParser(), dir, tree, 1024, true)
	got := prepareWith(c, seeded(), dir, tree, 1024, true)
	if diff := cmp.Diff(want.summary(), got.summary()); diff != "" {
		t.Errorf("(-without +with the cache):\n%s", diff)
	}
	if len(want.cfg.unread) != 1 {
		t.Errorf("the seeded file was not the parser's: %s", want.summary())
	}
}

// TestParseCacheConcurrent: evaluations of several roots at once, sharing
// one cache, each report what an evaluation alone reports (run with -race).
func TestParseCacheConcurrent(t *testing.T) {
	forFree := map[string]string{}
	for k, v := range moduleTreeFiles {
		forFree[k] = strings.Replace(v, "length([for s in aws_vpc.this : s.owner_id])", "aws_vpc.this.owner_id", 1)
	}
	if strings.Contains(forFree["m/main.tf"], " for ") {
		t.Fatal("the module still holds a for expression")
	}
	testParseCacheConcurrent(t, forFree)
}

// TestParseCacheConcurrentFor is TestParseCacheConcurrent with a for
// expression in the shared module: evaluation counts its work without
// rewriting the shared syntax tree.
func TestParseCacheConcurrentFor(t *testing.T) {
	testParseCacheConcurrent(t, moduleTreeFiles)
}

func testParseCacheConcurrent(t *testing.T, modules map[string]string) {
	files := map[string]string{}
	for k, v := range modules {
		files["modules/"+k] = v
	}
	roots := []string{"a", "b", "c", "modules/m"}
	for _, r := range roots[:3] {
		files[r+"/main.tf"] = fmt.Sprintf("module \"m\" {\n  source = \"../modules/m\"\n  cidr   = \"10.0.0.0/16\"\n}\n\nmodule \"n\" {\n  source = \"../modules/n\"\n}\n\nresource \"aws_subnet\" \"s\" {\n  vpc_id = module.m.vpc_id\n  tags   = { root = %q }\n}\n", r)
	}
	dir := writeTree(t, files)
	opts := Options{Root: dir, MaxFileBytes: 1024}
	type outcome struct {
		Addresses, Files, Unread []string
		Diags                    diag.Diagnostics
	}
	evaluate := func(root string, cache *ParseCache) outcome {
		o := opts
		o.Cache = cache
		res, ds := Evaluate(dir+"/"+root, o)
		out := outcome{Addresses: addresses(res), Files: res.Files, Diags: ds}
		for _, u := range res.Unread {
			out.Unread = append(out.Unread, u.Reason)
		}
		return out
	}
	want := map[string]outcome{}
	for _, r := range roots {
		want[r] = evaluate(r, nil)
	}
	cache := NewParseCache()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range roots {
				r := roots[(i+j)%len(roots)]
				if diff := cmp.Diff(want[r], evaluate(r, cache)); diff != "" {
					t.Errorf("%s, goroutine %d (-alone +shared):\n%s", r, i, diff)
				}
			}
		})
	}
	wg.Wait()
	if n := len(cache.modules); n != 5 {
		t.Errorf("%d modules cached, want 5 (m, n and the roots a, b, c, within the budget)", n)
	}
}

// TestParseModuleParallel: the files of a module are parsed at once, yet
// the configuration and the diagnostics, in their order, are the same
// whatever the number of goroutines.
func TestParseModuleParallel(t *testing.T) {
	files := map[string]string{}
	for i := range 40 {
		name := fmt.Sprintf("m/f%02d.tf", i)
		switch i % 5 {
		case 0:
			files[name] = fmt.Sprintf("output \"o%d\" {\n", i) // does not parse
		case 1:
			files[name] = fmt.Sprintf("locals {\n  pad%d = %q\n}\n", i, make([]byte, 300)) // too large
		default:
			files[name] = fmt.Sprintf("variable \"v%d\" {\n  type    = list(string)\n  default = [%d, -%d.5]\n}\n\nresource \"aws_vpc\" \"r%d\" {\n  cidr_block = var.v%d[0]\n  tags       = { a = aws_vpc.r%d.arn%d, b = local.x.generic%d }\n}\n\nlocals {\n  l%d = 1\n  dup = %d\n}\n",
				i, i, i, i, i, (i+1)%40, i, i, i, i)
		}
	}
	tree := writeTree(t, files)
	dir := tree + "/m"
	var want string
	for _, procs := range []int{1, 4, 1, 4} {
		old := runtime.GOMAXPROCS(procs)
		got := prepareWith(nil, hclparse.NewParser(), dir, tree, 600, true)
		runtime.GOMAXPROCS(old)
		if len(got.ds) < 24 || len(got.cfg.variables) != 24 {
			t.Fatalf("GOMAXPROCS %d: the case must report problems and declare 24 variables:\n%s", procs, got.summary())
		}
		if want == "" {
			want = got.summary()
		} else if diff := cmp.Diff(want, got.summary()); diff != "" {
			t.Errorf("GOMAXPROCS %d (-1 +%d):\n%s", procs, procs, diff)
		}
	}
}

// TestProviderFunctionsIndexed: the provider-defined functions a module's
// files and a generated file call are found when the files are parsed, so
// a module prepared once serves them to every evaluation: each call is
// unknown with its reason, never an unknown function.
func TestProviderFunctionsIndexed(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"root/main.tf": "module \"m\" {\n  source = \"../m\"\n}\n\nresource \"null_resource\" \"g\" {\n  v = local.t.year\n}\n",
		"m/main.tf":    "resource \"null_resource\" \"r\" {\n  v = provider::aws::arn_parse(\"arn:aws:kms:eu-west-1:1:key/x\").region\n}\n",
		"m/broken.tf":  "output \"x\" {\n  value = provider::aws::arn_build(\"a\")\n",
	})
	opts := Options{Root: dir, Generated: []GeneratedFile{{Name: dir + "/root/time.tf",
		Data: []byte("locals {\n  t = provider::time::rfc3339_parse(\"2024-01-01T00:00:00Z\")\n}\n")}}}
	cache := NewParseCache()
	for _, c := range []*ParseCache{nil, cache, cache} {
		o := opts
		o.Cache = c
		res, ds := Evaluate(dir+"/root", o)
		for _, d := range ds {
			if strings.Contains(d.Message, "function") {
				t.Errorf("cache %t: %s", c != nil, d)
			}
		}
		for addr, want := range map[string]string{
			"null_resource.g":          "provider::time::rfc3339_parse()",
			"module.m.null_resource.r": "provider::aws::arn_parse()",
		} {
			v := attr(t, res, addr, "v")
			if rs := Reasons(v); v.IsKnown() || len(rs) != 1 || !strings.Contains(rs[0].Reason, want) {
				t.Errorf("cache %t: %s.v = %#v, reasons %v; want unknown, %s", c != nil, addr, v, reasonTexts(v), want)
			}
		}
	}
}

// TestParseCacheRootBackend: the backend read through the cache is the
// one read without; a root the cache keeps is prepared once for the read
// and the evaluation, one it does not keep is read only up to its backend.
func TestParseCacheRootBackend(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a/a.tf":       "resource \"aws_vpc\" \"v\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n",
		"a/b.tf":       "terraform {\n",
		"a/backend.tf": "terraform {\n  backend \"s3\" {\n    bucket = \"b\"\n    key    = \"a\"\n  }\n}\n",
		"a/big.tf":     fmt.Sprintf("terraform {\n  backend \"s3\" {\n    bucket = %q\n  }\n}\n", make([]byte, 300)),
		"b/main.tf":    "resource \"aws_vpc\" \"v\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n",
	})
	for _, budget := range []int64{0, 1 << 20} {
		for _, root := range []string{"a", "b"} {
			c := NewParseCache()
			c.rootBudget = budget
			want := RootBackend(dir+"/"+root, dir, 256)
			got := c.RootBackend(dir+"/"+root, dir, 256)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s, budget %d (-without +with the cache):\n%s", root, budget, diff)
			}
			if kept := len(c.modules) == 1; kept != (budget > 0) {
				t.Errorf("%s, budget %d: root kept %t", root, budget, kept)
			}
			o := Options{Root: dir, MaxFileBytes: 256}
			wantRes, wantDs := Evaluate(dir+"/"+root, o)
			o.Cache = c
			gotRes, gotDs := Evaluate(dir+"/"+root, o)
			if diff := cmp.Diff(wantDs, gotDs); diff != "" || !slices.Equal(addresses(wantRes), addresses(gotRes)) {
				t.Errorf("%s, budget %d: the evaluation after the read differs (-without +with the cache):\n%s", root, budget, diff)
			}
		}
	}
	if b := RootBackend(dir+"/a", dir, 256); b.Type != "s3" {
		t.Errorf("a: %s, want the s3 backend", b)
	}
}

// TestResultSources: a result holds the text of each file its evaluation
// parsed, root and module, as read, and nothing for other names; of a root
// that the evaluation alone holds (no cache), a file with neither a
// suppression directive nor a count or for_each has a nil entry: its text
// is not kept (textReadLater).
func TestResultSources(t *testing.T) {
	files := map[string]string{
		"root/main.tf":       "module \"m\" {\n  source = \"../mod\"\n}\n# daslint:ignore DAS001 x\n",
		"root/vars.tf":       "variable \"v\" {}\n",
		"mod/main.tf":        "resource \"aws_vpc\" \"v\" {}\n",
		"root/broken.tf":     "resource {",
		"root/notes.txt":     "not configuration",
		"root/over.tf.json":  `{"variable": {"w": {}}}`,
		"elsewhere/other.tf": "resource \"aws_vpc\" \"o\" {}\n",
	}
	dir := writeTree(t, files)
	for _, cache := range []*ParseCache{nil, NewParseCache()} {
		res, ds := Evaluate(dir+"/root", Options{Cache: cache, Root: dir})
		if len(res.Files) != 4 {
			t.Fatalf("files %v, want the four that parse (%v)", res.Files, ds)
		}
		for _, name := range res.Files {
			rel := strings.TrimPrefix(filepath.ToSlash(name), filepath.ToSlash(dir)+"/")
			want := files[rel]
			if cache == nil && strings.HasPrefix(rel, "root/") && !textReadLater([]byte(want)) {
				want = ""
			}
			if got, ok := res.Sources[name]; !ok || string(got) != want {
				t.Errorf("cache %v: source of %s = %q, %v; want %q", cache != nil, rel, got, ok, want)
			}
		}
		if len(res.Sources) != len(res.Files) {
			t.Errorf("sources for %d names, want %d", len(res.Sources), len(res.Files))
		}
	}
}
