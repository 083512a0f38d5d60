package parsers

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDiscoverUnits(t *testing.T) {
	tree(t, map[string]string{
		"live/terragrunt.hcl":                              "",
		"live/app/terragrunt.hcl":                          "",
		"live/app/.terragrunt-cache/x/y/terragrunt.hcl":    "",
		"live/app/.terragrunt-cache/x/y/main.tf":           "",
		"modules/db/main.tf":                               "",
		"live/legacy/terragrunt.hcl":                       "",
		"live/legacy/main.tf":                              "", // a unit with its module beside it
		"live/legacy/.terragrunt-cache/abc/legacy/main.tf": "",
	})
	roots, _, ds := discover(context.Background(), []string{"."}, nil, "")
	if len(ds) != 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	want := []found{
		{terragruntUnit, "live/app/terragrunt.hcl", false},
		{terraformRoot, "live/legacy", false},
		{terragruntUnit, "live/legacy/terragrunt.hcl", false},
		{terragruntUnit, "live/terragrunt.hcl", false},
		{terraformRoot, "modules/db", false},
	}
	if diff := cmp.Diff(want, foundOf(roots)); diff != "" {
		t.Errorf("roots (-want +got):\n%s", diff)
	}
}

// TestLoadUnits: the module a unit reads and the root file it includes are
// not linted again (a unit another reads with read_terragrunt_config is); two units of one module are two models, told apart by
// their keys and by the unit file as the outermost caller.
func TestLoadUnits(t *testing.T) {
	module := `
variable "name" { type = string }
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags       = { Name = var.name }
}
`
	unit := func(name string) string {
		return `include "root" { path = find_in_parent_folders() }
inputs = { name = "` + name + `" }`
	}
	tree(t, map[string]string{
		"live/terragrunt.hcl":     `terraform { source = "${get_parent_terragrunt_dir()}/../modules//vpc" }`,
		"live/a/terragrunt.hcl":   unit("a"),
		"live/b/terragrunt.hcl":   unit("b") + "\nlocals { a = read_terragrunt_config(\"../a/terragrunt.hcl\") }",
		"modules/vpc/main.tf":     module,
		"modules/vpc/versions.tf": "",
	})
	set, ds := Load([]string{"."}, Options{Root: "."})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var keys []string
	for _, m := range set.Models {
		keys = append(keys, m.Key)
		if len(m.VPCs) != 1 {
			t.Fatalf("model %s: %d VPCs", m.Key, len(m.VPCs))
		}
		v := m.VPCs[0]
		if v.Address != "aws_vpc.main" || len(v.Callers) != 1 || filepath.ToSlash(v.Callers[0].File) != filepath.ToSlash(filepath.Join(filepath.Dir(m.Key), "terragrunt.hcl")) {
			t.Errorf("model %s: VPC %s reached through %v, want the unit's terragrunt.hcl", m.Key, v.Address, v.Callers)
		}
	}
	slices.Sort(keys)
	if diff := cmp.Diff([]string{"live/a/terragrunt.hcl", "live/b/terragrunt.hcl"}, keys); diff != "" {
		t.Errorf("models (-want +got):\n%s", diff)
	}
}
