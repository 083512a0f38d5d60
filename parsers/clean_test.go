package parsers

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCleanDirectoryIsClean checks what the front ends' Claim rely on: the
// directory of a cleaned path is clean already, so that a root found
// through any of its files is named as clean names its directory.
func TestCleanDirectoryIsClean(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	up := filepath.Dir(wd)
	for _, p := range []string{
		"main.tf", "./main.tf", "a/b/main.tf", "a/../b/main.tf", "a//b/./main.tf",
		"../main.tf", "../x/main.tf", "../../x/y/main.tf",
		filepath.Join(wd, "main.tf"), filepath.Join(wd, "a", "main.tf"), filepath.Join(up, "main.tf"),
		filepath.Join(up, "other", "main.tf"), string(filepath.Separator) + "main.tf", wd + string(filepath.Separator) + ".." + string(filepath.Separator) + "m.tf",
	} {
		c := clean(p)
		if dir := filepath.Dir(c); clean(dir) != dir {
			t.Errorf("clean(%q) = %q, whose directory %q cleans to %q", p, c, dir, clean(dir))
		}
	}
}
