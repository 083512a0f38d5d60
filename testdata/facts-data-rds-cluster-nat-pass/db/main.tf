# The stream is started from this root on a cluster another team manages,
# found by identifier in the facts: the cluster, its instances and network join
# from the facts, and the cluster is reported at the stream.
provider "aws" {
  region                      = "eu-west-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  access_key                  = "AKIAFAKEFAKEFAKEFAKE"
  secret_key                  = "fake"
}

data "aws_rds_cluster" "orders" {
  cluster_identifier = "orders"
}

resource "aws_rds_cluster_activity_stream" "orders" {
  resource_arn = data.aws_rds_cluster.orders.arn
  mode         = "async"
  kms_key_id   = "alias/das"
}
