terraform {
  source = "git::https://github.com/acme/modules.git//network?ref=v2.0.0"
}

inputs = {
  name = "network"
}
