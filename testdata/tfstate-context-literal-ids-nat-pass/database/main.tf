provider "aws" {
  region = "eu-west-1"
}

# The subnets and the security group of the network root, by ID.

resource "aws_db_subnet_group" "db" {
  name       = "db"
  subnet_ids = ["subnet-5b71676d37e348ebd", "subnet-1f45c76cd31cdfc23"]
}

resource "aws_rds_cluster" "main" {
  cluster_identifier          = "main"
  engine                      = "aurora-postgresql"
  master_username             = "dbadmin"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.db.name
  vpc_security_group_ids      = ["sg-dc49c419bc8845902"]
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
