provider "aws" {
  region = "eu-west-1"
}

variable "rds_cluster_arn" {
  description = "ARN of the Aurora cluster to audit"
  type        = string
}

resource "aws_kms_key" "das" {
  description = "activity stream"
}

resource "aws_rds_cluster_activity_stream" "legacy" {
  resource_arn = "arn:aws:rds:eu-west-1:111122223333:cluster:legacy-orders"
  mode         = "async"
  kms_key_id   = aws_kms_key.das.key_id
}

resource "aws_rds_cluster_activity_stream" "audit" {
  resource_arn = var.rds_cluster_arn
  mode         = "async"
  kms_key_id   = aws_kms_key.das.key_id
}

data "aws_rds_cluster" "orders" {
  cluster_identifier = "orders"
}

resource "aws_rds_cluster_activity_stream" "orders" {
  resource_arn = data.aws_rds_cluster.orders.arn
  mode         = "async"
  kms_key_id   = aws_kms_key.das.key_id
}
