package eval

import (
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// TestLengthOfStructuralValues: Terraform's length counts an object's
// attributes and a tuple's elements; cty's refuses objects. A `type = any`
// variable whose default is {} is an empty object.
func TestLengthOfStructuralValues(t *testing.T) {
	tests := []struct {
		expr string
		want int64
	}{
		{`length({})`, 0},
		{`length({ a = 1, b = "x" })`, 2},
		{`length(var.any_empty)`, 0},
		{`length(var.any_object)`, 2},
		{`length(["a", 1, true])`, 3},
		{`length(tomap({ a = "1" }))`, 1},
		{`length(toset(["a", "a"]))`, 1},
		{`length("héllo")`, 5},
		{`length(keys(var.any_object))`, 2},
		{`length(values(var.any_object))`, 2},
		{`length(merge(var.any_empty, { c = 1 }))`, 1},
		{`lookup(var.any_empty, "a", 7)`, 7},
		{`length(var.any_empty) > 0 ? 1 : 0`, 0},
	}
	src := `
variable "any_empty" {
  type    = any
  default = {}
}
variable "any_object" {
  type    = any
  default = { a = 1, b = "x" }
}
resource "null_resource" "r" {
`
	for i, tt := range tests {
		src += "  f" + itoa(i) + " = " + tt.expr + "\n"
	}
	src += "}\n"
	res, ds := run(t, map[string]string{"main.tf": src}, Options{})
	noErrors(t, ds)
	for i, tt := range tests {
		got, _ := attr(t, res, "null_resource.r", "f"+itoa(i)).UnmarkDeep()
		if !equalKnown(got, cty.NumberIntVal(tt.want)) {
			t.Errorf("%s = %#v, want %d", tt.expr, got, tt.want)
		}
	}
}

// TestLengthStillRefusesWhatTerraformRefuses: a number has no length, and
// an unknown collection's length is unknown, not 0.
func TestLengthStillRefusesWhatTerraformRefuses(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
variable "unset" { type = list(string) }
resource "null_resource" "r" {
  bad     = length(5)
  unknown = length(var.unset)
}
`}, Options{})
	if !hasDiag(ds, diag.Error, "argument must be a string, a collection or a structural value") {
		t.Errorf("want an error for length(5), got %v", ds)
	}
	if v := attr(t, res, "null_resource.r", "unknown"); v.IsKnown() {
		t.Errorf("length of an unknown list = %#v, want unknown", v)
	}
}

// TestResourcePrefix: `resource.TYPE.NAME` is Terraform's explicit
// spelling of `TYPE.NAME`, in expressions and in depends_on.
func TestResourcePrefix(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
data "aws_region" "here" {}
resource "aws_subnet" "a" {
  vpc_id     = resource.aws_vpc.main.id
  cidr_block = cidrsubnet(resource.aws_vpc.main.cidr_block, 8, 1)
  tags       = { both = "${aws_vpc.main.id}/${resource.aws_vpc.main.id}", region = data.aws_region.here.id }
  depends_on = [resource.aws_vpc.main]
}
`}, Options{Region: "eu-west-1"})
	noErrors(t, ds)
	if got := str(t, attr(t, res, "aws_subnet.a", "vpc_id")); got != tok("aws_vpc.main") {
		t.Errorf("vpc_id = %q, want the VPC's token", got)
	}
	if got := str(t, attr(t, res, "aws_subnet.a", "cidr_block")); got != "10.0.1.0/24" {
		t.Errorf("cidr_block = %q", got)
	}
	tags, _ := attr(t, res, "aws_subnet.a", "tags").UnmarkDeep()
	if got := tags.GetAttr("both").AsString(); got != tok("aws_vpc.main")+"/"+tok("aws_vpc.main") {
		t.Errorf("both = %q", got)
	}
	if got := tags.GetAttr("region").AsString(); got != "eu-west-1" {
		t.Errorf("region = %q", got)
	}
}

