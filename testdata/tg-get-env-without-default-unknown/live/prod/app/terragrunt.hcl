terraform {
  source = "../../..//modules/db"
}

inputs = {
  egress_cidr = get_env("EGRESS_CIDR")
}
