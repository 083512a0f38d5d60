package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/daslint/daslint/internal/inputfile"
)

// repoPaths maps the report's file paths, which are relative to the
// working directory (absolute outside it), to paths relative to the top of
// the git repository that holds the working directory: the CI formats
// (JUnit, GitLab Code Quality) are read by systems that resolve paths from
// the project root, whichever directory the job ran daslint in. Outside a
// repository, and for a file outside it, a path is unchanged.
func repoPaths() func(string) string {
	wd, err := os.Getwd()
	if err != nil {
		return nil
	}
	wd = inputfile.Tree(wd)
	top := inputfile.Boundary(wd)
	seen := map[string]string{}
	return func(f string) string {
		if r, ok := seen[f]; ok {
			return r
		}
		r := repoPath(top, wd, f)
		seen[f] = r
		return r
	}
}

// repoPath is file (relative to wd, or absolute) relative to top, or file
// when it is not below top. top and wd are absolute and free of symbolic
// links.
func repoPath(top, wd, file string) string {
	abs := filepath.FromSlash(file)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(wd, abs)
	} else if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return file
	}
	return filepath.ToSlash(rel)
}
