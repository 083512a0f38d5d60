package terragrunt

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// TestIncludeLabels: with several include blocks, the functions about "the"
// include take its label; in an included file they mean the include that
// brought the file in, whatever the label.
func TestIncludeLabels(t *testing.T) {
	dir := write(t, map[string]string{
		"root.hcl":         `inputs = { from_root = path_relative_to_include(), from_root_named = path_relative_to_include("env") }`,
		"live/env.hcl":     `inputs = { from_env = path_relative_to_include() }`,
		"live/a/x/unit.md": ``,
		"live/a/x/terragrunt.hcl": `include "root" { path = find_in_parent_folders("root.hcl") }
include "env" { path = find_in_parent_folders("env.hcl") }
inputs = {
  rel_root    = path_relative_to_include("root")
  rel_env     = path_relative_to_include("env")
  parent_env  = get_parent_terragrunt_dir("env")
  from_env_up = path_relative_from_include("root")
}`,
		"live/a/y/terragrunt.hcl": `include "root" { path = find_in_parent_folders("root.hcl") }
include "env" { path = find_in_parent_folders("env.hcl") }
inputs = { unnamed = path_relative_to_include() }`,
		"live/a/z/terragrunt.hcl": `include "root" { path = find_in_parent_folders("root.hcl") }
include "env" { path = find_in_parent_folders("env.hcl") }
inputs = { no_such = path_relative_to_include("nope") }`,
	})
	u, _ := Read(filepath.Join(dir, "live/a/x"), Options{Tree: dir})
	known := map[string]string{
		"rel_root": "live/a/x", "rel_env": "a/x", "parent_env": filepath.ToSlash(filepath.Join(dir, "live")),
		"from_env_up": "../../..", "from_root": "live/a/x", "from_root_named": "live/a/x", "from_env": "a/x",
	}
	for k, w := range known {
		if got, _ := u.Inputs[k].Unmark(); !got.RawEquals(cty.StringVal(w)) {
			t.Errorf("%s = %#v, want %q", k, got, w)
		}
	}
	// Terragrunt refuses an unnamed call among several includes, and a
	// label no include has: that input is unknown, with a warning; the
	// parents' inputs keep their values.
	for unit, want := range map[string]string{"y": "name the one meant", "z": `no include block is labelled "nope"`} {
		u, ds := Read(filepath.Join(dir, "live/a", unit), Options{Tree: dir})
		own, ok := u.Inputs[map[string]string{"y": "unnamed", "z": "no_such"}[unit]]
		root, _ := u.Inputs["from_root"].Unmark()
		if !ok || own.IsKnown() || !root.IsKnown() || len(ds) != 1 || !strings.Contains(ds[0].Message, want) {
			t.Errorf("unit %s: inputs %v, diagnostics %v; want its own unknown, the parents' known and a warning saying %q", unit, u.Inputs, ds, want)
		}
	}
}

// TestRepoAndRunFunctions: the repository root is the read boundary; the
// command is plan; what needs AWS, the platform or a command is unknown.
func TestRepoAndRunFunctions(t *testing.T) {
	dir := write(t, map[string]string{"envs/prod/app/terragrunt.hcl": `inputs = {
  root    = get_repo_root()
  from    = get_path_from_repo_root()
  to      = get_path_to_repo_root()
  cmd     = get_terraform_command()
  flag    = get_terragrunt_source_cli_flag()
  args    = length(get_terraform_cli_args())
  account = get_aws_account_id()
  arn     = get_aws_caller_identity_arn()
  os      = get_platform()
  cmdout  = run_cmd("echo", "hi")
}`})
	u, ds := Read(filepath.Join(dir, "envs/prod/app"), Options{Tree: dir})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	known := map[string]cty.Value{
		"root": cty.StringVal(filepath.ToSlash(dir)), "from": cty.StringVal("envs/prod/app"), "to": cty.StringVal("../../.."),
		"cmd": cty.StringVal("plan"), "flag": cty.StringVal(""), "args": cty.NumberIntVal(0),
	}
	for k, w := range known {
		if got, _ := u.Inputs[k].Unmark(); !got.RawEquals(w) {
			t.Errorf("%s = %#v, want %#v", k, got, w)
		}
	}
	for k, want := range map[string]string{"account": "get_aws_account_id() is not known offline", "arn": "identity", "os": "operating system", "cmdout": "runs a command"} {
		v, _ := u.Inputs[k].Unmark()
		if v.IsKnown() || !strings.Contains(reasonOf(u.Inputs[k]), want) {
			t.Errorf("%s = %#v (%q), want unknown saying %q", k, v, reasonOf(u.Inputs[k]), want)
		}
	}
	// Without a boundary there is no repository root to give.
	u, _ = Read(filepath.Join(dir, "envs/prod/app"), Options{})
	if v, _ := u.Inputs["root"].Unmark(); v.IsKnown() {
		t.Errorf("root without a boundary = %#v, want unknown", v)
	}
}

// TestReadTerragruntConfigIsItsOwnConfig: inside a file read with
// read_terragrunt_config, get_terragrunt_dir and find_in_parent_folders are
// that file's, get_original_terragrunt_dir the unit's (Terragrunt's
// ParseTerragruntConfig switches the config path).
func TestReadTerragruntConfigIsItsOwnConfig(t *testing.T) {
	dir := write(t, map[string]string{
		"region.hcl":      `locals { region = "eu-west-1" }`,
		"envs/region.hcl": `locals { region = "us-east-1" }`,
		"envs/prod/common.hcl": `locals {
  dir    = get_terragrunt_dir()
  orig   = get_original_terragrunt_dir()
  region = read_terragrunt_config(find_in_parent_folders("region.hcl")).locals.region
}`,
		"envs/prod/app/x/terragrunt.hcl": `locals { common = read_terragrunt_config(find_in_parent_folders("common.hcl")) }
inputs = { dir = local.common.locals.dir, orig = local.common.locals.orig, region = local.common.locals.region }`,
	})
	u, ds := Read(filepath.Join(dir, "envs/prod/app/x"), Options{Tree: dir})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	known := map[string]string{
		"dir": filepath.ToSlash(filepath.Join(dir, "envs/prod")), "orig": filepath.ToSlash(filepath.Join(dir, "envs/prod/app/x")),
		"region": "us-east-1",
	}
	for k, w := range known {
		if got, _ := u.Inputs[k].Unmark(); !got.RawEquals(cty.StringVal(w)) {
			t.Errorf("%s = %#v, want %q", k, got, w)
		}
	}
}

