provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# No internet gateway, no NAT gateway, no KMS endpoint: the subnets use the
# VPC's main route table, which only routes inside the VPC.
resource "aws_subnet" "db_a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "db_b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_security_group" "db" {
  name   = "orders-db"
  vpc_id = aws_vpc.main.id

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

module "aurora" {
  source  = "acme/aurora/aws"
  version = "1.0.0"

  name               = "orders"
  subnet_ids         = [aws_subnet.db_a.id, aws_subnet.db_b.id]
  security_group_ids = [aws_security_group.db.id]
  kms_key_id         = "alias/das"
}
