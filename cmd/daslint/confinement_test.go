package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSourcesOutsideTheTreeAreUnknown: a module source and a nested
// stack's TemplateURL that lead out of the scanned tree are not read; what
// flows from them is unknown, so the clusters that depend on them are
// unknown, with a warning naming the file and line.
func TestSourcesOutsideTheTreeAreUnknown(t *testing.T) {
	goodTF := mustTestdata("tf-nat-pass", "main.tf")
	goodCFN := mustTestdata("cfn-nat-pass", "template.yaml")
	base := t.TempDir()
	writeFile(t, filepath.Join(base, "outside", "main.tf"), "output \"group\" {\n  value = \"db\"\n}\n")
	writeFile(t, filepath.Join(base, "outside", "net.yaml"), "Resources: {}\nOutputs:\n  Group: {Value: db}\n")
	t.Chdir(mkdir(t, filepath.Join(base, "work")))
	writeFile(t, "infra/main.tf", strings.Replace(goodTF, "db_subnet_group_name   = aws_db_subnet_group.db.name",
		"db_subnet_group_name   = module.outside.group", 1)+"\nmodule \"outside\" {\n  source = \"../../outside\"\n}\n")
	writeFile(t, "stack.yaml", strings.Replace(goodCFN, "DBSubnetGroupName: !Ref DBSubnetGroup",
		"DBSubnetGroupName: !GetAtt Net.Outputs.Group", 1)+
		"  Net:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ../outside/net.yaml\n")
	doc, code := runJSON(t, ".")
	wantVerdicts(t, doc, map[string]string{"infra/main.tf aws_rds_cluster.main": "unknown", "stack.yaml DBCluster": "unknown"})
	wantProblems(t, doc, []wantError{
		{"infra/main.tf", 128, "warning", "module.outside: source ../../outside is outside the read boundary; it is not read: files are read only below \".\""},
		{"stack.yaml", 134, "warning", "nested stack Net: ../outside/net.yaml is outside the read boundary"},
	})
	if code != exitOK {
		t.Errorf("exit %d, want %d (warnings and DAS002 warnings only)", code, exitOK)
	}
}

// TestNothingIsExecutedOrFetched: module sources that Terraform would
// fetch (git::, s3::, a registry address), an external data source and a
// local-exec provisioner are read as text only: no command runs (their
// marker files never appear), nothing is downloaded or written into the
// tree (it is byte-identical afterwards, with no .terraform directory), and
// what they would have produced is unknown with its reason.
func TestNothingIsExecutedOrFetched(t *testing.T) {
	marks := t.TempDir()
	t.Chdir(t.TempDir())
	writeFile(t, "infra/main.tf", `module "net" {
  source = "git::https://example.invalid/net.git"
}

module "bucket" {
  source = "s3::https://s3-eu-west-1.amazonaws.com/bucket/net.zip"
}

module "registry" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}

data "external" "sg" {
  program = ["sh", "-c", "touch `+marks+`/external; echo '{\"id\": \"sg-1\"}'"]
}

resource "null_resource" "hook" {
  provisioner "local-exec" {
    command = "touch `+marks+`/local-exec"
  }
}

resource "aws_rds_cluster" "main" {
  engine                 = "aurora-postgresql"
  db_subnet_group_name   = module.net.db_subnet_group
  vpc_security_group_ids = [data.external.sg.result.id]
}

resource "aws_rds_cluster_activity_stream" "main" {
  resource_arn = aws_rds_cluster.main.arn
}
`)
	before := treeDigest(t, ".")
	doc, code := runJSON(t, ".")
	if after := treeDigest(t, "."); after != before {
		t.Errorf("the scanned tree changed during the run")
	}
	for _, m := range []string{"external", "local-exec"} {
		if _, err := os.Stat(filepath.Join(marks, m)); err == nil {
			t.Errorf("the %s command ran", m)
		}
	}
	if _, err := os.Stat("infra/.terraform"); err == nil {
		t.Errorf("infra/.terraform was created")
	}
	wantVerdicts(t, doc, map[string]string{"infra/main.tf aws_rds_cluster.main": "unknown"})
	wantProblems(t, doc, []wantError{
		{"infra/main.tf", 1, "warning", "module.net: source git::https://example.invalid/net.git is not vendored; run terraform init -backend=false (no backend, no credentials) to download it"},
		{"infra/main.tf", 5, "warning", "module.bucket: source s3::https://s3-eu-west-1.amazonaws.com/bucket/net.zip is not vendored; run terraform init -backend=false (no backend, no credentials) to download it"},
		{"infra/main.tf", 9, "warning", "module.registry: source terraform-aws-modules/vpc/aws is not vendored; run terraform init -backend=false (no backend, no credentials) to download it"},
	})
	if code != exitOK {
		t.Errorf("exit %d, want %d", code, exitOK)
	}
}

