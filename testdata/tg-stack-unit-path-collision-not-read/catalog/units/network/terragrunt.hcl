# A unit template: terragrunt stack generate copies this file into the
# stack's .terragrunt-stack/<path>/ and writes the unit block's values
# beside it.
terraform {
  source = "${get_repo_root()}/modules//network"
}

inputs = {
  cidr  = values.cidr
  zones = values.zones
}
