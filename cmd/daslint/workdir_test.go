package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// outcome is what docs/semantics.md#where-a-run-starts-does-not-matter says must not depend on the working directory:
// the verdicts, the findings and their fingerprints, how many problems of
// each severity the inputs have, and the exit status. File paths are left
// out: they are relative to the working directory by design (docs/output.md#json-report).
type outcome struct {
	Clusters []string // "<id> <verdict> <path>"
	Findings []string // "<rule> <severity> <resource> <fingerprint>"
	Problems map[string]int
	Exit     int
}

func outcomeOf(t *testing.T, out []byte, code int) outcome {
	t.Helper()
	var doc struct {
		Clusters []struct {
			ID, Verdict string
			Path        *string
		}
		Findings []struct {
			Rule, Severity, Resource, Fingerprint string
		}
		Errors []struct{ Severity string }
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	o := outcome{Problems: map[string]int{}, Exit: code}
	for _, c := range doc.Clusters {
		path := "null"
		if c.Path != nil {
			path = *c.Path
		}
		o.Clusters = append(o.Clusters, c.ID+" "+c.Verdict+" "+path)
	}
	for _, f := range doc.Findings {
		o.Findings = append(o.Findings, strings.Join([]string{f.Rule, f.Severity, f.Resource, f.Fingerprint}, " "))
	}
	for _, e := range doc.Errors {
		o.Problems[e.Severity]++
	}
	slices.Sort(o.Clusters)
	slices.Sort(o.Findings)
	return o
}

// runFrom runs daslint with --format json from dir and returns its outcome.
func runFrom(t *testing.T, dir string, args []string) outcome {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"--format", "json"}, args...), &stdout, &stderr)
	if stderr.Len() != 0 {
		t.Errorf("from %s: stderr is not empty:\n%s", dir, stderr.String())
	}
	return outcomeOf(t, stdout.Bytes(), code)
}

// TestWorkingDirectoryIndependence runs every golden case from three
// working directories: the repository top (as TestGolden does), the case
// directory itself, and a directory outside the tree, naming the same files
// each time (relative paths, then absolute ones). The verdicts, findings,
// fingerprints, problem counts and exit status must be the same
// (docs/semantics.md#where-a-run-starts-does-not-matter). The read boundary is the same in all three runs: the
// repository top when the tests run in a git checkout, else each case's
// directory, or --root where a case's args give it.
func TestWorkingDirectoryIndependence(t *testing.T) {
	top, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	fixToday(t)
	entries, err := os.ReadDir(filepath.Join(top, "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			rel := "testdata/" + e.Name()
			caseDir := filepath.Join(top, filepath.FromSlash(rel))
			args, err := readArgs(filepath.Join(caseDir, "args"))
			if err != nil {
				t.Fatal(err)
			}
			paths, err := casePaths(rel, false)
			if err != nil {
				t.Fatal(err)
			}
			// Arguments name files as TestGolden runs them, from the
			// repository top; from elsewhere they are rewritten to name
			// the same files.
			argv := func(under string) []string {
				var out []string
				for _, a := range append(append([]string(nil), args...), paths...) {
					if a == rel || strings.HasPrefix(a, rel+"/") {
						a = filepath.Join(under, filepath.FromSlash(strings.TrimPrefix(a, rel)))
					}
					out = append(out, a)
				}
				return out
			}
			fromTop := runFrom(t, top, argv(rel))
			fromCase := runFrom(t, caseDir, argv("."))
			fromOutside := runFrom(t, outside, argv(caseDir))
			if diff := cmp.Diff(fromTop, fromCase); diff != "" {
				t.Errorf("from the case directory, the outcome differs from the repository top's (-top +case):\n%s", diff)
			}
			if diff := cmp.Diff(fromTop, fromOutside); diff != "" {
				t.Errorf("from a directory outside the tree, the outcome differs from the repository top's (-top +outside):\n%s", diff)
			}
		})
	}
}

