provider "aws" {
  region = "eu-west-1"
}

module "vpc" {
  source = "./modules/vpc"

  cidr       = "10.20.0.0/16"
  azs        = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  create_nat = false
}

resource "aws_security_group" "db" {
  name   = "aurora"
  vpc_id = module.vpc.vpc_id

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_rds_cluster" "main" {
  cluster_identifier          = "main"
  engine                      = "aurora-mysql"
  master_username             = "admin"
  manage_master_user_password = true
  db_subnet_group_name        = module.vpc.database_subnet_group_name
  vpc_security_group_ids      = [aws_security_group.db.id]
}

resource "aws_rds_cluster_instance" "main" {
  count              = 2
  cluster_identifier = aws_rds_cluster.main.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.main.engine
}

resource "aws_rds_cluster_activity_stream" "main" {
  resource_arn = aws_rds_cluster.main.arn
  mode         = "async"
  kms_key_id   = "alias/das"
}
