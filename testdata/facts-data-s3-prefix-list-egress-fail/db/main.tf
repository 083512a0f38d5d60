# The cluster's group allows egress only to the S3 prefix list, found by
# name; describe-managed-prefix-lists shows it is the AWS-owned list
# com.amazonaws.eu-west-1.s3, which holds S3's addresses only: no egress to
# KMS on the nat path.
provider "aws" {
  region                      = "eu-west-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  access_key                  = "AKIAFAKEFAKEFAKEFAKE"
  secret_key                  = "fake"
}

data "aws_vpc" "shared" {
  filter {
    name   = "tag:Name"
    values = ["main"]
  }
}

data "aws_ec2_managed_prefix_list" "s3" {
  name = "com.amazonaws.eu-west-1.s3"
}

resource "aws_security_group" "orders" {
  name   = "orders-db"
  vpc_id = data.aws_vpc.shared.id

  egress {
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    prefix_list_ids = [data.aws_ec2_managed_prefix_list.s3.id]
  }
}

resource "aws_rds_cluster" "orders" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "postgres"
  manage_master_user_password = true
  db_subnet_group_name        = "aurora-db"
  vpc_security_group_ids      = [aws_security_group.orders.id]
  skip_final_snapshot         = true
}

resource "aws_rds_cluster_instance" "orders" {
  count              = 2
  identifier         = "orders-${count.index + 1}"
  cluster_identifier = aws_rds_cluster.orders.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.orders.engine
}

resource "aws_rds_cluster_activity_stream" "orders" {
  resource_arn = aws_rds_cluster.orders.arn
  mode         = "async"
  kms_key_id   = "alias/das"
}
