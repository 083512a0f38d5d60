# Left over from an older `terragrunt stack generate`: Terragrunt
# regenerates the stack before it runs, so the stack file wins and this
# copy is never read. Read, it would fail: HTTPS only into the VPC.
terraform {
  source = "${get_repo_root()}/modules//database"
}

inputs = {
  vpc_id             = "vpc-0123456789abcdef0"
  vpc_cidr           = "10.20.0.0/16"
  private_subnet_ids = ["subnet-0123456789abcdef0"]
  egress_cidr        = "10.20.0.0/16"
}
