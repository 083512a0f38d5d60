package parsers

import (
	"cmp"
	"os"
	"slices"
	"strings"
)

// InputSize is the size of the input of a run, in bytes of the files that
// its roots hold directly (rootBytes): what a caller may budget memory by
// (Options.Sized).
type InputSize struct {
	// Held is what the Jobs largest roots hold together: as much as is
	// read at once (readAll reads Jobs roots at a time).
	Held int64
	// Total is what every root to lint holds: how much the run reads in
	// all, roots read one after another included.
	Total int64
}

// inputSize is the InputSize of the roots rs read jobs at a time.
func inputSize(rs []root, jobs int) InputSize {
	sizes := make([]int64, len(rs))
	var in InputSize
	for i, r := range rs {
		sizes[i] = rootBytes(r)
		in.Total += sizes[i]
	}
	slices.SortFunc(sizes, func(a, b int64) int { return cmp.Compare(b, a) })
	for _, s := range sizes[:min(max(jobs, 1), len(sizes))] {
		in.Held += s
	}
	return in
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
