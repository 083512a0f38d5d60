provider "aws" {
  region = "eu-west-1"
}

module "aurora" {
  source  = "terraform-aws-modules/rds-aurora/aws"
  version = "~> 9.0"

  name           = "orders"
  engine         = "aurora-postgresql"
  engine_version = "15.4"
}

resource "aws_kms_key" "das" {
  description = "activity stream"
}

resource "aws_rds_cluster_activity_stream" "this" {
  resource_arn = module.aurora.cluster_arn
  mode         = "async"
  kms_key_id   = aws_kms_key.das.key_id
}
