package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/hclcompact"
	"github.com/daslint/daslint/internal/hclfast"
)

// decodedBody hides the native body of a file, so that addFile decodes it
// with rootSchema, as it does a body of another syntax.
type decodedBody struct{ hcl.Body }

// TestAddFileAsDecoded: addFile reads a native file without decoding it
// with rootSchema when no block has a label too many or too few; what it
// declares, and what it reports, is what decoding gives. Every case of
// compactCases and every .tf file of testdata, as hclfast or hcl parses it.
func TestAddFileAsDecoded(t *testing.T) {
	sources := map[string][]byte{}
	for name, src := range compactCases {
		sources[name+".tf"] = []byte(src)
	}
	sources["labels.tf"] = []byte(`resource "only_one_label" {}
variable "a" "b" {}
resource "aws_vpc" "v" {}
`)
	files, err := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "*", "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		sources[name] = src
	}
	fast := 0
	for name, src := range sources {
		f, ok := hclfast.ParseConfigCompact(src, name)
		if !ok {
			var ds hcl.Diagnostics
			if f, ds = hclsyntax.ParseConfig(src, name, hcl.InitialPos); ds.HasErrors() {
				continue
			}
			hclcompact.CompactFile(f)
		}
		var wantDs, gotDs diag.Diagnostics
		want, got := newTestConfig(), newTestConfig()
		want.addFile(&hcl.File{Body: decodedBody{f.Body}, Bytes: f.Bytes, Nav: f.Nav}, &wantDs)
		got.addFile(f, &gotDs)
		if w, g := configText(want), configText(got); w != g {
			t.Errorf("%s: declares\n%s\nwant\n%s", name, g, w)
		}
		if !slices.Equal(wantDs, gotDs) {
			t.Errorf("%s: diagnostics %v, want %v", name, gotDs, wantDs)
		}
		if name != "labels.tf" {
			fast++
		}
	}
	if fast < 100 {
		t.Errorf("%d files compared, want the testdata's hundreds", fast)
	}
}

func newTestConfig() *moduleConfig {
	return &moduleConfig{variables: map[string]*variableDecl{}, locals: map[string]*hcl.Attribute{},
		outputs: map[string]*hcl.Attribute{}, byKey: map[string]*resourceDecl{}, calls: map[string]*moduleCall{},
		providers: map[string]*providerDecl{}, names: newAttrNames(), providerFuncs: map[string]bool{}}
}

// configText is what cfg declares, in a fixed order.
func configText(cfg *moduleConfig) string {
	var b strings.Builder
	for _, r := range cfg.resources {
		fmt.Fprintf(&b, "resource %s %v %v body %T count %v for_each %v provider %q\n", r.key, r.defRng, r.blockRange(), r.body,
			r.count() != nil, r.forEach() != nil, r.provider())
	}
	fmt.Fprintln(&b, "variables", sortedKeys(cfg.variables))
	fmt.Fprintln(&b, "locals", sortedKeys(cfg.locals))
	fmt.Fprintln(&b, "outputs", sortedKeys(cfg.outputs))
	fmt.Fprintln(&b, "calls", sortedKeys(cfg.calls))
	fmt.Fprintln(&b, "providers", sortedKeys(cfg.providers))
	return b.String()
}
