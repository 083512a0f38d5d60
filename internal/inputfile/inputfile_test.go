package inputfile

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/iotest"

	"github.com/daslint/daslint/diag"
)

func TestRead(t *testing.T) {
	tree := Tree(t.TempDir())
	outside := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(tree, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ok := write("ok.tf", "x = 1\n")
	big := write("big.tf", strings.Repeat("#", 2<<20))
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("s"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(tree, "link.tf")
	if err := os.Symlink(filepath.Join(outside, "secret"), link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(tree, "fifo.tf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		max        int64
		kind       Kind
		severity   diag.Severity
		message    string
	}{
		{"a regular file", ok, 0, 0, "", ""},
		{"above the limit", big, 1 << 20, TooLarge, diag.Warning, "is 2 MB, above the limit of 1 MB"},
		{"a link out of the tree", link, 0, Outside, diag.Warning, "is a symbolic link out of the scanned tree"},
		// Reading a FIFO would block the run until someone writes to it.
		{"a named pipe", fifo, 0, Unreadable, diag.Error, "is not a regular file (a named pipe)"},
		{"missing", filepath.Join(tree, "none.tf"), 0, Unreadable, diag.Error, "no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, p := Read(tt.path, tree, tt.max)
			if tt.message == "" {
				if p != nil || string(data) != "x = 1\n" {
					t.Fatalf("Read = %q, %v", data, p)
				}
				return
			}
			if p == nil || p.Kind != tt.kind || p.Severity != tt.severity || !strings.Contains(p.Message, tt.message) {
				t.Fatalf("problem %+v, want %v %v containing %q", p, tt.kind, tt.severity, tt.message)
			}
		})
	}
}

func TestCheckText(t *testing.T) {
	tests := []struct {
		text      string
		line, col int
		message   string
	}{
		{"a = 1\n", 0, 0, ""},
		{"a = 1\nb = \"\xff\"\n", 2, 6, "not valid UTF-8 (byte 0xff)"},
		{"a\x00", 1, 2, "binary"},
	}
	for _, tt := range tests {
		p := CheckText([]byte(tt.text))
		switch {
		case tt.message == "" && p != nil:
			t.Errorf("CheckText(%q) = %+v, want nil", tt.text, p)
		case tt.message != "" && (p == nil || p.Line != tt.line || p.Column != tt.col || !strings.Contains(p.Message, tt.message)):
			t.Errorf("CheckText(%q) = %+v, want %d:%d %q", tt.text, p, tt.line, tt.col, tt.message)
		}
	}
}

func TestNesting(t *testing.T) {
	deep := strings.Repeat("[", MaxNesting+1) + strings.Repeat("]", MaxNesting+1)
	ok := strings.Repeat("[", MaxNesting-1) + strings.Repeat("]", MaxNesting-1)
	tests := []struct {
		name string
		hcl  bool
		text string
		line int // 0: accepted
	}{
		{"hcl deep", true, "x = " + deep, 1},
		{"hcl at the limit", true, "x = " + ok, 0},
		// Brackets in comments and strings do not nest; interpolations do.
		{"hcl comments and strings", true, "# " + deep + "\n// " + deep + "\n/* " + deep + " */\nx = \"" + deep + "\"\n", 0},
		{"hcl interpolation", true, "x = \"" + strings.Repeat("${[", MaxNesting) + "\"\n", 1},
		{"hcl unary chain", true, "x = " + strings.Repeat("!", MaxNesting+1) + "true\n", 1},
		{"hcl subtraction is no chain", true, "x = 1" + strings.Repeat(" - 1", 2*MaxNesting) + "\n", 0},
		// What a string, a comment or a heredoc holds cannot hide nesting
		// that follows it.
		{"hcl heredoc with a quote", true, "x = <<EOT\n\"\nEOT\ny = " + deep + "\n", 4},
		{"hcl heredoc brackets", true, "x = <<-EOT\n  " + deep + "\n  EOT\n", 0},
		{"hcl comment in a string", true, "x = \"#\" " + deep + "\n", 1},
		{"hcl escaped sequence", true, "x = \"$${" + deep + "\"\n", 0},
		{"json deep", false, "\n" + deep, 2},
		{"json strings", false, `{"x": "` + deep + `"}`, 0},
	}
	for _, tt := range tests {
		check := CheckJSONNesting
		if tt.hcl {
			check = CheckHCLNesting
		}
		p := check([]byte(tt.text))
		if (p == nil) != (tt.line == 0) || (p != nil && p.Line != tt.line) {
			t.Errorf("%s: %+v, want a problem at line %d (0: none)", tt.name, p, tt.line)
		}
	}
}

// TestReadSizes reads files around the buffer sizes Read uses, and checks
// that the limit still holds.
func TestReadSizes(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 511, 512, 513, 4096, 100_000} {
		content := bytes.Repeat([]byte("x"), size)
		name := filepath.Join(dir, fmt.Sprintf("f%d.tf", size))
		if err := os.WriteFile(name, content, 0o644); err != nil {
			t.Fatal(err)
		}
		got, p := Read(name, "", 0)
		if p != nil || !bytes.Equal(got, content) {
			t.Errorf("size %d: got %d bytes, problem %v", size, len(got), p)
		}
		if size > 1 { // a limit of 0 means none
			if _, p := Read(name, "", int64(size-1)); p == nil || p.Kind != TooLarge {
				t.Errorf("size %d, limit %d: problem %v, want TooLarge", size, size-1, p)
			}
		}
	}
}

// TestReadSized checks that a file that grew after it was measured is
// still read whole, and that a read error is returned.
func TestReadSized(t *testing.T) {
	for _, tc := range []struct {
		content string
		size    int64
	}{{"", 0}, {"abc", 3}, {"abcdef", 2}, {"abcdef", 0}, {"ab", 10}} {
		got, err := readSized(iotest.OneByteReader(strings.NewReader(tc.content)), tc.size)
		if err != nil || string(got) != tc.content {
			t.Errorf("readSized(%q, %d) = %q, %v", tc.content, tc.size, got, err)
		}
	}
	if _, err := readSized(iotest.ErrReader(errors.New("boom")), 4); err == nil {
		t.Error("readSized did not return the read error")
	}
}
