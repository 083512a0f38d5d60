package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclparse"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/stress"
)

// benchModule is a VPC-like module of about 20 resources: subnets with
// count, route tables, routes, associations, NAT, security groups.
const benchModule = `
variable "cidr" { type = string }
variable "azs" { default = ["a", "b", "c"] }
locals { n = length(var.azs) }
resource "aws_vpc" "this" { cidr_block = var.cidr }
resource "aws_internet_gateway" "this" { vpc_id = aws_vpc.this.id }
resource "aws_subnet" "public" {
  count             = local.n
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.cidr, 8, count.index)
  availability_zone = var.azs[count.index]
}
resource "aws_subnet" "private" {
  count             = local.n
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.cidr, 8, count.index + 10)
  availability_zone = var.azs[count.index]
}
resource "aws_eip" "nat" { domain = "vpc" }
resource "aws_nat_gateway" "this" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public[0].id
}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }
}
resource "aws_route_table" "private" { vpc_id = aws_vpc.this.id }
resource "aws_route" "nat" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this.id
}
resource "aws_route_table_association" "public" {
  count          = local.n
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}
resource "aws_route_table_association" "private" {
  count          = local.n
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
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
output "private_subnets" { value = aws_subnet.private[*].id }
output "sg" { value = aws_security_group.db.id }
`

// BenchmarkEvaluateLargeTree evaluates a root with 1,000 local modules of
// about 20 resource instances each.
func BenchmarkEvaluateLargeTree(b *testing.B) {
	dir := b.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "modules", "vpc"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "modules", "vpc", "main.tf"), []byte(benchModule), 0o644); err != nil {
		b.Fatal(err)
	}
	var root strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&root, "module \"vpc%d\" {\n  source = \"./modules/vpc\"\n  cidr = \"10.%d.0.0/16\"\n}\n", i, i%256)
		fmt.Fprintf(&root, "resource \"aws_db_subnet_group\" \"g%d\" { subnet_ids = module.vpc%d.private_subnets }\n", i, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(root.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, ds := Evaluate(dir, Options{})
		if ds.HasErrors() || len(res.Instances) < 20_000 {
			b.Fatalf("%d instances, diagnostics %v", len(res.Instances), ds)
		}
	}
}

// BenchmarkParseModule prepares one module directory (parseModule: read,
// parse, index attribute names, declare) without a cache, the parse layer
// alone: the one-root tree of 2,000 stacks (2,001 files, 18,000
// resources), and the directory DASLINT_BENCH_MODULE names when set (a
// real module, such as terraform-aws-security-group's root):
//
//	DASLINT_BENCH_MODULE=/work/sg go test ./parsers/terraform/eval \
//	    -run '^$' -bench ParseModule -benchmem
func BenchmarkParseModule(b *testing.B) {
	b.Run("stacks2000", func(b *testing.B) {
		dir := b.TempDir()
		if err := stress.WriteStacks(dir, 2000); err != nil {
			b.Fatal(err)
		}
		benchParseModule(b, dir, 2001)
	})
	b.Run("dir", func(b *testing.B) {
		dir := os.Getenv("DASLINT_BENCH_MODULE")
		if dir == "" {
			b.Skip("DASLINT_BENCH_MODULE is not set")
		}
		benchParseModule(b, dir, 1)
	})
}

func benchParseModule(b *testing.B, dir string, files int) {
	dir = absDir(dir)
	b.ReportAllocs()
	parse := func() *moduleConfig {
		var ds diag.Diagnostics
		cfg := parseModule(nil, hclparse.NewParser(), dir, dir, 0, &ds)
		if ds.HasErrors() || len(cfg.files) < files {
			b.Fatalf("%d files, diagnostics %v", len(cfg.files), ds)
		}
		return cfg
	}
	for b.Loop() {
		parse()
	}
	b.StopTimer()
	reportHeldHeap(b, parse)
}

// reportHeldHeap reports what build leaves in a heap that held nothing
// before it, after a collection: its live objects, and the free slots
// inside the spans in use, memory that the process keeps but cannot use
// for objects of other sizes (docs/memory.md, free slots).
func reportHeldHeap[T any](b *testing.B, build func() T) {
	runtime.GC()
	kept := build()
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	metrics.Read(s)
	runtime.KeepAlive(kept)
	b.ReportMetric(float64(s[0].Value.Uint64())/1e6, "live-MB")
	b.ReportMetric(float64(s[1].Value.Uint64())/1e6, "free-slot-MB")
}
