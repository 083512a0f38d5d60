package diag

import (
	"strings"
	"testing"
)

func TestBytes(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{{900, "900 bytes"}, {1024, "1 KB"}, {2150, "2.1 KB"}, {10 << 20, "10 MB"}, {60_187_329, "57.4 MB"}} {
		if got := Bytes(tt.n); got != tt.want {
			t.Errorf("Bytes(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestTooLarge(t *testing.T) {
	if got := TooLarge("big.tf", 60_187_329, 10<<20); !strings.HasPrefix(got, "big.tf is 57.4 MB, above the limit of 10 MB") {
		t.Errorf("TooLarge = %q", got)
	}
	if got := TooLarge("big.tf", 60_187_329, 0); got != "" {
		t.Errorf("no limit: TooLarge = %q, want empty", got)
	}
	if got := TooLarge("small.tf", 10, 10); got != "" {
		t.Errorf("a file at the limit fits: TooLarge = %q", got)
	}
}
