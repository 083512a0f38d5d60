package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// initBudget is the most a daslint package may allocate in its package
// initialisation, in bytes. Tables are built on first use (a switch, or a
// sync.OnceValue that the package's init only wraps), so that start-up,
// `daslint --version` and a run that never needs a table do not pay for
// it (issue 10: nothing heavy in package init).
const initBudget = 4 << 10

// TestPackageInitIsLight runs `daslint --version` with
// GODEBUG=inittrace=1, with which the runtime prints what each package's
// initialisation allocated, and fails for a daslint package over
// initBudget. It counts bytes, not time, so the machine does not matter.
// Before the tables were made lazy, parsers/awsfacts allocated 15,744
// bytes, parsers/terraform/eval 11,928 and parsers 9,384.
func TestPackageInitIsLight(t *testing.T) {
	cmd := exec.Command(daslintBinary(t), "--version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("daslint --version: %v\n%s", err, stderr.String())
	}
	traced, ours := 0, 0
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		pkg, bytes, ok := initAllocation(sc.Text())
		if !ok {
			continue
		}
		traced++
		if !strings.HasPrefix(pkg, "github.com/daslint/daslint/") {
			continue
		}
		ours++
		if bytes > initBudget {
			t.Errorf("package %s allocates %d bytes in its initialisation (budget %d): build its tables on first use", pkg, bytes, initBudget)
		}
	}
	// The evaluator's functions are wrapped in sync.OnceValue, so it
	// always shows: no line of ours means the trace was not read.
	if traced == 0 || ours == 0 {
		t.Fatalf("no init trace read (%d lines, %d of daslint's):\n%s", traced, ours, stderr.String())
	}
}

// initAllocation reads one line of GODEBUG=inittrace=1:
//
//	init github.com/daslint/daslint/report @2.1 ms, 0.048 ms clock, 2272 bytes, 14 allocs
func initAllocation(line string) (pkg string, bytes int, ok bool) {
	f := strings.Fields(line)
	if len(f) != 11 || f[0] != "init" || f[8] != "bytes," {
		return "", 0, false
	}
	n, err := strconv.Atoi(f[7])
	if err != nil {
		return "", 0, false
	}
	return f[1], n, true
}
