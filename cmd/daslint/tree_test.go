package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rootFiles splits the network module into files: the variable gets a
// default, so that the module is a root of its own, and each block of it
// goes to one of n files (main0.tf, main1.tf, ...), in turn.
func rootFiles(n int) map[string]string {
	src := strings.Replace(networkModule, "  type = string\n", "  type    = string\n  default = \"10.0.0.0/16\"\n", 1)
	var blocks []string
	for _, b := range strings.Split(src, "\n\n") {
		// A blank line inside a block (before a nested block) is no block
		// boundary: blocks start at the left margin, with no brace.
		if len(blocks) > 0 && (b == "" || b[0] == ' ' || b[0] == '}') {
			blocks[len(blocks)-1] += "\n\n" + b
			continue
		}
		blocks = append(blocks, b)
	}
	files := map[string]string{}
	for i, b := range blocks {
		name := fmt.Sprintf("main%d.tf", i%n)
		files[name] += b + "\n\n"
	}
	return files
}

// writeRoots writes roots Terraform root modules of filesPerRoot files each
// (at most one per block of the network module) under a new directory, in
// r000/, r001/, ..., and returns the directory. Each root has one Aurora
// cluster with an activity stream that passes by NAT.
func writeRoots(tb testing.TB, roots, filesPerRoot int) string {
	tb.Helper()
	dir := tb.TempDir()
	files := rootFiles(filesPerRoot)
	for i := range roots {
		rdir := filepath.Join(dir, fmt.Sprintf("r%04d", i))
		if err := os.Mkdir(rdir, 0o755); err != nil {
			tb.Fatal(err)
		}
		for name, text := range files {
			if err := os.WriteFile(filepath.Join(rdir, name), []byte(text), 0o644); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return dir
}

func TestRootFiles(t *testing.T) {
	files := rootFiles(10)
	if len(files) != 10 {
		t.Fatalf("the network module splits into %d files, want 10", len(files))
	}
	dir := writeRoots(t, 2, 10)
	lintTree(t, dir, 2)
}
