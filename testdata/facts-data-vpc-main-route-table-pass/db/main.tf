# The root's own subnets are associated explicitly with the shared VPC's main
# route table, as data.aws_vpc gives it (from the route table facts).
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

# The database subnets are this root's own, in the shared VPC.
resource "aws_subnet" "db" {
  count             = 2
  vpc_id            = data.aws_vpc.shared.id
  cidr_block        = "10.0.${20 + count.index}.0/24"
  availability_zone = ["eu-west-1a", "eu-west-1b"][count.index]
}

resource "aws_db_subnet_group" "orders" {
  name       = "orders-db"
  subnet_ids = aws_subnet.db[*].id
}

resource "aws_route_table_association" "db" {
  count          = 2
  subnet_id      = aws_subnet.db[count.index].id
  route_table_id = data.aws_vpc.shared.main_route_table_id
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
