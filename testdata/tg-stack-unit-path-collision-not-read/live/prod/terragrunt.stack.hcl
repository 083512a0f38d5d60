locals {
  cidr = "10.20.0.0/16"
}

unit "network" {
  source = "../../catalog/units/network"
  path   = "network"

  values = {
    cidr  = local.cidr
    zones = ["eu-west-1a", "eu-west-1b"]
  }
}

unit "database" {
  source = "../../catalog/units/database"
  path   = "database"

  values = {
    network_path = "../network"
    egress_cidr  = "0.0.0.0/0"
  }
}

# A second block with the database unit's path: Terragrunt refuses the stack,
# and which unit's files would be at live/prod/.terragrunt-stack/database is
# not known, so daslint reads neither (a warning says so); the cluster the
# database unit declares is not reported as the pass of whichever came first.
unit "other" {
  source = "../../catalog/units/network"
  path   = "database"

  values = {
    cidr  = "10.30.0.0/16"
    zones = ["eu-west-1a"]
  }
}
