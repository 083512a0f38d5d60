package parsers

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// tree creates files (path → content) under a fresh directory and makes it
// the working directory.
func tree(t *testing.T, files map[string]string) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type found struct {
	Kind     kind
	Path     string
	Explicit bool
}

func foundOf(roots []root) []found {
	var out []found
	for _, r := range roots {
		out = append(out, found{r.kind, filepath.ToSlash(r.path), r.explicit})
	}
	return out
}

func TestDiscoverWalk(t *testing.T) {
	tree(t, map[string]string{
		"main.tf":                            "",
		"modules/vpc/main.tf":                "",
		"modules/vpc/outputs.tf":             "",
		"json/main.tf.json":                  "{}",
		"env/prod.tfvars":                    "",                                     // not a module by itself
		"env/prod.tfvars.json":               "{}",                                   // not a template either
		"stacks/db.yaml":                     "",                                     // template candidate
		"stacks/big.json":                    strings.Repeat(" ", maxTemplateSize+1), // a candidate; Load decides
		"notes.md":                           "",
		".terraform/modules/vpc/main.tf":     "", // vendored: read through its caller
		".git/hooks/x.tf":                    "",
		".hidden/main.tf":                    "",
		"node_modules/pkg/main.tf":           "",
		"node_modules/pkg/template.yaml":     "",
		"deep/er/still/main.tf":              "",
		"deep/er/still/.terraform.lock.hcl":  "",
		"deep/er/still/.cache/template.json": "",
	})
	roots, _, ds := discover(context.Background(), frontEnds(Options{}), []string{"."}, nil, "")
	if len(ds) != 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	want := []found{
		{terraformRoot, ".", false},
		{terraformRoot, "deep/er/still", false},
		{terraformRoot, "json", false},
		{terraformRoot, "modules/vpc", false},
		{templateFile, "stacks/big.json", false},
		{templateFile, "stacks/db.yaml", false},
	}
	if diff := cmp.Diff(want, foundOf(roots)); diff != "" {
		t.Errorf("roots (-want +got):\n%s", diff)
	}
}

// TestLoadLargeCandidates: a YAML or JSON file above CloudFormation's 1 MB
// template limit is data, passed over in silence, unless it says it is a
// template, which is then reported as not read.
func TestLoadLargeCandidates(t *testing.T) {
	pad := strings.Repeat(" ", maxTemplateSize)
	tree(t, map[string]string{
		"data.json":     "[" + pad + "]",
		"template.json": "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {}" + pad + "}",
	})
	set, ds := Load([]string{"."}, Options{})
	if len(set.Models) != 0 {
		t.Errorf("%d models, want none", len(set.Models))
	}
	if len(ds) != 1 || ds[0].Range.File != "template.json" || ds[0].Severity != diag.Warning ||
		!strings.Contains(ds[0].Message, "larger than any CloudFormation template (1 MB, CloudFormation quotas); it is not read") {
		t.Errorf("diagnostics %v, want one warning that template.json is not read", ds)
	}
}

func TestDiscoverFilesAndErrors(t *testing.T) {
	tree(t, map[string]string{
		"app/main.tf":       "",
		"app/variables.tf":  "",
		"env/prod.tfvars":   "",
		"cfn/stack.yml":     "",
		"README.md":         "",
		"other/vpc.tf.json": "{}",
	})
	abs, err := filepath.Abs("other/vpc.tf.json")
	if err != nil {
		t.Fatal(err)
	}
	roots, _, ds := discover(context.Background(), frontEnds(Options{}), []string{"app/main.tf", "app/variables.tf", "./app", "env/prod.tfvars", "cfn/stack.yml", abs, "README.md", "missing"}, nil, "")
	want := []found{
		{terraformRoot, "app", false},
		{templateFile, "cfn/stack.yml", true},
		{terraformRoot, "env", false},
		{terraformRoot, "other", false}, // absolute paths below the cwd read relative
	}
	if diff := cmp.Diff(want, foundOf(roots)); diff != "" {
		t.Errorf("roots (-want +got):\n%s", diff)
	}
	var got []string
	for _, d := range ds {
		got = append(got, string(d.Severity)+" "+d.Range.File)
	}
	if diff := cmp.Diff([]string{"error README.md", "error missing"}, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s\n%v", diff, ds)
	}
	if !strings.Contains(ds[1].Message, "missing") {
		t.Errorf("error does not name the path: %q", ds[1].Message)
	}
}

// fakeTerraform stands for terraform.Load: every root has one file, and the
// roots listed in calls call the given module directories.
func fakeTerraform(calls map[string][]string) terraformLoader {
	return func(_ context.Context, dir string, _ terraform.Options) (*model.Model, *eval.Result, diag.Diagnostics) {
		var ds diag.Diagnostics
		ds.Warnf(model.Range{File: dir}, "loaded %s", dir)
		files := []string{filepath.Join(dir, "main.tf")}
		for _, m := range calls[dir] {
			if _, err := os.Stat(m); err != nil {
				m = filepath.Join(dir, m)
			}
			files = append(files, filepath.Join(m, "main.tf"))
		}
		return &model.Model{Source: model.Terraform, Root: filepath.ToSlash(dir)},
			&eval.Result{Dir: dir, Files: files, ModuleDirs: calls[dir]}, ds
	}
}

