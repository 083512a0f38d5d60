terraform {
  source = "../../..//modules/db"
}

inputs = merge(local.common, {
  egress_cidr = "10.50.0.0/16"
})
