package terragrunt

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

func TestYAMLDecode(t *testing.T) {
	tests := []struct {
		src  string
		want cty.Value
		err  string
	}{
		{"", cty.NullVal(cty.DynamicPseudoType), ""},
		{"{}", cty.EmptyObjectVal, ""},
		{"environment: prod\nzones: [a, b]\ncount: 3\nratio: 0.5\non: true\nnone: ~\nid: '007'\n", cty.ObjectVal(map[string]cty.Value{
			"environment": cty.StringVal("prod"), "zones": cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}),
			"count": cty.NumberIntVal(3), "ratio": cty.NumberFloatVal(0.5), "on": cty.True, "none": cty.NullVal(cty.DynamicPseudoType),
			"id": cty.StringVal("007"),
		}), ""},
		{"base: &b {region: eu-west-1, env: dev}\nprod:\n  <<: *b\n  env: prod\n", cty.ObjectVal(map[string]cty.Value{
			"base": cty.ObjectVal(map[string]cty.Value{"region": cty.StringVal("eu-west-1"), "env": cty.StringVal("dev")}),
			"prod": cty.ObjectVal(map[string]cty.Value{"region": cty.StringVal("eu-west-1"), "env": cty.StringVal("prod")}),
		}), ""},
		{"big: 123456789012345678901234567890\n", cty.ObjectVal(map[string]cty.Value{"big": cty.MustParseNumberVal("123456789012345678901234567890")}), ""},
		{"x: .inf\n", cty.NilVal, "no number"},
		{"a: [\n", cty.NilVal, "yamldecode"},
		{"a: &a [*a, *a]\n", cty.NilVal, ""}, // an alias to itself: yaml.v3 refuses or the budget ends it
	}
	for _, tt := range tests {
		got, err := yamlDecode().Call([]cty.Value{cty.StringVal(tt.src)})
		switch {
		case tt.want == cty.NilVal && err == nil:
			t.Errorf("yamldecode(%q) = %#v, want an error", tt.src, got)
		case tt.want == cty.NilVal && !strings.Contains(err.Error(), tt.err):
			t.Errorf("yamldecode(%q) error %v, want it to say %q", tt.src, err, tt.err)
		case tt.want != cty.NilVal && err != nil:
			t.Errorf("yamldecode(%q): %v", tt.src, err)
		case tt.want != cty.NilVal && !got.RawEquals(tt.want):
			t.Errorf("yamldecode(%q) = %#v, want %#v", tt.src, got, tt.want)
		}
	}
}

// TestYAMLSettings: the layout of live repositories that keep their
// settings in YAML files beside the configurations.
func TestYAMLSettings(t *testing.T) {
	dir := write(t, map[string]string{
		"empty.yaml":    "{}",
		"global.yaml":   "prefix: io\n",
		"prod/env.yaml": "environment: prod\n",
		"terragrunt.hcl": `locals { default = find_in_parent_folders("empty.yaml") }
inputs = merge(
  yamldecode(file(find_in_parent_folders("global.yaml", local.default))),
  yamldecode(file(find_in_parent_folders("env.yaml", local.default))),
  yamldecode(file(find_in_parent_folders("region.yaml", local.default))),
)`,
		"prod/app/terragrunt.hcl": `include { path = find_in_parent_folders() }`,
	})
	u, ds := Read(dir+"/prod/app", Options{Tree: dir})
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	var read []string
	for _, f := range u.Files {
		if rel, err := filepath.Rel(dir, f); err == nil && strings.HasSuffix(f, ".yaml") {
			read = append(read, filepath.ToSlash(rel))
		}
	}
	// The settings files are the unit's: in hook mode a change re-lints it.
	if strings.Join(read, " ") != "global.yaml prod/env.yaml empty.yaml" {
		t.Errorf("files read %v, want the YAML settings among them", read)
	}
	for k, w := range map[string]string{"prefix": "io", "environment": "prod"} {
		if got, _ := u.Inputs[k].Unmark(); !got.RawEquals(cty.StringVal(w)) {
			t.Errorf("%s = %#v, want %q", k, got, w)
		}
	}
}
