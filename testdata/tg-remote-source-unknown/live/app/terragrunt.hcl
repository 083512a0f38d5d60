terraform {
  source = "git::https://example.com/org/modules.git//db?ref=v1.0.0"
}

inputs = {
  egress_cidr = "0.0.0.0/0"
}
