# A VPC endpoints module in the style of terraform-aws-modules/vpc's
# modules/vpc-endpoints: a map of endpoints, the service name looked up with
# data.aws_vpc_endpoint_service, and an optional security group for them.

variable "create" {
  type    = bool
  default = true
}

variable "region" {
  type    = string
  default = null
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type    = list(string)
  default = []
}

variable "endpoints" {
  type    = any
  default = {}
}

variable "create_security_group" {
  type    = bool
  default = false
}

variable "security_group_rules" {
  type    = any
  default = {}
}

locals {
  endpoints          = { for k, v in var.endpoints : k => v if var.create && try(v.create, true) }
  security_group_ids = var.create && var.create_security_group ? [aws_security_group.this[0].id] : []
}

data "aws_vpc_endpoint_service" "this" {
  for_each = local.endpoints

  service      = try(each.value.service, null)
  service_name = try(each.value.service_name, null)

  filter {
    name   = "service-type"
    values = [try(each.value.service_type, "Interface")]
  }
}

resource "aws_vpc_endpoint" "this" {
  for_each = local.endpoints

  region = var.region

  vpc_id              = var.vpc_id
  service_name        = data.aws_vpc_endpoint_service.this[each.key].service_name
  vpc_endpoint_type   = try(each.value.service_type, "Interface")
  security_group_ids  = try(each.value.service_type, "Interface") == "Interface" ? distinct(concat(local.security_group_ids, lookup(each.value, "security_group_ids", []))) : null
  subnet_ids          = try(each.value.service_type, "Interface") == "Interface" ? distinct(concat(var.subnet_ids, lookup(each.value, "subnet_ids", []))) : null
  private_dns_enabled = try(each.value.private_dns_enabled, null)
  policy              = try(each.value.policy, null)
}

resource "aws_security_group" "this" {
  count = var.create && var.create_security_group ? 1 : 0

  region      = var.region
  name_prefix = "vpc-endpoints-"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "this" {
  for_each = { for k, v in var.security_group_rules : k => v if var.create && var.create_security_group }

  region = var.region

  security_group_id            = aws_security_group.this[0].id
  ip_protocol                  = try(each.value.ip_protocol, "tcp")
  from_port                    = try(each.value.from_port, 443)
  to_port                      = try(each.value.to_port, 443)
  cidr_ipv4                    = try(each.value.cidr_ipv4, null)
  referenced_security_group_id = try(each.value.referenced_security_group_id, null)
}

output "security_group_id" {
  value = try(aws_security_group.this[0].id, null)
}
