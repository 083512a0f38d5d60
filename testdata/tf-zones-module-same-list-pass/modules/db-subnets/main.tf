variable "vpc_id" {
  type = string
}

variable "private_route_table_id" {
  type = string
}

variable "isolated_route_table_id" {
  type = string
}

data "aws_availability_zones" "this" {
  state = "available"
}

resource "aws_subnet" "a" {
  vpc_id            = var.vpc_id
  cidr_block        = "10.0.1.0/24"
  availability_zone = data.aws_availability_zones.this.names[0]
}

resource "aws_subnet" "b" {
  vpc_id            = var.vpc_id
  cidr_block        = "10.0.2.0/24"
  availability_zone = data.aws_availability_zones.this.names[1]
}

resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = var.private_route_table_id
}

resource "aws_route_table_association" "b" {
  subnet_id      = aws_subnet.b.id
  route_table_id = var.isolated_route_table_id
}

output "subnet_ids" {
  value = [aws_subnet.a.id, aws_subnet.b.id]
}
