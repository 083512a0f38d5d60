package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/internal/stress"
)

// TestParallelRootsDeterministic lints, in process, trees of many roots
// that read each other, in every format, with GOMAXPROCS 1 and 4, and
// checks that the outputs are the same bytes: roots are read on
// GOMAXPROCS goroutines, and nothing may depend on which finished first.
// The trees, in one run: a monorepo of remote states, a Terragrunt tree
// of dependencies, a facts world, a cycle of remote states that a third
// root reads into (whose evaluations are not shared, flight.go). Under
// -race it is the race test of the shared evaluations. The golden cases
// are TestDeterministicOutput's: all at once, GOMAXPROCS 1 and 4, every
// format, and in process (under -race) with 2.
func TestParallelRootsDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: lints some eighty roots twelve times")
	}
	dir := t.TempDir()
	write := map[string]func(string) error{
		"monorepo":   func(d string) error { return stress.WriteMonorepo(d, 8) },
		"terragrunt": func(d string) error { return stress.WriteTerragrunt(d, 12, 3) },
		"facts": func(d string) error {
			return stress.WriteFactsWorld(d, stress.FactsWorld{VPCs: 4, Subnets: 20, RouteTables: 10, SecurityGroups: 20, Roots: 6})
		},
	}
	for name, w := range write {
		if err := w(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	src, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	// The cycle database ↔ network, and app, which reads network as
	// database does.
	cycle := filepath.Join(src, "tf-remote-state-cycle-unknown")
	copyTree(t, cycle, filepath.Join(dir, "cycle"), false)
	db, err := os.ReadFile(filepath.Join(cycle, "database", "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	app := strings.Replace(string(db), `key    = "database/terraform.tfstate"`, `key    = "app/terraform.tfstate"`, 1)
	if err := os.MkdirAll(filepath.Join(dir, "cycle", "app"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cycle", "app", "main.tf"), []byte(app), 0o600); err != nil {
		t.Fatal(err)
	}
	paths := []string{"--context", "facts/facts", "monorepo", "terragrunt", "facts/roots", "cycle"}
	for _, format := range []string{"json", "sarif", "text", "github", "markdown", "dot"} {
		args := append([]string{"--format", format}, paths...)
		one := runInProcess(t, dir, 1, args...)
		four := runInProcess(t, dir, 4, args...)
		if diff := cmp.Diff(one, four); diff != "" {
			t.Errorf("%v: GOMAXPROCS 4 differs from 1 (-1 +4):\n%s", args, diff)
		}
		if format != "json" {
			continue
		}
		for _, want := range []string{"monorepo/database-007/main.tf", "live/network-02::aws_subnet.private", "facts/roots/db-005/main.tf",
			"cycle/app/main.tf", "remote state cycle: database → network → database"} {
			if !strings.Contains(one, want) {
				t.Errorf("%v: the output does not name %s", args, want)
			}
		}
	}
}
