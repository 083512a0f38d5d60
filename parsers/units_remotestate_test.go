package parsers

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// unitStateRoots: every unit includes the root configuration, whose
// remote_state keeps each unit's state under a key of its path; a plain
// Terraform root reads the network unit's state.
var unitStateRoots = map[string]string{
	"live/root.hcl": `remote_state {
  backend = "s3"
  config = {
    bucket = "acme-state"
    key    = "${path_relative_to_include()}/terraform.tfstate"
    region = "eu-west-1"
  }
  generate = { path = "backend.tf", if_exists = "overwrite_terragrunt" }
}`,
	"live/network/terragrunt.hcl": `include "root" { path = find_in_parent_folders("root.hcl") }
terraform { source = "../../modules//network" }
inputs = { cidr = "10.20.0.0/16" }`,
	"live/other/terragrunt.hcl": `include "root" { path = find_in_parent_folders("root.hcl") }
terraform { source = "../../modules//network" }
inputs = { cidr = "10.30.0.0/16" }`,
	"modules/network/main.tf": `terraform {
  backend "s3" {}
}
variable "cidr" { type = string }
resource "aws_vpc" "main" {
  cidr_block = var.cidr
}
output "vpc_id" {
  value = aws_vpc.main.id
}
`,
	"database/main.tf": `data "terraform_remote_state" "network" {
  backend = "s3"
  config = {
    bucket = "acme-state"
    key    = "network/terraform.tfstate"
    region = "eu-west-1"
  }
}
resource "aws_security_group" "db" {
  vpc_id = data.terraform_remote_state.network.outputs.vpc_id
}
`,
}

// TestUnitRemoteStateJoins: the database root's terraform_remote_state
// names the network unit's remote_state, so the unit's VPC (evaluated with
// its inputs) joins it under the unit's name; the module the units share
// is no root that could match too.
func TestUnitRemoteStateJoins(t *testing.T) {
	tree(t, unitStateRoots)
	set, ds := Load([]string{"."}, Options{Root: "."})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var keys []string
	for _, m := range set.Models {
		keys = append(keys, m.Key)
		if m.Key != "database" {
			continue
		}
		if len(m.VPCs) != 1 || m.VPCs[0].Address != "live/network::aws_vpc.main" {
			t.Fatalf("database VPCs = %v, want the network unit's", m.VPCs)
		}
		if len(m.SecurityGroups) != 1 || m.SecurityGroups[0].VPC.Key != m.VPCs[0].Address {
			t.Errorf("security group links to %+v", m.SecurityGroups[0].VPC)
		}
		if len(m.Unread) != 0 {
			t.Errorf("unread: %v", m.Unread[0].Reason)
		}
	}
	slices.Sort(keys)
	if diff := cmp.Diff([]string{"database", "live/network/terragrunt.hcl", "live/other/terragrunt.hcl"}, keys); diff != "" {
		t.Errorf("models (-want +got):\n%s", diff)
	}
}

// TestUnitRemoteStateUnmatched: a remote_state that names no state daslint
// can match is said in the reason, not silently passed over.
func TestUnitRemoteStateUnmatched(t *testing.T) {
	files := map[string]string{}
	for k, v := range unitStateRoots {
		files[k] = v
	}
	files["live/root.hcl"] = strings.Replace(files["live/root.hcl"], `"acme-state"`, `get_env("STATE_BUCKET")`, 1)
	for _, u := range []string{"c", "d", "e"} {
		files["live/"+u+"/terragrunt.hcl"] = files["live/other/terragrunt.hcl"]
	}
	tree(t, files)
	set, _ := Load([]string{"database"}, Options{Root: ".", Context: []string{"live"}})
	if len(set.Models) != 1 || len(set.Models[0].SecurityGroups) != 1 {
		t.Fatalf("models %v", set.Models)
	}
	var why string
	if u := set.Models[0].SecurityGroups[0].VPC.Unknown; u != nil {
		why = u.Reason
	}
	if !strings.Contains(why, "no scanned or --context Terraform root or Terragrunt unit keeps its state") || !strings.Contains(why, `the Terragrunt unit live/c (the bucket of the s3 backend is not known offline (get_env("STATE_BUCKET")`) {
		t.Errorf("reasons %q, want the unmatched units named with why", why)
	}
	if !strings.HasSuffix(why, "; 2 more Terragrunt units alike") || strings.Count(why, "the Terragrunt unit ") != 3 {
		t.Errorf("reasons %q, want three units named and the other two counted", why)
	}
}

