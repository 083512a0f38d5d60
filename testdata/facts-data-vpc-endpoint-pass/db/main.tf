# The shared VPC has a KMS endpoint (and no NAT route); the root admits its
# cluster's group to it, naming the endpoint by a data source.
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

data "aws_vpc_endpoint" "kms" {
  vpc_id       = data.aws_vpc.shared.id
  service_name = "com.amazonaws.eu-west-1.kms"
  state        = "available"
}

resource "aws_security_group" "orders" {
  name   = "orders-db"
  vpc_id = data.aws_vpc.shared.id

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# Admits the cluster's group to the shared KMS endpoint.
resource "aws_security_group" "kms_clients" {
  name   = "orders-kms-clients"
  vpc_id = data.aws_vpc.shared.id

  ingress {
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    security_groups = [aws_security_group.orders.id]
  }
}

resource "aws_vpc_endpoint_security_group_association" "orders" {
  vpc_endpoint_id   = data.aws_vpc_endpoint.kms.id
  security_group_id = aws_security_group.kms_clients.id
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
