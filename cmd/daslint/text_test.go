package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The text output depends on COLUMNS and on the locale and terminal
// variables (wrapping, ASCII): every test of the package runs without
// them, as in a CI job, so that expectations hold in any shell. Tests of
// that dependence pass their own environment.
func init() {
	for _, name := range []string{"COLUMNS", "LC_ALL", "LC_CTYPE", "LANG", "TERM"} {
		_ = os.Unsetenv(name)
	}
}

// TestRunTextTime checks that the text summary says how long the run took,
// by the injected clock, and that the JSON never has a time (docs/output.md#json-report).
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
		{[]string{dir}, []string{"; done in 750ms\n", "✓ aws_rds_cluster.this  PASS via nat", "2 instances × 3 subnets", "└─ aws_subnet.database[2] →"}, []string{"  in aws_subnet"}},
		{[]string{"--verbose", dir}, []string{"; done in 750ms\n", "  in aws_subnet.database[2]:\n", "└─ aws_internet_gateway.this\n"}, nil},
		{[]string{"--ascii", dir}, []string{"; done in 750ms\n", "+ aws_rds_cluster.this  PASS via nat", "2 instances x 3 subnets", "`- aws_subnet.database[2] ->"}, []string{"✓", "→", "─"}},
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

// TestTextLines: the text of a run is wrapped at 80 columns when stdout is
// not a terminal (here a buffer): no line that could break is longer.
func TestTextLines(t *testing.T) {
	for _, dir := range []string{"examples/terraform-nat", "testdata/tf-one-subnet-broken-fail", "examples/monorepo"} {
		var stdout, stderr bytes.Buffer
		run([]string{"--verbose", filepath.Join("..", "..", dir)}, &stdout, &stderr)
		for _, l := range strings.Split(stdout.String(), "\n") {
			if strings.Contains(l, "; done in ") {
				continue // the time ends the summary, unwrapped
			}
			if n := len([]rune(l)); n > defaultWidth && strings.Contains(strings.TrimSpace(strings.TrimLeft(l, " │├└─")), " ") {
				t.Errorf("%s: a line of %d columns:\n%s", dir, n, l)
			}
		}
	}
}

func TestTextWidthFromEnv(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(name string) string { return vars[name] }
	}
	var buf bytes.Buffer
	for _, tt := range []struct {
		columns string
		want    int
	}{
		{"", defaultWidth},
		{"132", 132},
		{" 100 ", 100},
		{"0", defaultWidth},
		{"-5", defaultWidth},
		{"wide", defaultWidth},
	} {
		if got := textWidth(&buf, env(map[string]string{"COLUMNS": tt.columns})); got != tt.want {
			t.Errorf("COLUMNS=%q: width %d, want %d", tt.columns, got, tt.want)
		}
	}
	// A file is not a terminal.
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	if got := textWidth(f, env(nil)); got != defaultWidth {
		t.Errorf("a file: width %d, want %d", got, defaultWidth)
	}
	if useColor(f, false) {
		t.Errorf("colour on a file")
	}
}

func TestUseASCII(t *testing.T) {
	for _, tt := range []struct {
		flag bool
		env  map[string]string
		want bool
	}{
		{false, nil, false},
		{true, nil, true},
		{true, map[string]string{"LANG": "en_US.UTF-8"}, true},
		{false, map[string]string{"LANG": "en_US.UTF-8"}, false},
		{false, map[string]string{"LANG": "de_DE.utf8"}, false},
		{false, map[string]string{"LANG": "C"}, true},
		{false, map[string]string{"LANG": "POSIX"}, true},
		{false, map[string]string{"LANG": "en_US.ISO-8859-1"}, true},
		// LC_ALL wins over LC_CTYPE, which wins over LANG.
		{false, map[string]string{"LC_ALL": "C", "LANG": "en_US.UTF-8"}, true},
		{false, map[string]string{"LC_ALL": "C.UTF-8", "LANG": "C"}, false},
		{false, map[string]string{"LC_CTYPE": "C", "LANG": "en_US.UTF-8"}, true},
		{false, map[string]string{"LC_CTYPE": "en_GB.UTF-8", "LANG": "C"}, false},
		{false, map[string]string{"TERM": "dumb", "LANG": "en_US.UTF-8"}, true},
		{false, map[string]string{"TERM": "xterm-256color"}, false},
	} {
		if got := useASCII(tt.flag, func(name string) string { return tt.env[name] }); got != tt.want {
			t.Errorf("--ascii=%v %v: ASCII %v, want %v", tt.flag, tt.env, got, tt.want)
		}
	}
}

// TestTextFileWidth: a text report written to a file (--format text=FILE)
// is wrapped at 80 columns too, and in ASCII with --ascii.
func TestTextFileWidth(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.txt")
	var stdout, stderr bytes.Buffer
	run([]string{"--ascii", "--format", "text=" + out, "--format", "json", filepath.Join("..", "..", "testdata", "tf-one-subnet-broken-fail")}, &stdout, &stderr)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("%v: %s", err, stderr.String())
	}
	text := string(data)
	if !strings.Contains(text, "\n    x aws_rds_cluster_instance.main[0], aws_rds_cluster_instance.main[1] in\n        ") {
		t.Errorf("the report in the file is not wrapped in ASCII at 80 columns:\n%s", text)
	}
	for _, l := range strings.Split(text, "\n") {
		if n := len([]rune(l)); n > defaultWidth && !strings.Contains(l, "; done in ") {
			t.Errorf("a line of %d columns:\n%s", n, l)
		}
	}
}
