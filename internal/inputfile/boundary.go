package inputfile

import (
	"os"
	"path/filepath"
)

// Boundary returns the read boundary of a scanned path (docs/semantics.md#where-a-run-starts-does-not-matter): the
// directory below which daslint may read files for it (module sources,
// file() and its kin, nested templates). It is the top of the repository
// that holds path, the nearest directory at or above it with a .git entry
// (a directory, or the file that a git worktree or submodule has), else the
// path itself, or its directory when path is a file.
//
// The result is absolute and free of symbolic links, as Read wants it, and
// depends only on the file system, never on the working directory: a root
// calling `../../modules/vpc` reads the same files from any folder.
func Boundary(path string) string {
	start := Tree(path)
	if st, err := os.Stat(start); err == nil && !st.IsDir() {
		start = filepath.Dir(start)
	}
	for dir := start; ; {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return start
		}
		dir = parent
	}
}

// Outer returns whichever of two boundaries contains the other, so that a
// root found below several scanned paths reads below the widest of their
// boundaries whatever the order of the paths. Boundaries of paths that
// share a root always nest (each is the root's directory or above it); for
// two that do not, it returns a.
func Outer(a, b string) string {
	if a != b && Inside(b, a) {
		return b
	}
	return a
}

// Key names path the same way from any working directory: relative to
// boundary (an absolute, symlink-free directory), with / separators, when it
// lies inside, else absolute. Messages that feed finding fingerprints name
// files with it, never relative to the working directory (docs/semantics.md#where-a-run-starts-does-not-matter).
func Key(boundary, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if boundary != "" && Inside(boundary, abs) {
		if rel, err := filepath.Rel(boundary, abs); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(abs)
}
