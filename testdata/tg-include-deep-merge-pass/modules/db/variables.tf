variable "network" {
  type = object({
    egress_cidr = string
    name        = string
  })
}

variable "egress_cidr" {
  type    = string
  default = "10.50.0.0/16"
}
