package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRunTextTime checks that the text summary says how long the run took,
// by the injected clock, and that the JSON never has a time (SPEC §5).
func TestRunTextTime(t *testing.T) {
	clock := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	old := now
	t.Cleanup(func() { now = old })
	now = func() time.Time {
		clock = clock.Add(750 * time.Millisecond)
		return clock
	}
	dir := filepath.Join("..", "..", "examples", "terraform-nat")
	for _, tc := range []struct {
		args []string
		want []string
		not  []string
	}{
		{[]string{dir}, []string{"; done in 750ms\n", "✓ aws_rds_cluster.this  PASS via nat", "2 instances × 3 subnets"}, []string{"├─"}},
		{[]string{"--verbose", dir}, []string{"; done in 750ms\n", "└─ aws_internet_gateway.this  "}, nil},
		{[]string{"--format", "json", dir}, []string{`"verdict": "pass"`}, []string{"750", "done in"}},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(tc.args, &stdout, &stderr); code != 0 {
			t.Errorf("%v: exit %d: %s", tc.args, code, stderr.String())
		}
		for _, w := range tc.want {
			if !strings.Contains(stdout.String(), w) {
				t.Errorf("%v: output lacks %q:\n%s", tc.args, w, stdout.String())
			}
		}
		for _, n := range tc.not {
			if strings.Contains(stdout.String(), n) {
				t.Errorf("%v: output has %q:\n%s", tc.args, n, stdout.String())
			}
		}
	}
}
