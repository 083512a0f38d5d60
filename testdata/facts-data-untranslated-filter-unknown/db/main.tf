# The subnets are looked up with a filter daslint does not search the facts
# by: what it matches is not known (never "all" or "none" of the subnets), so
# the placement of the instances is unknown, and the reason names the filter.
provider "aws" {
  region                      = "eu-west-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  access_key                  = "AKIAFAKEFAKEFAKEFAKE"
  secret_key                  = "fake"
}

data "aws_vpc" "main" {
  tags = {
    Name = "main"
  }
}

data "aws_subnets" "db" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.main.id]
  }
  filter {
    name   = "ipv6-cidr-block-association.state"
    values = ["associated"]
  }
}

resource "aws_security_group" "db" {
  name   = "orders-db"
  vpc_id = data.aws_vpc.main.id

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_subnet_group" "orders" {
  name       = "orders-db"
  subnet_ids = data.aws_subnets.db.ids
}

resource "aws_rds_cluster" "orders" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "postgres"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.orders.name
  vpc_security_group_ids      = [aws_security_group.db.id]
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
