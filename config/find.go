package config

import (
	"os"
	"path/filepath"

	"github.com/daslint/daslint/diag"
)

// Find returns the configuration file that applies to target (a file or a
// directory): FileName in target's directory or the nearest directory
// above it, stopping at a repository root (a directory holding `.git`,
// a directory or, in a worktree or submodule, a file) or the filesystem
// root. It returns "" when there is none. The path is relative to the
// working directory when the file lies below it, as reports write paths.
func Find(target string) string {
	dir, err := filepath.Abs(target)
	if err != nil {
		return ""
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		dir = filepath.Dir(dir)
	}
	for {
		f := filepath.Join(dir, FileName)
		if info, err := os.Stat(f); err == nil && info.Mode().IsRegular() {
			return filepath.FromSlash(diag.Path(f))
		}
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
