package terragrunt

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
)

// write creates files (path -> content) below a new temporary directory.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, c := range files {
		f := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(c), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestMergeStrategies(t *testing.T) {
	parent := `inputs = { a = "p", m = { x = 1 }, l = [1] }
terraform { source = "../mod" }`
	tests := []struct {
		strategy string
		want     map[string]string // input -> GoString of the value
	}{
		{"no_merge", map[string]string{"m": `cty.ObjectVal(map[string]cty.Value{"y":cty.NumberIntVal(2)})`, "l": `cty.TupleVal([]cty.Value{cty.NumberIntVal(2)})`}},
		{"shallow", map[string]string{"a": `cty.StringVal("p")`, "m": `cty.ObjectVal(map[string]cty.Value{"y":cty.NumberIntVal(2)})`, "l": `cty.TupleVal([]cty.Value{cty.NumberIntVal(2)})`}},
		{"deep", map[string]string{"a": `cty.StringVal("p")`, "m": `cty.ObjectVal(map[string]cty.Value{"x":cty.NumberIntVal(1), "y":cty.NumberIntVal(2)})`, "l": `cty.TupleVal([]cty.Value{cty.NumberIntVal(1), cty.NumberIntVal(2)})`}},
	}
	for _, tt := range tests {
		t.Run(tt.strategy, func(t *testing.T) {
			dir := write(t, map[string]string{
				"live/terragrunt.hcl": parent,
				"live/unit/terragrunt.hcl": `include "root" {
  path = find_in_parent_folders()
  merge_strategy = "` + tt.strategy + `"
}
inputs = { m = { y = 2 }, l = [2] }`,
			})
			u, ds := Read(filepath.Join(dir, "live/unit"), Options{Tree: dir})
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			if len(u.Inputs) != len(tt.want) {
				t.Errorf("inputs %v, want %d of them", u.Inputs, len(tt.want))
			}
			for k, w := range tt.want {
				if got := u.Inputs[k].GoString(); got != w {
					t.Errorf("input %s = %s, want %s", k, got, w)
				}
			}
			wantModule := tt.strategy != "no_merge"
			if got := u.ModuleDir == filepath.Join(dir, "live/mod"); got != wantModule {
				t.Errorf("module dir %q (from the parent: %v)", u.ModuleDir, wantModule)
			}
		})
	}
}

func TestFunctions(t *testing.T) {
	dir := write(t, map[string]string{
		"root.hcl":   `locals { region = "eu-west-1" }` + "\n" + `inputs = { rel = path_relative_to_include(), parent = get_parent_terragrunt_dir() }`,
		"common.hcl": `locals { env = "prod" }`,
		"a/b/terragrunt.hcl": `include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}
locals {
  common = read_terragrunt_config("../../common.hcl")
  name   = "${local.common.locals.env}-x"
}
inputs = {
  dir      = get_terragrunt_dir()
  env      = get_env("HOME", "fallback")
  unset    = get_env("HOME")
  name     = local.name
  region   = include.root.locals.region
  missing  = find_in_parent_folders("nothing.hcl", "none")
  own_rel  = path_relative_to_include()
  own_par  = get_parent_terragrunt_dir()
}`,
	})
	u, ds := Read(filepath.Join(dir, "a/b"), Options{Tree: dir})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	known := map[string]cty.Value{
		"rel": cty.StringVal("a/b"), "parent": cty.StringVal(filepath.ToSlash(dir)),
		"dir": cty.StringVal(filepath.ToSlash(filepath.Join(dir, "a/b"))), "env": cty.StringVal("fallback"),
		"name": cty.StringVal("prod-x"), "region": cty.StringVal("eu-west-1"), "missing": cty.StringVal("none"),
		"own_rel": cty.StringVal("a/b"), "own_par": cty.StringVal(filepath.ToSlash(dir)),
	}
	for k, w := range known {
		if got, _ := u.Inputs[k].Unmark(); !got.RawEquals(w) {
			t.Errorf("%s = %#v, want %#v", k, got, w)
		}
	}
	for _, k := range []string{"unset"} {
		v, marks := u.Inputs[k].Unmark()
		if v.IsKnown() || len(marks) == 0 {
			t.Errorf("%s = %#v (marks %v), want unknown with a reason", k, v, marks)
		}
	}
}