func TestLoadDropsModuleDirectories(t *testing.T) {
	tree(t, map[string]string{
		"live/prod/main.tf":   "",
		"live/stage/main.tf":  "",
		"modules/vpc/main.tf": "",
		"modules/db/main.tf":  "",
	})
	calls := map[string][]string{
		// One root names its module relative to the working directory, the
		// other relative to itself; both must be recognised.
		filepath.FromSlash("live/prod"):  {filepath.FromSlash("modules/vpc")},
		filepath.FromSlash("live/stage"): {filepath.FromSlash("../../modules/vpc")},
	}
	set, ds := load(context.Background(), []string{"."}, Options{}, fakeTerraform(calls))
	var roots []string
	for _, m := range set.Models {
		roots = append(roots, m.Root)
	}
	// modules/db is called by nobody, so it is a root of its own.
	if diff := cmp.Diff([]string{"live/prod", "live/stage", "modules/db"}, roots); diff != "" {
		t.Errorf("roots (-want +got):\n%s", diff)
	}
	for _, d := range ds {
		if strings.Contains(d.Message, "modules/vpc") || strings.Contains(d.Message, filepath.FromSlash("modules/vpc")) {
			t.Errorf("diagnostic of a dropped module root kept: %v", d)
		}
	}
	// live/prod/main.tf, live/stage/main.tf, modules/db/main.tf, and
	// modules/vpc/main.tf once although both roots read it.
	if set.Files != 4 {
		t.Errorf("files = %d, want 4", set.Files)
	}
}

func TestLoadDefaultsToWorkingDirectory(t *testing.T) {
	tree(t, map[string]string{"main.tf": ""})
	set, _ := load(context.Background(), nil, Options{}, fakeTerraform(nil))
	if len(set.Models) != 1 || set.Models[0].Root != "." {
		t.Errorf("models = %+v, want the working directory", set.Models)
	}
}

// fakeTemplates accepts files whose content starts with "Resources" and
// reports the nested templates a file lists after "nested:".
type fakeTemplates struct{}

func (fakeTemplates) IsTemplate(_ string, data []byte) bool {
	return strings.HasPrefix(string(data), "Resources")
}

// Load reports a syntax error for a file that starts otherwise.

func (fakeTemplates) Load(_ context.Context, file string, _ TemplateOptions) (*model.Model, TemplateInfo, diag.Diagnostics) {
	data, _ := os.ReadFile(file)
	if !strings.HasPrefix(string(data), "Resources") {
		var ds diag.Diagnostics
		ds.Errorf(model.Range{File: filepath.ToSlash(file), Line: 2}, "syntax error")
		return nil, TemplateInfo{}, ds
	}
	var info TemplateInfo
	if _, nested, ok := strings.Cut(string(data), "nested:"); ok {
		for _, n := range strings.Fields(nested) {
			f := filepath.Join(filepath.Dir(file), n)
			info.NestedFiles = append(info.NestedFiles, f)
			info.Files = append(info.Files, f)
		}
	}
	return &model.Model{Source: model.CloudFormation, Root: filepath.ToSlash(file)}, info, nil
}

func TestLoadTemplates(t *testing.T) {
	tree(t, map[string]string{
		"parent.yaml":      "Resources nested: child.yaml",
		"child.yaml":       "Resources",
		"solo.json":        "Resources",
		"package.json":     "{}",
		"other/notes.yaml": "just: yaml",
		"broken.yaml":      "AWSTemplateFormatVersion: x\nResources: [",
	})
	set, ds := load(context.Background(), []string{"."}, Options{Templates: fakeTemplates{}}, fakeTerraform(nil))
	var roots []string
	for _, m := range set.Models {
		roots = append(roots, m.Root)
	}
	// The nested child is read through its parent; other YAML/JSON is not
	// a template and is passed over without a word, but a file that says it
	// is a template and does not parse is reported.
	if diff := cmp.Diff([]string{"parent.yaml", "solo.json"}, roots); diff != "" {
		t.Errorf("roots (-want +got):\n%s", diff)
	}
	if len(ds) != 1 || ds[0].Range.File != "broken.yaml" || ds[0].Severity != diag.Error {
		t.Errorf("diagnostics: %v, want the syntax error of broken.yaml", ds)
	}
	if set.Files != 4 {
		t.Errorf("files = %d, want 4 (parent, child, solo, broken)", set.Files)
	}

	_, ds = load(context.Background(), []string{"other/notes.yaml"}, Options{Templates: fakeTemplates{}}, fakeTerraform(nil))
	if len(ds) != 1 || ds[0].Severity != diag.Error {
		t.Errorf("an explicitly named non-template: %v, want one error", ds)
	}
	set, ds = load(context.Background(), []string{"solo.json"}, Options{}, fakeTerraform(nil))
	if len(set.Models) != 0 || len(ds) != 1 || ds[0].Severity != diag.Warning {
		t.Errorf("a template without a CloudFormation front end: models %d, %v; want none and one warning", len(set.Models), ds)
	}
}

