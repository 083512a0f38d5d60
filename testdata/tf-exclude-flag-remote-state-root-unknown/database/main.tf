terraform {
  backend "s3" {
    bucket = "acme-tfstate"
    key    = "database/terraform.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region = "eu-west-1"
}

data "terraform_remote_state" "network" {
  backend = "s3"
  config = {
    bucket = "acme-tfstate"
    key    = "network/terraform.tfstate"
    region = "eu-west-1"
  }
}

resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = data.terraform_remote_state.network.outputs.vpc_id

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [data.terraform_remote_state.network.outputs.vpc_cidr]
  }

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_subnet_group" "db" {
  name       = "db"
  subnet_ids = data.terraform_remote_state.network.outputs.private_subnet_ids
}

resource "aws_rds_cluster" "main" {
  cluster_identifier          = "main"
  engine                      = "aurora-postgresql"
  master_username             = "dbadmin"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.db.name
  vpc_security_group_ids      = [aws_security_group.db.id]
  skip_final_snapshot         = true
}

resource "aws_rds_cluster_instance" "main" {
  count              = 2
  identifier         = "main-${count.index}"
  cluster_identifier = aws_rds_cluster.main.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.main.engine
}

resource "aws_kms_key" "das" {
  description = "database activity stream"
}

resource "aws_rds_cluster_activity_stream" "main" {
  resource_arn = aws_rds_cluster.main.arn
  mode         = "async"
  kms_key_id   = aws_kms_key.das.key_id
}
