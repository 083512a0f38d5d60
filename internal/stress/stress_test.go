package stress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCases writes every case but the largest and checks that it is what
// its name says.
func TestCases(t *testing.T) {
	for _, c := range Cases {
		switch c.Name {
		case "tf-100000-empty-files", "tf-50mb-file", "tree-10000-files", "root-1000-module-calls":
			continue // measured by the benchmark and the script
		}
		t.Run(c.Name, func(t *testing.T) {
			dir := t.TempDir()
			if err := c.Write(dir); err != nil {
				t.Fatal(err)
			}
			entries, err := os.ReadDir(dir)
			if err != nil || len(entries) == 0 {
				t.Fatalf("wrote nothing: %v", err)
			}
		})
	}
}

func TestWithCount(t *testing.T) {
	for _, e := range []string{"count = 1e9", "for_each = toset([])"} {
		src := withCount(e)
		if !strings.Contains(src, e) || strings.Count(src, "count.index") != strings.Count(NetworkModule, "count.index")-2 {
			t.Errorf("withCount(%q) did not replace the public subnets' count and its uses", e)
		}
	}
}

func TestRootFiles(t *testing.T) {
	files := RootFiles(10)
	var all strings.Builder
	for _, text := range files {
		all.WriteString(text)
	}
	if len(files) != 10 || strings.Count(all.String(), "resource \"") != strings.Count(NetworkModule, "resource \"") {
		t.Errorf("%d files with %d resources; want 10 files and every resource of the module", len(files), strings.Count(all.String(), "resource \""))
	}
	dir := t.TempDir()
	if err := WriteRoots(dir, 2, 3); err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "r*", "*.tf")); len(m) != 6 {
		t.Errorf("WriteRoots(2, 3) wrote %d files, want 6", len(m))
	}
}

func TestWriteStacks(t *testing.T) {
	if got := stackResources(); got != ResourcesPerStack {
		t.Errorf("a stack has %d resources, ResourcesPerStack says %d", got, ResourcesPerStack)
	}
	dir := t.TempDir()
	if err := WriteStacks(dir, 3); err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*.tf")); len(m) != 4 {
		t.Errorf("WriteStacks(3) wrote %d files, want 4", len(m))
	}
}
