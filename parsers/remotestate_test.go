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

// writeRoots writes files (path -> content) under a new directory.
func writeRoots(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var remoteRoots = map[string]string{
	"network/main.tf": `terraform {
  backend "s3" {
    bucket = "b"
    key    = "network"
  }
}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
output "vpc_id" {
  value = aws_vpc.main.id
}
`,
	"network/terraform.tfvars": "",
	"database/main.tf": `data "terraform_remote_state" "network" {
  backend = "s3"
  config = {
    bucket = "b"
    key    = "network"
  }
}
resource "aws_security_group" "db" {
  vpc_id = data.terraform_remote_state.network.outputs.vpc_id
}
`,
	"other/main.tf": `resource "aws_vpc" "other" {
  cidr_block = "10.1.0.0/16"
}
`,
}

// TestRemoteStateChangedFiles: in hook mode a change to the network root
// re-lints the roots that read its state, and only those.
func TestRemoteStateChangedFiles(t *testing.T) {
	dir := writeRoots(t, remoteRoots)
	tests := []struct {
		changed string
		want    []string
	}{
		{"network/main.tf", []string{"database", "network"}},
		{"network/terraform.tfvars", []string{"database", "network"}},
		{"database/main.tf", []string{"database"}},
		{"other/main.tf", []string{"other"}},
	}
	for _, tt := range tests {
		t.Run(tt.changed, func(t *testing.T) {
			set, _ := Load([]string{dir}, Options{Changed: []string{filepath.Join(dir, tt.changed)}})
			var got []string
			for _, m := range set.Models {
				got = append(got, filepath.Base(m.Root))
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("linted %v, want %v", got, tt.want)
			}
		})
	}
}

// TestRemoteStateJoins: the database root's model holds the network's VPC
// under the data source's prefix, and its security group links to it; the
// network root, linted too, keeps its own VPC under its own address.
func TestRemoteStateJoins(t *testing.T) {
	dir := writeRoots(t, remoteRoots)
	set, ds := Load([]string{dir}, Options{})
	for _, d := range ds {
		t.Errorf("unexpected diagnostic: %s", d)
	}
	for _, m := range set.Models {
		switch filepath.Base(m.Root) {
		case "database":
			if len(m.VPCs) != 1 || m.VPCs[0].Address != "network::aws_vpc.main" {
				t.Fatalf("database VPCs = %v", m.VPCs)
			}
			if !strings.HasSuffix(m.VPCs[0].Range.File, "network/main.tf") {
				t.Errorf("joined VPC at %s, want the network root's file", m.VPCs[0].Range.File)
			}
			if len(m.SecurityGroups) != 1 || m.SecurityGroups[0].VPC.Key != m.VPCs[0].Address {
				t.Errorf("security group links to %+v", m.SecurityGroups[0].VPC)
			}
			// Provenance is typed: the other root, the VPC's file and
			// line there, and its address in that root.
			from := m.VPCs[0].From
			if from == nil || from.Kind != model.FromTerraformRoot || from.ID != "aws_vpc.main" ||
				!strings.HasSuffix(from.File, "network/main.tf") || from.Line != 7 {
				t.Errorf("joined VPC from %+v, want the network root's aws_vpc.main at network/main.tf:7", from)
			}
			if m.SecurityGroups[0].From != nil {
				t.Errorf("the root's own security group has provenance %+v", m.SecurityGroups[0].From)
			}
		case "network":
			if len(m.VPCs) != 1 || m.VPCs[0].Address != "aws_vpc.main" {
				t.Errorf("network VPCs = %v", m.VPCs)
			}
			if m.VPCs[0].From != nil {
				t.Errorf("the network root's own VPC has provenance %+v", m.VPCs[0].From)
			}
		}
	}
}

// TestRemoteRootEvaluatedOnce: a linted root that another root, read
// before it, evaluated for its terraform_remote_state is not evaluated
// again when it is linted, and its model is the one its own evaluation
// gives; a root whose evaluation asked the run something (here another
// remote state) is evaluated again, as what it was asked may differ; the
// root it asked, which asks nothing, is not.
func TestRemoteRootEvaluatedOnce(t *testing.T) {
	asking := map[string]string{}
	for name, src := range remoteRoots {
		asking[name] = src
	}
	asking["other/main.tf"] = "terraform {\n  backend \"s3\" {\n    bucket = \"b\"\n    key    = \"other\"\n  }\n}\n" + remoteRoots["other/main.tf"]
	asking["network/remote.tf"] = `data "terraform_remote_state" "other" {
  backend = "s3"
  config = {
    bucket = "b"
    key    = "other"
  }
}
`
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  map[string]int // evaluations by the loader, by root
	}{
		{"network asks nothing", remoteRoots, map[string]int{"database": 1, "other": 1}},
		{"network reads a remote state", asking, map[string]int{"database": 1, "network": 1}}, // other: read for network first
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeRoots(t, tc.files)
			calls := map[string]int{}
			counting := func(ctx context.Context, d string, opts terraform.Options) (*model.Model, *eval.Result, diag.Diagnostics) {
				calls[filepath.Base(d)]++
				return terraform.LoadContext(ctx, d, opts)
			}
			// One root at a time: the database root is read first.
			set, ds := load(context.Background(), []string{dir}, Options{Jobs: 1}, counting)
			if diff := cmp.Diff(tc.want, calls); diff != "" {
				t.Errorf("evaluations (-want +got):\n%s", diff)
			}
			// The network root linted alone: evaluated by the loader.
			alone, ads := load(context.Background(), []string{dir}, Options{Exclude: func(p string) bool {
				return filepath.Base(p) == "database"
			}}, terraform.LoadContext)
			network := func(s *Set) *model.Model {
				for _, m := range s.Models {
					if filepath.Base(m.Root) == "network" {
						return m
					}
				}
				t.Fatal("no network model")
				return nil
			}
			if diff := cmp.Diff(network(alone), network(set)); diff != "" {
				t.Errorf("network model (-alone +read for database first):\n%s", diff)
			}
			inNetwork := func(ds diag.Diagnostics) diag.Diagnostics {
				var out diag.Diagnostics
				for _, d := range ds {
					if strings.Contains(filepath.ToSlash(d.Range.File), "/network/") {
						out = append(out, d)
					}
				}
				return out
			}
			if diff := cmp.Diff(inNetwork(ads), inNetwork(ds)); diff != "" {
				t.Errorf("network diagnostics (-alone +read for database first):\n%s", diff)
			}
		})
	}
}
