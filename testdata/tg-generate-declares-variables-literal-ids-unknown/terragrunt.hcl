# A Terragrunt unit whose .tf files are in this directory: Terragrunt adds
# the variable declarations (generate) and sets them (inputs).
generate "variables" {
  path      = "variables.tf"
  if_exists = "overwrite"
  contents  = <<EOF
variable "db_subnet_ids" { type = list(string) }
variable "env" { type = string }
EOF
}

inputs = {
  db_subnet_ids = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
  env           = "prod"
}