// TestUndeclaredResourceMessageClaimsNothingUnknowable: daslint may not read
// every file Terraform does, so the message says what to do, not that
// terraform plan fails.
func TestUndeclaredResourceMessageClaimsNothingUnknowable(t *testing.T) {
	_, ds := run(t, map[string]string{"main.tf": `
resource "aws_subnet" "a" {
  vpc_id = resource.aws_vpc.shared.id
}
`}, Options{})
	if !hasDiag(ds, diag.Error, "reference to undeclared resource aws_vpc.shared; declare it") {
		t.Errorf("want the undeclared error without the prefix, got %v", ds)
	}
	for _, d := range ds {
		if strings.Contains(d.Message, "plan") {
			t.Errorf("message claims what terraform plan does: %s", d)
		}
	}
}

// TestSymbolicInstanceErrorsAreUnknown: a symbolic instance stands for
// instances that may not exist (Terraform evaluates none when the for_each
// is empty), so a value error in its body is an unknown with the reason,
// not an input error; a static mistake is still an error.
func TestSymbolicInstanceErrorsAreUnknown(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
variable "create" {
  type    = bool
  default = false
}
variable "clusters" { type = map(string) }
resource "aws_eks_cluster" "this" {
  count    = var.create ? 1 : 0
  name     = "eks"
  role_arn = "arn:aws:iam::123456789012:role/eks"
}
resource "aws_security_group" "node" {
  for_each    = var.clusters
  name        = aws_eks_cluster.this[0].name
  description = each.value
  vpc_id      = "vpc-1"
}
resource "aws_security_group" "plain" {
  count  = var.create ? 0 : 1
  name   = "plain"
  vpc_id = try(aws_eks_cluster.this[0].vpc_config[0].vpc_id, "vpc-2")
}
`}, Options{})
	noErrors(t, ds)
	v := attr(t, res, `aws_security_group.node[?]`, "name")
	if v.IsKnown() {
		t.Fatalf("name = %#v, want unknown", v)
	}
	got := reasonTexts(v)
	if len(got) != 1 || !strings.Contains(got[0], "Invalid index, in a block that may not exist") || !strings.Contains(got[0], "for_each depends on") {
		t.Errorf("reasons = %v", got)
	}
	if got := str(t, attr(t, res, "aws_security_group.plain[0]", "vpc_id")); got != "vpc-2" {
		t.Errorf("vpc_id = %q", got)
	}

	// Outside a symbolic instance the same mistake is an input error.
	_, ds = run(t, map[string]string{"main.tf": `
resource "aws_eks_cluster" "this" {
  count    = 0
  name     = "eks"
  role_arn = "arn:aws:iam::123456789012:role/eks"
}
resource "aws_security_group" "node" {
  name = aws_eks_cluster.this[0].name
}
`}, Options{})
	if !hasDiag(ds, diag.Error, "Invalid index") {
		t.Errorf("want an Invalid index error outside a symbolic instance, got %v", ds)
	}
}

// TestSymbolicModuleInstanceErrorsAreUnknown: the same holds in the body of
// a module instance that may not exist.
func TestSymbolicModuleInstanceErrorsAreUnknown(t *testing.T) {
	res, ds := run(t, map[string]string{
		"main.tf": `
variable "zones" { type = set(string) }
module "zone" {
  source   = "./zone"
  for_each = var.zones
  name     = each.key
}
`,
		"zone/main.tf": `
variable "name" { type = string }
locals {
  none = []
}
resource "aws_subnet" "s" {
  vpc_id     = "vpc-1"
  cidr_block = local.none[0]
}
`}, Options{})
	noErrors(t, ds)
	if v := attr(t, res, `module.zone[?].aws_subnet.s`, "cidr_block"); v.IsKnown() {
		t.Errorf("cidr_block = %#v, want unknown", v)
	}
}

// TestProviderFromRemoteState: data "terraform_remote_state" belongs to the
// built-in terraform provider, so configuring provider "aws" from its
// outputs is no cycle; other providers' resources have no AWS region.
func TestProviderFromRemoteState(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
data "terraform_remote_state" "net" {
  backend = "local"
  config  = { path = "../net/terraform.tfstate" }
}
provider "aws" {
  region = data.terraform_remote_state.net.outputs.region
}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "random_id" "x" {
  byte_length = 4
}
`}, Options{})
	noErrors(t, ds)
	if got := instance(t, res, "aws_vpc.main").Region; got.IsKnown() || len(Reasons(got)) == 0 {
		t.Errorf("aws_vpc region = %#v, want unknown with the remote state's reason", got)
	}
	for _, addr := range []string{"data.terraform_remote_state.net", "random_id.x"} {
		if got := instance(t, res, addr).Region; !got.IsNull() {
			t.Errorf("%s region = %#v, want null (not an AWS resource)", addr, got)
		}
	}
}

