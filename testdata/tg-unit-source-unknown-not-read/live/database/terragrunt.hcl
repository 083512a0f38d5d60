terraform {
  source = "../../modules//database"
}

dependency "network" {
  config_path = "../network"

  # Placeholders for planning: the real outputs of ../network win.
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
}
