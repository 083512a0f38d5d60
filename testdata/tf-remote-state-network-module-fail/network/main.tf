terraform {
  backend "s3" {
    bucket = "acme-tfstate"
    key    = "network/terraform.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "cidr" {
  type = string
}

variable "zones" {
  type = list(string)
}

module "vpc" {
  source = "../modules/vpc"
  cidr   = var.cidr
  zones  = var.zones
}

output "vpc_id" {
  value = module.vpc.vpc_id
}

output "vpc_cidr" {
  value = module.vpc.vpc_cidr
}

output "private_subnet_ids" {
  value = module.vpc.private_subnet_ids
}
