package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// lintJSON runs daslint with args plus --format json and decodes the
// findings.
func lintJSON(t *testing.T, args ...string) (code int, findings []map[string]any, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append(args, "--format", "json"), &out, &errb)
	var doc struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil && out.Len() > 0 {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	return code, doc.Findings, errb.String()
}

// failing is the module of a golden case whose cluster fails (DAS001).
var failing = filepath.Join("..", "..", "testdata", "tf-main-route-table-local-only-fail", "main.tf")

// chdirWithFixture reads the failing module, then moves the test into a
// fresh directory.
func chdirWithFixture(t *testing.T) string {
	t.Helper()
	src := mustRead(t, failing)
	t.Chdir(t.TempDir())
	return src
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBaselineRoundTrip writes a baseline, moves and reformats the code
// (the finding must stay known), then changes the verdict (a new finding
// must count).
func TestBaselineRoundTrip(t *testing.T) {
	src := chdirWithFixture(t)
	writeFile(t, "infra/main.tf", src)

	code, fs, stderr := lintJSON(t, "--unknown", "error", "--write-baseline", "baseline.json", "infra")
	if code != 0 || len(fs) != 1 || fs[0]["baseline"] != true || stderr != "" {
		t.Fatalf("--write-baseline: exit %d, findings %v, stderr %q; want exit 0 and one finding in the baseline", code, fs, stderr)
	}
	written, err := os.ReadFile("baseline.json")
	if err != nil || !strings.Contains(string(written), `"schema": "daslint-baseline/v1"`) || !strings.Contains(string(written), `"resource": "aws_rds_cluster.main"`) {
		t.Fatalf("baseline.json = %s (%v)", written, err)
	}
	if code, fs, _ := lintJSON(t, "--unknown", "error", "infra"); code != 1 || len(fs) != 1 || fs[0]["baseline"] != false {
		t.Fatalf("without --baseline: exit %d, findings %v; want exit 1", code, fs)
	}

	// Move every line down, reformat (indentation, alignment, blank lines)
	// and split the module into two files.
	reformatted := "# moved\n\n\n" + regexp.MustCompile(`(?m)^  (\w+)\s+=`).ReplaceAllString(src, "    $1 =")
	head, tail, ok := strings.Cut(reformatted, `resource "aws_security_group" "db"`)
	if !ok {
		t.Fatal("fixture changed: no security group")
	}
	writeFile(t, "infra/main.tf", "\n\n"+head)
	writeFile(t, "infra/database.tf", "\n\n\n\n"+`resource "aws_security_group" "db"`+tail)
	code, fs, stderr = lintJSON(t, "--unknown", "error", "--baseline", "baseline.json", "infra")
	if code != 0 || len(fs) != 1 || fs[0]["baseline"] != true || stderr != "" {
		t.Fatalf("after reformatting: exit %d, findings %v, stderr %q; want exit 0, the finding in the baseline", code, fs, stderr)
	}

	// The cluster's subnet group now comes from a variable without a value:
	// the verdict becomes unknown, a finding the baseline does not know.
	changed := strings.Replace(src, "db_subnet_group_name   = aws_db_subnet_group.db.name", "db_subnet_group_name   = var.group", 1)
	if changed == src {
		t.Fatal("fixture changed: no db_subnet_group_name")
	}
	writeFile(t, "infra/main.tf", changed+"\nvariable \"group\" {\n  type = string\n}\n")
	if err := os.Remove("infra/database.tf"); err != nil {
		t.Fatal(err)
	}
	code, fs, _ = lintJSON(t, "--unknown", "error", "--baseline", "baseline.json", "infra")
	if code != 1 || len(fs) != 1 || fs[0]["rule"] != "DAS002" || fs[0]["baseline"] != false {
		t.Fatalf("after changing the verdict: exit %d, findings %v; want exit 1 and a new DAS002 finding", code, fs)
	}
}

func TestBaselineErrors(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFile(t, "old.json", `{"schema": "daslint-baseline/v0", "findings": []}`)
	for _, tc := range []struct{ args []string }{
		{[]string{"--baseline", "missing.json", "."}},
		{[]string{"--baseline", "old.json", "."}},
		{[]string{"--write-baseline", filepath.Join("no", "such", "dir", "b.json"), "."}},
	} {
		if code, _, stderr := lintJSON(t, tc.args...); code != 2 || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 with a message", tc.args, code, stderr)
		}
	}
}