func TestLocalSource(t *testing.T) {
	tests := []struct {
		src, want string
		ok        bool
	}{
		{"../../modules//vpc", "../../modules/vpc", true},
		{"./mod", "./mod", true},
		{"git::https://x/y.git//vpc?ref=v1", "", false},
		{"tfr:///terraform-aws-modules/vpc/aws?version=5.0.0", "", false},
		{"terraform-aws-modules/vpc/aws", "", false},
	}
	for _, tt := range tests {
		got, ok := LocalSource(tt.src)
		if ok != tt.ok || (ok && filepath.Clean(got) != filepath.Clean(filepath.FromSlash(tt.want))) {
			t.Errorf("LocalSource(%q) = %q, %v; want %q, %v", tt.src, got, ok, tt.want, tt.ok)
		}
	}
}

// TestModuleNotRead checks that a unit whose module is not read says so:
// a warning at terraform.source and Unread with the reason, whether the
// source is remote or not known offline (docs/semantics.md#never-silent).
func TestModuleNotRead(t *testing.T) {
	tests := []struct {
		name, source string
		wantRead     bool
		wantReason   string // substring of Unread.Reason and of the warning
	}{
		{"local", `"../..//modules/vpc"`, true, ""},
		{"get_env without default", `"${get_env("MODULES_ROOT")}//vpc"`, false, `get_env("MODULES_ROOT")`},
		{"get_env with default", `"${get_env("MODULES_ROOT", "../../modules")}//vpc"`, true, ""},
		{"unknown local", `local.src`, false, "not known offline"},
		{"remote", `"git::https://example.com/m.git//vpc"`, false, "remote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := write(t, map[string]string{
				"live/vpc/terragrunt.hcl": "terraform {\n  source = " + tt.source + "\n}\nlocals { src = get_env(\"X\") }\n",
				"modules/vpc/main.tf":     `resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }`,
			})
			u, ds := Read(filepath.Join(dir, "live/vpc"), Options{Tree: dir})
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			if tt.wantRead {
				if u.ModuleDir != filepath.Join(dir, "modules/vpc") || u.Unread != nil || len(ds) != 0 {
					t.Fatalf("module %q, unread %v, diagnostics %v; want modules/vpc read in silence", u.ModuleDir, u.Unread, ds)
				}
				return
			}
			if u.ModuleDir != "" || u.Unread == nil || !strings.Contains(u.Unread.Reason, tt.wantReason) {
				t.Fatalf("module %q, unread %v; want not read because %q", u.ModuleDir, u.Unread, tt.wantReason)
			}
			if u.RemoteSource != "" {
				// The loader warns about remote modules, summarising the
				// units where they cannot matter (parsers.remoteUnitWarnings).
				if len(ds) != 0 {
					t.Fatalf("diagnostics %v, want none for a remote source", ds)
				}
				return
			}
			if len(ds) != 1 || ds[0].Severity != diag.Warning || ds[0].Range.Line != 2 || !strings.Contains(ds[0].Message, tt.wantReason) {
				t.Fatalf("diagnostics %v, want one warning at line 2 naming %q", ds, tt.wantReason)
			}
		})
	}
}

// TestModuleNotReadNamesOneReasonStably checks that a source unknown for
// several reasons names the same one on every run (the first in
// eval.Reasons' order), not whichever a set of marks yields first: a
// report must not change from run to run.
func TestModuleNotReadNamesOneReasonStably(t *testing.T) {
	dir := write(t, map[string]string{
		"live/vpc/terragrunt.hcl": "terraform {\n  source = \"${get_env(\"ZZ_LAST\")}/${get_env(\"AA_FIRST\")}//vpc\"\n}\n",
	})
	for range 20 {
		u, _ := Read(filepath.Join(dir, "live/vpc"), Options{Tree: dir})
		if u.Unread == nil || !strings.Contains(u.Unread.Reason, `get_env("AA_FIRST")`) || strings.Contains(u.Unread.Reason, "ZZ_LAST") {
			t.Fatalf("unread %v, want the reason of get_env(\"AA_FIRST\") alone", u.Unread)
		}
	}
}
