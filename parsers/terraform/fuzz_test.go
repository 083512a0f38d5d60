package terraform

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad writes its input as main.tf and loads it: whatever the input, Load
// must return a model and never panic. Seeds live in testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	f.Add(natNetwork)
	f.Add(`resource "aws_security_group" "x" { egress = [] }`)
	f.Add(`resource "aws_route_table" "x" { route = var.routes }`)
	f.Fuzz(func(t *testing.T, src string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
		m, _, _ := Load(dir, Options{Region: "eu-west-1"})
		if m == nil {
			t.Fatal("Load returned no model")
		}
	})
}
