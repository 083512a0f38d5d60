# The network team's root: private subnets for databases in an existing VPC
# (vpc-0a1b2c3d4e5f60001, not managed here), routed to its existing NAT
# gateway by ID.
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

locals {
  vpc_id = "vpc-0a1b2c3d4e5f60001"
  zones  = ["eu-west-1a", "eu-west-1b"]
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = local.vpc_id
  cidr_block        = "10.0.${count.index + 20}.0/24"
  availability_zone = local.zones[count.index]
}

resource "aws_route_table" "private" {
  vpc_id = local.vpc_id
}

resource "aws_route" "private_nat" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = "nat-0a1b2c3d4e5f60041"
}

resource "aws_route_table_association" "private" {
  count          = 2
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}

output "vpc_id" {
  value = local.vpc_id
}

output "private_subnet_ids" {
  value = aws_subnet.private[*].id
}
