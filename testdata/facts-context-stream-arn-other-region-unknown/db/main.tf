# The stream names the cluster "orders" of us-east-1 by its ARN. The facts
# (eu-west-1) hold a cluster of the same identifier, on a network that passes;
# cluster identifiers are unique only per account and region, so that cluster
# is another one: the stream stays DAS002 unknown.
provider "aws" {
  region = "us-east-1"
}

resource "aws_rds_cluster_activity_stream" "orders" {
  resource_arn = "arn:aws:rds:us-east-1:111122223333:cluster:orders"
  mode         = "async"
  kms_key_id   = "alias/das"
}
