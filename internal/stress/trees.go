package stress

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// NetworkModule is a VPC module of about twenty resources: three zones of
// public and database subnets, NAT, route tables, a security group, a DB
// subnet group and an Aurora cluster with an activity stream, which passes
// by NAT.
const NetworkModule = `variable "cidr" {
  type = string
}

locals {
  azs = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_hostnames = true
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
}

resource "aws_subnet" "public" {
  count             = 3
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.cidr, 8, count.index)
  availability_zone = local.azs[count.index]
}

resource "aws_subnet" "database" {
  count             = 3
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.cidr, 8, count.index + 10)
  availability_zone = local.azs[count.index]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }
}

resource "aws_route_table_association" "public" {
  count          = 3
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_eip" "nat" {
  domain = "vpc"
}

resource "aws_nat_gateway" "this" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public[0].id
}

resource "aws_route_table" "database" {
  vpc_id = aws_vpc.this.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.this.id
  }
}

resource "aws_route_table_association" "database" {
  count          = 3
  subnet_id      = aws_subnet.database[count.index].id
  route_table_id = aws_route_table.database.id
}

resource "aws_security_group" "db" {
  vpc_id = aws_vpc.this.id

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_subnet_group" "this" {
  subnet_ids = aws_subnet.database[*].id
}

resource "aws_rds_cluster" "this" {
  engine                 = "aurora-postgresql"
  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.db.id]
}

resource "aws_rds_cluster_instance" "this" {
  count              = 2
  cluster_identifier = aws_rds_cluster.this.id
  instance_class     = "db.r6g.large"
}

resource "aws_rds_cluster_activity_stream" "this" {
  resource_arn = aws_rds_cluster.this.arn
  mode         = "async"
  kms_key_id   = "alias/das"
}
`

// RootFiles splits the network module into a root module of n files: its
// variable gets a default, and its blocks go to main0.tf, main1.tf, ... in
// turn. It returns the files by name.
func RootFiles(n int) map[string]string {
	src := strings.Replace(NetworkModule, "  type = string\n", "  type    = string\n  default = \"10.0.0.0/16\"\n", 1)
	var blocks []string
	for _, b := range strings.Split(src, "\n\n") {
		// A blank line inside a block (before a nested block) is no block
		// boundary: blocks start at the left margin, with no brace.
		if len(blocks) > 0 && (b == "" || b[0] == ' ' || b[0] == '}') {
			blocks[len(blocks)-1] += "\n\n" + b
			continue
		}
		blocks = append(blocks, b)
	}
	out := map[string]string{}
	for i, b := range blocks {
		name := fmt.Sprintf("main%d.tf", i%n)
		out[name] += b + "\n\n"
	}
	return out
}

// WriteRoot writes the network module as a root module of n files (at most
// one per block) into dir.
func WriteRoot(dir string, n int) error {
	for name, text := range RootFiles(n) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// WriteRoots writes roots root modules of filesPerRoot files each into
// r0000/, r0001/, ... below dir: one passing cluster each.
func WriteRoots(dir string, roots, filesPerRoot int) error {
	for i := range roots {
		rdir := filepath.Join(dir, fmt.Sprintf("r%04d", i))
		if err := os.Mkdir(rdir, 0o755); err != nil {
			return err
		}
		if err := WriteRoot(rdir, filesPerRoot); err != nil {
			return err
		}
	}
	return nil
}

// WriteModuleTree writes one root module into dir that calls the network
// module (in modules/network) n times, each with its own CIDR: n passing
// clusters, about 27 resource instances per call.
func WriteModuleTree(dir string, n int) error {
	mod := filepath.Join(dir, "modules", "network")
	if err := os.MkdirAll(mod, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(mod, "main.tf"), []byte(NetworkModule), 0o644); err != nil {
		return err
	}
	var root strings.Builder
	root.WriteString("provider \"aws\" {\n  region = \"eu-west-1\"\n}\n")
	for i := range n {
		fmt.Fprintf(&root, "\nmodule \"net%d\" {\n  source = \"./modules/network\"\n  cidr   = \"10.%d.%d.0/16\"\n}\n", i, i/256, i%256)
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(root.String()), 0o644)
}
