# The stream names the cluster "orders" of account 999988887777 by its ARN.
# The facts (account 111122223333) hold a cluster of the same identifier, on a
# network that passes; cluster identifiers are unique only per account and
# region, so that cluster is another one: the stream stays DAS002 unknown.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_rds_cluster_activity_stream" "orders" {
  resource_arn = "arn:aws:rds:eu-west-1:999988887777:cluster:orders"
  mode         = "async"
  kms_key_id   = "alias/das"
}
