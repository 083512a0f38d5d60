locals {
  cidr = "10.20.0.0/16"
}

unit "network" {
  source = "git::https://github.com/acme/infrastructure-catalog.git//units/network?ref=v1.4.0"
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
