resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Aurora cluster orders"
  vpc_id      = local.network.vpc_id

  ingress {
    description = "PostgreSQL from the VPC"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [local.network.vpc_cidr]
  }

  egress {
    description = "HTTPS to AWS KMS, through the NAT gateway"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_subnet_group" "db" {
  name       = "orders"
  subnet_ids = local.network.private_subnet_ids
}

resource "aws_rds_cluster" "orders" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  engine_version              = "16.4"
  master_username             = "dbadmin"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.db.name
  vpc_security_group_ids      = [aws_security_group.db.id]
  storage_encrypted           = true
  skip_final_snapshot         = true
}

resource "aws_rds_cluster_instance" "orders" {
  count              = 2
  identifier         = "orders-${count.index}"
  cluster_identifier = aws_rds_cluster.orders.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.orders.engine
  engine_version     = aws_rds_cluster.orders.engine_version
}

resource "aws_kms_key" "das" {
  description = "orders database activity stream"
}

resource "aws_rds_cluster_activity_stream" "orders" {
  resource_arn = aws_rds_cluster.orders.arn
  mode         = "async"
  kms_key_id   = aws_kms_key.das.key_id

  depends_on = [aws_rds_cluster_instance.orders]
}
