package eval

import (
	"testing"

	"github.com/daslint/daslint/diag"
)

// TestUndeclaredResourceHint: a reference to an undeclared resource is an
// error that says what to do: the declared name it likely misspells, or to
// declare it.
func TestUndeclaredResourceHint(t *testing.T) {
	for _, tt := range []struct{ ref, want string }{
		{"aws_vpc.mian.id", "reference to undeclared resource aws_vpc.mian (did you mean aws_vpc.main?)"},
		{"aws_vpc.shared.id", "reference to undeclared resource aws_vpc.shared; declare it in this module, or correct the name"},
	} {
		_, ds := run(t, map[string]string{"main.tf": `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id = ` + tt.ref + `
}
`}, Options{})
		if !hasDiag(ds, diag.Error, tt.want) {
			t.Errorf("%s: no error %q in %v", tt.ref, tt.want, ds)
		}
	}
}