// TestRegionOfProviders: the provider a resource belongs to is its
// provider argument, else the first word of its type.
func TestRegionOfProviders(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias  = "us"
  region = "us-east-1"
}
resource "aws_vpc" "a" {}
resource "aws_vpc" "b" {
  provider = aws.us
}
resource "google_compute_network" "g" {
  region = "europe-west1"
}
`}, Options{})
	noErrors(t, ds)
	for addr, want := range map[string]string{"aws_vpc.a": "eu-west-1", "aws_vpc.b": "us-east-1"} {
		if got := str(t, instance(t, res, addr).Region); got != want {
			t.Errorf("%s region = %q, want %q", addr, got, want)
		}
	}
	if got := instance(t, res, "google_compute_network.g").Region; !got.IsNull() {
		t.Errorf("a google resource's region = %#v, want null", got)
	}
}

// TestForIteratorReadsResourceAttributes: an attribute read through a for
// expression's variable or a dynamic block's iterator is known to the
// resource objects, as through a splat; computed ones are unknown.
func TestForIteratorReadsResourceAttributes(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
resource "aws_nat_gateway" "this" {
  count         = 2
  allocation_id = "eipalloc-${count.index}"
  subnet_id     = "subnet-1"
}
resource "aws_security_group" "g" {
  vpc_id = "vpc-1"
  dynamic "egress" {
    for_each = aws_nat_gateway.this
    iterator = nat
    content {
      from_port   = 443
      to_port     = 443
      protocol    = "tcp"
      cidr_blocks = ["${nat.value.private_ip}/32"]
    }
  }
}
resource "null_resource" "r" {
  for_ips   = [for n in aws_nat_gateway.this : n.public_ip]
  for_kv    = { for i, n in aws_nat_gateway.this : i => n.allocation_id }
  splat_ips = aws_nat_gateway.this[*].public_ip
}
`}, Options{})
	noErrors(t, ds)
	for _, a := range []string{"for_ips", "splat_ips"} {
		v := attr(t, res, "null_resource.r", a)
		if v.IsWhollyKnown() || !v.IsKnown() || v.LengthInt() != 2 {
			t.Errorf("%s = %#v, want two unknown addresses", a, v)
			continue
		}
		if got := reasonTexts(v); len(got) != 2 || !strings.Contains(got[0], "public_ip is known only after apply") {
			t.Errorf("%s reasons = %v", a, got)
		}
	}
	kv, _ := attr(t, res, "null_resource.r", "for_kv").UnmarkDeep()
	if got := kv.GetAttr("1").AsString(); got != "eipalloc-1" {
		t.Errorf("for_kv[1] = %q", got)
	}
}

