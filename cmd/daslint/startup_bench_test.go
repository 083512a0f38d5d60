package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkStartup runs the built command, `daslint --version`, as a
// process, next to an empty Go program built by the same toolchain: the
// difference is what daslint's size and package initialisation add to
// every run (issue 10: at most 3 ms). It builds both first, so it is
// skipped under -short:
//
//	go test ./cmd/daslint -run '^$' -bench Startup -count 5
//
// GODEBUG=inittrace=1 daslint --version shows the package init that
// remains.
func BenchmarkStartup(b *testing.B) {
	if testing.Short() {
		b.Skip("builds two programs")
	}
	programs := []struct {
		name string
		args []string
		want string
	}{
		{"empty", []string{emptyProgram(b)}, ""},
		{"daslint-version", []string{daslintBinary(b), "--version"}, "daslint "},
	}
	for _, p := range programs {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				out, err := exec.Command(p.args[0], p.args[1:]...).Output()
				if err != nil || !strings.HasPrefix(string(out), p.want) {
					b.Fatalf("%v: %v, output %q", p.args, err, out)
				}
			}
		})
	}
}

// emptyProgram builds `func main() {}` and returns its path.
func emptyProgram(b *testing.B) string {
	b.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		b.Skip("no go command to build with")
	}
	dir := b.TempDir()
	files := map[string]string{
		"go.mod":  "module empty\n\ngo 1.26\n",
		"main.go": "package main\n\nfunc main() {}\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	bin := filepath.Join(dir, "empty")
	cmd := exec.Command(goTool, "build", "-o", bin, ".")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
