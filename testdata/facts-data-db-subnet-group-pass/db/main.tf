# The database root reuses the subnets of the shared DB subnet group and the
# shared group's VPC security group, looked up by name in the facts.
provider "aws" {
  region                      = "eu-west-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  access_key                  = "AKIAFAKEFAKEFAKEFAKE"
  secret_key                  = "fake"
}

data "aws_db_subnet_group" "shared" {
  name = "aurora-db"
}

data "aws_security_group" "aurora" {
  vpc_id = data.aws_db_subnet_group.shared.vpc_id
  filter {
    name   = "group-name"
    values = ["aurora"]
  }
}

resource "aws_db_subnet_group" "orders" {
  name       = "orders-db"
  subnet_ids = data.aws_db_subnet_group.shared.subnet_ids
}

resource "aws_rds_cluster" "orders" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "postgres"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.orders.name
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
