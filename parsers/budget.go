package parsers

import (
	"cmp"
	"os"
	"slices"
	"strings"
)

// heldBytes is the size of the files that the jobs largest of the roots
// rs hold directly together: as much as may be read at once (readAll
// reads jobs roots at a time). See rootBytes.
func heldBytes(rs []root, jobs int) int64 {
	sizes := make([]int64, len(rs))
	for i, r := range rs {
		sizes[i] = rootBytes(r)
	}
	slices.SortFunc(sizes, func(a, b int64) int { return cmp.Compare(b, a) })
	var n int64
	for _, s := range sizes[:min(max(jobs, 1), len(sizes))] {
		n += s
	}
	return n
}

// rootBytes is the size of the files that the root r holds directly: a
// Terraform root's .tf and .tf.json files, a template or plan file. What
// it reads beyond (modules, nested templates, other roots' state) is not
// counted. It reads a directory listing and file sizes only, never file
// contents, and follows no symbolic link.
func rootBytes(r root) int64 {
	fi, err := os.Lstat(r.path)
	switch {
	case err != nil:
		return 0
	case fi.Mode().IsRegular():
		return fi.Size()
	case !fi.IsDir():
		return 0
	}
	entries, err := os.ReadDir(r.path)
	if err != nil {
		return 0
	}
	var n int64
	for _, e := range entries {
		terraform := strings.HasSuffix(e.Name(), ".tf") || strings.HasSuffix(e.Name(), ".tf.json")
		if !terraform || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil {
			n += info.Size()
		}
	}
	return n
}