// TestNullDefaultVariableIsUnknown: a root variable whose default is null
// and that the code needs a value of is given at deploy time: an unknown
// with one warning per variable, not an input error. One with no default
// and no value is unknown, as before, without a warning.
func TestNullDefaultVariableIsUnknown(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
variable "vpc_cidr" {
  type    = string
  default = null
}
variable "subnets" {
  type    = list(string)
  default = null
}
variable "nodefault" { type = string }
variable "kms_key_id" {
  type    = string
  default = null
}
locals {
  cidr = var.vpc_cidr
}
resource "aws_subnet" "a" {
  vpc_id     = "vpc-1"
  cidr_block = cidrsubnet(local.cidr, 8, 1)
}
resource "aws_subnet" "b" {
  vpc_id     = "vpc-1"
  cidr_block = cidrsubnet(var.vpc_cidr, 8, 2)
  tags       = { n = length(var.subnets) }
}
resource "aws_subnet" "d" {
  vpc_id     = "vpc-1"
  cidr_block = "10.0.9.0/24"
  tags       = { m = var.nodefault, k = var.kms_key_id == null ? "none" : "some" }
}
module "child" {
  source = "./child"
  cidr   = var.vpc_cidr
}
`,
		"child/main.tf": `
variable "cidr" { type = string }
resource "aws_subnet" "c" {
  vpc_id     = "vpc-1"
  cidr_block = cidrsubnet(var.cidr, 8, 3)
}
`}, Options{})
	noErrors(t, ds)
	warned := map[string]int{}
	for _, d := range ds {
		if d.Severity == diag.Warning && strings.Contains(d.Message, "defaults to null") {
			warned[strings.SplitN(d.Message, `"`, 3)[1]]++
			if d.Range.Line == 0 {
				t.Errorf("warning without a position: %s", d)
			}
		}
	}
	if warned["vpc_cidr"] != 1 || warned["subnets"] != 1 || len(warned) != 2 {
		t.Errorf("warnings per variable = %v, want one for vpc_cidr and subnets", warned)
	}
	for _, at := range []struct{ addr, name string }{{"aws_subnet.a", "cidr_block"}, {"aws_subnet.b", "cidr_block"}, {"module.child.aws_subnet.c", "cidr_block"}} {
		v := attr(t, res, at.addr, at.name)
		if v.IsKnown() {
			t.Errorf("%s.%s = %#v, want unknown", at.addr, at.name, v)
			continue
		}
		if u := Reasons(v); len(u) == 0 || u[0].Kind != model.FromVariable || !strings.Contains(u[0].Reason, `variable "vpc_cidr" defaults to null`) {
			t.Errorf("%s.%s reasons = %v", at.addr, at.name, reasonTexts(v))
		}
	}
	tags, _ := attr(t, res, "aws_subnet.d", "tags").Unmark()
	if v, _ := tags.GetAttr("k").Unmark(); !v.RawEquals(cty.StringVal("none")) {
		t.Errorf("a null default still compares as null: k = %#v", v)
	}
	if got := reasonTexts(tags.GetAttr("m")); len(got) != 1 || !strings.Contains(got[0], `variable "nodefault" has no value`) {
		t.Errorf("m reasons = %v", got)
	}
}

// TestNullGivenExplicitlyIsStillAnError: a null the user gives (tfvars) is
// theirs: the failure is an input error, as in Terraform's plan.
func TestNullGivenExplicitlyIsStillAnError(t *testing.T) {
	_, ds := run(t, map[string]string{
		"main.tf": `
variable "vpc_cidr" {
  type    = string
  default = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id     = "vpc-1"
  cidr_block = cidrsubnet(var.vpc_cidr, 8, 1)
}
`,
		"terraform.tfvars": "vpc_cidr = null\n",
	}, Options{})
	if !hasDiag(ds, diag.Error, "Invalid function argument") {
		t.Errorf("want an error, got %v", ds)
	}
}

