package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", "locals {\n  a = 1\n}\n")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"no path", nil, 2, "", "usage: parsefloor PATH ..."},
		{"absent", []string{filepath.Join(dir, "absent")}, 2, "", "parsefloor: "},
		{"parses", []string{dir}, 0, "1 files, 19 bytes, 0 broken\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			if code := run(tt.args, &stdout, &stderr, func(int64) {}); code != tt.code {
				t.Errorf("exit status %d, want %d", code, tt.code)
			}
			if stdout.String() != tt.stdout {
				t.Errorf("stdout %q, want %q", stdout.String(), tt.stdout)
			}
			if !strings.HasPrefix(stderr.String(), tt.stderr) || (tt.stderr == "") != (stderr.Len() == 0) {
				t.Errorf("stderr %q, want it to start with %q", stderr.String(), tt.stderr)
			}
		})
	}
	t.Run("broken", func(t *testing.T) {
		write("broken.tf", "locals {\n")
		var stdout, stderr strings.Builder
		if code := run([]string{dir}, &stdout, &stderr, func(int64) {}); code != 1 || stdout.String() != "2 files, 28 bytes, 1 broken\n" {
			t.Errorf("exit status %d, stdout %q; want 1 and 2 files, 1 broken", code, stdout.String())
		}
	})
}
