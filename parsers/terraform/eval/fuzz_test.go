package eval

import (
	"os"
	"path/filepath"
	"testing"
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
		// Work is bounded by the evaluator's own limits (instances,
		// elements per expression, nesting); a hang past them is caught by
		// the test binary's -timeout, never by a clock in the test.
		_, ds := Evaluate(dir, Options{MaxInstances: 50})
		for _, d := range ds {
			if d.Range.File == "" {
				t.Errorf("diagnostic without a file: %s", d)
			}
		}
	})
}
