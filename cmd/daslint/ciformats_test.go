package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/daslint/daslint/internal/junitcheck"
	"github.com/daslint/daslint/internal/schemacheck"
	"github.com/daslint/daslint/report"
)

// TestCIFormatsOnGoldenCases renders every golden case as JUnit XML and as
// a GitLab Code Quality report and checks them against the case's JSON
// report, want.json (which TestGolden checks, so it is not rendered
// again). JUnit: valid (junitcheck, and xmllint when installed), one case
// per cluster and per input problem, a failure for each cluster with a
// finding that counts at severity error, a pass only for a passing cluster
// that no finding is about (an unknown or failing cluster never passes).
// GitLab: valid against GitLab's format, one issue per counted finding and
// per input problem, fingerprints unique. The exit status is the case's.
func TestCIFormatsOnGoldenCases(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	fixToday(t)
	gitlab, err := schemacheck.Compile("report/testdata/gitlab-codequality.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := "testdata/" + e.Name()
		t.Run(e.Name(), func(t *testing.T) {
			args, err := readArgs(filepath.Join(dir, "args"))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(args, "--root") {
				// As TestGolden runs the case.
				args = append([]string{"--root", "."}, args...)
			}
			stdin, err := os.ReadFile(filepath.Join(dir, "stdin"))
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			paths, err := casePaths(dir, err == nil)
			if err != nil {
				t.Fatal(err)
			}
			exp, err := readExpect(filepath.Join(dir, "expect"))
			if err != nil {
				t.Fatal(err)
			}
			out, err := os.ReadFile(filepath.Join(dir, "want.json"))
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Clusters []struct {
					ID, File, Verdict string
					Line              int
				}
				Findings []report.Finding
				Errors   []report.Error
			}
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			want := map[string]int{}
			for _, c := range doc.Clusters {
				kind := "skipped"
				if c.Verdict == report.VerdictPass {
					kind = "pass"
				}
				for _, f := range doc.Findings {
					if f.Resource != c.ID || f.File != c.File || f.Line != c.Line {
						continue
					}
					if f.Severity == "error" && f.Counts() {
						kind = "failure"
						break
					}
					kind = "skipped"
				}
				want[kind]++
			}
			for _, e := range doc.Errors {
				if e.Severity == "error" {
					want["error"]++
				} else {
					want["skipped"]++
				}
			}

			outs, code := renderFormats(t, args, paths, stdin, "junit", "gitlab")
			checkJUnit(t, outs["junit"], want)
			gitlabOut := outs["gitlab"]
			counted := 0
			for _, f := range doc.Findings {
				if f.Counts() {
					counted++
				}
			}
			checkGitLab(t, gitlab, gitlabOut, counted+len(doc.Errors))
			if exp.hasExit && code != exp.exit {
				t.Errorf("exit status %d, want %d", code, exp.exit)
			}
		})
	}
}

// checkJUnit checks a JUnit report: valid, and as many cases of each kind
// (pass, failure, error, skipped) as want says.
func checkJUnit(t *testing.T, out []byte, want map[string]int) {
	t.Helper()
	if err := junitcheck.Check(out); err != nil {
		t.Fatalf("--format junit: %v\n%s", err, out)
	}
	if err := junitcheck.Xmllint(junitcheck.SchemaFile, out); err != nil && !errors.Is(err, junitcheck.ErrNoXmllint) {
		t.Errorf("--format junit: %v", err)
	}
	doc, err := junitcheck.Decode(out)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			got[c.Kind()]++
		}
	}
	for _, k := range []string{"pass", "failure", "error", "skipped"} {
		if got[k] != want[k] {
			t.Errorf("--format junit: %d cases %s, want %d (all: %v, want %v)", got[k], k, want[k], got, want)
		}
	}
}

// checkGitLab checks a GitLab Code Quality report: valid, n issues, unique
// fingerprints.
func checkGitLab(t *testing.T, schema *jsonschema.Schema, out []byte, n int) {
	t.Helper()
	if err := schemacheck.Validate(schema, out); err != nil {
		t.Fatalf("--format gitlab: %v\n%s", err, out)
	}
	var issues []struct {
		Fingerprint string `json:"fingerprint"`
	}
	if err := json.Unmarshal(out, &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != n {
		t.Errorf("--format gitlab: %d issues, want %d", len(issues), n)
	}
	seen := map[string]bool{}
	for _, is := range issues {
		if seen[is.Fingerprint] {
			t.Errorf("--format gitlab: fingerprint %s repeats", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
}

// TestCIFormatsModuleOfTwoRoots lints, from a subdirectory of a
// repository, two roots that call one local module declaring a cluster:
// it fails in one root and passes in the other. JUnit gives one test per
// root, in the root's suite, each with its own outcome; both formats name
// files relative to the repository root, not the working directory.
func TestCIFormatsModuleOfTwoRoots(t *testing.T) {
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join("..", "..", "testdata")
	copyTree(t, filepath.Join(src, "tf-tam-database-nat-route-off-fail", "modules"), filepath.Join(repo, "modules"), false)
	for root, c := range map[string]string{"envs/a": "tf-tam-database-nat-route-off-fail", "envs/b": "tf-tam-database-nat-route-pass"} {
		data, err := os.ReadFile(filepath.Join(src, c, "main.tf"))
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(repo, filepath.FromSlash(root))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		data = bytes.ReplaceAll(data, []byte(`"./modules/`), []byte(`"../../modules/`))
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(filepath.Join(repo, "envs"))
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--format", "junit", "."}, &stdout, &stderr); code != exitFindings {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitFindings, stderr.String())
	}
	doc, err := junitcheck.Decode(stdout.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			got = append(got, s.Name+" "+c.Name+" "+c.Kind())
		}
	}
	want := []string{
		"envs/a/main.tf module.aurora.aws_rds_cluster.this[0] failure",
		"envs/b/main.tf module.aurora.aws_rds_cluster.this[0] pass",
	}
	if !slices.Equal(got, want) {
		t.Errorf("JUnit cases %q, want %q\n%s", got, want, stdout.Bytes())
	}

	stdout.Reset()
	run([]string{"--format", "gitlab", "."}, &stdout, &stderr)
	var issues []struct {
		CheckName string `json:"check_name"`
		Location  struct {
			Path string `json:"path"`
		} `json:"location"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	// The cluster is declared in a local module: the place to edit.
	if len(issues) != 1 || issues[0].CheckName != "DAS001" || issues[0].Location.Path != "modules/aurora/main.tf" {
		t.Errorf("GitLab issues %+v, want one DAS001 in modules/aurora/main.tf", issues)
	}
}
