package inputfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestBoundary(t *testing.T) {
	base := Tree(t.TempDir())
	mk := func(rel string) string {
		p := filepath.Join(base, filepath.FromSlash(rel))
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	touch := func(rel, text string) string {
		p := filepath.Join(base, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	repo := mk("repo")
	mk("repo/.git")
	mk("repo/envs/prod")
	touch("repo/envs/prod/main.tf", "")
	worktree := mk("worktree")
	touch("worktree/.git", "gitdir: /elsewhere/.git/worktrees/worktree\n")
	mk("worktree/stacks")
	sub := mk("repo/vendor/sub")
	touch("repo/vendor/sub/.git", "gitdir: ../../.git/modules/sub\n")
	mk("repo/vendor/sub/mod")
	plain := mk("plain/envs/prod")
	touch("plain/envs/prod/stack.yaml", "")
	if err := os.Symlink(filepath.Join(repo, "envs"), filepath.Join(base, "link")); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, path, want string
	}{
		{"a directory below a .git directory", "repo/envs/prod", repo},
		{"a file below a .git directory", "repo/envs/prod/main.tf", repo},
		{"the repository top itself", "repo", repo},
		{"a .git file (git worktree)", "worktree/stacks", worktree},
		{"the nearest .git wins (submodule)", "repo/vendor/sub/mod", sub},
		{"no repository: the directory itself", "plain/envs/prod", plain},
		{"no repository: a file's directory", "plain/envs/prod/stack.yaml", plain},
		{"a symbolic link is resolved first", "link/prod", repo},
		{"a path that does not exist", "plain/missing", filepath.Join(base, "plain", "missing")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Boundary(filepath.Join(base, filepath.FromSlash(tt.path))); got != tt.want {
				t.Errorf("Boundary(%s) = %s, want %s", tt.path, got, tt.want)
			}
		})
	}

	// The working directory does not matter: a relative path gives what
	// the absolute one does.
	t.Chdir(filepath.Join(repo, "envs"))
	for _, rel := range []string{"prod", ".", "prod/main.tf", "../envs/prod"} {
		if got := Boundary(rel); got != repo {
			t.Errorf("from envs: Boundary(%s) = %s, want %s", rel, got, repo)
		}
	}
}

func TestOuter(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"/r", "/r/envs", "/r"},
		{"/r/envs", "/r", "/r"},
		{"/r", "/r", "/r"},
		{"/a", "/b", "/a"}, // never for paths that share a root
	}
	for _, tt := range tests {
		if got := Outer(tt.a, tt.b); got != tt.want {
			t.Errorf("Outer(%s, %s) = %s, want %s", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestKey(t *testing.T) {
	boundary := Tree(t.TempDir())
	if err := os.MkdirAll(filepath.Join(boundary, "envs", "prod"), 0o755); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(Tree(t.TempDir()), "x.tf")
	tests := []struct {
		name, wd, path, want string
	}{
		{"from the boundary", boundary, "envs/prod/main.tf", "envs/prod/main.tf"},
		{"from below it", filepath.Join(boundary, "envs", "prod"), "main.tf", "envs/prod/main.tf"},
		{"up and down", filepath.Join(boundary, "envs", "prod"), "../../modules/vpc", "modules/vpc"},
		{"absolute", "/", filepath.Join(boundary, "envs", "prod", "main.tf"), "envs/prod/main.tf"},
		{"outside: absolute", boundary, outside, filepath.ToSlash(outside)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(tt.wd)
			if got := Key(boundary, tt.path); got != tt.want {
				t.Errorf("Key(%s) from %s = %s, want %s", tt.path, tt.wd, got, tt.want)
			}
		})
	}
}
