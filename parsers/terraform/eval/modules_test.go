package eval

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

const vpcModule = `
variable "cidr" { type = string }
variable "azs" { default = ["a", "b"] }
resource "aws_vpc" "this" {
  count      = 1
  cidr_block = var.cidr
}
resource "aws_subnet" "private" {
  for_each   = toset(var.azs)
  vpc_id     = aws_vpc.this[0].id
  cidr_block = cidrsubnet(var.cidr, 8, index(var.azs, each.key))
}
output "vpc_id" { value = try(aws_vpc.this[0].id, null) }
output "subnet_ids" { value = [for s in aws_subnet.private : s.id] }
`

func TestLocalModules(t *testing.T) {
	res, ds := run(t, map[string]string{
		"main.tf": `
module "vpc" {
  source = "./modules/vpc"
  cidr   = "10.0.0.0/16"
}
module "many" {
  source   = "./modules/vpc"
  for_each = { x = "10.1.0.0/16" }
  cidr     = each.value
  azs      = ["c"]
}
module "counted" {
  source = "./modules/vpc"
  count  = 1
  cidr   = "10.2.0.0/16"
  azs    = []
}
resource "aws_db_subnet_group" "g" { subnet_ids = module.vpc.subnet_ids }
resource "null_resource" "r" {
  many    = module.many["x"].vpc_id
  counted = module.counted[0].vpc_id
}
`,
		"modules/vpc/main.tf": vpcModule,
	}, Options{})
	noErrors(t, ds)
	want := []string{
		"aws_db_subnet_group.g", "null_resource.r",
		`module.counted[0].aws_vpc.this[0]`,
		`module.many["x"].aws_vpc.this[0]`, `module.many["x"].aws_subnet.private["c"]`,
		"module.vpc.aws_vpc.this[0]", `module.vpc.aws_subnet.private["a"]`, `module.vpc.aws_subnet.private["b"]`,
	}
	if diff := cmp.Diff(want, addresses(res)); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
	ids := attr(t, res, "aws_db_subnet_group.g", "subnet_ids")
	if ids.LengthInt() != 2 || str(t, ids.Index(ctyNum(0))) != model.Token(`module.vpc.aws_subnet.private["a"]`) {
		t.Errorf("subnet_ids = %#v", ids)
	}
	if got := str(t, attr(t, res, `module.vpc.aws_subnet.private["b"]`, "cidr_block")); got != "10.0.1.0/24" {
		t.Errorf("cidr = %q", got)
	}
	if got := str(t, attr(t, res, "null_resource.r", "many")); got != model.Token(`module.many["x"].aws_vpc.this[0]`) {
		t.Errorf("many = %q", got)
	}
	if got := str(t, attr(t, res, "null_resource.r", "counted")); got != model.Token(`module.counted[0].aws_vpc.this[0]`) {
		t.Errorf("counted = %q", got)
	}
	sub := instance(t, res, `module.vpc.aws_subnet.private["a"]`)
	if len(sub.Callers) != 1 || sub.Callers[0].Start.Line != 2 {
		t.Errorf("callers = %v", sub.Callers)
	}
	if len(res.ModuleDirs) != 1 || filepath.Base(res.ModuleDirs[0]) != "vpc" {
		t.Errorf("ModuleDirs = %v", res.ModuleDirs)
	}
}

