# The cluster uses the shared Aurora security group, found by tag; in the
# facts that group has no egress rule at all.
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

data "aws_security_group" "aurora" {
  vpc_id = data.aws_vpc.shared.id
  tags = {
    Name = "aurora"
  }
}

resource "aws_rds_cluster" "orders" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "postgres"
  manage_master_user_password = true
  db_subnet_group_name        = "aurora-db"
  vpc_security_group_ids      = [data.aws_security_group.aurora.id]
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
