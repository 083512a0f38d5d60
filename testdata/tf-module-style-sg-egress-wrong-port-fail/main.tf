provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "create" {
  type    = bool
  default = true
}

variable "database_subnets" {
  type    = list(string)
  default = ["10.0.21.0/24", "10.0.22.0/24", "10.0.23.0/24"]
}

variable "endpoints" {
  type = map(any)
  default = {
    kms = {
      service             = "kms"
      private_dns_enabled = true
    }
  }
}

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  create = var.create
  azs    = slice(data.aws_availability_zones.available.names, 0, 3)
}

resource "aws_vpc" "this" {
  count = local.create ? 1 : 0

  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
  enable_dns_support   = true
}

locals {
  vpc_id = try(aws_vpc.this[0].id, null)
}

resource "aws_subnet" "database" {
  count = local.create ? length(var.database_subnets) : 0

  vpc_id            = local.vpc_id
  cidr_block        = element(concat(var.database_subnets, [""]), count.index)
  availability_zone = length(regexall("^[a-z]{2}-", element(local.azs, count.index))) > 0 ? element(local.azs, count.index) : null
}

resource "aws_route_table" "database" {
  count  = local.create ? 1 : 0
  vpc_id = local.vpc_id
}

resource "aws_route_table_association" "database" {
  count = local.create ? length(var.database_subnets) : 0

  subnet_id      = element(aws_subnet.database[*].id, count.index)
  route_table_id = aws_route_table.database[0].id
}

resource "aws_db_subnet_group" "database" {
  count = local.create ? 1 : 0

  name        = lower("database")
  description = "Database subnet group"
  subnet_ids  = aws_subnet.database[*].id
}

data "aws_vpc_endpoint_service" "this" {
  for_each = var.endpoints
  service  = lookup(each.value, "service", null)
}

resource "aws_security_group" "endpoints" {
  name_prefix = "vpc-endpoints-"
  vpc_id      = local.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id            = aws_security_group.endpoints.id
  referenced_security_group_id = aws_security_group.rds.id
  from_port                    = 443
  to_port                      = 443
  ip_protocol                  = "tcp"
}

resource "aws_vpc_endpoint" "this" {
  for_each = var.endpoints

  vpc_id              = local.vpc_id
  service_name        = data.aws_vpc_endpoint_service.this[each.key].service_name
  vpc_endpoint_type   = try(each.value.service_type, "Interface")
  security_group_ids  = [aws_security_group.endpoints.id]
  subnet_ids          = try(each.value.subnet_ids, aws_subnet.database[*].id)
  private_dns_enabled = try(each.value.private_dns_enabled, null)
  policy              = try(each.value.policy, null)
}

resource "aws_security_group" "rds" {
  name_prefix = "rds-"
  vpc_id      = local.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "rds_endpoints" {
  security_group_id            = aws_security_group.rds.id
  referenced_security_group_id = aws_security_group.endpoints.id
  from_port                    = 5432
  to_port                      = 5432
  ip_protocol                  = "tcp"
}

resource "aws_rds_cluster" "this" {
  count = local.create ? 1 : 0

  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "root"
  manage_master_user_password = true
  db_subnet_group_name        = try(aws_db_subnet_group.database[0].name, null)
  vpc_security_group_ids      = compact(concat([aws_security_group.rds.id], []))
}

resource "aws_rds_cluster_instance" "this" {
  for_each = local.create ? { one = {}, two = {} } : {}

  identifier         = "orders-${each.key}"
  cluster_identifier = aws_rds_cluster.this[0].id
  instance_class     = try(each.value.instance_class, "db.r6g.large")
  engine             = aws_rds_cluster.this[0].engine
}

resource "aws_rds_cluster_activity_stream" "this" {
  count = local.create ? 1 : 0

  resource_arn = aws_rds_cluster.this[0].arn
  mode         = "async"
  kms_key_id   = "alias/das"
}
