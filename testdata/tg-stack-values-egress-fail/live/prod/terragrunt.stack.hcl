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
    egress_cidr  = "10.50.0.0/16"
  }
}