func TestDiscoverExclude(t *testing.T) {
	tree(t, map[string]string{
		"live/main.tf":          "",
		"live/examples/main.tf": "",
		"legacy/stack.yaml":     "",
		"stacks/db.yaml":        "",
		".daslint.yaml":         "exclude: [examples]",
	})
	exclude := func(p string) bool {
		p = filepath.ToSlash(p)
		return strings.HasSuffix(p, "/examples") || strings.HasPrefix(p, "legacy")
	}
	roots, _, ds := discover(context.Background(), frontEnds(Options{}), []string{".", "legacy/stack.yaml", ".daslint.yaml"}, exclude, "")
	if len(ds) != 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	want := []found{
		{terraformRoot, "live", false},
		{templateFile, "stacks/db.yaml", false},
	}
	if diff := cmp.Diff(want, foundOf(roots)); diff != "" {
		t.Errorf("roots (-want +got):\n%s", diff)
	}
}

func TestLoadChangedFiles(t *testing.T) {
	tree(t, map[string]string{
		"live/prod/main.tf":        "module \"vpc\" {\n  source = \"../../modules/vpc\"\n}\n", // as calls says
		"live/prod/network.tf":     "",
		"live/prod/prod.tfvars":    "",
		"live/stage/main.tf":       "",
		"modules/vpc/main.tf":      "",
		"stacks/parent.yaml":       "Resources nested: child.yaml",
		"stacks/child.yaml":        "Resources",
		"stacks/solo.yaml":         "Resources",
		"stacks/params.json":       "{}",
		"k8s/deployment.yaml":      "kind: Deployment",
		".github/workflows/ci.yml": "on: push",
	})
	calls := map[string][]string{filepath.FromSlash("live/prod"): {filepath.FromSlash("modules/vpc")}}
	roots := func(changed ...string) []string {
		t.Helper()
		set, ds := load(context.Background(), []string{"."}, Options{Templates: fakeTemplates{}, Changed: changed}, fakeTerraform(calls))
		if ds.HasErrors() {
			t.Errorf("changed %v: diagnostics %v", changed, ds)
		}
		out := []string{}
		for _, m := range set.Models {
			out = append(out, m.Root)
		}
		return out
	}
	for _, tc := range []struct {
		changed []string
		want    []string
	}{
		// Several files of one module: the module once.
		{[]string{"live/prod/main.tf", "live/prod/network.tf"}, []string{"live/prod"}},
		// A variables file stands for its directory.
		{[]string{"live/prod/prod.tfvars"}, []string{"live/prod"}},
		// A module is linted through the roots that call it.
		{[]string{"modules/vpc/main.tf"}, []string{"live/prod"}},
		// A nested template through its parent stack, once.
		{[]string{"stacks/child.yaml", "stacks/parent.yaml"}, []string{"stacks/parent.yaml"}},
		{[]string{"stacks/child.yaml"}, []string{"stacks/parent.yaml"}},
		// Files that no root reads select nothing, silently.
		{[]string{"k8s/deployment.yaml", ".github/workflows/ci.yml", "stacks/params.json"}, []string{}},
		{[]string{}, []string{}},
		{[]string{"live/stage/main.tf", "stacks/solo.yaml", "k8s/deployment.yaml"}, []string{"live/stage", "stacks/solo.yaml"}},
	} {
		if diff := cmp.Diff(tc.want, roots(tc.changed...)); diff != "" {
			t.Errorf("changed %v: roots (-want +got):\n%s", tc.changed, diff)
		}
	}
}

// TestDiscoverOneDirectoryTwoRoots checks that a directory that is two
// roots (a Terraform root that also holds AWS facts) gives them in one
// order on every run, Terraform first: the order of the roots is the
// order of the output.
func TestDiscoverOneDirectoryTwoRoots(t *testing.T) {
	tree(t, map[string]string{
		"both/main.tf":   "",
		"both/vpcs.json": factsVPCs,
	})
	for range 20 {
		roots, _, _ := discover(context.Background(), frontEnds(Options{}), []string{"."}, nil, "")
		var kinds []kind
		for _, r := range roots {
			if filepath.ToSlash(r.path) == "both" {
				kinds = append(kinds, r.kind)
			}
		}
		if len(kinds) != 2 || kinds[0] != terraformRoot || kinds[1] == terraformRoot {
			t.Fatalf("roots of both/: kinds %v, want the Terraform root and then the facts folder", kinds)
		}
	}
}
