package eval

import (
	"path/filepath"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

// TestInputsRankAsEnvironment checks where a Terragrunt unit's inputs
// (TF_VAR_ environment variables) rank: above a default, below every
// variables file and --var; an input for no variable is ignored.
func TestInputsRankAsEnvironment(t *testing.T) {
	main := `
variable "v" {
  type    = string
  default = "default"
}
resource "null_resource" "r" { v = var.v }
`
	inputs := map[string]cty.Value{"v": cty.StringVal("input"), "undeclared": cty.StringVal("x")}
	tests := []struct {
		name  string
		files map[string]string
		vars  []string
		want  string
	}{
		{"input over default", nil, nil, "input"},
		{"terraform.tfvars over input", map[string]string{"terraform.tfvars": `v = "tfvars"`}, nil, "tfvars"},
		{"auto.tfvars over input", map[string]string{"x.auto.tfvars": `v = "auto"`}, nil, "auto"},
		{"--var over input", nil, []string{"v=flag"}, "flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"main.tf": main}
			for k, v := range tt.files {
				files[k] = v
			}
			res, ds := run(t, files, Options{Inputs: inputs, Vars: tt.vars})
			noErrors(t, ds)
			if got := str(t, attr(t, res, "null_resource.r", "v")); got != tt.want {
				t.Errorf("v = %q, want %q", got, tt.want)
			}
			if len(ds) != 0 {
				t.Errorf("diagnostics %v: an input for no variable is ignored, as Terraform ignores TF_VAR_undeclared", ds)
			}
		})
	}
}

// TestGeneratedFiles checks that a file a generate block writes is part of
// the root module and replaces a module file of the same name.
func TestGeneratedFiles(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf":      `resource "null_resource" "r" { v = var.v }`,
		"variables.tf": `variable "other" {}`,
	})
	res, ds := Evaluate(dir, Options{
		Inputs:    map[string]cty.Value{"v": cty.StringVal("set")},
		Generated: []GeneratedFile{{Name: filepath.Join(dir, "variables.tf"), Data: []byte(`variable "v" { type = string }`)}},
	})
	noErrors(t, ds)
	if got := str(t, attr(t, res, "null_resource.r", "v")); got != "set" {
		t.Errorf("v = %q, want the input: the generated file declares it", got)
	}
	for _, f := range res.Files {
		if filepath.Base(f) == "variables.tf" {
			t.Errorf("the replaced module file %s is still read", f)
		}
	}
}

// TestJoins checks that a joined root's objects enter the evaluation under
// JoinPrefix, its clusters excepted, and that PrefixValue names them.
func TestJoins(t *testing.T) {
	other, ds := run(t, map[string]string{"main.tf": `
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_rds_cluster" "db" { engine = "aurora-postgresql" }
output "vpc_id" { value = aws_vpc.main.id }
`}, Options{})
	noErrors(t, ds)
	rr := &RemoteRoot{Name: "live/vpc", Result: other}
	vpcID := PrefixValue(other.Outputs["vpc_id"], JoinPrefix(rr.Name))
	res, ds := run(t, map[string]string{"main.tf": `
variable "vpc_id" { type = string }
resource "aws_subnet" "a" {
  vpc_id     = var.vpc_id
  cidr_block = "10.0.1.0/24"
}
`}, Options{Inputs: map[string]cty.Value{"vpc_id": vpcID}, Joins: []*RemoteRoot{rr}})
	noErrors(t, ds)
	want := map[string]bool{"live/vpc::aws_vpc.main": true, "aws_subnet.a": true}
	for _, a := range addresses(res) {
		if !want[a] {
			t.Errorf("unexpected instance %s (a joined root's cluster never joins)", a)
		}
		delete(want, a)
	}
	for a := range want {
		t.Errorf("missing instance %s", a)
	}
	if got, want := str(t, attr(t, res, "aws_subnet.a", "vpc_id")), model.Token("live/vpc::aws_vpc.main"); got != want {
		t.Errorf("the subnet's vpc_id = %q, want the joined VPC's %q", got, want)
	}
}
