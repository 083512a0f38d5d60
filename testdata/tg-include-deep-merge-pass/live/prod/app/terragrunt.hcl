include "root" {
  path           = find_in_parent_folders()
  merge_strategy = "deep"
}

inputs = {
  network = {
    name = "prod-${path_relative_to_include()}"
  }
}
