variable "egress_cidr" {
  type = string
}
