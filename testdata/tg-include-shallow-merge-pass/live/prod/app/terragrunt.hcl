include "root" {
  path = find_in_parent_folders()
}

inputs = {
  egress_cidr = get_env("DASLINT_NEVER_READ", "0.0.0.0/0")
}
