# A nested stack: generated into the parent's .terragrunt-stack/<path>/, with
# the parent's stack block's values.
unit "database" {
  source = "${get_repo_root()}/catalog/units/database"
  path   = "database"

  values = {
    network_path = values.network_path
    egress_cidr  = values.egress_cidr
  }
}
