package parsers

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFrontEndClaims: discovery offers a file to the front ends in order and
// the first claim wins; a plan or state is told from a template by content,
// whatever its name, and a .tfstate file is never a template.
func TestFrontEndClaims(t *testing.T) {
	const state = `{"format_version": "1.0", "terraform_version": "1.11.0", "values": {"root_module": {}}}`
	tree(t, map[string]string{
		"live/terragrunt.hcl":        "",
		"stack/terragrunt.stack.hcl": "",
		"app/main.tf":                "",
		"env/prod.tfvars":            "",
		"facts/vpcs.json":            `{"Vpcs": []}`,
		"plans/show.json":            state,
		"plans/show.yaml":            state, // JSON is YAML: the content decides
		"plans/old.tfstate":          `{"version": 3}`,
		"plans/big.json":             state + strings.Repeat(" ", 64),
		"stacks/db.yaml":             "Resources: {}",
		"stacks/package.json":        "{}",
		".daslint.yaml":              "",
		"README.md":                  "",
		"plans/spaced.json":          strings.Repeat(" ", 5000) + state, // a head of spaces says nothing
		"stacks/template.json":       `{"format_version": "x", "Resources": {}}`,
	})
	tests := []struct {
		file   string
		named  bool
		max    int64
		want   found
		claims bool
	}{
		{"live/terragrunt.hcl", true, 0, found{terragruntUnit, "live/terragrunt.hcl", true}, true},
		{"live/terragrunt.hcl", false, 0, found{terragruntUnit, "live/terragrunt.hcl", false}, true},
		{"stack/terragrunt.stack.hcl", false, 0, found{terragruntStack, "stack/terragrunt.stack.hcl", false}, true},
		{"app/main.tf", true, 0, found{terraformRoot, "app", false}, true},
		{"env/prod.tfvars", true, 0, found{terraformRoot, "env", false}, true},
		{"env/prod.tfvars", false, 0, found{}, false},
		{"facts/vpcs.json", true, 0, found{factsDir, "facts", true}, true},
		{"plans/show.json", false, 0, found{planFile, "plans/show.json", false}, true},
		{"plans/show.yaml", true, 0, found{planFile, "plans/show.yaml", true}, true},
		{"plans/old.tfstate", false, 0, found{planFile, "plans/old.tfstate", false}, true},
		{"plans/spaced.json", false, 0, found{planFile, "plans/spaced.json", false}, true},
		// Too large to be read, it is left to the template front end,
		// which reports it.
		{"plans/big.json", false, 64, found{templateFile, "plans/big.json", false}, true},
		{"stacks/db.yaml", true, 0, found{templateFile, "stacks/db.yaml", true}, true},
		{"stacks/package.json", false, 0, found{templateFile, "stacks/package.json", false}, true},
		{"stacks/template.json", false, 0, found{templateFile, "stacks/template.json", false}, true},
		{".daslint.yaml", true, 0, found{}, false},
		{"README.md", true, 0, found{}, false},
	}
	for _, tt := range tests {
		f := inputFile{path: filepath.FromSlash(tt.file), named: tt.named, boundary: inputFileBoundary(t)}
		r, ok := claim(frontEnds(Options{MaxFileBytes: tt.max}), f)
		if ok != tt.claims {
			t.Errorf("%s (named %v): claimed %v, want %v", tt.file, tt.named, ok, tt.claims)
			continue
		}
		if !ok {
			continue
		}
		if diff := cmp.Diff(tt.want, foundOf([]root{r})[0]); diff != "" {
			t.Errorf("%s (named %v) (-want +got):\n%s", tt.file, tt.named, diff)
		}
		if r.boundary != f.boundary {
			t.Errorf("%s: boundary %q, want the file's %q", tt.file, r.boundary, f.boundary)
		}
	}
}

// inputFileBoundary is the read boundary of the test's tree.
func inputFileBoundary(t *testing.T) string {
	t.Helper()
	b, err := Boundary(".", "")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFrontEndKinds: the catalog finds a front end for every kind that
// discovery produces.
func TestFrontEndKinds(t *testing.T) {
	fes := frontEnds(Options{})
	seen := map[kind]bool{}
	for _, fe := range fes {
		if seen[fe.Kind()] {
			t.Errorf("two front ends of kind %s", fe.Kind())
		}
		seen[fe.Kind()] = true
		if frontEndOf(fes, fe.Kind()) != fe {
			t.Errorf("frontEndOf(%s) is not its front end", fe.Kind())
		}
	}
	for _, k := range []kind{terraformRoot, templateFile, factsDir, terragruntUnit, terragruntStack, planFile} {
		if !seen[k] {
			t.Errorf("no front end for %s", k)
		}
	}
}

// TestContextStateTooLarge: a --context state that the plan front end cannot
// read (larger than --max-file-bytes) is left to the template front end,
// and its problem is still reported once a linted root consults it.
func TestContextStateTooLarge(t *testing.T) {
	tree(t, map[string]string{
		"db/main.tf":     "",
		"net/state.json": showNetworkState,
	})
	opts := Options{Context: []string{"net/state.json"}, MaxFileBytes: 64, Templates: fakeTemplates{}}
	set, ds := load(t.Context(), []string{"db"}, opts, fakeTerraform(nil))
	if len(set.Models) != 1 {
		t.Fatalf("%d models, want db's", len(set.Models))
	}
	var got []string
	for _, d := range ds {
		got = append(got, string(d.Severity)+" "+d.Range.File)
	}
	want := []string{"warning net/state.json", "warning db"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s\n%v", diff, ds)
	}
}
