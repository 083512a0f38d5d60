package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileCases is the bad-input suite, one case a row (issue 5 item 2).
// Every expected problem was written from docs/semantics.md and docs/cli.md (exit status:
// an error is input that could not be read, 2; a warning is a limit or an
// input left out, whose affected verdicts cannot pass).
func hostileCases() []hostileCase {
	goodTF := mustTestdata("tf-nat-pass", "main.tf")
	goodCFN := mustTestdata("cfn-nat-pass", "template.yaml")
	const yamlHead = "AWSTemplateFormatVersion: \"2010-09-09\"\n"
	return []hostileCase{
		{
			name:   "truncated HCL",
			setup:  files("bad/main.tf", "resource \"aws_vpc\" \"v\" {\n  cidr_block = \"10.0.0.0/16\"\n"),
			errors: []wantError{{"bad/main.tf", 1, "error", "Unclosed configuration block"}},
			exit:   2,
		},
		{
			name:   "truncated YAML",
			setup:  files("bad.yaml", yamlHead+"Resources:\n  VPC:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: \"10.0"),
			errors: []wantError{{"bad.yaml", 5, "error", "cannot parse"}},
			exit:   2,
		},
		{
			name:   "truncated JSON",
			setup:  files("bad.json", `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"VPC": {"Type": "AWS::EC2::VPC"`),
			errors: []wantError{{"bad.json", 1, "error", "cannot parse template"}},
			exit:   2,
		},
		{
			name:   "invalid UTF-8 in HCL",
			setup:  files("bad/main.tf", "resource \"aws_vpc\" \"v\" {\n  cidr_block = \"10.0.\xff\xfe\"\n}\n"),
			errors: []wantError{{"bad/main.tf", 2, "error", "UTF-8"}},
			exit:   2,
		},
		{
			name:   "invalid UTF-8 in YAML",
			setup:  files("bad.yaml", yamlHead+"Resources:\n  VPC:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: \"10.\xff\"}\n"),
			errors: []wantError{{"bad.yaml", 5, "error", "UTF-8"}},
			exit:   2,
		},
		{
			name:   "binary file named .tf",
			setup:  files("bad/main.tf", "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00\x01\x00\x00\x00"),
			errors: []wantError{{"bad/main.tf", 1, "error", "binary"}},
			exit:   2,
		},
		{
			// --max-file-size takes whole megabytes, at least 1: the
			// smallest limit, so that the test writes only 1.5 MB.
			name: "Terraform file above the size limit",
			setup: files("big/main.tf", badCluster(goodTF, "2"),
				"big/padding.tf", "# "+strings.Repeat("x", 3<<19)+"\n"),
			args: []string{"--max-file-size", "1"},
			errors: []wantError{{"big/padding.tf", 0, "warning",
				"big/padding.tf is 1.5 MB, above the limit of 1 MB for one file (--max-file-size); it is not read"}},
			// What the unread file declares is missing: the cluster beside
			// it cannot pass (model.Unread).
			clusters: map[string]string{"big/main.tf aws_rds_cluster.main": "unknown"},
			exit:     0,
		},
		{
			name:   "template above the size limit",
			setup:  files("big.yaml", yamlHead+"# "+strings.Repeat("x", 3<<19)+"\nResources: {}\n"),
			args:   []string{"--max-file-size", "1"},
			errors: []wantError{{"big.yaml", 0, "warning", "big.yaml is 1.5 MB, above the limit of 1 MB for one file (--max-file-size); it is not read"}},
			exit:   0,
		},
		{
			name:   "10,000-deep HCL nesting",
			setup:  files("bad/main.tf", "locals {\n  x = "+deep("[", "]", 10000)+"\n}\n"),
			errors: []wantError{{"bad/main.tf", 2, "error", "nested deeper than"}},
			exit:   2,
		},
		{
			// The HCL parser recurses once per unary operator too.
			name:   "10,000 unary operators in HCL",
			setup:  files("bad/main.tf", "locals {\n  x = "+strings.Repeat("!", 10000)+"true\n}\n"),
			errors: []wantError{{"bad/main.tf", 2, "error", "nested deeper than 1000 levels; daslint does not read the file"}},
			exit:   2,
		},
		{
			name:   "10,000-deep HCL JSON nesting",
			setup:  files("bad/main.tf.json", `{"locals": {"x": `+deep("[", "]", 10000)+"}}"),
			errors: []wantError{{"bad/main.tf.json", 1, "error", "nested deeper than"}},
			exit:   2,
		},
		{
			name:   "10,000-deep YAML nesting",
			setup:  files("bad.yaml", yamlHead+"Resources: "+deep("[", "]", 10000)+"\n"),
			errors: []wantError{{"bad.yaml", 2, "error", "nested deeper than"}},
			exit:   2,
		},
		{
			name:   "10,000-deep JSON nesting",
			setup:  files("bad.json", `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": `+deep("[", "]", 10000)+"}"),
			errors: []wantError{{"bad.json", 1, "error", "nested deeper than"}},
			exit:   2,
		},
		{
			name:   "YAML alias bomb",
			setup:  files("bomb.yaml", aliasBomb()),
			errors: []wantError{{"bomb.yaml", 7, "error", "template expands to more than 1048576 values (YAML alias bomb?)"}},
			exit:   2,
		},
		{
			name:   "locals cycle",
			setup:  files("bad/main.tf", "locals {\n  a = local.b\n  b = local.a\n}\n\nresource \"aws_vpc\" \"v\" {\n  cidr_block = local.a\n}\n"),
			errors: []wantError{{"bad/main.tf", 2, "error", "reference cycle: local.a (bad/main.tf:2:3) → local.b (bad/main.tf:3:3) → local.a"}},
			exit:   2,
		},
		{
			name:   "module that sources itself",
			setup:  files("bad/main.tf", "module \"again\" {\n  source = \"./\"\n}\n"),
			errors: []wantError{{"bad/main.tf", 2, "error", "the module sources itself"}},
			exit:   2,
		},
		{
			name:   "nested stack that includes itself",
			setup:  files("loop.yaml", yamlHead+"Resources:\n  Again:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./loop.yaml\n"),
			errors: []wantError{{"loop.yaml", 6, "error", "includes itself"}},
			exit:   2,
		},
		{
			name:   "count = 1e9",
			setup:  files("huge/main.tf", badCluster(goodTF, "1e9")),
			errors: []wantError{{"huge/main.tf", 110, "warning", "aws_rds_cluster_instance.main: count = 1000000000 exceeds the limit of 10000 instances; it is analysed as one instance that may exist"}},
			// The instances are not expanded: one symbolic instance stands
			// for them, and a limit can never be evidence for a pass.
			clusters: map[string]string{"huge/main.tf aws_rds_cluster.main": "unknown"},
			exit:     0,
		},
		{
			name:     "for_each over a huge collection",
			setup:    files("huge/main.tf", hugeForEach(goodTF)),
			errors:   []wantError{{"huge/main.tf", 110, "warning", "setproduct would build more than 100000 elements, daslint's limit; the value is unknown"}},
			clusters: map[string]string{"huge/main.tf aws_rds_cluster.main": "unknown"},
			exit:     0,
		},
		{
			name: "symlink loop",
			setup: func(t *testing.T) {
				writeFile(t, "loop/main.tf", badCluster(goodTF, "2"))
				symlink(t, "b.tf", "loop/a.tf")
				symlink(t, "a.tf", "loop/b.tf")
				symlink(t, "..", "loop/up")
			},
			errors: []wantError{
				{"loop/a.tf", 0, "error", "cannot read loop/a.tf: its symbolic links lead in a circle"},
				{"loop/b.tf", 0, "error", "cannot read loop/b.tf: its symbolic links lead in a circle"},
			},
			clusters: map[string]string{"loop/main.tf aws_rds_cluster.main": "unknown"},
			exit:     2,
		},
		{
			name: "symlink out of the scanned tree",
			setup: func(t *testing.T) {
				outside := t.TempDir() // not below the working directory
				writeFile(t, filepath.Join(outside, "routes.tf"), "resource \"aws_vpc\" \"x\" {}\n")
				writeFile(t, filepath.Join(outside, "stack.yaml"), goodCFN)
				writeFile(t, "linked/main.tf", badCluster(goodTF, "2"))
				symlink(t, filepath.Join(outside, "routes.tf"), "linked/routes.tf")
				symlink(t, filepath.Join(outside, "stack.yaml"), "linked.yaml")
				symlink(t, outside, "outside")
			},
			errors: []wantError{
				{"linked/routes.tf", 0, "warning", "linked/routes.tf is a symbolic link out of the scanned tree (to /"},
				{"linked.yaml", 0, "warning", "linked.yaml is a symbolic link out of the scanned tree (to /"},
				{"outside", 0, "warning", "outside is a symbolic link to a directory out of the scanned tree (/"},
			},
			clusters: map[string]string{"linked/main.tf aws_rds_cluster.main": "unknown"},
			exit:     0,
		},
		{
			// The same path as an unreadable file, but one that the
			// superuser cannot read either.
			name: "dangling symlink",
			setup: func(t *testing.T) {
				writeFile(t, "dangling/main.tf", badCluster(goodTF, "2"))
				symlink(t, "gone.tf", "dangling/vpc.tf")
			},
			errors: []wantError{
				{"dangling/vpc.tf", 0, "error", "cannot read dangling/vpc.tf: no such file or directory; check that it exists and that daslint may read it"},
			},
			clusters: map[string]string{"dangling/main.tf aws_rds_cluster.main": "unknown"},
			exit:     2,
		},
		{
			name: "unreadable file",
			setup: func(t *testing.T) {
				writeFile(t, "locked/main.tf", badCluster(goodTF, "2"))
				writeFile(t, "locked/more.tf", "# nothing\n")
				writeFile(t, "locked.yaml", yamlHead+"Resources: {}\n")
				for _, f := range []string{"locked/more.tf", "locked.yaml"} {
					if err := os.Chmod(f, 0); err != nil {
						t.Fatal(err)
					}
					t.Cleanup(func() { _ = os.Chmod(f, 0o644) })
				}
				// Permissions do not stop the superuser (tests run as root in
				// CI): then the case cannot be expressed.
				if _, err := os.ReadFile("locked.yaml"); err == nil {
					t.Skip("files with mode 000 are readable here (running as root): the unreadable-file case needs an unprivileged user")
				}
			},
			errors: []wantError{
				{"locked/more.tf", 0, "error", "permission denied"},
				{"locked.yaml", 0, "error", "permission denied"},
			},
			clusters: map[string]string{"locked/main.tf aws_rds_cluster.main": "unknown"},
			exit:     2,
		},
		{
			// The correctness half of the many-files case; its cost is
			// TestManyEmptyFilesScale's.
			name:  "directory of many empty files",
			setup: manyEmptyFiles(1000),
			exit:  0,
		},
	}
}

// manyEmptyFiles writes n empty files in one directory, half of them .tf
// (one Terraform root of n/2 files), half .yaml (n/2 template candidates).
func manyEmptyFiles(n int) func(t *testing.T) {
	return func(t *testing.T) {
		if err := os.Mkdir("empty", 0o755); err != nil {
			t.Fatal(err)
		}
		for i := range n {
			ext := ".tf"
			if i%2 == 1 {
				ext = ".yaml"
			}
			f, err := os.Create(filepath.Join("empty", fmt.Sprintf("f%06d%s", i, ext)))
			if err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// hugeForEach is the good root whose instances come from a for_each over a
// million keys (a product of two ranges of 1,000).
func hugeForEach(goodTF string) string {
	return strings.Replace(goodTF, "count              = 2\n  identifier         = \"main-${count.index}\"",
		"for_each           = toset([for p in setproduct(range(1000), range(1000)) : join(\"-\", p)])\n  identifier         = \"main-${each.key}\"", 1)
}

// mustTestdata reads a file of a golden case; the suite cannot run without
// it.
func mustTestdata(dir, file string) string {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", dir, file))
	if err != nil {
		panic(err)
	}
	return string(b)
}
