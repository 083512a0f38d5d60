package gitread

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// repo makes a git repository of files with one commit, and makes it the
// working directory; it skips the test without git.
func repo(t *testing.T, files map[string][]byte) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
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
	git(t, "init", "-q")
	git(t, "add", "-A")
	git(t, "commit", "-qm", "init")
	return dir
}

func git(t *testing.T, args ...string) {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// TestDeleted: the staged deletions, a rename's old path among them, from
// a subdirectory; those between two refs; none outside a repository.
func TestDeleted(t *testing.T) {
	top := repo(t, map[string][]byte{"a/main.tf": []byte("locals {}\n"), "a/old.tf": nil, "b/c.yaml": nil, "keep.tf": nil})
	git(t, "rm", "-q", "--cached", "keep.tf") // deleted from git, still here
	git(t, "rm", "-q", "b/c.yaml")
	git(t, "mv", "a/old.tf", "a/new.tf")
	t.Chdir("a")
	d, err := Deleted(context.Background(), "", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join("..", "a", "old.tf"), filepath.Join("..", "b", "c.yaml")}
	slices.Sort(d.Paths)
	if !slices.Equal(d.Paths, want) || d.Repo[want[1]] != "b/c.yaml" || d.Before != "HEAD" || d.Top != top {
		t.Errorf("Deleted = %+v; want %v from HEAD in %s", d, want, top)
	}
	t.Chdir(top)
	git(t, "commit", "-qm", "delete")
	d, err = Deleted(context.Background(), "HEAD~1", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(d.Paths)
	if want := []string{filepath.Join("a", "old.tf"), filepath.Join("b", "c.yaml")}; !slices.Equal(d.Paths, want) || len(d.Before) != 40 {
		t.Errorf("between refs: %+v; want %v from the merge base", d, want)
	}
	t.Chdir(t.TempDir())
	t.Setenv("GIT_DIR", filepath.Join(t.TempDir(), "none"))
	if d, err := Deleted(context.Background(), "", ""); err == nil {
		t.Errorf("outside a repository: %+v, want an error", d)
	}
}

// TestBlobs reads what files held in a commit through one git process.
func TestBlobs(t *testing.T) {
	big := bytes.Repeat([]byte("x"), MaxBlob+10)
	repo(t, map[string][]byte{"a.tf": []byte("locals {}\n"), "big.json": big, "b/c.yaml": []byte("")})
	g := NewBlobs(".", "HEAD")
	defer g.Close()
	for _, tc := range []struct {
		path string
		data string
		ok   bool
	}{
		{"a.tf", "locals {}\n", true},
		{"missing.tf", "", false},
		{"big.json", "", false}, // larger than MaxBlob: not known
		{"b/c.yaml", "", true},
		{"b", "", false}, // a directory
		{"a\nb", "", false},
		{"a.tf", "locals {}\n", true}, // the stream is still in step
	} {
		data, ok := g.Read(tc.path)
		if ok != tc.ok || tc.ok && string(data) != tc.data {
			t.Errorf("Read(%q) = %q, %v; want %q, %v", tc.path, data, ok, tc.data, tc.ok)
		}
	}
}
