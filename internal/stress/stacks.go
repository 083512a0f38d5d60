package stress

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ResourcesPerStack is the number of resources in one stack of
// WriteStacks.
const ResourcesPerStack = 9

// stackFile is one stack of WriteStacks: a VPC of two zones with a KMS
// interface endpoint and an Aurora cluster whose activity stream reaches
// KMS through it. Nine resources; %[1]s is the stack's name, %[2]d its
// second CIDR octet.
const stackFile = `resource "aws_vpc" "%[1]s" {
  cidr_block           = "10.%[2]d.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = {
    Name = "%[1]s"
  }
}

resource "aws_subnet" "%[1]s_a" {
  vpc_id            = aws_vpc.%[1]s.id
  cidr_block        = cidrsubnet(aws_vpc.%[1]s.cidr_block, 8, 1)
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "%[1]s_b" {
  vpc_id            = aws_vpc.%[1]s.id
  cidr_block        = cidrsubnet(aws_vpc.%[1]s.cidr_block, 8, 2)
  availability_zone = "eu-west-1b"
}

resource "aws_security_group" "%[1]s" {
  name   = "%[1]s-db"
  vpc_id = aws_vpc.%[1]s.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.%[1]s.cidr_block]
  }

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.%[1]s.cidr_block]
  }
}

resource "aws_vpc_endpoint" "%[1]s_kms" {
  vpc_id              = aws_vpc.%[1]s.id
  service_name        = "com.amazonaws.eu-west-1.kms"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.%[1]s_a.id, aws_subnet.%[1]s_b.id]
  security_group_ids  = [aws_security_group.%[1]s.id]
}

resource "aws_db_subnet_group" "%[1]s" {
  name       = "%[1]s"
  subnet_ids = [aws_subnet.%[1]s_a.id, aws_subnet.%[1]s_b.id]
}

resource "aws_rds_cluster" "%[1]s" {
  cluster_identifier          = "%[1]s"
  engine                      = "aurora-postgresql"
  master_username             = "dbadmin"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.%[1]s.name
  vpc_security_group_ids      = [aws_security_group.%[1]s.id]
  skip_final_snapshot         = true
}

resource "aws_rds_cluster_instance" "%[1]s" {
  identifier         = "%[1]s-1"
  cluster_identifier = aws_rds_cluster.%[1]s.id
  engine             = aws_rds_cluster.%[1]s.engine
  instance_class     = "db.r6g.large"
}

resource "aws_rds_cluster_activity_stream" "%[1]s" {
  resource_arn = aws_rds_cluster.%[1]s.arn
  mode         = "async"
  kms_key_id   = "alias/das"
}
`

// stackProvider is the one file of WriteStacks that holds no stack.
const stackProvider = `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}
`

// StackName is the name of stack i of WriteStacks, which is also its
// cluster's identifier.
func StackName(i int) string { return fmt.Sprintf("stack%05d", i) }

// StackText is the text of stack i of WriteStacks.
func StackText(i int) string { return fmt.Sprintf(stackFile, StackName(i), i%256) }

// WriteStacks writes one root module into dir: providers.tf and n stack
// files (stack00000.tf, …) of ResourcesPerStack resources each, so n+1
// files, 9n resources and n clusters that pass through their KMS
// endpoint. It is the tree of the peer comparison (issue 10): "100
// stacks, 900 resources, 101 files".
func WriteStacks(dir string, n int) error {
	if err := os.WriteFile(filepath.Join(dir, "providers.tf"), []byte(stackProvider), 0o644); err != nil {
		return err
	}
	for i := range n {
		name := filepath.Join(dir, StackName(i)+".tf")
		if err := os.WriteFile(name, []byte(StackText(i)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// stackResources counts the resource blocks of one stack, for the test
// that keeps ResourcesPerStack true.
func stackResources() int { return strings.Count(StackText(0), "\nresource \"") + 1 }