// TestUnitRemoteStateChangedFiles: in hook mode, a change to the network
// unit, its module or the root configuration it includes re-lints the root
// that reads its state.
func TestUnitRemoteStateChangedFiles(t *testing.T) {
	tree(t, unitStateRoots)
	for _, tt := range []struct {
		changed string
		want    []string
	}{
		{"live/network/terragrunt.hcl", []string{"database", "live/network/terragrunt.hcl"}},
		{"modules/network/main.tf", []string{"database", "live/network/terragrunt.hcl", "live/other/terragrunt.hcl"}},
		{"live/root.hcl", []string{"database", "live/network/terragrunt.hcl", "live/other/terragrunt.hcl"}},
		{"live/other/terragrunt.hcl", []string{"live/other/terragrunt.hcl"}},
		{"database/main.tf", []string{"database"}},
	} {
		t.Run(tt.changed, func(t *testing.T) {
			set, _ := Load([]string{"."}, Options{Root: ".", Changed: []string{filepath.FromSlash(tt.changed)}})
			var got []string
			for _, m := range set.Models {
				got = append(got, m.Key)
			}
			slices.Sort(got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("linted (-want +got):\n%s", diff)
			}
		})
	}
}

// TestUnreadUnitRemembered: a unit whose module is not read (a remote
// source) is read once for all the units that depend on it: in a layered
// tree of such units, reading it again for each reader multiplies the work
// by every layer. Each reader gets its own copy of the reason.
func TestUnreadUnitRemembered(t *testing.T) {
	tree(t, map[string]string{
		"live/vpc/terragrunt.hcl": `terraform { source = "git::https://example.com/modules.git//vpc" }`,
		"live/a/terragrunt.hcl":   `dependency "vpc" { config_path = "../vpc" }` + "\n" + `inputs = { id = dependency.vpc.outputs.id }`,
		"live/b/terragrunt.hcl":   `dependency "vpc" { config_path = "../vpc" }` + "\n" + `inputs = { id = dependency.vpc.outputs.id }`,
	})
	roots, _, _ := discover(t.Context(), frontEnds(Options{}), []string{"."}, func(string) bool { return false }, ".")
	c := newCatalog(t.Context(), Options{}, frontEnds(Options{}), nil, roots)
	dep := c.dependencyFunc(nil, &task{}, nil)
	vpc, _ := filepath.Abs(filepath.Join("live", "vpc"))
	_, first := dep(vpc)
	if first == nil || !strings.Contains(first.Reason, "the outputs of the Terragrunt unit live/vpc are not known") || len(c.remote().evals.m) != 1 {
		t.Fatalf("first read: %v, %d remembered", first, len(c.remote().evals.m))
	}
	first.Reason = "changed by a reader"
	if _, again := dep(vpc); again == nil || !strings.Contains(again.Reason, "are not known") || again == first {
		t.Errorf("second read: %v, want the remembered reason in a copy of its own", again)
	}
}

// TestUnitReadsUnitState: a unit's module may read another unit's state
// too, in a workspace: the s3 key under env:/<workspace>/.
func TestUnitReadsUnitState(t *testing.T) {
	files := map[string]string{}
	for k, v := range unitStateRoots {
		if !strings.HasPrefix(k, "database/") {
			files[k] = v
		}
	}
	files["live/app/terragrunt.hcl"] = `include "root" { path = find_in_parent_folders("root.hcl") }
terraform { source = "../../modules//app" }`
	files["modules/app/main.tf"] = `terraform {
  backend "s3" {}
}
data "terraform_remote_state" "network" {
  backend   = "s3"
  workspace = "blue"
  config = {
    bucket = "acme-state"
    key    = "network/terraform.tfstate"
  }
}
resource "aws_security_group" "app" {
  vpc_id = data.terraform_remote_state.network.outputs.vpc_id
}
`
	tree(t, files)
	set, ds := Load([]string{"live"}, Options{Root: "."})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for _, m := range set.Models {
		if m.Key != "live/app/terragrunt.hcl" {
			continue
		}
		if len(m.VPCs) != 1 || m.VPCs[0].Address != "live/network@blue::aws_vpc.main" {
			t.Fatalf("app VPCs = %v, want the network unit's, workspace blue", m.VPCs)
		}
		if len(m.SecurityGroups) != 1 || m.SecurityGroups[0].VPC.Key != m.VPCs[0].Address {
			t.Errorf("security group links to %+v", m.SecurityGroups[0].VPC)
		}
		return
	}
	t.Fatal("no model of live/app")
}
