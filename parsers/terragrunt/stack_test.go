package terragrunt

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// stackTree is a repository with unit templates, a nested stack and a
// stack file that uses both, remote sources among them.
func stackTree(t *testing.T) string {
	return write(t, map[string]string{
		"catalog/units/vpc/terragrunt.hcl": `include "root" { path = find_in_parent_folders("root.hcl") }
terraform { source = "." }
inputs = { cidr = values.cidr, name = local.name }
locals { name = "${values.env}-vpc" }`,
		"catalog/units/vpc/main.tf": `variable "cidr" {}`,
		"catalog/units/db/terragrunt.hcl": `dependency "vpc" { config_path = values.vpc_path }
terraform { source = "${get_repo_root()}/modules//db" }
inputs = { vpc_id = dependency.vpc.outputs.vpc_id }`,
		"modules/db/main.tf": ``,
		"catalog/stacks/app/terragrunt.stack.hcl": `unit "db" {
  source = "${get_repo_root()}/catalog/units/db"
  path   = "db"
  values = { vpc_path = values.vpc_path }
}
unit "cache" {
  source = "git::https://example.com/catalog.git//units/cache"
  path   = "cache"
}`,
		"live/root.hcl": `inputs = { region = "eu-west-1" }`,
		"live/prod/terragrunt.stack.hcl": `locals { env = "prod" }
unit "vpc" {
  source = "../../catalog/units/vpc"
  path   = "network/vpc"
  values = { cidr = "10.0.0.0/16", env = local.env }
}
unit "legacy" {
  source                  = "../../catalog/units/vpc"
  path                    = "legacy"
  no_dot_terragrunt_stack = true
  values                  = { cidr = "10.9.0.0/16", env = "old" }
}
unit "off" {
  source  = "../../catalog/units/vpc"
  path    = "off"
  enabled = false
}
unit "escape" {
  source = "../../catalog/units/vpc"
  path   = "../../outside"
}
unit "unplaced" {
  source                  = "../../catalog/units/vpc"
  path                    = "unplaced"
  no_dot_terragrunt_stack = get_env("FLAT") == "yes"
}
unit "remote" {
  source = "git::https://example.com/catalog.git//units/vpc?ref=v1"
  path   = "remote"
}
stack "app" {
  source = "../../catalog/stacks/app"
  path   = "app"
  values = { vpc_path = "../../../network/vpc" }
}`,
	})
}

