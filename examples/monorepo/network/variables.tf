variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "cidr" {
  type    = string
  default = "10.20.0.0/16"
}

variable "zones" {
  type    = list(string)
  default = ["eu-west-1a", "eu-west-1b"]
}
