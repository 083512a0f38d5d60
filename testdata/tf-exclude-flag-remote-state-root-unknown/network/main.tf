terraform {
  backend "s3" {
    bucket = "acme-tfstate"
    key    = "network/terraform.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "cidr" {
  type = string
}

variable "zones" {
  type = list(string)
}

resource "aws_vpc" "main" {
  cidr_block           = var.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(var.cidr, 8, 0)
  availability_zone = var.zones[0]
}

resource "aws_subnet" "private" {
  count             = length(var.zones)
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(var.cidr, 8, count.index + 1)
  availability_zone = var.zones[count.index]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}

resource "aws_eip" "nat" {
  domain = "vpc"
}

resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public.id
}

resource "aws_route" "private_nat" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.nat.id
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table_association" "private" {
  count          = length(var.zones)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}

# The network team's own audit database: linted in this root only.
resource "aws_db_subnet_group" "ops" {
  name       = "ops"
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_rds_cluster" "ops" {
  cluster_identifier          = "ops"
  engine                      = "aurora-postgresql"
  master_username             = "dbadmin"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.ops.name
  skip_final_snapshot         = true
}

resource "aws_rds_cluster_instance" "ops" {
  identifier         = "ops-0"
  cluster_identifier = aws_rds_cluster.ops.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.ops.engine
}

resource "aws_kms_key" "ops" {
  description = "ops activity stream"
}

resource "aws_rds_cluster_activity_stream" "ops" {
  resource_arn = aws_rds_cluster.ops.arn
  mode         = "async"
  kms_key_id   = aws_kms_key.ops.key_id
}

output "vpc_id" {
  value = aws_vpc.main.id
}

output "vpc_cidr" {
  value = aws_vpc.main.cidr_block
}

output "private_subnet_ids" {
  value = aws_subnet.private[*].id
}
