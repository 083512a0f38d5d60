terraform {
  source = "../../modules//network"
}

# The network reads the database unit, which reads the network: a cycle
# Terragrunt refuses, so nothing read through it is known.
dependency "database" {
  config_path = "../database"
}

inputs = {
  cidr  = "10.20.0.0/16"
  zones = dependency.database.outputs.zones
}
