terraform {
  source = "git::https://github.com/acme/modules.git//storage?ref=v2.0.0"
}

inputs = {
  name = "storage"
}
