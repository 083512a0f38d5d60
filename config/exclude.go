package config

import (
	"errors"
	"path"
	"path/filepath"
	"strings"
)

// Excluded reports whether p (a file or directory, absolute or relative to
// the working directory) is excluded by the file's `exclude` globs. A
// pattern is matched against p's path relative to the configuration file's
// directory, with / separators, the way .gitignore reads patterns:
//
//   - a pattern without a `/` matches any single path element
//     (`fixtures` excludes every directory named fixtures, `*.json` every
//     JSON file);
//   - a pattern with a `/` matches from the configuration's directory
//     (`envs/legacy`, `modules/*/examples`); `**` matches any number of
//     directories (`**/testdata`);
//   - a match of a directory excludes everything below it.
//
// Paths outside the configuration's directory are never excluded.
func (c *Config) Excluded(p string) bool {
	return Excluded(c.Dir(), c.Exclude, p)
}

// Excluded reports whether p (a file or directory, absolute or relative to
// the working directory) is excluded by patterns, read relative to the
// directory base as Config.Excluded reads the file's patterns relative to
// its directory (--exclude reads them relative to the working directory).
// Paths outside base are never excluded.
func Excluded(base string, patterns []string, p string) bool {
	if len(patterns) == 0 {
		return false
	}
	base, err := filepath.Abs(base)
	if err != nil {
		return false
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	elems := strings.Split(filepath.ToSlash(rel), "/")
	for _, pat := range patterns {
		if matchPattern(strings.TrimSuffix(strings.TrimPrefix(pat, "./"), "/"), elems) {
			return true
		}
	}
	return false
}

// CheckPattern returns an error for a pattern that is no valid glob.
func CheckPattern(pat string) error {
	if strings.TrimSpace(pat) == "" {
		return errors.New("an empty pattern")
	}
	_, err := path.Match(strings.ReplaceAll(pat, "**", "*"), "")
	return err
}

func matchPattern(pat string, elems []string) bool {
	if !strings.Contains(pat, "/") {
		for _, e := range elems {
			if ok, _ := path.Match(pat, e); ok {
				return true
			}
		}
		return false
	}
	parts := strings.Split(pat, "/")
	// A match of any leading part of the path excludes what lies below it.
	for n := 1; n <= len(elems); n++ {
		if matchParts(parts, elems[:n]) {
			return true
		}
	}
	return false
}

// matchParts matches pattern elements against path elements exactly; `**`
// matches zero or more elements.
func matchParts(parts, elems []string) bool {
	if len(parts) == 0 {
		return len(elems) == 0
	}
	if parts[0] == "**" {
		for i := 0; i <= len(elems); i++ {
			if matchParts(parts[1:], elems[i:]) {
				return true
			}
		}
		return false
	}
	if len(elems) == 0 {
		return false
	}
	if ok, _ := path.Match(parts[0], elems[0]); !ok {
		return false
	}
	return matchParts(parts[1:], elems[1:])
}
