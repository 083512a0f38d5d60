package terragrunt

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// reasonOf returns the reason an unknown input carries, "" when it is
// known or carries none.
func reasonOf(v cty.Value) string {
	for _, u := range eval.Reasons(v) {
		return u.Reason
	}
	return ""
}

func TestDependency(t *testing.T) {
	unit := `dependency "vpc" {
  config_path = "../vpc"
  mock_outputs = { vpc_id = "vpc-00000000", only_mock = "x" }
}
inputs = {
  vpc_id    = dependency.vpc.outputs.vpc_id
  only_mock = dependency.vpc.outputs.only_mock
}`
	network := &eval.RemoteRoot{Name: "live/vpc", Result: &eval.Result{Outputs: map[string]cty.Value{"vpc_id": cty.StringVal("real")}}}
	tests := []struct {
		name       string
		dep        func(string) (*eval.RemoteRoot, *model.Unresolved)
		wantVPC    string // known value, or "" for unknown
		wantReason string // in the reason of vpc_id when unknown, and always of only_mock
		wantJoins  int
	}{
		{"real outputs win over mocks", func(dir string) (*eval.RemoteRoot, *model.Unresolved) {
			if filepath.Base(dir) != "vpc" {
				t.Errorf("asked for %s", dir)
			}
			return network, nil
		}, "real", "mock_outputs of dependency vpc", 1},
		{"no such unit: mocks stay unknown", func(string) (*eval.RemoteRoot, *model.Unresolved) {
			return nil, &model.Unresolved{Reason: "no scanned unit"}
		}, "", "mock_outputs of dependency vpc", 0},
		{"no callback", nil, "", "mock_outputs of dependency vpc", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := write(t, map[string]string{"live/app/terragrunt.hcl": unit})
			u, ds := Read(filepath.Join(dir, "live/app"), Options{Tree: dir, Dependency: tt.dep})
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			v, _ := u.Inputs["vpc_id"].Unmark()
			switch {
			case tt.wantVPC != "" && (!v.IsKnown() || v.AsString() != tt.wantVPC):
				t.Errorf("vpc_id = %#v, want %q", v, tt.wantVPC)
			case tt.wantVPC == "" && v.IsKnown():
				t.Errorf("vpc_id = %#v, want unknown: a mock never settles", v)
			case tt.wantVPC == "" && !strings.Contains(reasonOf(u.Inputs["vpc_id"]), tt.wantReason):
				t.Errorf("vpc_id reason %q, want it to say %q", reasonOf(u.Inputs["vpc_id"]), tt.wantReason)
			}
			if m, _ := u.Inputs["only_mock"].Unmark(); m.IsKnown() || !strings.Contains(reasonOf(u.Inputs["only_mock"]), tt.wantReason) {
				t.Errorf("only_mock = %#v (%q), want unknown saying %q", m, reasonOf(u.Inputs["only_mock"]), tt.wantReason)
			}
			if len(u.Joins) != tt.wantJoins {
				t.Errorf("%d joins, want %d", len(u.Joins), tt.wantJoins)
			}
		})
	}
}

func TestDependencyWithoutMocksIsUnknown(t *testing.T) {
	dir := write(t, map[string]string{"app/terragrunt.hcl": `dependency "vpc" { config_path = "../vpc" }
inputs = { vpc_id = dependency.vpc.outputs.vpc_id }`})
	u, _ := Read(filepath.Join(dir, "app"), Options{Tree: dir, Dependency: func(string) (*eval.RemoteRoot, *model.Unresolved) {
		return nil, &model.Unresolved{Reason: "dependency cycle"}
	}})
	if v, _ := u.Inputs["vpc_id"].Unmark(); v.IsKnown() || !strings.Contains(reasonOf(u.Inputs["vpc_id"]), "dependency cycle") {
		t.Errorf("vpc_id = %#v (%q), want unknown with the callback's reason", v, reasonOf(u.Inputs["vpc_id"]))
	}
}

func TestGenerate(t *testing.T) {
	tests := []struct {
		name, ifExists string
		moduleHas      bool
		want           int
	}{
		{"new file", "overwrite_terragrunt", false, 1},
		{"overwrite", "overwrite", true, 1},
		{"skip keeps the module's file", "skip", true, 0},
		{"skip with no file", "skip", false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"root.hcl": `generate "provider" {
  path = "provider.tf"
  if_exists = "` + tt.ifExists + `"
  contents = "provider \"aws\" { region = \"eu-west-1\" }"
}
generate "backend" {
  path = "backend.hcl"
  if_exists = "overwrite"
  contents = "bucket = \"x\""
}`,
				"app/terragrunt.hcl": `include { path = find_in_parent_folders("root.hcl") }`,
				"app/main.tf":        "",
			}
			if tt.moduleHas {
				files["app/provider.tf"] = ""
			}
			dir := write(t, files)
			u, ds := Read(filepath.Join(dir, "app"), Options{Tree: dir})
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			if len(u.Generated) != tt.want {
				t.Fatalf("generated %v, want %d file(s)", u.Generated, tt.want)
			}
			if tt.want == 1 && (filepath.Base(u.Generated[0].Name) != "provider.tf" || !strings.Contains(string(u.Generated[0].Data), "eu-west-1")) {
				t.Errorf("generated %s: %s", u.Generated[0].Name, u.Generated[0].Data)
			}
		})
	}
}

func TestNoMergeDropsParentGenerate(t *testing.T) {
	dir := write(t, map[string]string{
		"root.hcl": `generate "p" {
  path = "p.tf"
  contents = ""
}`,
		"app/terragrunt.hcl": `include "root" {
  path = find_in_parent_folders("root.hcl")
  merge_strategy = "no_merge"
}`,
	})
	u, _ := Read(filepath.Join(dir, "app"), Options{Tree: dir})
	if len(u.Generated) != 0 {
		t.Errorf("no_merge kept the parent's generate blocks: %v", u.Generated)
	}
}

func TestRemoteAndUnknownSources(t *testing.T) {
	tests := []struct{ src, want string }{
		{`"git::https://example.com/m.git//vpc?ref=v1"`, "remote"},
		{`"tfr:///terraform-aws-modules/vpc/aws?version=5.0.0"`, "remote"},
		{`"../${get_env("MODULES")}/vpc"`, "not known offline"},
	}
	for _, tt := range tests {
		dir := write(t, map[string]string{"app/terragrunt.hcl": "terraform {\n  source = " + tt.src + "\n}\n"})
		u, _ := Read(filepath.Join(dir, "app"), Options{Tree: dir})
		if u.ModuleDir != "" || u.Unread == nil || !strings.Contains(u.Unread.Reason, tt.want) {
			t.Errorf("source %s: module %q, unread %v; want none, saying %q", tt.src, u.ModuleDir, u.Unread, tt.want)
		}
	}
}
