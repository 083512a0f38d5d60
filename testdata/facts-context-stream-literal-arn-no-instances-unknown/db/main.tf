# The stream is started from this root on a cluster another team manages,
# named by its literal ARN. The AWS facts hold the cluster and its network
# (its DB subnet group is a public subnet, routed to an internet gateway)
# but not its instances (no describe-db-instances): whether they are
# publicly accessible, and so reach KMS through the internet gateway, is not
# known. The cluster is unknown, with the command that exports the instances.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_rds_cluster_activity_stream" "orders" {
  resource_arn = "arn:aws:rds:eu-west-1:111122223333:cluster:orders"
  mode         = "async"
  kms_key_id   = "alias/das"
}
