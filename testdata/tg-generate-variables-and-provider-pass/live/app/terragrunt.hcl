terraform {
  source = "../..//modules/db"
}

# The module declares neither its provider nor its variable: Terragrunt
# writes both into it before Terraform runs.
generate "provider" {
  path      = "provider.tf"
  if_exists = "overwrite_terragrunt"
  contents  = <<EOF
provider "aws" {
  region = "eu-west-1"
}
EOF
}

generate "variables" {
  path      = "variables.tf"
  if_exists = "overwrite_terragrunt"
  contents  = <<EOF
variable "egress_cidr" {
  type = string
}
EOF
}

inputs = {
  egress_cidr = "0.0.0.0/0"
}
