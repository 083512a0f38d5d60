provider "aws" {
  region = "eu-west-1"
}

# The subnets of the network root, by ID, and a security group of this
# root with no egress rule: no path can reach KMS, whatever other roots add
# to the VPC.
resource "aws_security_group" "db" {
  name   = "db-no-egress"
  vpc_id = "vpc-3187a41caf5ce9de9"
}

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
