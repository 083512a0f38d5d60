provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "mock"
  secret_key                  = "mock"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

module "net" {
  source = "./net"
  azs    = ["eu-west-1a", "eu-west-1b"]
}

resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = module.net.vpc_id
  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_subnet_group" "db" {
  name       = "db"
  subnet_ids = module.net.private_subnet_ids
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
  for_each           = toset(["a", "b"])
  identifier         = "main-${each.key}"
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