// TestUnreadableFilesAreUnknown: file functions on a missing file or one
// outside the read boundary give an unknown with a warning per call, and
// read nothing outside.
func TestUnreadableFilesAreUnknown(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
resource "aws_vpc_endpoint" "kms" {
  count        = 2
  vpc_id       = "vpc-1"
  service_name = "com.amazonaws.eu-west-1.kms"
  policy       = file("${path.module}/policies/missing.json")
}
resource "null_resource" "r" {
  tpl = templatefile("../outside.tpl", {})
  set = fileset("/", "*")
  ok  = file("present.txt")
  key = file("~/.ssh/id_rsa.pub")
}
`, "present.txt": "here", "~/.ssh/id_rsa.pub": "not this one"}, Options{})
	noErrors(t, ds)
	warnings := 0
	for _, d := range ds {
		if d.Severity == diag.Warning && (strings.Contains(d.Message, "no file exists") || strings.Contains(d.Message, "outside") || strings.Contains(d.Message, "home directory")) {
			warnings++
		}
	}
	if warnings != 4 {
		t.Errorf("want one warning per call (4), got %v", ds)
	}
	for _, at := range []struct{ addr, name, reason string }{
		{"aws_vpc_endpoint.kms[0]", "policy", "file(): no file exists at ./policies/missing.json"},
		{"aws_vpc_endpoint.kms[1]", "policy", "file(): no file exists at ./policies/missing.json"},
		{"null_resource.r", "tpl", "templatefile(): "},
		{"null_resource.r", "set", "fileset(): "},
		{"null_resource.r", "key", "file(): ~/.ssh/id_rsa.pub is in the home directory"},
	} {
		v := attr(t, res, at.addr, at.name)
		if v.IsKnown() {
			t.Errorf("%s.%s = %#v, want unknown", at.addr, at.name, v)
			continue
		}
		if u := Reasons(v); len(u) != 1 || u[0].Kind != model.FromInput || !strings.HasPrefix(u[0].Reason, at.reason) {
			t.Errorf("%s.%s reasons = %v", at.addr, at.name, reasonTexts(v))
		}
	}
	if got := str(t, attr(t, res, "null_resource.r", "ok")); got != "here" {
		t.Errorf("ok = %q", got)
	}
}

// TestCollectionFunctionsOnStructuralValues: the collection functions
// accept objects and tuples as Terraform's do (checked alongside length).
func TestCollectionFunctionsOnStructuralValues(t *testing.T) {
	tests := []struct {
		expr string
		want cty.Value
	}{
		{`join(",", keys(var.any_object))`, cty.StringVal("a,b")},
		{`values(var.any_object)[1]`, cty.StringVal("x")},
		{`length(keys(var.any_empty)) + length(values(var.any_empty))`, cty.NumberIntVal(0)},
		{`lookup(var.any_object, "b", "d")`, cty.StringVal("x")},
		{`lookup({ a = { b = 1 } }, "a", {}).b`, cty.NumberIntVal(1)},
		{`merge(var.any_empty, { c = 1 }, var.any_object).c`, cty.NumberIntVal(1)},
		{`contains([{ a = 1 }, { a = 2 }], { a = 2 })`, cty.True},
		{`contains(["a", 1], 1)`, cty.True},
		{`element([{ a = 1 }, "x"], 1)`, cty.StringVal("x")},
		{`index([{ a = 1 }], { a = 1 })`, cty.NumberIntVal(0)},
		{`one([{ a = 1 }]).a`, cty.NumberIntVal(1)},
		{`length(flatten([{ a = 1 }, [{ b = 2 }]]))`, cty.NumberIntVal(2)},
		{`length(concat([{ a = 1 }], ["x"]))`, cty.NumberIntVal(2)},
		{`slice([{ a = 1 }, "x"], 1, 2)[0]`, cty.StringVal("x")},
		{`zipmap(["k"], [{ x = 1 }]).k.x`, cty.NumberIntVal(1)},
	}
	src := `
variable "any_empty" {
  type    = any
  default = {}
}
variable "any_object" {
  type    = any
  default = { a = 1, b = "x" }
}
resource "null_resource" "r" {
`
	for i, tt := range tests {
		src += "  f" + itoa(i) + " = " + tt.expr + "\n"
	}
	src += "}\n"
	res, ds := run(t, map[string]string{"main.tf": src}, Options{})
	noErrors(t, ds)
	for i, tt := range tests {
		got, _ := attr(t, res, "null_resource.r", "f"+itoa(i)).UnmarkDeep()
		if !got.RawEquals(tt.want) && !equalKnown(got, tt.want) {
			t.Errorf("%s = %#v, want %#v", tt.expr, got, tt.want)
		}
	}
}

// TestNullDefaultCountAndForEach: a count or for_each that is null because
// of a root variable's null default is unknown (a symbolic instance), with
// the variable's warning, not an input error.
func TestNullDefaultCountAndForEach(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
variable "subnets" {
  type    = map(string)
  default = null
}
variable "nat_count" {
  type    = number
  default = null
}
resource "aws_subnet" "s" {
  for_each   = var.subnets
  vpc_id     = "vpc-1"
  cidr_block = each.value
}
resource "aws_nat_gateway" "n" {
  count     = var.nat_count
  subnet_id = "subnet-1"
}
`}, Options{})
	noErrors(t, ds)
	for _, v := range []string{"subnets", "nat_count"} {
		if !hasDiag(ds, diag.Warning, `variable "`+v+`" defaults to null`) {
			t.Errorf("no warning for %s: %v", v, ds)
		}
	}
	for _, addr := range []string{"aws_subnet.s[?]", "aws_nat_gateway.n[?]"} {
		if in := instance(t, res, addr); in.Maybe == nil || in.Maybe.Kind != model.FromCondition || !strings.Contains(in.Maybe.Reason, "defaults to null") {
			t.Errorf("%s: Maybe = %+v", addr, in.Maybe)
		}
	}
}

