# A VPC module in the style of terraform-aws-modules/vpc: create flags as
# count = local.create ? 1 : 0, lists of CIDRs per tier, and toggles for the
# database tier's own route table and its default route.

variable "create_vpc" {
  type    = bool
  default = true
}

variable "name" {
  type = string
}

variable "region" {
  description = "Region of every resource (AWS provider v6); null means the provider's"
  type        = string
  default     = null
}

variable "cidr" {
  type    = string
  default = "10.0.0.0/16"
}

variable "azs" {
  type    = list(string)
  default = []
}

variable "public_subnets" {
  type    = list(string)
  default = []
}

variable "private_subnets" {
  type    = list(string)
  default = []
}

variable "database_subnets" {
  type    = list(string)
  default = []
}

variable "enable_dns_hostnames" {
  type    = bool
  default = true
}

variable "enable_dns_support" {
  type    = bool
  default = true
}

variable "enable_nat_gateway" {
  type    = bool
  default = false
}

variable "single_nat_gateway" {
  type    = bool
  default = false
}

variable "create_database_subnet_group" {
  type    = bool
  default = true
}

variable "create_database_subnet_route_table" {
  type    = bool
  default = false
}

variable "create_database_nat_gateway_route" {
  type    = bool
  default = false
}

variable "create_database_internet_gateway_route" {
  type    = bool
  default = false
}

locals {
  create = var.create_vpc

  len_public   = length(var.public_subnets)
  len_private  = length(var.private_subnets)
  len_database = length(var.database_subnets)

  vpc_id = try(aws_vpc.this[0].id, "")

  nat_count = var.single_nat_gateway ? 1 : length(var.azs)

  create_database_route_table = local.create && local.len_database > 0 && var.create_database_subnet_route_table
  database_route_table_count  = var.single_nat_gateway || var.create_database_internet_gateway_route ? 1 : local.len_database
}

resource "aws_vpc" "this" {
  count = local.create ? 1 : 0

  region = var.region

  cidr_block           = var.cidr
  enable_dns_hostnames = var.enable_dns_hostnames
  enable_dns_support   = var.enable_dns_support

  tags = { Name = var.name }
}

resource "aws_internet_gateway" "this" {
  count = local.create && local.len_public > 0 ? 1 : 0

  region = var.region
  vpc_id = local.vpc_id
}

# Public tier

resource "aws_subnet" "public" {
  count = local.create ? local.len_public : 0

  region            = var.region
  vpc_id            = local.vpc_id
  cidr_block        = element(concat(var.public_subnets, [""]), count.index)
  availability_zone = length(regexall("^[a-z]{2}-", element(var.azs, count.index))) > 0 ? element(var.azs, count.index) : null
}

resource "aws_route_table" "public" {
  count = local.create && local.len_public > 0 ? 1 : 0

  region = var.region
  vpc_id = local.vpc_id
}

resource "aws_route" "public_internet_gateway" {
  count = length(aws_route_table.public)

  region                 = var.region
  route_table_id         = aws_route_table.public[0].id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this[0].id
}

resource "aws_route_table_association" "public" {
  count = local.create ? local.len_public : 0

  region         = var.region
  subnet_id      = element(aws_subnet.public[*].id, count.index)
  route_table_id = aws_route_table.public[0].id
}

resource "aws_eip" "nat" {
  count = local.create && var.enable_nat_gateway ? local.nat_count : 0

  region = var.region
  domain = "vpc"
}

resource "aws_nat_gateway" "this" {
  count = local.create && var.enable_nat_gateway ? local.nat_count : 0

  region        = var.region
  allocation_id = element(aws_eip.nat[*].id, count.index)
  subnet_id     = element(aws_subnet.public[*].id, var.single_nat_gateway ? 0 : count.index)
}

# Private tier: one route table per NAT gateway

resource "aws_subnet" "private" {
  count = local.create ? local.len_private : 0

  region            = var.region
  vpc_id            = local.vpc_id
  cidr_block        = element(concat(var.private_subnets, [""]), count.index)
  availability_zone = length(regexall("^[a-z]{2}-", element(var.azs, count.index))) > 0 ? element(var.azs, count.index) : null
}

resource "aws_route_table" "private" {
  count = local.create && local.len_private > 0 ? local.nat_count : 0

  region = var.region
  vpc_id = local.vpc_id
}

resource "aws_route" "private_nat_gateway" {
  count = local.create && var.enable_nat_gateway && local.len_private > 0 ? local.nat_count : 0

  region                 = var.region
  route_table_id         = element(aws_route_table.private[*].id, count.index)
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = element(aws_nat_gateway.this[*].id, count.index)
}

resource "aws_route_table_association" "private" {
  count = local.create ? local.len_private : 0

  region         = var.region
  subnet_id      = element(aws_subnet.private[*].id, count.index)
  route_table_id = element(aws_route_table.private[*].id, var.single_nat_gateway ? 0 : count.index)
}

# Database tier: its own route table(s) when asked for, else the private ones

resource "aws_subnet" "database" {
  count = local.create && local.len_database > 0 ? local.len_database : 0

  region            = var.region
  vpc_id            = local.vpc_id
  cidr_block        = var.database_subnets[count.index]
  availability_zone = length(regexall("^[a-z]{2}-", element(var.azs, count.index))) > 0 ? element(var.azs, count.index) : null
}

resource "aws_db_subnet_group" "database" {
  count = local.create && local.len_database > 0 && var.create_database_subnet_group ? 1 : 0

  region     = var.region
  name       = lower(var.name)
  subnet_ids = aws_subnet.database[*].id
}

resource "aws_route_table" "database" {
  count = local.create_database_route_table ? local.database_route_table_count : 0

  region = var.region
  vpc_id = local.vpc_id
}

resource "aws_route" "database_nat_gateway" {
  count = local.create_database_route_table && var.enable_nat_gateway && var.create_database_nat_gateway_route && !var.create_database_internet_gateway_route ? local.database_route_table_count : 0

  region                 = var.region
  route_table_id         = element(aws_route_table.database[*].id, count.index)
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = element(aws_nat_gateway.this[*].id, count.index)
}

resource "aws_route" "database_internet_gateway" {
  count = local.create_database_route_table && var.create_database_internet_gateway_route && !var.create_database_nat_gateway_route ? 1 : 0

  region                 = var.region
  route_table_id         = aws_route_table.database[0].id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this[0].id
}

resource "aws_route_table_association" "database" {
  count = local.create && local.len_database > 0 ? local.len_database : 0

  region    = var.region
  subnet_id = element(aws_subnet.database[*].id, count.index)
  route_table_id = element(
    coalescelist(aws_route_table.database[*].id, aws_route_table.private[*].id),
    var.create_database_subnet_route_table ? (var.single_nat_gateway || var.create_database_internet_gateway_route ? 0 : count.index) : count.index,
  )
}

output "vpc_id" {
  value = try(aws_vpc.this[0].id, null)
}

output "vpc_cidr_block" {
  value = try(aws_vpc.this[0].cidr_block, null)
}

output "public_subnets_cidr_blocks" {
  value = compact(aws_subnet.public[*].cidr_block)
}

output "database_subnets" {
  value = aws_subnet.database[*].id
}

output "database_subnet_group_name" {
  value = try(aws_db_subnet_group.database[0].name, null)
}
