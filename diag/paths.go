package diag

import (
	"os"
	"path/filepath"
	"strings"
)

// Path returns a path the way reports print paths (docs/output.md#json-report): relative to
// the working directory when it lies below it, with / separators.
func Path(path string) string {
	if wd, err := os.Getwd(); err == nil && filepath.IsAbs(path) {
		if rel, err := filepath.Rel(wd, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			path = rel
		}
	}
	return filepath.ToSlash(path)
}
