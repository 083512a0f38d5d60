package eval

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/daslint/daslint/diag"
)

// FuzzEvaluate evaluates arbitrary text as a root module's main.tf: it must
// never panic or hang, and every diagnostic must name a file.
func FuzzEvaluate(f *testing.F) {
	f.Add(`resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }`)
	f.Add(`locals { a = local.b
b = local.a }`)
	f.Add(`resource "aws_subnet" "s" { count = length(var.x) }`)
	f.Add(tamModule)
	f.Fuzz(func(t *testing.T, src string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		done := make(chan diag.Diagnostics, 1)
		go func() {
			_, ds := Evaluate(dir, Options{MaxInstances: 50})
			done <- ds
		}()
		var ds diag.Diagnostics
		select {
		case ds = <-done:
		case <-whileFuzzing(10 * time.Second):
			t.Fatalf("evaluation did not finish in 10s")
		}
		for _, d := range ds {
			if d.Range.File == "" {
				t.Errorf("diagnostic without a file: %s", d)
			}
		}
	})
}

// whileFuzzing returns a channel that fires after d when the test binary is
// fuzzing (-fuzz), where no test timeout stops a hung input; otherwise nil,
// which never fires: an ordinary go test run decides nothing by the clock,
// and a hang there shows as the test binary's timeout, with its stacks.
func whileFuzzing(d time.Duration) <-chan time.Time {
	if f := flag.Lookup("test.fuzz"); f == nil || f.Value.String() == "" {
		return nil
	}
	return time.After(d)
}
