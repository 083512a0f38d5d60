package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/report"
)

// locate records, for the formats that need them, where the run happened
// and what built it: the source root that SARIF's URIs are relative to, the
// working directory that the report's paths are relative to, and whether
// the version is a release (whose documentation SARIF links to). None of
// them is written as such in any report.
func locate(doc *report.Report, c *cliArgs, groups []group) {
	doc.Released = released(doc.Version)
	if wd := workDir(); wd != "" {
		doc.SourceRoot, doc.WorkDir = sourceRoot(c, groups), wd
	}
}

// sourceRoot is the directory that SARIF's %SRCROOT% stands for, so that a
// log names files the same way from any working directory: the top of the
// repository that holds the scanned paths (the nearest directory at or
// above each with .git, as the read boundary finds it); --root (or a
// configuration's root) instead when it is wider (a submodule linted with
// --root at the superproject); outside any repository, --root, else the
// scanned path itself (a file's directory). Paths in unrelated trees share
// their nearest common directory. Standard input is no file of any tree
// (the report names it <stdin>): its staged directory does not count. The
// result is absolute and free of symbolic links; empty when only standard
// input is scanned.
func sourceRoot(c *cliArgs, groups []group) string {
	var root string
	for _, g := range groups {
		if g.root != "" {
			continue // standard input, read below its staged directory
		}
		dir := inputOptions(c, g.conf).Root
		for _, p := range g.paths {
			b := inputfile.Boundary(p)
			if dir != "" {
				b = inputfile.Outer(b, inputfile.Tree(dir))
			}
			root = commonDir(root, b)
		}
	}
	return root
}

// commonDir is the nearest directory that holds both a and b (absolute,
// clean paths); b when a is empty.
func commonDir(a, b string) string {
	if a == "" {
		return b
	}
	for !inputfile.Inside(a, b) {
		parent := filepath.Dir(a)
		if parent == a {
			return a
		}
		a = parent
	}
	return a
}

// workDir is the working directory, absolute and free of symbolic links as
// the source root is; empty when it cannot be known.
func workDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return inputfile.Tree(wd)
}

// released reports whether v, the version the binary reports, is a
// release, whose documentation is published under the tag v<v>: a plain
// semantic version (1.2.3, 1.3.0-rc.1), not a pseudo-version of a commit
// or a work tree. The fallback version of a development build counts only
// when the build info says the binary was built from that tag.
func released(v string) bool {
	if v == fallbackVersion {
		bi, ok := debug.ReadBuildInfo()
		if !ok || bi.Main.Version != "v"+v {
			return false
		}
	}
	return isRelease(v)
}

// isRelease reports whether v (without its leading v) is
// MAJOR.MINOR.PATCH with an optional pre-release, without build metadata
// (+dirty, which Go stamps on a build from a modified work tree) and not a
// Go pseudo-version (whose pre-release holds a 14-digit commit time:
// 0.0.0-20261206083000-abcdefabcdef, 1.2.4-0.20261206083000-abcdefabcdef).
func isRelease(v string) bool {
	if strings.Contains(v, "+") {
		return false
	}
	core, pre, hasPre := strings.Cut(v, "-")
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if !allDigits(p) {
			return false
		}
	}
	if !hasPre {
		return true
	}
	for _, f := range strings.FieldsFunc(pre, func(r rune) bool { return r == '.' || r == '-' }) {
		if len(f) == 14 && allDigits(f) {
			return false
		}
	}
	return pre != ""
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
