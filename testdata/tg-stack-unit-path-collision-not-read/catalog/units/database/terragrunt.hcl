terraform {
  source = "${get_repo_root()}/modules//database"
}

# config_path is relative to where the unit is generated:
# live/prod/.terragrunt-stack/database, so "../network" is the network unit
# the same stack generates.
dependency "network" {
  config_path = values.network_path

  mock_outputs = {
    vpc_id             = "vpc-00000000"
    vpc_cidr           = "10.0.0.0/16"
    private_subnet_ids = ["subnet-00000000"]
  }
}

inputs = {
  vpc_id             = dependency.network.outputs.vpc_id
  vpc_cidr           = dependency.network.outputs.vpc_cidr
  private_subnet_ids = dependency.network.outputs.private_subnet_ids
  egress_cidr        = values.egress_cidr
}
