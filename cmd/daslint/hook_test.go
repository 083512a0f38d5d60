package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRunHook runs daslint as the pre-commit hook does (--hook FILE...) in a
// repository holding a failing and a passing root and files that are not
// daslint's: each selected root is linted once, whatever files of it are
// passed, and files no root reads are ignored without an error.
func TestRunHook(t *testing.T) {
	broken, err := os.ReadFile(filepath.Join("..", "..", "testdata", "tf-one-subnet-broken-fail", "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	fixed, err := os.ReadFile(filepath.Join("..", "..", "examples", "terraform-nat", "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string][]byte{
		"live/broken/main.tf":      broken,
		"live/broken/extra.tf":     []byte("locals {}\n"),
		"live/broken/prod.tfvars":  []byte(""),
		"live/fixed/main.tf":       fixed,
		"k8s/web.yaml":             []byte("apiVersion: apps/v1\nkind: Deployment\n"),
		".github/workflows/ci.yml": []byte("on: push\n"),
		"package.json":             []byte("{}\n"),
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	for _, tc := range []struct {
		name     string
		files    []string
		code     int
		clusters []string // file of each reported cluster
	}{
		{"every file", []string{"live/broken/main.tf", "live/broken/extra.tf", "live/broken/prod.tfvars", "live/fixed/main.tf", "k8s/web.yaml", ".github/workflows/ci.yml", "package.json"},
			1, []string{"live/broken/main.tf", "live/fixed/main.tf"}},
		{"a variables file", []string{"live/broken/prod.tfvars"}, 1, []string{"live/broken/main.tf"}},
		{"the passing root", []string{"live/fixed/main.tf", "k8s/web.yaml"}, 0, []string{"live/fixed/main.tf"}},
		{"not daslint's", []string{"k8s/web.yaml", ".github/workflows/ci.yml", "package.json"}, 0, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"--hook", "--format", "json"}, tc.files...), &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, stderr.String())
			}
			var doc struct {
				Clusters []struct{ File string }
				Errors   []any
			}
			if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
				t.Fatalf("report: %v\n%s", err, stdout.String())
			}
			got := []string{}
			for _, c := range doc.Clusters {
				got = append(got, c.File)
			}
			if diff := cmp.Diff(tc.clusters, got); diff != "" {
				t.Errorf("clusters (-want +got):\n%s", diff)
			}
			if len(doc.Errors) != 0 {
				t.Errorf("errors: %v, want none", doc.Errors)
			}
			if len(tc.clusters) == 0 {
				// Changed files that select no root: the hook stays quiet,
				// with no "nothing found" warning (most commits touch no
				// infrastructure).
				var out, errs bytes.Buffer
				if code := run(append([]string{"--hook"}, tc.files...), &out, &errs); code != exitOK || errs.Len() != 0 {
					t.Errorf("text: exit %d, stderr %q; want 0 and nothing", code, errs.String())
				}
			}
		})
	}
}

// TestRunHookExports: a changed network template re-lints the stack that
// imports its exports, which fails through it; a changed database template
// reads the network template it imports from.
func TestRunHookExports(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"network.yaml", "database.yaml"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "cfn-export-import-broken-nat-fail", name))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "stacks", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	for _, changed := range []string{"stacks/network.yaml", "stacks/database.yaml"} {
		t.Run(changed, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{"--hook", "--format", "json", changed}, &stdout, &stderr)
			var doc struct {
				Clusters []struct{ File, Verdict string }
			}
			if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
				t.Fatalf("report: %v\n%s", err, stdout.String())
			}
			if code != exitFindings || len(doc.Clusters) != 1 || doc.Clusters[0].File != "stacks/database.yaml" || doc.Clusters[0].Verdict != "fail" {
				t.Errorf("exit %d, clusters %+v; want 1 and the database stack's cluster failing; stderr: %s", code, doc.Clusters, stderr.String())
			}
		})
	}
}

// copyCase copies the golden case dir into to (below the working
// directory of the test).
func copyCase(t *testing.T, dir, to string) {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", dir)
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		switch rel {
		case "want.json", "expect", "args", "README.md":
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestRunHookTerragrunt: in hook mode a changed file re-lints every unit and
// root whose verdict it may change: a dependency unit's configuration or
// module re-lints the units that read its outputs; an included root
// configuration re-lints every unit that includes it; a unit whose state a
// root reads (remote_state) re-lints that root. A unit listed only in
// `dependencies { paths }` orders the run and passes no value, so a change
// to it does not re-lint the unit that lists it.
func TestRunHookTerragrunt(t *testing.T) {
	dir := t.TempDir()
	copyCase(t, "tg-dependency-network-outputs-pass", filepath.Join(dir, "deps"))
	copyCase(t, "tg-remote-state-root-reads-unit-pass", filepath.Join(dir, "state"))
	monitor := `terraform {
  source = "../../modules//network"
}

# Applied after the network; reads none of its values.
dependencies {
  paths = ["../network"]
}

inputs = {
  cidr  = "10.40.0.0/16"
  zones = ["eu-west-1a", "eu-west-1b"]
}
`
	if err := os.MkdirAll(filepath.Join(dir, "deps", "live", "monitor"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "deps", "live", "monitor", "terragrunt.hcl"), []byte(monitor), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	const (
		depsDB   = "deps/modules/database/main.tf"
		depsNet  = "deps/modules/network/main.tf" // the network and the monitor unit
		stateDB  = "state/database/main.tf"
		stateNet = "state/modules/network/main.tf"
	)
	for _, tc := range []struct {
		changed  string
		clusters []string // files of the reported clusters, sorted
	}{
		{"deps/live/network/terragrunt.hcl", []string{depsDB, depsNet}},
		{"deps/modules/network/main.tf", []string{depsDB, depsNet, depsNet}},
		{"deps/live/database/terragrunt.hcl", []string{depsDB}},
		{"deps/live/monitor/terragrunt.hcl", []string{depsNet}},
		{"state/live/network/terragrunt.hcl", []string{stateDB, stateNet}},
		{"state/root.hcl", []string{stateDB, stateNet}},
		{"state/database/main.tf", []string{stateDB}},
	} {
		t.Run(tc.changed, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{"--hook", "--format", "json", tc.changed}, &stdout, &stderr)
			var doc struct {
				Clusters []struct{ File, Verdict string }
			}
			if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
				t.Fatalf("report: %v\n%s", err, stdout.String())
			}
			got := []string{}
			for _, c := range doc.Clusters {
				got = append(got, c.File)
				if c.Verdict != "pass" {
					t.Errorf("%s: %s, want pass", c.File, c.Verdict)
				}
			}
			sort.Strings(got)
			if diff := cmp.Diff(tc.clusters, got); diff != "" || code != exitOK {
				t.Errorf("exit %d, clusters (-want +got):\n%s\nstderr: %s", code, diff, stderr.String())
			}
		})
	}
}