// TestReadTerragruntConfigDependencyAndRemoteState: read_terragrunt_config
// gives the outputs of the file's dependency blocks (config_path relative
// to that file), which join the reading unit, and its remote_state, which
// the unit may take as its own.
func TestReadTerragruntConfigDependencyAndRemoteState(t *testing.T) {
	dir := write(t, map[string]string{
		"live/common/deps.hcl": `dependency "vpc" {
  config_path = "../vpc"
}
remote_state {
  backend = "gcs"
  config  = { bucket = "b", prefix = "p" }
}`,
		"live/app/terragrunt.hcl": `locals { common = read_terragrunt_config("../common/deps.hcl") }
remote_state = local.common.remote_state
inputs = { vpc_id = local.common.dependency.vpc.outputs.vpc_id }`,
	})
	var asked string
	network := &eval.RemoteRoot{Name: "live/vpc", Result: &eval.Result{Outputs: map[string]cty.Value{"vpc_id": cty.StringVal("real")}}}
	u, ds := Read(filepath.Join(dir, "live/app"), Options{Tree: dir, Dependency: func(d string) (*eval.RemoteRoot, *model.Unresolved) {
		asked = d
		return network, nil
	}})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if asked != filepath.Join(dir, "live/vpc") {
		t.Errorf("dependency asked for %q, want live/vpc (relative to the file read)", asked)
	}
	if v, _ := u.Inputs["vpc_id"].UnmarkDeep(); !v.IsKnown() || v.AsString() != "real" {
		t.Errorf("vpc_id = %#v, want the dependency's output", v)
	}
	if len(u.Joins) != 1 {
		t.Errorf("%d joins, want the dependency's", len(u.Joins))
	}
	if u.Backend == nil || u.Backend.Type != "gcs" || u.Backend.Config["bucket"] != "b" || u.Backend.Config["prefix"] != "p" {
		t.Errorf("backend %+v, want the gcs one read", u.Backend)
	}
}

// TestInputsOneBadItem: an item of inputs that fails (an undeclared local)
// is unknown with a warning, and the others keep their values, so the
// module's defaults never stand in for what the unit sets.
func TestInputsOneBadItem(t *testing.T) {
	tests := []struct {
		name, inputs string
		known        []string
		unknown      []string
		warnings     int
	}{
		{"undeclared local", `inputs = { cidr = "10.0.0.0/8", name = local.nope }`, []string{"cidr"}, []string{"name"}, 1},
		{"quoted keys", `inputs = { "cidr" = "10.0.0.0/8", "name" = local.nope }`, []string{"cidr"}, []string{"name"}, 1},
		{"get_env without default: unknown, no warning", `inputs = { cidr = "10.0.0.0/8", name = get_env("NOPE") }`, []string{"cidr"}, []string{"name"}, 0},
		{"all good", `inputs = { cidr = "10.0.0.0/8" }`, []string{"cidr"}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := write(t, map[string]string{"app/terragrunt.hcl": tt.inputs})
			u, ds := Read(filepath.Join(dir, "app"), Options{Tree: dir})
			for _, k := range tt.known {
				if v, _ := u.Inputs[k].Unmark(); !v.IsKnown() || v.IsNull() {
					t.Errorf("input %s = %#v, want known", k, u.Inputs[k])
				}
			}
			for _, k := range tt.unknown {
				if v, ok := u.Inputs[k]; !ok || v.IsKnown() {
					t.Errorf("input %s = %#v (present %v), want present and unknown", k, v, ok)
				}
			}
			if len(ds) != tt.warnings {
				t.Errorf("diagnostics %v, want %d", ds, tt.warnings)
			}
		})
	}
}

// TestInputsNotKnownAsAWhole: inputs that cannot be evaluated at all (not an
// object constructor) leave the unit's InputsUnknown set, also through an
// include, so that the module's defaults do not stand in for them.
func TestInputsNotKnownAsAWhole(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  bool
	}{
		{"merge with an undeclared local", map[string]string{"app/terragrunt.hcl": `inputs = merge(local.nope, { cidr = "10.0.0.0/8" })`}, true},
		{"object constructor", map[string]string{"app/terragrunt.hcl": `inputs = { cidr = local.nope }`}, false},
		{"known merge", map[string]string{"app/terragrunt.hcl": `inputs = merge({ a = 1 }, { cidr = "10.0.0.0/8" })`}, false},
		{"through an include", map[string]string{
			"root.hcl":           `inputs = merge(local.nope, {})`,
			"app/terragrunt.hcl": "include \"root\" {\n  path = find_in_parent_folders(\"root.hcl\")\n}\ninputs = { cidr = \"10.0.0.0/8\" }",
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := write(t, tt.files)
			u, ds := Read(filepath.Join(dir, "app"), Options{Tree: dir})
			if got := u.InputsUnknown != nil; got != tt.want {
				t.Errorf("InputsUnknown %v, want set %v (diagnostics %v)", u.InputsUnknown, tt.want, ds)
			}
		})
	}
}
