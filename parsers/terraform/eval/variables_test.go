package eval

import (
	"path/filepath"
	"testing"

	"github.com/daslint/daslint/diag"
)

// TestVariablePrecedence walks the precedence chain one source at a time:
// each case adds a source that must override all the earlier ones.
func TestVariablePrecedence(t *testing.T) {
	base := map[string]string{"main.tf": `
variable "v" {
  type    = string
  default = "default"
}
resource "null_resource" "r" { v = var.v }
`}
	tests := []struct {
		name  string
		files map[string]string
		opts  func(dir string) Options
		want  string
	}{
		{"default", nil, nil, "default"},
		{"terraform.tfvars", map[string]string{"terraform.tfvars": `v = "tfvars"`}, nil, "tfvars"},
		{"terraform.tfvars.json", map[string]string{
			"terraform.tfvars": `v = "tfvars"`, "terraform.tfvars.json": `{"v": "tfvars.json"}`,
		}, nil, "tfvars.json"},
		{"auto.tfvars in lexical order", map[string]string{
			"terraform.tfvars.json": `{"v": "tfvars.json"}`,
			"a.auto.tfvars":         `v = "a.auto"`,
			"b.auto.tfvars.json":    `{"v": "b.auto.json"}`,
		}, nil, "b.auto.json"},
		{"var-file in order", map[string]string{
			"z.auto.tfvars": `v = "auto"`, "one.tfvars": `v = "one"`, "two.tfvars": `v = "two"`,
		}, func(dir string) Options {
			return Options{VarFiles: []string{filepath.Join(dir, "one.tfvars"), filepath.Join(dir, "two.tfvars")}}
		}, "two"},
		{"--var wins, last one", map[string]string{"one.tfvars": `v = "one"`}, func(dir string) Options {
			return Options{VarFiles: []string{filepath.Join(dir, "one.tfvars")}, Vars: []string{"v=flag1", "v=flag2"}}
		}, "flag2"},
		{"--var string taken literally", nil, func(string) Options {
			return Options{Vars: []string{`v=["not", "a list"]`}}
		}, `["not", "a list"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range base {
				files[k] = v
			}
			for k, v := range tt.files {
				files[k] = v
			}
			dir := writeTree(t, files)
			var opts Options
			if tt.opts != nil {
				opts = tt.opts(dir)
			}
			res, ds := Evaluate(dir, opts)
			noErrors(t, ds)
			if got := str(t, attr(t, res, "null_resource.r", "v")); got != tt.want {
				t.Errorf("var.v = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestVariableTypesAndDefaults(t *testing.T) {
	res, ds := run(t, map[string]string{
		"main.tf": `
variable "subnets" {
  type = map(object({
    cidr   = string
    public = optional(bool, false)
    az     = optional(string)
  }))
}
variable "ports" { type = list(number) }
variable "count_str" { type = number }
variable "missing" { type = list(string) }
resource "null_resource" "r" {
  public_a = var.subnets["a"].public
  public_b = var.subnets["b"].public
  az_a     = var.subnets["a"].az
  ports    = var.ports
  n        = var.count_str + 1
  missing  = var.missing
}
`,
		"terraform.tfvars": `
subnets = { a = { cidr = "10.0.0.0/24" }, b = { cidr = "10.0.1.0/24", public = true } }
count_str = "2"
`,
	}, Options{Vars: []string{`ports=[443, "80"]`}})
	noErrors(t, ds)
	r := instance(t, res, "null_resource.r").Body
	if v := r.Attr("public_a").Value; !v.RawEquals(ctyBool(false)) {
		t.Errorf("optional(bool, false) default not applied: %#v", v)
	}
	if v := r.Attr("public_b").Value; !v.RawEquals(ctyBool(true)) {
		t.Errorf("public_b = %#v", v)
	}
	if v := r.Attr("az_a").Value; !v.IsNull() {
		t.Errorf("optional(string) should be null, got %#v", v)
	}
	if v := r.Attr("ports").Value; v.LengthInt() != 2 || !v.Index(ctyNum(1)).RawEquals(ctyNum(80)) {
		t.Errorf("--var list(number) parsed as HCL and converted: %#v", v)
	}
	if v := r.Attr("n").Value; !v.RawEquals(ctyNum(3)) {
		t.Errorf("number from string: %#v", v)
	}
	missing := r.Attr("missing").Value
	if missing.IsKnown() {
		t.Fatalf("variable without value must be unknown, got %#v", missing)
	}
	if !missing.Type().Equals(ctyListString) {
		t.Errorf("unknown variable keeps its type, got %#v", missing.Type())
	}
	rs := Reasons(missing)
	if len(rs) != 1 || rs[0].Reason != `variable "missing" has no value` || rs[0].Kind != "variable" || rs[0].Range.Line != 11 {
		t.Errorf("reasons = %+v", rs)
	}
}

func TestVariableErrors(t *testing.T) {
	_, ds := run(t, map[string]string{
		"main.tf":          `variable "n" { type = number }`,
		"terraform.tfvars": `n = "not a number"`,
	}, Options{Vars: []string{"nope", "undeclared=1"}})
	if !hasDiag(ds, diag.Error, `invalid value for variable "n"`) {
		t.Errorf("want an error for the bad value; got %v", ds)
	}
	if !hasDiag(ds, diag.Error, "expected NAME=VALUE") {
		t.Errorf("want an error for a --var without =; got %v", ds)
	}
	if !hasDiag(ds, diag.Warning, `undeclared variable "undeclared"`) {
		t.Errorf("want a warning for an undeclared --var; got %v", ds)
	}
}
