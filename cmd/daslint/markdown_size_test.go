package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/daslint/daslint/internal/diagramcheck"
	"github.com/daslint/daslint/internal/stress"
	"github.com/daslint/daslint/report"
)

// Issue 11: 32 failing clusters gave a Markdown report of 185,771
// characters, three times what a GitHub comment holds. These tests run
// the command on generated trees of that size and far larger.

// writeBrokenStacks writes n stacks of stress.WriteStacks without their
// KMS endpoint: every cluster fails, each at links of its own (its own
// VPC, security group and instance), the case where no cause is shared.
func writeBrokenStacks(t *testing.T, dir string, n int) {
	t.Helper()
	if err := stress.WriteStacks(dir, n); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		text := stress.StackText(i)
		start := strings.Index(text, `resource "aws_vpc_endpoint"`)
		end := start + strings.Index(text[start:], "\n}\n") + 3
		if start < 0 || end < start {
			t.Fatal("the stack has no endpoint to remove")
		}
		if err := os.WriteFile(filepath.Join(dir, stress.StackName(i)+".tf"), []byte(text[:start]+text[end:]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// writeSharedNetwork writes one root whose n clusters are n calls of one
// module in one network without a KMS endpoint, NAT gateway or egress
// rule: every cluster breaks at the same links, the case the causes
// group.
func writeSharedNetwork(t *testing.T, dir string, n int) {
	t.Helper()
	network := `provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "private" {
  count             = 3
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
  availability_zone = ["eu-west-1a", "eu-west-1b", "eu-west-1c"][count.index]
}

resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = aws_vpc.main.id
}
`
	module := `variable "name" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_id" {
  type = string
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_rds_cluster" "this" {
  cluster_identifier          = var.name
  engine                      = "aurora-postgresql"
  master_username             = "dbadmin"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.this.name
  vpc_security_group_ids      = [var.security_group_id]
  skip_final_snapshot         = true
}

resource "aws_rds_cluster_instance" "this" {
  count              = 2
  identifier         = "${var.name}-${count.index}"
  cluster_identifier = aws_rds_cluster.this.id
  engine             = aws_rds_cluster.this.engine
  instance_class     = "db.r6g.large"
}

resource "aws_rds_cluster_activity_stream" "this" {
  resource_arn = aws_rds_cluster.this.arn
  mode         = "async"
  kms_key_id   = "alias/das"
}
`
	var calls strings.Builder
	for i := range n {
		fmt.Fprintf(&calls, `module "db%02d" {
  source            = "./modules/aurora"
  name              = "db%02d"
  subnet_ids        = aws_subnet.private[*].id
  security_group_id = aws_security_group.db.id
}

`, i, i)
	}
	files := map[string]string{"network.tf": network, "databases.tf": calls.String(), "modules/aurora/main.tf": module}
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// markdownRun runs --format markdown on dir and checks what every report
// must be: exit 1 (the clusters fail), at most report.MarkdownLimit
// characters, the marker first, no code block or <details> left open,
// every diagram well formed.
func markdownRun(t *testing.T, dir string) string {
	t.Helper()
	// From the tree, as a CI job runs it: positions relative to it.
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--format", "markdown", "."}, &stdout, &stderr); code != exitFindings {
		t.Fatalf("exit %d, want %d: %s", code, exitFindings, stderr.String())
	}
	md := stdout.String()
	if n := utf8.RuneCountInString(md); n > report.MarkdownLimit {
		t.Errorf("%d characters, more than a comment holds (%d)", n, report.MarkdownLimit)
	}
	if !strings.HasPrefix(md, report.MarkdownMarker+"\n## daslint: ") {
		t.Errorf("does not start with the marker:\n%.200s", md)
	}
	if n := strings.Count(md, "\n```"); n%2 != 0 {
		t.Errorf("%d fence lines: a code block is cut", n)
	}
	if o, c := strings.Count(md, "<details>"), strings.Count(md, "</details>"); o != c {
		t.Errorf("%d <details>, %d </details>", o, c)
	}
	for _, b := range diagramcheck.MermaidBlocks(md) {
		if err := diagramcheck.Mermaid(b); err != nil {
			t.Errorf("mermaid: %v", err)
		}
	}
	return md
}

// TestMarkdownSharedCauses: 32 clusters that break at the same three
// links give three causes, each naming the 32 clusters once, and the
// report fits a comment.
func TestMarkdownSharedCauses(t *testing.T) {
	dir := t.TempDir()
	writeSharedNetwork(t, dir, 32)
	md := markdownRun(t, dir)
	if !strings.Contains(md, "## daslint: 0 pass, 32 fail, 0 unknown\n") {
		t.Fatalf("not 32 failing clusters:\n%.300s", md)
	}
	_, causes, ok := strings.Cut(md, "### Causes\n\n")
	if !ok {
		t.Fatalf("no causes:\n%s", md)
	}
	causes, _, _ = strings.Cut(causes, "\n\n")
	lines := strings.Split(causes, "\n")
	if len(lines) != 3 {
		t.Errorf("%d causes, want 3 (public, nat, kms-endpoint):\n%s", len(lines), causes)
	}
	for _, l := range lines {
		if !strings.Contains(l, "<br>In 32 clusters: `module.db00.aws_rds_cluster.this`, ") || !strings.HasSuffix(l, " and 22 more") {
			t.Errorf("a cause does not list the 32 clusters: %s", l)
		}
	}
	for _, want := range []string{"`aws_vpc.main KMS endpoint` `network.tf:5`", "`aws_security_group.db egress TCP 443 to 0.0.0.0/0` `network.tf:18`", "`each instance publicly accessible` `modules/aurora/main.tf:28`"} {
		if !strings.Contains(causes, want) {
			t.Errorf("no cause at %s", want)
		}
	}
}

// TestMarkdownSize: 32 clusters that each break at their own links (the
// report was 103,000 characters before the cap), and 2,000 of them, fit
// a comment, with a note that counts the clusters left out. (The 2,000
// run takes seconds; it is left out with -short and -race.)
func TestMarkdownSize(t *testing.T) {
	for _, n := range []int{32, 2000} {
		if n > 100 && (testing.Short() || raceDetector) {
			continue
		}
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			dir := t.TempDir()
			writeBrokenStacks(t, dir, n)
			md := markdownRun(t, dir)
			if !strings.Contains(md, fmt.Sprintf("## daslint: 0 pass, %d fail, 0 unknown\n", n)) {
				t.Fatalf("not %d failing clusters:\n%.300s", n, md)
			}
			note := md[strings.LastIndex(md, "\n---\n"):]
			if !strings.Contains(note, fmt.Sprintf(" of %d failing or unknown clusters", n)) || !strings.Contains(note, "`daslint --format text`") {
				t.Errorf("the note does not count the clusters left out, or say where the rest is:\n%s", note)
			}
			if n := utf8.RuneCountInString(md); n < report.MarkdownLimit-5000 {
				t.Errorf("%d characters: the report leaves room unused", n)
			}
		})
	}
}
