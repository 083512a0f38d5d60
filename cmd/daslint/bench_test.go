package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// networkModule is a VPC module of about twenty resources: three zones of
// public and database subnets, NAT, route tables, a security group, a DB
// subnet group and an Aurora cluster with an activity stream.
const networkModule = `variable "cidr" {
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

// writeTree writes a root module that calls the network module n times,
// each with its own CIDR, and returns the root's path.
func writeTree(tb testing.TB, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	mod := filepath.Join(dir, "modules", "network")
	if err := os.MkdirAll(mod, 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mod, "main.tf"), []byte(networkModule), 0o644); err != nil {
		tb.Fatal(err)
	}
	var root strings.Builder
	root.WriteString("provider \"aws\" {\n  region = \"eu-west-1\"\n}\n")
	for i := range n {
		fmt.Fprintf(&root, "\nmodule \"net%d\" {\n  source = \"./modules/network\"\n  cidr   = \"10.%d.%d.0/16\"\n}\n", i, i/256, i%256)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(root.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// lintTree runs the whole command (discovery, evaluation, model, analysis,
// rules, JSON report) on dir and checks that every cluster passed.
func lintTree(tb testing.TB, dir string, clusters int) {
	var out strings.Builder
	if code := run([]string{"--format", "json", dir}, &out, io.Discard); code != 0 {
		tb.Fatalf("exit status %d", code)
	}
	if got := strings.Count(out.String(), `"verdict": "pass",`+"\n      \"path\""); got != clusters {
		tb.Fatalf("%d clusters passed, want %d", got, clusters)
	}
}

// BenchmarkLintModuleTree lints a root with 1,000 module calls, about
// 27,000 resource instances. Goal (issue 2): under 1 s/op on one core.
func BenchmarkLintModuleTree(b *testing.B) {
	dir := writeTree(b, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		lintTree(b, dir, 1000)
	}
}

// BenchmarkLintSingleRoot lints one typical root module: a three-zone VPC
// with NAT and an Aurora cluster (the bundled example).
func BenchmarkLintSingleRoot(b *testing.B) {
	wd, err := os.Getwd()
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(wd, "..", "..", "examples", "terraform-nat")
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		lintTree(b, dir, 1)
	}
}