func TestReadStack(t *testing.T) {
	dir := stackTree(t)
	st, ds := ReadStack(filepath.Join(dir, "live/prod"), Options{Tree: dir})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	rel := func(p string) string {
		r, err := filepath.Rel(dir, p)
		if err != nil {
			t.Fatal(err)
		}
		return filepath.ToSlash(r)
	}
	type unit struct{ Name, Dir, SourceDir string }
	var got []unit
	for _, u := range st.Units {
		got = append(got, unit{u.Name, rel(u.Dir), rel(u.SourceDir)})
	}
	want := []unit{
		{"vpc", "live/prod/.terragrunt-stack/network/vpc", "catalog/units/vpc"},
		{"legacy", "live/prod/legacy", "catalog/units/vpc"},
		{"app.db", "live/prod/.terragrunt-stack/app/.terragrunt-stack/db", "catalog/units/db"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("units (-want +got):\n%s", diff)
	}
	var remote []string
	for _, u := range st.Remote {
		remote = append(remote, u.Name)
	}
	if diff := cmp.Diff([]string{"remote", "app.cache"}, remote); diff != "" {
		t.Errorf("remote units (-want +got):\n%s", diff)
	}
	// One warning per stack file with remote sources, one for the path
	// that leaves the stack, none for the disabled unit.
	count := map[string]int{}
	for _, d := range ds {
		switch {
		case strings.Contains(d.Message, "remote or missing source"):
			count[filepath.Base(filepath.Dir(d.Range.File))]++
		case strings.Contains(d.Message, `unit "escape" leads out`):
			count["escape"]++
		case strings.Contains(d.Message, `unit "unplaced" sets no_dot_terragrunt_stack is not known`):
			count["unplaced"]++
		default:
			t.Errorf("unexpected diagnostic %v", d)
		}
	}
	if diff := cmp.Diff(map[string]int{"prod": 1, "app": 1, "escape": 1, "unplaced": 1}, count); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if got := len(st.Units[2].Callers); got != 2 {
		t.Errorf("the nested unit has %d callers, want the stack block and the unit block", got)
	}
}

// TestReadGeneratedUnit: a unit a stack generates is read at its generated
// place with its values: find_in_parent_folders searches above that place,
// terraform.source "." is the directory it is copied from, and a dependency
// path is relative to the generated place.
func TestReadGeneratedUnit(t *testing.T) {
	dir := stackTree(t)
	st, _ := ReadStack(filepath.Join(dir, "live/prod"), Options{Tree: dir})
	vpc := st.Units[0]
	u, ds := Read(vpc.Dir, Options{Tree: dir, Values: vpc.Values, Copies: vpc.Copies})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if u.ModuleDir != filepath.Join(dir, "catalog/units/vpc") {
		t.Errorf("module %s, want the unit template's directory", u.ModuleDir)
	}
	if u.File != filepath.Join(dir, "catalog/units/vpc/terragrunt.hcl") {
		t.Errorf("file %s, want the template read", u.File)
	}
	for k, want := range map[string]string{"cidr": "10.0.0.0/16", "name": "prod-vpc", "region": "eu-west-1"} {
		if v, _ := u.Inputs[k].Unmark(); !v.IsKnown() || v.Type() != cty.String || v.AsString() != want {
			t.Errorf("input %s = %#v, want %q", k, u.Inputs[k], want)
		}
	}

	db := st.Units[2]
	var asked string
	_, _ = Read(db.Dir, Options{Tree: dir, Values: db.Values, Copies: db.Copies, Dependency: func(d string) (_ *eval.RemoteRoot, _ *model.Unresolved) {
		asked = d
		return nil, &model.Unresolved{Reason: "test"}
	}})
	if want := vpc.Dir; asked != want {
		t.Errorf("dependency read %s, want %s (relative to the generated unit)", asked, want)
	}
}

// TestValuesOutsideAStack: a unit no stack generates has no values.
func TestValuesOutsideAStack(t *testing.T) {
	dir := write(t, map[string]string{"app/terragrunt.hcl": `inputs = { cidr = values.cidr }`})
	u, ds := Read(filepath.Join(dir, "app"), Options{Tree: dir})
	if v, ok := u.Inputs["cidr"]; !ok || v.IsKnown() || len(ds) != 1 || !strings.Contains(ds[0].Message, "terragrunt.stack.hcl") {
		t.Errorf("inputs %v, diagnostics %v: want cidr unknown, a warning naming stacks", u.Inputs, ds)
	}
}

func TestRemoteSourceIsReportedNotWarned(t *testing.T) {
	dir := write(t, map[string]string{"app/terragrunt.hcl": `terraform { source = "git::https://example.com/m.git//rds?ref=v1" }`})
	u, ds := Read(filepath.Join(dir, "app"), Options{Tree: dir})
	if u.RemoteSource != "git::https://example.com/m.git//rds?ref=v1" || len(ds) != 0 {
		t.Errorf("remote %q, diagnostics %v: want the source, and no warning (the loader summarises)", u.RemoteSource, ds)
	}
}

// Terragrunt refuses a stack whose blocks share a path: which block's
// files would be there is not known, so neither is read, and a warning
// says so; the other units are read.
func TestStackPathCollision(t *testing.T) {
	dir := write(t, map[string]string{
		"units/a/terragrunt.hcl": `terraform { source = "../../m" }`,
		"units/b/terragrunt.hcl": `terraform { source = "../../m" }`,
		"live/terragrunt.stack.hcl": `
unit "a" {
  source = "../units/a"
  path   = "db"
}
unit "b" {
  source = "../units/b"
  path   = "db"
}
unit "c" {
  source = "../units/a"
  path   = "other"
}
unit "d" {
  source = "git::https://example.com/u.git"
  path   = "db"
}`,
	})
	st, ds := ReadStack(filepath.Join(dir, "live"), Options{Tree: dir})
	var names []string
	for _, u := range append(st.Units, st.Remote...) {
		names = append(names, u.Name)
	}
	if want := []string{"c"}; !slices.Equal(names, want) {
		t.Errorf("units read %v, want %v", names, want)
	}
	if len(ds) < 2 || !strings.Contains(ds[0].Message, `unit "b" has the path of unit "a"`) {
		t.Errorf("diagnostics %v: want one per block that repeats a path", ds)
	}
}
