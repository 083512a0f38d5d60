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

locals {
  name     = "orders"
  vpc_cidr = "10.20.0.0/16"
  azs      = slice(data.aws_availability_zones.available.names, 0, 3)
}

resource "aws_kms_key" "das" {
  description = "Database activity stream of ${local.name}"
}

module "vpc" {
  source = "./modules/vpc"

  name = local.name
  cidr = local.vpc_cidr

  azs              = local.azs
  public_subnets   = [for k, v in local.azs : cidrsubnet(local.vpc_cidr, 8, k)]
  private_subnets  = [for k, v in local.azs : cidrsubnet(local.vpc_cidr, 8, k + 3)]
  database_subnets = [for k, v in local.azs : cidrsubnet(local.vpc_cidr, 8, k + 6)]
}

module "aurora" {
  source = "./modules/aurora"

  name                 = local.name
  vpc_id               = module.vpc.vpc_id
  db_subnet_group_name = module.vpc.database_subnet_group_name

  instances = {
    writer = {}
    reader = { instance_class = "db.r6g.xlarge" }
  }

  security_group_egress_rules = {
    kms_endpoint = {
      to_port                      = 443
      referenced_security_group_id = module.vpc_endpoints.security_group_id
    }
  }

  cluster_activity_stream = {
    kms_key_id = aws_kms_key.das.arn
    mode       = "async"
  }
}

module "vpc_endpoints" {
  source = "./modules/endpoints"

  vpc_id = module.vpc.vpc_id

  create_security_group = true
  security_group_rules = {
    https_from_aurora = {
      referenced_security_group_id = module.aurora.security_group_id
    }
  }

  endpoints = {
    s3 = {
      service      = "s3"
      service_type = "Gateway"
    }
    kms = {
      service    = "kms"
      subnet_ids = module.vpc.database_subnets
    }
  }
}
