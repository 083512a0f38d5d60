package eval

import (
	"context"
	"testing"
)

// TestEvaluateContextStops: a done context stops evaluation before the
// first resource; the same module evaluates in full without one.
func TestEvaluateContextStops(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
resource "aws_vpc" "a" {
  count      = 3
  cidr_block = "10.${count.index}.0.0/16"
}

module "child" {
  source = "./child"
}
`, "child/main.tf": `resource "aws_vpc" "b" {}`})
	res, _ := Evaluate(dir, Options{})
	if got := len(res.Instances); got != 4 {
		t.Fatalf("%d instances without a context, want 4", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, _ = EvaluateContext(ctx, dir, Options{})
	if got := addresses(res); len(got) != 0 {
		t.Errorf("instances after cancel = %v, want none", got)
	}
}