func TestConfigFile(t *testing.T) {
	src := chdirWithFixture(t)
	writeFile(t, "repo/infra/main.tf", src)
	writeFile(t, "repo/examples/demo/main.tf", src)
	writeFile(t, "repo/.git/HEAD", "")

	// No configuration: both modules fail.
	if code, fs, _ := lintJSON(t, "repo"); code != 1 || len(fs) != 2 {
		t.Fatalf("no configuration: exit %d, %d findings; want 1 and 2", code, len(fs))
	}

	writeFile(t, "repo/.daslint.yaml", "exclude: [examples]\nrules:\n  DAS001: {severity: warning}\n")
	code, fs, stderr := lintJSON(t, "repo")
	if code != 0 || len(fs) != 1 || fs[0]["severity"] != "warning" || stderr != "" {
		t.Fatalf("configuration found upward: exit %d, findings %v, stderr %q; want one warning", code, fs, stderr)
	}
	// Found from a path below, too; and from a file of the module.
	for _, p := range []string{"repo/infra", "repo/infra/main.tf"} {
		if code, fs, _ := lintJSON(t, p); code != 0 || len(fs) != 1 || fs[0]["severity"] != "warning" {
			t.Errorf("%s: exit %d, findings %v; want one warning", p, code, fs)
		}
	}

	// --config names another file; relative paths in it are its own.
	writeFile(t, "ci/strict.yaml", "rules:\n  DAS001: {enabled: false}\n")
	if code, fs, _ := lintJSON(t, "--config", "ci/strict.yaml", "repo/infra"); code != 0 || len(fs) != 0 {
		t.Errorf("--config disabling DAS001: exit %d, findings %v; want none", code, fs)
	}

	// Flags win: the file says ignore unknowns, --unknown error counts them.
	writeFile(t, "repo/.daslint.yaml", "unknown: ignore\nvars:\n  group: db\n")
	writeFile(t, "repo/infra/main.tf", strings.Replace(mustRead(t, "repo/infra/main.tf"), "aws_db_subnet_group.db.name", "var.group", 1)+"\nvariable \"group\" {\n  type = string\n}\n")
	if code, fs, _ := lintJSON(t, "repo/infra"); code != 1 || len(fs) != 1 || fs[0]["rule"] != "DAS001" {
		t.Errorf("vars from the file: exit %d, findings %v; want the DAS001 of the known subnet group", code, fs)
	}
	if code, fs, _ := lintJSON(t, "--var", "group=other", "--unknown", "error", "repo/infra"); code != 1 || len(fs) != 1 || fs[0]["rule"] != "DAS002" {
		t.Errorf("--var over the file's vars: exit %d, findings %v; want DAS002 (group other is not declared)", code, fs)
	}

	// A mistake in the file stops the run with its position.
	writeFile(t, "repo/.daslint.yaml", "rules:\n  DAS001:\n    severty: warning\n")
	code, _, stderr = lintJSON(t, "repo")
	if want := filepath.Join("repo", ".daslint.yaml") + `:3:5: unknown setting "severty" of rules.DAS001 (did you mean "severity"?)`; code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("bad configuration: exit %d, stderr %q; want 2 and %q", code, stderr, want)
	}
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestInit(t *testing.T) {
	t.Chdir(t.TempDir())
	var out, errb bytes.Buffer
	if code := run([]string{"init"}, &out, &errb); code != 0 || !strings.Contains(out.String(), ".daslint.yaml") {
		t.Fatalf("init: exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
	if got := mustRead(t, ".daslint.yaml"); !strings.HasPrefix(got, "# daslint configuration") {
		t.Errorf("written configuration starts %q", got[:min(40, len(got))])
	}
	// The written file is a valid configuration that changes nothing.
	if code, _, stderr := lintJSON(t, "."); code != 0 || stderr != "" {
		t.Errorf("lint with the default configuration: exit %d, stderr %q", code, stderr)
	}
	out.Reset()
	errb.Reset()
	if code := run([]string{"init"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "already exists") {
		t.Errorf("second init: exit %d, stderr %q; want 2 and a refusal", code, errb.String())
	}
	writeFile(t, "sub/keep", "")
	if code := run([]string{"init", "sub"}, &out, &errb); code != 0 || mustRead(t, filepath.Join("sub", ".daslint.yaml")) == "" {
		t.Errorf("init sub: exit %d", code)
	}
}

func TestTextHidesSuppressed(t *testing.T) {
	src := chdirWithFixture(t)
	writeFile(t, "infra/main.tf", src)
	writeFile(t, "infra/main.tf", strings.Replace(src, `resource "aws_rds_cluster" "main" {`, "# daslint:ignore DAS001 accepted until the NAT migration\n"+`resource "aws_rds_cluster" "main" {`, 1))
	var out, errb bytes.Buffer
	if code := run([]string{"--no-color", "infra"}, &out, &errb); code != 0 || strings.Contains(out.String(), "error DAS001") || !strings.Contains(out.String(), "0 findings, 1 suppressed") {
		t.Errorf("text: exit %d\n%s", code, out.String())
	}
	out.Reset()
	if code := run([]string{"--no-color", "--show-suppressed", "infra"}, &out, &errb); code != 0 ||
		!strings.Contains(out.String(), "suppressed error DAS001") || !strings.Contains(out.String(), "reason: accepted until the NAT migration (infra/main.tf:80)") {
		t.Errorf("--show-suppressed: exit %d\n%s", code, out.String())
	}
}
