package eval

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/model"
)

// A module written the way terraform-aws-modules writes them: create flags
// as count = local.create ? 1 : 0, try(aws_x.this[0].id, null), maps of
// objects with try(each.value.x, null), zones sliced from a data source.
const tamModule = `
variable "create_vpc" { default = true }
variable "cidr" { default = "10.0.0.0/16" }
variable "database_subnets" { default = ["10.0.21.0/24", "10.0.22.0/24"] }
variable "endpoints" {
  type    = any
  default = {}
}
data "aws_availability_zones" "available" {}
locals {
  create = var.create_vpc
  azs    = slice(data.aws_availability_zones.available.names, 0, 3)
  vpc_id = try(aws_vpc.this[0].id, null)
}
resource "aws_vpc" "this" {
  count                = local.create ? 1 : 0
  cidr_block           = var.cidr
  enable_dns_hostnames = true
}
resource "aws_subnet" "database" {
  count             = local.create && length(var.database_subnets) > 0 ? length(var.database_subnets) : 0
  vpc_id            = local.vpc_id
  cidr_block        = element(concat(var.database_subnets, [""]), count.index)
  availability_zone = length(regexall("^[a-z]{2}-", element(local.azs, count.index))) > 0 ? element(local.azs, count.index) : null
}
resource "aws_db_subnet_group" "database" {
  count      = local.create ? 1 : 0
  name       = lower("db")
  subnet_ids = aws_subnet.database[*].id
}
resource "aws_vpc_endpoint" "this" {
  for_each            = { for k, v in var.endpoints : k => v if try(v.create, true) }
  vpc_id              = local.vpc_id
  service_name        = try(each.value.service_name, "com.amazonaws.eu-west-1.${each.value.service}")
  vpc_endpoint_type   = try(each.value.service_type, "Interface")
  private_dns_enabled = try(each.value.private_dns_enabled, null)
  subnet_ids          = try(each.value.subnet_ids, [])
}
output "vpc_id" { value = try(aws_vpc.this[0].id, null) }
output "database_subnets" { value = aws_subnet.database[*].id }
output "database_subnet_group_name" { value = try(aws_db_subnet_group.database[0].name, null) }
`

func TestTerraformAWSModulesStyle(t *testing.T) {
	res, ds := run(t, map[string]string{
		"main.tf": `
module "vpc" {
  source = "./vpc"
  endpoints = {
    kms = { service = "kms", private_dns_enabled = true, subnet_ids = module.vpc.database_subnets }
    s3  = { service = "s3", service_type = "Gateway", create = false }
  }
}
module "off" {
  source     = "./vpc"
  create_vpc = false
}
resource "aws_rds_cluster" "db" { db_subnet_group_name = module.vpc.database_subnet_group_name }
resource "null_resource" "off" { vpc = module.off.vpc_id }
`,
		"vpc/main.tf": tamModule,
	}, Options{})
	noErrors(t, ds)
	want := []string{
		"aws_rds_cluster.db", "null_resource.off",
		"module.off.data.aws_availability_zones.available",
		"module.vpc.data.aws_availability_zones.available",
		"module.vpc.aws_vpc.this[0]",
		"module.vpc.aws_subnet.database[0]", "module.vpc.aws_subnet.database[1]",
		"module.vpc.aws_db_subnet_group.database[0]",
		`module.vpc.aws_vpc_endpoint.this["kms"]`,
	}
	if diff := cmp.Diff(want, addresses(res)); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
	sub := instance(t, res, "module.vpc.aws_subnet.database[1]")
	if got := str(t, sub.Body.Attr("vpc_id").Value); got != model.Token("module.vpc.aws_vpc.this[0]") {
		t.Errorf("vpc_id = %q", got)
	}
	if az := sub.Body.Attr("availability_zone").Value; az.IsKnown() || len(Reasons(az)) == 0 {
		t.Errorf("availability_zone from the zones data source must be unknown with a reason: %#v", az)
	}
	ep := instance(t, res, `module.vpc.aws_vpc_endpoint.this["kms"]`).Body
	if got := str(t, ep.Attr("service_name").Value); got != "com.amazonaws.eu-west-1.kms" {
		t.Errorf("service_name = %q", got)
	}
	if got := str(t, ep.Attr("vpc_endpoint_type").Value); got != "Interface" {
		t.Errorf("vpc_endpoint_type = %q", got)
	}
	ids := ep.Attr("subnet_ids").Value
	if ids.LengthInt() != 2 || str(t, ids.Index(ctyNum(1))) != model.Token("module.vpc.aws_subnet.database[1]") {
		t.Errorf("endpoint subnet_ids through the module's own output = %#v", ids)
	}
	if got := str(t, attr(t, res, "aws_rds_cluster.db", "db_subnet_group_name")); got != "db" {
		t.Errorf("db_subnet_group_name = %q", got)
	}
	if v := attr(t, res, "null_resource.off", "vpc"); !v.IsNull() {
		t.Errorf("try() over a count-0 resource gives null, got %#v", v)
	}
}
