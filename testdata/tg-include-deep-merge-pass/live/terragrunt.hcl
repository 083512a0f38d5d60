terraform {
  source = "${get_parent_terragrunt_dir()}/..//modules/db"
}

inputs = {
  network = {
    egress_cidr = "0.0.0.0/0"
  }
}