func TestVendoredAndMissingModules(t *testing.T) {
	res, ds := run(t, map[string]string{
		"main.tf": `
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"
  cidr    = "10.0.0.0/16"
}
module "db" {
  source = "terraform-aws-modules/rds-aurora/aws"
}
module "gone" {
  source = "./nowhere"
}
module "outside" {
  source = "../../etc"
}
resource "null_resource" "r" {
  vpc     = module.vpc.vpc_id
  db      = module.db.cluster_arn
  gone    = module.gone.x
  outside = module.outside.x
}
`,
		".terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},
  {"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Dir":".terraform/modules/vpc"}]}`,
		".terraform/modules/vpc/main.tf": vpcModule,
	}, Options{})
	if got := str(t, attr(t, res, "null_resource.r", "vpc")); got != model.Token("module.vpc.aws_vpc.this[0]") {
		t.Errorf("vendored output = %q", got)
	}
	tests := []struct {
		attr   string
		sev    diag.Severity
		reason string
	}{
		{"db", diag.Warning, "module.db: source terraform-aws-modules/rds-aurora/aws is not vendored; run terraform init -backend=false (no backend, no credentials) to download it"},
		{"gone", diag.Error, "does not exist"},
		{"outside", diag.Warning, "is outside the read boundary"},
	}
	for _, tt := range tests {
		v := attr(t, res, "null_resource.r", tt.attr)
		rs := Reasons(v)
		if v.IsKnown() || len(rs) != 1 || rs[0].Kind != model.FromModule {
			t.Errorf("%s = %#v, reasons %v", tt.attr, v, reasonTexts(v))
			continue
		}
		if !hasDiag(ds, tt.sev, tt.reason) || !contains(rs[0].Reason, tt.reason) {
			t.Errorf("%s: want %s %q; reason %q, diags %v", tt.attr, tt.sev, tt.reason, rs[0].Reason, ds)
		}
	}
}

func TestModuleSourcingItselfIsAnError(t *testing.T) {
	res, ds := run(t, map[string]string{
		"main.tf":         `module "a" { source = "./a" }`,
		"a/main.tf":       `module "b" { source = "./b" }`,
		"a/b/main.tf":     `module "back" { source = "../" }`,
		"a/b/resource.tf": `resource "aws_vpc" "v" {}`,
	}, Options{})
	if !hasDiag(ds, diag.Error, "the module sources itself") {
		t.Fatalf("want a self-sourcing error, got %v", ds)
	}
	if diff := cmp.Diff([]string{"module.a.module.b.aws_vpc.v"}, addresses(res)); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
}

func TestSymbolicModule(t *testing.T) {
	res, ds := run(t, map[string]string{
		"main.tf": `
variable "create" { type = bool }
module "vpc" {
  source = "./vpc"
  count  = var.create ? 1 : 0
  cidr   = "10.0.0.0/16"
}
resource "null_resource" "r" { v = module.vpc[0].vpc_id }
`,
		"vpc/main.tf": vpcModule,
	}, Options{})
	noErrors(t, ds)
	inst := instance(t, res, "module.vpc[?].aws_vpc.this[0]")
	if inst.Maybe == nil || !contains(inst.Maybe.Reason, `variable "create" has no value`) {
		t.Errorf("Maybe = %+v", inst.Maybe)
	}
	if v := attr(t, res, "null_resource.r", "v"); v.IsKnown() || len(Reasons(v)) == 0 {
		t.Errorf("output of a symbolic module = %#v", v)
	}
}

// An object passed into a module is read there: attributes the child reads
// from it must exist (unknown when computed), never be an error.
func TestObjectPassedIntoModule(t *testing.T) {
	res, ds := run(t, map[string]string{
		"main.tf": `
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
module "m" {
  source = "./m"
  vpc    = aws_vpc.v
}
`,
		"m/main.tf": `
variable "vpc" {}
resource "null_resource" "r" {
  id    = var.vpc.id
  cidr  = var.vpc.cidr_block
  owner = var.vpc.owner_id
}
`,
	}, Options{})
	noErrors(t, ds)
	if got := str(t, attr(t, res, "module.m.null_resource.r", "cidr")); got != "10.0.0.0/16" {
		t.Errorf("cidr = %q", got)
	}
	if v := attr(t, res, "module.m.null_resource.r", "owner"); v.IsKnown() || len(Reasons(v)) != 1 {
		t.Errorf("owner = %#v", v)
	}
}

// One expression that reads several outputs of one module (as
// terraform-aws-modules' examples do: flatten([module.vpc.a, module.vpc.b]))
// sees every one of them, whatever order the references come in.
func TestModuleSeveralOutputsInOneExpression(t *testing.T) {
	res, ds := run(t, map[string]string{
		"main.tf": `
module "vpc" { source = "./vpc" }
resource "null_resource" "r" {
  ids   = flatten([module.vpc.a, module.vpc.b, module.vpc.c])
  whole = length(keys(module.vpc)) + length(module.vpc.a)
}
`,
		"vpc/main.tf": `
output "a" { value = ["x"] }
output "b" { value = ["y", "z"] }
output "c" { value = [] }
`,
	}, Options{})
	noErrors(t, ds)
	ids := attr(t, res, "null_resource.r", "ids")
	var got []string
	for _, v := range ids.AsValueSlice() {
		got = append(got, str(t, v))
	}
	if diff := cmp.Diff([]string{"x", "y", "z"}, got); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if n := attr(t, res, "null_resource.r", "whole"); !n.RawEquals(ctyNum(4)) {
		t.Errorf("whole = %#v, want 4 (three outputs + one element)", n)
	}
}
