package eval

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/daslint/daslint/diag"
)

// TestUndeclaredResourceHint: a reference to an undeclared resource is an
// error that says what to do: the declared name it likely misspells, or to
// declare it.
func TestUndeclaredResourceHint(t *testing.T) {
	for _, tt := range []struct{ ref, want string }{
		{"aws_vpc.mian.id", "reference to undeclared resource aws_vpc.mian (did you mean aws_vpc.main?)"},
		{"aws_vpc.shared.id", "reference to undeclared resource aws_vpc.shared; declare it in this module, or correct the name"},
	} {
		_, ds := run(t, map[string]string{"main.tf": `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id = ` + tt.ref + `
}
`}, Options{})
		if !hasDiag(ds, diag.Error, tt.want) {
			t.Errorf("%s: no error %q in %v", tt.ref, tt.want, ds)
		}
	}
}

// TestUndeclaredVariableOncePerRoot: a variable the module does not declare
// is reported once per module, at its first use, however many references
// and instances use it; with Terragrunt in sight (a terragrunt.hcl in the
// module's directory, above it, or elsewhere in the repository) it is a
// warning that says the value is unknown, without it an error.
func TestUndeclaredVariableOncePerRoot(t *testing.T) {
	const code = `
resource "aws_vpc" "v" {
  count      = 2
  cidr_block = var.cidr
  tags       = { Env = var.env, Name = "${var.env}-${count.index}" }
}
resource "aws_subnet" "s" {
  vpc_id     = aws_vpc.v[0].id
  cidr_block = var.cidr
}
`
	tests := []struct {
		name  string
		files map[string]string
		// root is the module directory below the tree; "" is the tree.
		root string
		sev  diag.Severity
		want []string // one diagnostic each, in order
	}{
		{
			name:  "plain Terraform",
			files: map[string]string{"main.tf": code},
			sev:   diag.Error,
			want: []string{
				`reference to undeclared input variable "cidr" (and 1 more reference); declare it with a variable block`,
				`reference to undeclared input variable "env" (and 1 more reference); declare it with a variable block`,
			},
		},
		{
			name:  "terragrunt.hcl beside the module",
			files: map[string]string{"main.tf": code, "terragrunt.hcl": "inputs = {}\n"},
			sev:   diag.Warning,
			want: []string{
				`reference to undeclared input variable "cidr" (and 1 more reference); ` + "a terragrunt.hcl is in the module's directory: Terragrunt may declare it (a generate block) and set it (inputs), but no Terragrunt unit that daslint reads runs this module (lint the unit to use it), so its value is unknown",
				`reference to undeclared input variable "env" (and 1 more reference); a terragrunt.hcl is in the module's directory`,
			},
		},
		{
			name:  "a terragrunt.hcl above the module",
			files: map[string]string{"live/prod/main.tf": code, "live/terragrunt.hcl": "inputs = {}\n"},
			root:  "live/prod",
			sev:   diag.Warning,
			want: []string{
				`reference to undeclared input variable "cidr" (and 1 more reference); ../terragrunt.hcl is present: Terragrunt may declare it`,
				`reference to undeclared input variable "env" (and 1 more reference); ../terragrunt.hcl is present`,
			},
		},
		{
			name:  "a Terragrunt unit elsewhere in the repository",
			files: map[string]string{"modules/vpc/main.tf": code, "live/prod/vpc/terragrunt.hcl": "terraform {\n  source = \"../../../modules//vpc\"\n}\n"},
			root:  "modules/vpc",
			sev:   diag.Warning,
			want: []string{
				`reference to undeclared input variable "cidr" (and 1 more reference); the repository uses Terragrunt (live/prod/vpc/terragrunt.hcl): Terragrunt may declare it`,
				`reference to undeclared input variable "env" (and 1 more reference); the repository uses Terragrunt`,
			},
		},
		{
			name: "values for undeclared variables",
			files: map[string]string{"main.tf": `variable "cidr" {}` + "\n",
				"terraform.tfvars": "cidr = \"10.0.0.0/16\"\nenv = \"prod\"\n", "b.auto.tfvars": "env = \"dev\"\n"},
			sev: diag.Warning,
			want: []string{
				`value for undeclared variable "env" (and 1 more value); it is not used: declare it with a variable block, or remove the value`,
			},
		},
		{
			name: "values for undeclared variables under Terragrunt",
			files: map[string]string{"main.tf": `variable "cidr" {}` + "\n", "terragrunt.hcl": "inputs = {}\n",
				"terraform.tfvars": "cidr = \"10.0.0.0/16\"\nenv = \"prod\"\n"},
			sev: diag.Warning,
			want: []string{
				`value for undeclared variable "env"; a terragrunt.hcl is in the module's directory: the module Terragrunt runs may declare it, but no Terragrunt unit that daslint reads runs this module (lint the unit to use it), so this value is not used`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := writeTree(t, tt.files)
			dir := filepath.Join(tree, filepath.FromSlash(tt.root))
			res, ds := Evaluate(dir, Options{Root: tree})
			var got []diag.Diagnostic
			for _, d := range ds {
				if strings.Contains(d.Message, "undeclared") {
					got = append(got, d)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("%d diagnostics about undeclared variables, want %d: %v", len(got), len(tt.want), ds)
			}
			for i, d := range got {
				want := tt.want[i]
				if d.Severity != tt.sev || !strings.Contains(d.Message, want) {
					t.Errorf("diagnostic %d: %s %q, want %s containing %q", i, d.Severity, d.Message, tt.sev, want)
				}
			}
			if !strings.HasPrefix(tt.name, "values") {
				// The value stays unknown, never a guess.
				if v := attr(t, res, "aws_subnet.s", "cidr_block"); v.IsKnown() {
					t.Errorf("cidr_block = %#v, want unknown", v)
				}
			}
		})
	}
}
