terraform {
  source = "tfr:///terraform-aws-modules/rds-aurora/aws?version=9.0.0"
}

inputs = {
  name = "main"
}