// TestMonorepoFromEveryFolder: a copy of the monorepo case with a .git
// marker at its top instead of --root (a real .git cannot be committed
// inside testdata; a worktree's .git is a file, which the marker mimics).
// Each environment, which calls ../../modules/vpc, is linted from the
// repository top (`daslint envs/prod`), from its own directory (`daslint
// .`) and from outside the repository (`daslint /abs/envs/prod`): the
// module is read every time, and the outcome is the one the golden case
// gives with --root, fingerprints included, since both boundaries are the
// same directory.
func TestMonorepoFromEveryFolder(t *testing.T) {
	src, err := filepath.Abs(filepath.Join("..", "..", "testdata", "tf-monorepo-module-above-path"))
	if err != nil {
		t.Fatal(err)
	}
	fixToday(t)
	golden, err := os.ReadFile(filepath.Join(src, "want.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := outcomeOf(t, golden, exitFindings)

	repo := filepath.Join(t.TempDir(), "repo")
	copyTree(t, src, repo, false)
	writeFile(t, filepath.Join(repo, ".git"), "gitdir: /elsewhere/.git/worktrees/repo\n")
	outside := t.TempDir()

	var got []outcome
	for _, env := range []string{"prod", "staging", "dev"} {
		dir := filepath.Join(repo, "envs", env)
		fromTop := runFrom(t, repo, []string{"envs/" + env})
		fromEnv := runFrom(t, dir, []string{"."})
		fromOutside := runFrom(t, outside, []string{dir})
		for name, o := range map[string]outcome{"the environment's directory": fromEnv, "outside the repository": fromOutside} {
			if diff := cmp.Diff(fromTop, o); diff != "" {
				t.Errorf("envs/%s from %s: outcome differs from the repository top's (-top +there):\n%s", env, name, diff)
			}
		}
		got = append(got, fromTop)
	}
	// A baseline written from the repository top holds in any folder.
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	if o := runFrom(t, repo, []string{"--write-baseline", baseline, "envs"}); o.Exit != exitOK {
		t.Errorf("--write-baseline: exit %d, want %d (every finding is in the baseline)", o.Exit, exitOK)
	}
	for _, dir := range []string{filepath.Join(repo, "envs", "staging"), outside} {
		if o := runFrom(t, dir, []string{"--baseline", baseline, filepath.Join(repo, "envs", "staging")}); o.Exit != exitOK {
			t.Errorf("--baseline from %s: exit %d, want %d: the findings' fingerprints changed with the folder", dir, o.Exit, exitOK)
		}
	}

	merged := outcome{Problems: map[string]int{}, Exit: exitOK}
	for _, o := range got {
		merged.Clusters = append(merged.Clusters, o.Clusters...)
		merged.Findings = append(merged.Findings, o.Findings...)
		for k, v := range o.Problems {
			merged.Problems[k] += v
		}
		merged.Exit = max(merged.Exit, o.Exit)
	}
	slices.Sort(merged.Clusters)
	slices.Sort(merged.Findings)
	if diff := cmp.Diff(want, merged); diff != "" {
		t.Errorf("the three environments linted one by one differ from the golden case (-golden +got):\n%s", diff)
	}
	for _, c := range merged.Clusters {
		if strings.HasPrefix(c, "aws_rds_cluster.prod ") && c != "aws_rds_cluster.prod pass nat" {
			t.Errorf("envs/prod: %s, want pass nat: the module above it was not read", c)
		}
	}
}

// TestRootFlag: --root sets the read boundary. Below a root that holds the
// module, a root calling ../../modules/vpc reads it; with --root at the
// environment itself, the module is outside and the cluster is unknown; a
// PATH outside --root, or a --root that is no directory, is a usage error
// (exit 2, nothing on stdout). The configuration's root works the same, and
// --root wins over it.
func TestRootFlag(t *testing.T) {
	src, err := filepath.Abs(filepath.Join("..", "..", "testdata", "tf-monorepo-module-above-path"))
	if err != nil {
		t.Fatal(err)
	}
	base := t.TempDir() // no .git above: the default boundary is each PATH
	repo := filepath.Join(base, "repo")
	copyTree(t, src, repo, false)
	for _, f := range []string{"args", "paths", "want.json", "expect", "README.md"} {
		if err := os.Remove(filepath.Join(repo, f)); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(repo)
	verdict := func(o outcome) string {
		if len(o.Clusters) != 1 {
			t.Fatalf("clusters %v, want one", o.Clusters)
		}
		return strings.Fields(o.Clusters[0])[1]
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no repository: the boundary is the PATH", []string{"envs/prod"}, "unknown"},
		{"--root holds the module", []string{"--root", ".", "envs/prod"}, "pass"},
		{"--root given as an absolute path", []string{"--root", repo, "envs/prod"}, "pass"},
		{"--root at the PATH itself", []string{"--root", "envs/prod", "envs/prod"}, "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := verdict(runFrom(t, repo, tt.args)); got != tt.want {
				t.Errorf("daslint %s: verdict %s, want %s", strings.Join(tt.args, " "), got, tt.want)
			}
		})
	}

	t.Run("configuration root", func(t *testing.T) {
		writeFile(t, filepath.Join(repo, "envs", "prod", ".daslint.yaml"), "root: ../..\n")
		defer func() { _ = os.Remove(filepath.Join(repo, "envs", "prod", ".daslint.yaml")) }()
		if got := verdict(runFrom(t, repo, []string{"envs/prod"})); got != "pass" {
			t.Errorf("root: ../.. in envs/prod/.daslint.yaml: verdict %s, want pass", got)
		}
		if got := verdict(runFrom(t, repo, []string{"--root", "envs/prod", "envs/prod"})); got != "unknown" {
			t.Errorf("--root envs/prod over the file's root: verdict %s, want unknown", got)
		}
	})

	usage := []struct {
		name, config string
		args         []string
		want         string
	}{
		{"PATH outside --root", "", []string{"--root", "envs/prod", "envs/staging"}, "envs/staging is outside --root envs/prod"},
		{"one of several PATHs outside --root", "", []string{"--root", "envs", "envs/prod", "modules"}, "modules is outside --root envs"},
		{"--root does not exist", "", []string{"--root", "nowhere", "envs/prod"}, "--root nowhere: want an existing directory"},
		{"--root is a file", "", []string{"--root", "envs/prod/main.tf", "envs/prod"}, "--root envs/prod/main.tf: want an existing directory"},
		{"PATH outside the configuration's root", "root: ../prod\n", []string{"envs/staging"}, "envs/staging is outside --root envs/prod: name a --root that contains every PATH, or leave --root out (the root set in envs/staging/.daslint.yaml)"},
		{"configuration root does not exist", "root: ../nowhere\n", []string{"envs/staging"}, "root in envs/staging/.daslint.yaml envs/nowhere: want an existing directory"},
	}
	for _, tt := range usage {
		t.Run(tt.name, func(t *testing.T) {
			if tt.config != "" {
				writeFile(t, filepath.Join(repo, "envs", "staging", ".daslint.yaml"), tt.config)
				defer func() { _ = os.Remove(filepath.Join(repo, "envs", "staging", ".daslint.yaml")) }()
			}
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"--format", "json"}, tt.args...), &stdout, &stderr)
			if code != exitInput {
				t.Errorf("exit %d, want %d", code, exitInput)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout is not empty on a usage error:\n%s", stdout.String())
			}
			if !strings.Contains(stderr.String(), tt.want) || !strings.Contains(stderr.String(), "daslint --help") {
				t.Errorf("stderr %q, want it to contain %q and point at --help", stderr.String(), tt.want)
			}
		})
	}
}
