package eval

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2/hclparse"

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