// TestPlaceholderDefaultIsUnknown: a root variable left at an empty default
// that the code cannot use (a module's directory linted as a root, whose
// callers give it a name: `coalesce(var.name, var.type)` over two empty
// strings) makes an unknown and one warning per variable, not an input
// error; given a value, the expression evaluates. A value error that no
// empty default explains stays an error, as terraform plan reports it: a
// default that holds values (a rule name missing from a map), a module
// call's literal argument.
func TestPlaceholderDefaultIsUnknown(t *testing.T) {
	files := map[string]string{
		"main.tf": `
variable "name" {
  type    = string
  default = ""
}
variable "type" {
  type    = string
  default = ""
}
resource "aws_security_group" "a" {
  name = try(coalesce(var.name, lower(var.type)))
}
`,
	}
	res, ds := run(t, files, Options{})
	noErrors(t, ds)
	warned := map[string]bool{}
	for _, d := range ds {
		if d.Severity == diag.Warning && strings.Contains(d.Message, `defaults to ""`) {
			warned[strings.SplitN(d.Message, `"`, 3)[1]] = true
		}
	}
	if !warned["name"] || !warned["type"] || len(warned) != 2 {
		t.Errorf("warned about %v, want name and type", warned)
	}
	v := attr(t, res, "aws_security_group.a", "name")
	if u := Reasons(v); v.IsKnown() || len(u) == 0 || u[0].Kind != model.FromVariable || !strings.Contains(u[0].Reason, `defaults to ""`) {
		t.Errorf("name = %#v, reasons %v; want unknown, the variables' value at deploy time", v, reasonTexts(v))
	}

	res, ds = run(t, files, Options{Vars: []string{"name=db"}})
	noErrors(t, ds)
	if got := str(t, attr(t, res, "aws_security_group.a", "name")); got != "db" {
		t.Errorf("with --var name=db: name = %q", got)
	}

	for name, text := range map[string]string{
		"a default that holds values": `
variable "rules" {
  type    = list(string)
  default = ["https", "smtps"]
}
resource "aws_security_group" "b" {
  name = { https = "443" }[var.rules[1]]
}
`,
		"an empty default beside one that holds values": `
variable "extra_rules" {
  type    = list(string)
  default = []
}
variable "rules" {
  type    = list(string)
  default = ["https", "smtps"]
}
resource "aws_security_group" "b" {
  name = { https = "443" }[concat(var.extra_rules, var.rules)[1]]
}
`,
		"a literal module argument": `
module "m" {
  source = "./m"
  names  = []
}
`,
	} {
		files := map[string]string{"main.tf": text, "m/main.tf": `
variable "names" { type = list(string) }
resource "aws_security_group" "b" {
  name = coalescelist(var.names)[0]
}
`}
		_, ds := run(t, files, Options{})
		if !ds.HasErrors() || hasDiag(ds, diag.Warning, "defaults to") {
			t.Errorf("%s: diagnostics %v, want the error, no warning", name, ds)
		}
	}
}

// TestIsEmptyDefault lists the defaults that stand for no value.
func TestIsEmptyDefault(t *testing.T) {
	for _, c := range []struct {
		v    cty.Value
		want bool
	}{
		{cty.NullVal(cty.String), true},
		{cty.StringVal(""), true},
		{cty.ListValEmpty(cty.String), true},
		{cty.EmptyTupleVal, true},
		{cty.EmptyObjectVal, true},
		{cty.MapValEmpty(cty.Number), true},
		{cty.StringVal("x"), false},
		{cty.Zero, false},
		{cty.False, false},
		{cty.TupleVal([]cty.Value{cty.StringVal("")}), false},
		{cty.UnknownVal(cty.String), false},
	} {
		if got := isEmptyDefault(c.v); got != c.want {
			t.Errorf("isEmptyDefault(%#v) = %v, want %v", c.v, got, c.want)
		}
	}
}
