package cloudformation

import (
	"context"
	"path/filepath"
	"testing"
)

// TestLoadContextStops: a done context stops translation before the first
// resource; the same template translates in full without one.
func TestLoadContextStops(t *testing.T) {
	dir := writeFiles(t, map[string]string{"t.yaml": `Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
`})
	file := filepath.Join(dir, "t.yaml")
	m, _, ds := Load(file, Options{Region: "eu-west-1"})
	noErrors(t, ds)
	if len(m.VPCs) != 1 {
		t.Fatalf("%d VPCs without a context, want 1", len(m.VPCs))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	m, _, _ = LoadContext(ctx, file, Options{Region: "eu-west-1"})
	if len(m.VPCs) != 0 {
		t.Errorf("%d VPCs after cancel, want none", len(m.VPCs))
	}
}
