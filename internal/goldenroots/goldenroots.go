// Package goldenroots finds the Terraform root directories of the
// repository's golden cases, for tests that run a stage over every one of
// them and compare two ways of doing it.
package goldenroots

import (
	"io/fs"
	"path/filepath"
	"strings"
)

// Terraform returns every directory below top that holds a .tf file, once
// each, in the order their first .tf file is walked (filepath.WalkDir's
// lexical order), skipping hidden directories (top itself excepted).
func Terraform(top string) ([]string, error) {
	var roots []string
	seen := map[string]bool{}
	err := filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != top {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".tf") {
			if dir := filepath.Dir(p); !seen[dir] {
				seen[dir] = true
				roots = append(roots, dir)
			}
		}
		return nil
	})
	return roots, err
}
