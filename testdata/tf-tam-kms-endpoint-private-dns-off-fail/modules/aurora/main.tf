# An Aurora module in the style of terraform-aws-modules/rds-aurora: a map of
# instances read with try(each.value.x, default), a security group whose
# egress comes only from aws_vpc_security_group_egress_rule, and an optional
# activity stream object.

variable "create" {
  type    = bool
  default = true
}

variable "name" {
  type = string
}

variable "region" {
  type    = string
  default = null
}

variable "engine" {
  type    = string
  default = "aurora-postgresql"
}

variable "vpc_id" {
  type    = string
  default = ""
}

variable "db_subnet_group_name" {
  type    = string
  default = null
}

variable "instances" {
  type    = any
  default = {}
}

variable "security_group_egress_rules" {
  type = map(object({
    cidr_ipv4                    = optional(string)
    from_port                    = optional(number)
    to_port                      = optional(number)
    ip_protocol                  = optional(string, "tcp")
    referenced_security_group_id = optional(string)
  }))
  default  = {}
  nullable = false
}

variable "cluster_activity_stream" {
  type = object({
    kms_key_id = string
    mode       = string
  })
  default = null
}

locals {
  create = var.create
}

resource "aws_rds_cluster" "this" {
  count = local.create ? 1 : 0

  region = var.region

  cluster_identifier     = var.name
  engine                 = var.engine
  db_subnet_group_name   = var.db_subnet_group_name
  vpc_security_group_ids = compact([try(aws_security_group.this[0].id, "")])
  master_username        = "root"
  skip_final_snapshot    = true
}

resource "aws_rds_cluster_instance" "this" {
  for_each = { for k, v in var.instances : k => v if local.create }

  region = var.region

  identifier           = try(each.value.identifier, "${var.name}-${each.key}")
  cluster_identifier   = aws_rds_cluster.this[0].id
  engine               = var.engine
  instance_class       = try(each.value.instance_class, "db.r6g.large")
  publicly_accessible  = try(each.value.publicly_accessible, null)
  db_subnet_group_name = var.db_subnet_group_name
}

resource "aws_security_group" "this" {
  count = local.create ? 1 : 0

  region      = var.region
  name_prefix = "${var.name}-"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "this" {
  for_each = { for k, v in var.security_group_egress_rules : k => v if local.create }

  region = var.region

  security_group_id            = aws_security_group.this[0].id
  ip_protocol                  = each.value.ip_protocol
  from_port                    = try(coalesce(each.value.from_port, each.value.to_port), null)
  to_port                      = each.value.to_port
  cidr_ipv4                    = each.value.cidr_ipv4
  referenced_security_group_id = each.value.referenced_security_group_id == "self" ? aws_security_group.this[0].id : each.value.referenced_security_group_id
}

resource "aws_rds_cluster_activity_stream" "this" {
  count = local.create && var.cluster_activity_stream != null ? 1 : 0

  region = var.region

  resource_arn = aws_rds_cluster.this[0].arn
  mode         = var.cluster_activity_stream.mode
  kms_key_id   = var.cluster_activity_stream.kms_key_id
}

output "security_group_id" {
  value = try(aws_security_group.this[0].id, null)
}
