package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// gitRepo makes a git repository of files in a temporary directory, with
// one commit, and makes it the working directory. It skips the test when
// git is not installed.
func gitRepo(t *testing.T, files map[string][]byte) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	for _, k := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "PRE_COMMIT_FROM_REF", "PRE_COMMIT_TO_REF"} {
		t.Setenv(k, "")
		_ = os.Unsetenv(k) // t.Setenv restores it
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	runGit(t, "init", "-q")
	runGit(t, "add", "-A")
	runGit(t, "commit", "-qm", "init")
}

// runGit runs git in the working directory.
func runGit(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// endpointRoot is testdata/tf-endpoint-pass split in two: main.tf, and
// endpoint.tf, which holds the KMS interface endpoint that makes its
// cluster pass.
func endpointRoot(t *testing.T) (main, endpoint []byte) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "tf-endpoint-pass", "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte(`resource "aws_security_group" "kms_endpoint"`))
	if i < 0 {
		t.Fatal("tf-endpoint-pass/main.tf declares no kms_endpoint security group")
	}
	return data[:i], data[i:]
}

// hookReport runs daslint --hook --format json with args and returns the
// exit status and each reported cluster as "file verdict", sorted.
func hookReport(t *testing.T, args ...string) (int, []string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"--hook", "--format", "json"}, args...), &stdout, &stderr)
	var doc struct {
		Clusters []struct{ File, Verdict string }
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("report: %v\n%s", err, stdout.String())
	}
	got := []string{}
	for _, c := range doc.Clusters {
		got = append(got, c.File+" "+c.Verdict)
	}
	sort.Strings(got)
	return code, got, stderr.String()
}

// TestRunHookDeletions: pre-commit passes no deleted file, so --hook asks
// git for the staged deletions (a rename's old path too), or for those
// between the refs pre-commit runs between, and lints the roots that read
// them: deleting the file that holds a root's KMS endpoint fails the
// commit.
func TestRunHookDeletions(t *testing.T) {
	main, endpoint := endpointRoot(t)
	fixed, err := os.ReadFile(filepath.Join("..", "..", "examples", "terraform-nat", "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"live/db/main.tf":     main,
		"live/db/endpoint.tf": endpoint,
		"live/nat/main.tf":    fixed,
		"k8s/web.yaml":        []byte("apiVersion: apps/v1\nkind: Deployment\n"),
		"package-lock.json":   []byte(`{"name": "web", "lockfileVersion": 3}` + "\n"),
	}
	const (
		pass = "live/db/main.tf pass"
		fail = "live/db/main.tf fail"
	)
	for _, tc := range []struct {
		name     string
		change   func(t *testing.T)
		args     []string // the files pre-commit passes
		code     int
		clusters []string
	}{
		{"nothing staged", func(*testing.T) {}, nil, exitOK, []string{}},
		{"the endpoint's file deleted", func(t *testing.T) { runGit(t, "rm", "-q", "live/db/endpoint.tf") },
			nil, exitFindings, []string{fail}},
		{"the endpoint's file deleted, the hook run in a subdirectory", func(t *testing.T) {
			runGit(t, "rm", "-q", "live/db/endpoint.tf")
			t.Chdir("live")
		}, nil, exitFindings, []string{"db/main.tf fail"}},
		{"the endpoint's file renamed out of Terraform", func(t *testing.T) {
			runGit(t, "mv", "live/db/endpoint.tf", "live/db/endpoint.tf.txt")
		}, nil, exitFindings, []string{fail}},
		{"a root renamed", func(t *testing.T) { runGit(t, "mv", "live/db/main.tf", "live/db/db.tf") },
			[]string{"live/db/db.tf"}, exitOK, []string{"live/db/db.tf pass"}},
		{"files no root read deleted", func(t *testing.T) { runGit(t, "rm", "-q", "k8s/web.yaml", "package-lock.json") },
			nil, exitOK, []string{}},
		{"deleted, not staged", func(t *testing.T) {
			if err := os.Remove("live/db/endpoint.tf"); err != nil {
				t.Fatal(err)
			}
		}, nil, exitOK, []string{}},
		{"the endpoint's file deleted between two refs", func(t *testing.T) {
			runGit(t, "rm", "-q", "live/db/endpoint.tf")
			runGit(t, "commit", "-qm", "no endpoint")
			t.Setenv("PRE_COMMIT_FROM_REF", "HEAD~1")
			t.Setenv("PRE_COMMIT_TO_REF", "HEAD")
		}, nil, exitFindings, []string{fail}},
		{"the configuration changed", func(t *testing.T) {
			if err := os.WriteFile(".daslint.yaml", []byte("unknown: error\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{".daslint.yaml"}, exitOK, []string{pass, "live/nat/main.tf pass"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gitRepo(t, files)
			tc.change(t)
			code, got, stderr := hookReport(t, tc.args...)
			if diff := cmp.Diff(tc.clusters, got); diff != "" || code != tc.code {
				t.Errorf("exit %d, want %d; clusters (-want +got):\n%s\nstderr: %s", code, tc.code, diff, stderr)
			}
		})
	}
}

// TestRunHookNoGit: outside a git repository, or with no file and no
// deletion, --hook reads nothing and passes quietly.
func TestRunHookNoGit(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	t.Setenv("GIT_DIR", filepath.Join(dir, "no-such-repository"))
	main, _ := endpointRoot(t)
	if err := os.MkdirAll(filepath.Join(dir, "live"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "live", "main.tf"), main, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--hook"}, &stdout, &stderr); code != exitOK || stderr.Len() != 0 || !strings.HasPrefix(stdout.String(), "0 files, 0 clusters") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0, nothing linted, nothing on stderr", code, stdout.String(), stderr.String())
	}
	// A deleted file named outside git is judged by its name.
	code, got, _ := hookReport(t, "live/endpoint.tf")
	if code != exitFindings || !cmp.Equal(got, []string{"live/main.tf fail"}) {
		t.Errorf("a deleted file named: exit %d, clusters %v; want 1 and live/main.tf failing", code, got)
	}
}
