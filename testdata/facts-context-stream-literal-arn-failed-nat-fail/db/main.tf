# The stream is started from this root on a cluster another team manages,
# named by its literal ARN. The AWS facts hold the cluster, its instances and
# its network, whose NAT gateway failed: the cluster joins from the facts and
# fails, reported at the stream.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_rds_cluster_activity_stream" "orders" {
  resource_arn = "arn:aws:rds:eu-west-1:111122223333:cluster:orders"
  mode         = "async"
  kms_key_id   = "alias/das"
}
