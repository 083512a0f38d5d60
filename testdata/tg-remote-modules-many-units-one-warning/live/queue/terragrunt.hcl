terraform {
  source = "git::https://github.com/acme/modules.git//queue?ref=v2.0.0"
}

inputs = {
  name = "queue"
}
