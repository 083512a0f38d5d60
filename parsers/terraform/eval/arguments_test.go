package eval

import (
	"strings"
	"testing"

	"github.com/daslint/daslint/diag"
)

// TestUndeclaredModuleArgument checks that a module call argument the
// called module declares no variable for is reported at the argument, and
// that no false report arises from meta-arguments, .tf.json modules,
// override files or modules with a file that was not read.
func TestUndeclaredModuleArgument(t *testing.T) {
	const mod = `variable "name" { type = string }
output "name" { value = var.name }
`
	tests := []struct {
		name  string
		files map[string]string
		want  []string // "<severity> <line>: <message substring>"
	}{
		{"typo in a local module is an error", map[string]string{
			"main.tf":     "module \"m\" {\n  source = \"./mod\"\n  name   = \"x\"\n  nme   = \"y\"\n}\n",
			"mod/main.tf": mod,
		}, []string{`error 4: module.m: the module at ./mod declares no variable "nme", so Terraform rejects the argument (Unsupported argument); did you mean "name"?`}},
		{"meta-arguments are no arguments", map[string]string{
			"main.tf": `provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
resource "null_resource" "x" {}
module "m" {
  source     = "./mod"
  count      = 1
  providers  = { aws = aws.west }
  depends_on = [null_resource.x]
  name       = "x"
}
module "n" {
  source   = "./mod"
  for_each = toset(["a"])
  name     = each.key
}
`,
			"mod/main.tf": mod,
		}, nil},
		{"a .tf.json module declares its variables", map[string]string{
			"main.tf":          "module \"m\" {\n  source = \"./mod\"\n  name   = \"x\"\n}\n",
			"mod/main.tf.json": `{"variable": {"name": {"type": "string"}}, "output": {"name": {"value": "${var.name}"}}}`,
		}, nil},
		{"a module call in .tf.json: comments are no arguments", map[string]string{
			"main.tf.json": `{"module": {"m": {"//": "the network", "source": "./mod", "name": "x", "nme": "y"}}}`,
			"mod/main.tf":  mod,
		}, []string{`error 1: module.m: the module at ./mod declares no variable "nme"`}},
		{"an override file is no declaration, and hides none", map[string]string{
			"main.tf":              "module \"m\" {\n  source = \"./mod\"\n  name   = \"x\"\n}\n",
			"mod/main.tf":          mod,
			"mod/main_override.tf": `variable "name" { default = "y" }`,
		}, nil},
		{"a module with a file that does not parse is not checked", map[string]string{
			"main.tf":       "module \"m\" {\n  source = \"./mod\"\n  name   = \"x\"\n  size   = 2\n}\n",
			"mod/main.tf":   mod,
			"mod/broken.tf": `variable "size" {`,
		}, []string{"error 1: "}}, // the syntax error only
		{"a vendored copy may be stale: a warning", map[string]string{
			"main.tf": "module \"m\" {\n  source  = \"acme/m/aws\"\n  version = \"2.0.0\"\n  name    = \"x\"\n  size    = 2\n}\n",
			".terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},
  {"Key":"m","Source":"registry.terraform.io/acme/m/aws","Dir":".terraform/modules/m"}]}`,
			".terraform/modules/m/main.tf": mod,
		}, []string{`warning 5: module.m: the vendored copy of acme/m/aws declares no variable "size"`}},
		{"a module that is not read is not checked", map[string]string{
			"main.tf": "module \"m\" {\n  source = \"acme/m/aws\"\n  size   = 2\n}\n",
		}, []string{"warning 1: module.m: source acme/m/aws is not vendored"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, tt.files)
			_, ds := Evaluate(dir, Options{})
			var got []diag.Diagnostic
			for _, d := range ds {
				if !strings.Contains(d.Message, "override files are not merged") {
					got = append(got, d)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("diagnostics %v, want %d: %q", got, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				sev, rest, _ := strings.Cut(w, " ")
				line, msg, _ := strings.Cut(rest, ": ")
				d := got[i]
				if string(d.Severity) != sev || line != itoa(d.Range.Line) || !strings.Contains(d.Message, msg) {
					t.Errorf("diagnostic %d = %s %d: %s, want %s", i, d.Severity, d.Range.Line, d.Message, w)
				}
			}
		})
	}
}
