package parsefloor

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/internal/stress"
)

// writeFiles writes name → content below dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"main.tf":                        "",
		"b/vars.tf.json":                 "{}",
		"b/terraform.tfvars":             "",
		"b/template.yaml":                "",
		".terraform/modules/vpc/main.tf": "",
		"node_modules/x/main.tf":         "",
		"a/.hidden/main.tf":              "",
		"a/modules/net/main.tf":          "",
		"a/main.tf.bak":                  "",
		"a/z.tf":                         "",
	})
	got, err := Files([]string{dir, filepath.Join(dir, "a", "z.tf")})
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range got {
		got[i], _ = filepath.Rel(dir, name)
		got[i] = filepath.ToSlash(got[i])
	}
	want := []string{"a/modules/net/main.tf", "a/z.tf", "b/vars.tf.json", "main.tf"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Files (-want +got):\n%s", diff)
	}
}

func TestFilesMissingPath(t *testing.T) {
	if _, err := Files([]string{filepath.Join(t.TempDir(), "absent")}); err == nil {
		t.Error("no error for a path that does not exist")
	}
}

func TestParse(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"ok.tf":           `resource "aws_vpc" "a" { cidr_block = "10.0.0.0/16" }` + "\n",
		"ok.tf.json":      `{"resource": {"aws_vpc": {"b": {"cidr_block": "10.1.0.0/16"}}}}`,
		"broken.tf":       `resource "aws_vpc" {` + "\n",
		"badjson.tf.json": `{"resource": `,
	}
	writeFiles(t, dir, files)
	var names []string
	var bytes int64
	for name, content := range files {
		names = append(names, filepath.Join(dir, name))
		bytes += int64(len(content))
	}
	names = append(names, filepath.Join(dir, "absent.tf"))
	got := Parse(names)
	want := Stats{Files: 4, Bytes: bytes, Broken: 3}
	if got != want {
		t.Errorf("Parse = %+v, want %+v", got, want)
	}
}

// TestRunStacks parses the tree of the peer comparison: every file
// parses.
func TestRunStacks(t *testing.T) {
	dir := t.TempDir()
	if err := stress.WriteStacks(dir, 3); err != nil {
		t.Fatal(err)
	}
	got, err := Run([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if got.Files != 4 || got.Broken != 0 || got.Bytes == 0 {
		t.Errorf("Run = %+v, want 4 files, none broken", got)
	}
}
