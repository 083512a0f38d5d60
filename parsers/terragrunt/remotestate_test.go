package terragrunt

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// TestRemoteState: the unit's backend is its remote_state block, usually
// in the included root configuration with a key per unit; a child's block
// replaces the parent's whole with any merge strategy but no_merge, which
// drops the parent's.
func TestRemoteState(t *testing.T) {
	root := `remote_state {
  backend = "s3"
  config = {
    bucket         = "state-${local.env}"
    key            = "${path_relative_to_include()}/terraform.tfstate"
    region         = "eu-west-1"
    encrypt        = true
    dynamodb_table = "locks"
  }
  generate = { path = "backend.tf", if_exists = "overwrite_terragrunt" }
}
locals { env = "prod" }`
	tests := []struct {
		name, unit string
		want       *eval.Backend // Type and Config only
		unknown    string        // in BackendUnknown's reason
	}{
		{"from the root", `include "root" { path = find_in_parent_folders("root.hcl") }`,
			&eval.Backend{Type: "s3", Config: map[string]string{"bucket": "state-prod", "key": "live/app/terraform.tfstate"}}, ""},
		{"deep merge still replaces", `include "root" {
  path = find_in_parent_folders("root.hcl")
  merge_strategy = "deep"
}
remote_state {
  backend = "gcs"
  config = { bucket = "b" }
}`, &eval.Backend{Type: "gcs", Config: map[string]string{"bucket": "b"}}, ""},
		{"no_merge drops the parent's", `include "root" {
  path = find_in_parent_folders("root.hcl")
  merge_strategy = "no_merge"
}`, nil, ""},
		{"attribute form", `remote_state = { backend = "azurerm", config = { storage_account_name = "sa", container_name = "c", key = "k" } }`,
			&eval.Backend{Type: "azurerm", Config: map[string]string{"storage_account_name": "sa", "container_name": "c", "key": "k"}}, ""},
		{"a field from the environment", `remote_state {
  backend = "s3"
  config = { bucket = get_env("STATE_BUCKET"), key = "k" }
}`, &eval.Backend{Type: "s3", Config: map[string]string{}}, `get_env("STATE_BUCKET")`},
		{"relative local state of a unit with a source", `terraform { source = "../../mod" }
remote_state {
  backend = "local"
  config = { path = "app.tfstate" }
}`, &eval.Backend{Type: "local", Config: map[string]string{"path": "app.tfstate"}}, ".terragrunt-cache"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := write(t, map[string]string{"root.hcl": root, "live/app/terragrunt.hcl": tt.unit})
			u, ds := Read(filepath.Join(dir, "live/app"), Options{Tree: dir})
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			var got *eval.Backend
			if u.Backend != nil {
				got = &eval.Backend{Type: u.Backend.Type, Config: u.Backend.Config}
				if u.Backend.Dir != filepath.Join(dir, "live/app") {
					t.Errorf("backend dir %q, want the unit's", u.Backend.Dir)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("backend (-want +got):\n%s", diff)
			}
			var why string
			if u.BackendUnknown != nil {
				why = u.BackendUnknown.Reason
			}
			if (tt.unknown == "") != (why == "") || !strings.Contains(why, tt.unknown) {
				t.Errorf("unknown because %q, want %q", why, tt.unknown)
			}
		})
	}
}

// TestDependencyFlags: a disabled dependency, or one that skips its
// outputs, is not read: Terragrunt gives its mocks, so its outputs are
// unknown and nothing joins; a flag not known offline is no better.
func TestDependencyFlags(t *testing.T) {
	network := &eval.RemoteRoot{Name: "live/vpc", Result: &eval.Result{}}
	for _, tt := range []struct{ flags, want string }{
		{"enabled = false", "disabled"},
		{"skip_outputs = true", "skip_outputs"},
		{`enabled = get_env("VPC_ENABLED") == "1"`, "not known offline"},
		{"enabled = true\nskip_outputs = false", ""},
	} {
		t.Run(tt.flags, func(t *testing.T) {
			dir := write(t, map[string]string{"live/app/terragrunt.hcl": `dependency "vpc" {
  config_path = "../vpc"
  ` + tt.flags + `
  mock_outputs = { vpc_id = "vpc-00000000" }
}
inputs = { vpc_id = dependency.vpc.outputs.vpc_id }`})
			asked := 0
			u, _ := Read(filepath.Join(dir, "live/app"), Options{Tree: dir, Dependency: func(string) (*eval.RemoteRoot, *model.Unresolved) {
				asked++
				return network, nil
			}})
			read := tt.want == ""
			if (asked > 0) != read || (len(u.Joins) > 0) != read {
				t.Errorf("asked %d times, %d joins; want the unit read: %v", asked, len(u.Joins), read)
			}
			if v, _ := u.Inputs["vpc_id"].Unmark(); v.IsKnown() || !strings.Contains(reasonOf(u.Inputs["vpc_id"]), tt.want) {
				t.Errorf("vpc_id = %#v (%q), want unknown saying %q", v, reasonOf(u.Inputs["vpc_id"]), tt.want)
			}
		})
	}
}
