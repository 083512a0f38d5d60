package diag

import (
	"os"
	"path/filepath"
	"testing"
)

func TestPath(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{filepath.Join(wd, "testdata", "main.tf"), "testdata/main.tf"},
		{wd, "."},
		{"modules/vpc", "modules/vpc"},
		{filepath.Join(filepath.Dir(wd), "elsewhere"), filepath.ToSlash(filepath.Join(filepath.Dir(wd), "elsewhere"))},
	}
	for _, tt := range tests {
		if got := Path(tt.in); got != tt.want {
			t.Errorf("Path(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
