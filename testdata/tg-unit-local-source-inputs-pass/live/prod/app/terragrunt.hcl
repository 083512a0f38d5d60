terraform {
  source = "../../..//modules/db"
}

locals {
  everywhere = "0.0.0.0/0"
}

inputs = {
  egress_cidr = local.everywhere
}
