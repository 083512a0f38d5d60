provider "aws" {
  region = "eu-west-1"
}

variable "create_nat" {
  description = "Whether the VPC gets a NAT gateway; supplied at deploy time."
  type        = bool
}

module "vpc" {
  source = "../../modules/vpc"

  cidr       = "10.30.0.0/16"
  azs        = ["eu-west-1a", "eu-west-1b"]
  create_nat = var.create_nat
}

resource "aws_security_group" "db" {
  name   = "aurora-dev"
  vpc_id = module.vpc.vpc_id

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_rds_cluster" "dev" {
  cluster_identifier          = "main-dev"
  engine                      = "aurora-mysql"
  master_username             = "admin"
  manage_master_user_password = true
  db_subnet_group_name        = module.vpc.database_subnet_group_name
  vpc_security_group_ids      = [aws_security_group.db.id]
}

resource "aws_rds_cluster_instance" "dev" {
  count              = 2
  cluster_identifier = aws_rds_cluster.dev.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.dev.engine
}

resource "aws_rds_cluster_activity_stream" "dev" {
  resource_arn = aws_rds_cluster.dev.arn
  mode         = "async"
  kms_key_id   = "alias/das"
}
