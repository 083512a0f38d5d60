include "root" {
  path = find_in_parent_folders("root.hcl")
}

include "env" {
  path   = find_in_parent_folders("env.hcl")
  expose = true
}

terraform {
  source = "${get_path_to_repo_root()}/modules//database"
}

dependency "network" {
  # The env include's directory holds the environment's units.
  config_path = "${get_parent_terragrunt_dir("env")}/network"

  # Outputs are read for plan, the command daslint reads the unit as.
  skip_outputs = get_terraform_command() != "plan"

  mock_outputs = {
    vpc_id = "vpc-00000000"
  }
}

inputs = {
  vpc_id             = dependency.network.outputs.vpc_id
  vpc_cidr           = dependency.network.outputs.vpc_cidr
  private_subnet_ids = dependency.network.outputs.private_subnet_ids

  # Not variables of the module: ignored, whatever they are.
  name       = "${include.env.locals.env}-${path_relative_to_include("env")}"
  account_id = get_aws_account_id()
  state_key  = "${get_path_from_repo_root()}/terraform.tfstate"
}
