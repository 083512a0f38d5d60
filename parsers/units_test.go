package parsers

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/model"
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
	roots, _, ds := discover(context.Background(), frontEnds(Options{}), []string{"."}, nil, "")
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

// TestUnitDependencyProvenance: the objects of a unit read through a
// dependency block say they came from that unit (a terragrunt-unit source
// at their declaration in its module) and keep their own callers; the
// reading unit's own objects have no provenance and gain its file as caller.
func TestUnitDependencyProvenance(t *testing.T) {
	tree(t, map[string]string{
		"live/network/terragrunt.hcl": `terraform { source = "../../modules//network" }`,
		"live/db/terragrunt.hcl": `terraform { source = "../../modules//db" }
dependency "network" { config_path = "../network" }
inputs = { vpc_id = dependency.network.outputs.vpc_id }`,
		"modules/network/main.tf": `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
output "vpc_id" { value = aws_vpc.main.id }
`,
		"modules/db/main.tf": `variable "vpc_id" { type = string }
resource "aws_security_group" "db" {
  vpc_id = var.vpc_id
}
`,
	})
	set, ds := Load([]string{"."}, Options{Root: "."})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var db *model.Model
	for _, m := range set.Models {
		if m.Key == "live/db/terragrunt.hcl" {
			db = m
		}
	}
	if db == nil || len(db.VPCs) != 1 || len(db.SecurityGroups) != 1 {
		t.Fatalf("db unit model %+v: want the network's VPC joined and its own group", db)
	}
	v, sg := db.VPCs[0], db.SecurityGroups[0]
	if f := v.From; f == nil || f.Kind != model.FromTerragruntUnit || f.ID != "aws_vpc.main" ||
		filepath.ToSlash(f.File) != "modules/network/main.tf" || f.Line != 1 {
		t.Errorf("joined VPC %s from %+v, want the network unit's aws_vpc.main at modules/network/main.tf:1", v.Address, f)
	}
	if sg.From != nil || len(sg.Callers) != 1 {
		t.Errorf("own group: provenance %+v, callers %v; want none and the unit's file", sg.From, sg.Callers)
	}
	if len(v.Callers) != 0 {
		t.Errorf("joined VPC reached through %v, want no caller of the reading unit", v.Callers)
	}
}
