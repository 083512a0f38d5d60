unit "network" {
  source                  = "../../catalog/units/network"
  path                    = "network"
  no_dot_terragrunt_stack = true

  values = {
    cidr  = "10.20.0.0/16"
    zones = ["eu-west-1a", "eu-west-1b"]
  }
}

stack "data" {
  source = "../../catalog/stacks/data"
  path   = "data"

  values = {
    # From live/prod/.terragrunt-stack/data/.terragrunt-stack/database.
    network_path = "../../../../network"
    egress_cidr  = "0.0.0.0/0"
  }
}
