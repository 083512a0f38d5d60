package parsers

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/diag"
)

// TestExpandStacks: a stack file is replaced by the units it generates; a
// unit generated with no_dot_terragrunt_stack replaces the copy a walk
// found at its place; a left-over .terragrunt-stack is not walked.
func TestExpandStacks(t *testing.T) {
	tree(t, map[string]string{
		"catalog/vpc/terragrunt.hcl":                     `inputs = { cidr = values.cidr }`,
		"live/terragrunt.stack.hcl":                      "unit \"a\" {\n source = \"../catalog/vpc\"\n path = \"a\"\n}\nunit \"b\" {\n source = \"../catalog/vpc\"\n path = \"b\"\n no_dot_terragrunt_stack = true\n}\n",
		"live/b/terragrunt.hcl":                          `# committed output of terragrunt stack generate`,
		"live/.terragrunt-stack/stale/terragrunt.hcl":    ``,
		"live/.terragrunt-stack/a/terragrunt.hcl":        ``,
		"live/.terragrunt-stack/a/terragrunt.values.hcl": ``,
	})
	roots, _, ds := discover(context.Background(), frontEnds(Options{}), []string{"."}, nil, ".")
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	roots, remote, ds := expandStacks(roots, Options{})
	if len(ds) != 0 || len(remote) != 0 {
		t.Fatalf("diagnostics %v, remote %v", ds, remote)
	}
	want := []found{
		{terragruntUnit, "catalog/vpc/terragrunt.hcl", false},
		{terragruntUnit, "live/.terragrunt-stack/a/terragrunt.hcl", false},
		{terragruntUnit, "live/b/terragrunt.hcl", false},
	}
	if diff := cmp.Diff(want, foundOf(roots)); diff != "" {
		t.Errorf("roots (-want +got):\n%s", diff)
	}
	for _, r := range roots[1:] {
		if r.stack == nil {
			t.Errorf("%s: not the stack's unit", r.path)
		}
	}
}

// TestLoadStackUnits: the units of a stack are linted with their values,
// the template they copy is not linted alone, and the stack's unit block
// is the outermost caller.
func TestLoadStackUnits(t *testing.T) {
	tree(t, map[string]string{
		"catalog/vpc/terragrunt.hcl": `terraform { source = "${get_repo_root()}/modules//vpc" }
inputs = { cidr = values.cidr }`,
		"modules/vpc/main.tf": `variable "cidr" { type = string }
resource "aws_vpc" "main" {
  cidr_block = var.cidr
}`,
		"live/terragrunt.stack.hcl": `unit "a" {
  source = "../catalog/vpc"
  path   = "a"
  values = { cidr = "10.1.0.0/16" }
}
unit "b" {
  source = "../catalog/vpc"
  path   = "b"
  values = { cidr = "10.2.0.0/16" }
}`,
	})
	set, ds := Load([]string{"."}, Options{Root: "."})
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	var keys, names []string
	for _, m := range set.Models {
		keys = append(keys, m.Key)
		if len(m.VPCs) != 1 {
			t.Fatalf("model %s: %d VPCs", m.Key, len(m.VPCs))
		}
		v := m.VPCs[0]
		names = append(names, v.CIDR.Value)
		if len(v.Callers) != 2 || filepath.ToSlash(v.Callers[0].File) != "live/terragrunt.stack.hcl" || filepath.ToSlash(v.Callers[1].File) != "catalog/vpc/terragrunt.hcl" {
			t.Errorf("model %s: callers %v, want the stack's unit block, then the template", m.Key, v.Callers)
		}
	}
	if diff := cmp.Diff([]string{"live/.terragrunt-stack/a/terragrunt.hcl", "live/.terragrunt-stack/b/terragrunt.hcl"}, keys); diff != "" {
		t.Errorf("models (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"10.1.0.0/16", "10.2.0.0/16"}, names); diff != "" {
		t.Errorf("VPC names (-want +got):\n%s", diff)
	}
}

// TestRemoteUnitWarnings: units with remote modules share one warning,
// except where a unit may declare a DAS cluster or is alone.
func TestRemoteUnitWarnings(t *testing.T) {
	unit := func(src string) string { return "terraform {\n  source = \"" + src + "\"\n}\n" }
	tests := []struct {
		name  string
		files map[string]string
		want  []string // one entry per warning: the units it names
	}{
		{"one unit keeps its line", map[string]string{
			"live/a/terragrunt.hcl": unit("git::https://example.com/m.git//vpc"),
		}, []string{`"git::https://example.com/m.git//vpc"`}},
		{"many share one line; an rds unit keeps its own", map[string]string{
			"live/a/terragrunt.hcl":  unit("git::https://example.com/m.git//vpc"),
			"live/b/terragrunt.hcl":  unit("git::https://example.com/m.git//s3"),
			"live/c/terragrunt.hcl":  unit("git::https://example.com/m.git//iam"),
			"live/db/terragrunt.hcl": unit("git::https://example.com/m.git//aurora-postgres"),
			"live/d/terragrunt.hcl":  unit("tfr:///acme/sns/aws?version=1.0.0") + "inputs = { start_activity_stream = true }\n",
		}, []string{
			"3 Terragrunt units have remote modules that are not vendored (live/a, live/b, live/c)",
			`"git::https://example.com/m.git//aurora-postgres"`,
			`"tfr:///acme/sns/aws?version=1.0.0"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree(t, tt.files)
			_, ds := Load([]string{"."}, Options{Root: "."})
			var got []string
			for _, d := range ds {
				if d.Severity != diag.Warning {
					t.Errorf("unexpected %v", d)
				}
				got = append(got, d.Message)
			}
			slices.Sort(got)
			if len(got) != len(tt.want) {
				t.Fatalf("warnings %q, want %d", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("warning %q, want it to say %s", got[i], w)
				}
			}
		})
	}
}

// TestRemoteStackUnitIsNotRead: a unit generated from a remote source is
// not read, says so in its model (a run that finds no cluster must not
// read as clean), and gets the stack's one warning, not one of its own.
func TestRemoteStackUnitIsNotRead(t *testing.T) {
	tree(t, map[string]string{
		"live/terragrunt.stack.hcl": "unit \"db\" {\n  source = \"git::https://example.com/c.git//units/aurora\"\n  path   = \"db\"\n}\n",
	})
	set, ds := Load([]string{"."}, Options{Root: "."})
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "remote or missing source") {
		t.Errorf("diagnostics %v, want the stack's one warning", ds)
	}
	if len(set.Models) != 1 || len(set.Models[0].Unread) != 1 || !strings.Contains(set.Models[0].Unread[0].Reason, "git::https://example.com/c.git//units/aurora") {
		t.Fatalf("models %+v: want one, not read, naming the source", set.Models)
	}
	if got := filepath.ToSlash(set.Models[0].Unread[0].Range.File); got != "live/terragrunt.stack.hcl" {
		t.Errorf("unread at %s, want the stack's unit block", got)
	}
}
