package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"sync"
	"testing"
)

// The command, built once per test binary for the tests that must run it
// as a process of its own; built on first use, so that a run of other
// tests does not pay for it.
var (
	buildOnce sync.Once
	binDir    string
	binPath   string
	binErr    error
)

func TestMain(m *testing.M) {
	// The tests that run the command in process over every case are most
	// of the package's time, half of it in the collector: it collects
	// less often, as main's settings (gc.go) let a run do until its heap
	// reaches their limit.
	debug.SetGCPercent(400)
	code := m.Run()
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// daslintBinary returns the path of the built command; the test is skipped
// where there is no go command to build it with.
func daslintBinary(t testing.TB) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build daslint with")
	}
	buildOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "daslint-test-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "daslint")
		if out, err := exec.Command(goTool, "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}