// TestNoNetworkNoExec checks, on the linked program, that daslint cannot
// start a process or speak HTTP: neither os/exec nor net/http nor
// crypto/tls is linked, but os/exec by internal/gitread. A new dependency
// that brings one in fails this test and must be justified here.
//
// internal/gitread runs git, read-only, for --hook alone: pre-commit
// passes a hook no deleted file, and only git knows what a commit deletes
// (docs/ci.md). It runs nothing else (its tests), and no other package
// may import it but this command.
func TestNoNetworkNoExec(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}: {{join .Imports \" \"}}", ".").Output()
	if err != nil {
		t.Skipf("go list is not available: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ": ")
		for _, imp := range strings.Fields(imports) {
			switch imp {
			case "os/exec":
				if pkg != "github.com/daslint/daslint/internal/gitread" {
					t.Errorf("%s imports %s: daslint must never run anything but git in internal/gitread", pkg, imp)
				}
			case "github.com/daslint/daslint/internal/gitread":
				if pkg != "github.com/daslint/daslint/cmd/daslint" {
					t.Errorf("%s imports %s: only the command runs git (--hook)", pkg, imp)
				}
			case "plugin":
				t.Errorf("%s imports %s: daslint must never run anything", pkg, imp)
			case "net/http", "crypto/tls":
				t.Errorf("%s imports %s: daslint must never fetch anything", pkg, imp)
			}
		}
	}
}

// TestWithoutNetwork runs the built binary in a network namespace with no
// network (unshare -n) and compares its output with a normal run: byte for
// byte the same, so nothing it reports depends on the network.
func TestWithoutNetwork(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if err := exec.Command("unshare", "-n", "true").Run(); err != nil {
		t.Skipf("unshare -n is not available here (%v): needs util-linux and CAP_SYS_ADMIN or user namespaces", err)
	}
	bin := daslintBinary(t)
	args := []string{"--format", "json", "../../examples/terraform-nat", "../../testdata/cfn-nat-pass", "../../testdata/tf-module-missing-directory"}
	online, onErr := exec.Command(bin, args...).Output()
	offline, offErr := exec.Command("unshare", append([]string{"-n", "--", bin}, args...)...).Output()
	if exitOf(onErr) != exitOf(offErr) {
		t.Errorf("exit status %d with network, %d without", exitOf(onErr), exitOf(offErr))
	}
	if !bytes.Equal(online, offline) || len(online) == 0 {
		t.Errorf("output differs without network:\nwith:\n%s\nwithout:\n%s", online, offline)
	}
}

func exitOf(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

func mkdir(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runJSON runs daslint with --format json on paths and decodes the report.
func runJSON(t *testing.T, paths ...string) (hostileReport, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"--format", "json"}, paths...), &stdout, &stderr)
	if stderr.Len() != 0 {
		t.Errorf("stderr: %s", stderr.String())
	}
	var doc hostileReport
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout.String())
	}
	return doc, code
}

// wantVerdicts checks that exactly these clusters (`<file> <id>`) are
// reported, with these verdicts.
func wantVerdicts(t *testing.T, doc hostileReport, want map[string]string) {
	t.Helper()
	got := map[string]string{}
	for _, c := range doc.Clusters {
		got[c.File+" "+c.ID] = c.Verdict
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("cluster %s: verdict %q, want %q", k, got[k], v)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("cluster %s (%s) is reported but not expected", k, v)
		}
	}
}

func wantProblems(t *testing.T, doc hostileReport, want []wantError) {
	t.Helper()
	checkErrors(t, want, doc.Errors)
}

// treeDigest hashes every path, mode and content below dir.
func treeDigest(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		h.Write([]byte(p + "\x00" + info.Mode().String() + "\x00"))
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(h.Sum(nil))
}
