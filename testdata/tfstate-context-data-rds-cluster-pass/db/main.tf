# The stream is started from this root on a cluster that another root
# manages; that root's state, given with --context, holds the cluster, its
# instances, its DB subnet group and its network (a NAT path). The data
# source is answered by the state by exact identifier, and the cluster joins
# from the state under the state's name.
provider "aws" {
  region = "eu-west-1"
}

data "aws_rds_cluster" "main" {
  cluster_identifier = "main"
}

resource "aws_rds_cluster_activity_stream" "main" {
  resource_arn = data.aws_rds_cluster.main.arn
  mode         = "async"
  kms_key_id   = "alias/das"
}
