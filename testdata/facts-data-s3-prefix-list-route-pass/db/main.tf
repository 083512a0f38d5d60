# The DB subnets' route table (in the AWS facts) gets a route in code that
# sends the S3 prefix list, found by name, to a transit gateway for
# inspection. The facts show that list as AWS-managed and named
# com.amazonaws.eu-west-1.s3: it never holds KMS's addresses, so the
# 0.0.0.0/0 route to the NAT gateway still carries KMS traffic.
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
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_route" "s3_inspection" {
  route_table_id             = "rtb-0a1b2c3d4e5f60051"
  destination_prefix_list_id = data.aws_ec2_managed_prefix_list.s3.id
  transit_gateway_id         = "tgw-0123456789abcdef0"
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
