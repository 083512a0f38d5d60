terraform {
  source = "../../..//modules/db"
}

inputs = {
  egress_cidr = "10.50.0.0/16"
  name        = local.app_name
}
