provider "aws" {
  region = "eu-west-1"
}

data "aws_availability_zones" "available" {
  # Zones only, no Local Zones, as terraform-aws-modules' examples do.
  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

data "aws_availability_zones" "secondary" {
  region = "us-east-1"
}

locals {
  name     = "orders"
  vpc_cidr = "10.20.0.0/16"
  azs      = slice(data.aws_availability_zones.available.names, 0, 3)

  secondary_region = "us-east-1"
  secondary_azs    = slice(data.aws_availability_zones.secondary.names, 0, 3)
}

resource "aws_kms_key" "das" {
  description = "Database activity stream of ${local.name}"
}

module "vpc_primary" {
  source = "./modules/vpc"

  name = local.name
  cidr = local.vpc_cidr

  azs              = local.azs
  public_subnets   = [for k, v in local.azs : cidrsubnet(local.vpc_cidr, 8, k)]
  private_subnets  = [for k, v in local.azs : cidrsubnet(local.vpc_cidr, 8, k + 3)]
  database_subnets = [for k, v in local.azs : cidrsubnet(local.vpc_cidr, 8, k + 6)]

  enable_nat_gateway                 = true
  single_nat_gateway                 = true
  create_database_subnet_route_table = true
  create_database_nat_gateway_route  = true
}

module "vpc_secondary" {
  source = "./modules/vpc"

  region = "us-east-1"

  name = local.name
  cidr = "10.21.0.0/16"

  azs              = local.secondary_azs
  public_subnets   = [for k, v in local.secondary_azs : cidrsubnet("10.21.0.0/16", 8, k)]
  private_subnets  = [for k, v in local.secondary_azs : cidrsubnet("10.21.0.0/16", 8, k + 3)]
  database_subnets = [for k, v in local.secondary_azs : cidrsubnet("10.21.0.0/16", 8, k + 6)]
}

module "aurora_primary" {
  source = "./modules/aurora"

  name                 = local.name
  vpc_id               = module.vpc_primary.vpc_id
  db_subnet_group_name = module.vpc_primary.database_subnet_group_name

  instances = {
    writer = {}
    reader = { instance_class = "db.r6g.xlarge" }
  }

  security_group_egress_rules = {
    kms_https = {
      cidr_ipv4 = "0.0.0.0/0"
      to_port   = 443
    }
  }

  cluster_activity_stream = {
    kms_key_id = aws_kms_key.das.arn
    mode       = "async"
  }
}

module "aurora_secondary" {
  source = "./modules/aurora"

  region = "us-east-1"

  name                 = local.name
  vpc_id               = module.vpc_secondary.vpc_id
  db_subnet_group_name = module.vpc_secondary.database_subnet_group_name

  instances = {
    writer = {}
    reader = { instance_class = "db.r6g.xlarge" }
  }

  security_group_egress_rules = {
    kms_https = {
      cidr_ipv4 = "0.0.0.0/0"
      to_port   = 443
    }
  }

  cluster_activity_stream = {
    kms_key_id = aws_kms_key.das.arn
    mode       = "async"
  }
}
