package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daslint/daslint/internal/schemacheck"
)

// gitlabSchema is the Code Quality report format as GitLab documents it.
var gitlabSchema = filepath.Join("testdata", "gitlab-codequality.schema.json")

func TestGitLabGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := GitLab(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.gitlab.json", buf.Bytes())
	checkGitLab(t, buf.Bytes())
}

// checkGitLab validates a report against GitLab's format and checks what
// the schema cannot say: fingerprints are unique.
func checkGitLab(t *testing.T, doc []byte) {
	t.Helper()
	s, err := schemacheck.Compile(gitlabSchema)
	if err != nil {
		t.Fatal(err)
	}
	if err := schemacheck.Validate(s, doc); err != nil {
		t.Fatalf("not a GitLab Code Quality report: %v\n%s", err, doc)
	}
	var issues []gitlabIssue
	if err := json.Unmarshal(doc, &issues); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, is := range issues {
		if seen[is.Fingerprint] {
			t.Errorf("fingerprint %s repeats; GitLab shows one issue of it", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
}

// TestGitLabSchemaRejects makes sure the schema check can fail.
func TestGitLabSchemaRejects(t *testing.T) {
	s, err := schemacheck.Compile(gitlabSchema)
	if err != nil {
		t.Fatal(err)
	}
	const ok = `[{"description": "d", "check_name": "DAS001", "fingerprint": "f", "severity": "major", "location": {"path": "main.tf", "lines": {"begin": 1}}}]`
	if err := schemacheck.Validate(s, []byte(ok)); err != nil {
		t.Fatalf("the valid report is rejected: %v", err)
	}
	for name, doc := range map[string]string{
		"not an array":     `{}`,
		"no fingerprint":   strings.Replace(ok, `"fingerprint": "f", `, ``, 1),
		"no check_name":    strings.Replace(ok, `"check_name": "DAS001", `, ``, 1),
		"severity":         strings.Replace(ok, `"major"`, `"error"`, 1),
		"line 0":           strings.Replace(ok, `"begin": 1`, `"begin": 0`, 1),
		"no line":          strings.Replace(ok, `, "lines": {"begin": 1}`, ``, 1),
		"./ path":          strings.Replace(ok, `"main.tf"`, `"./main.tf"`, 1),
		"unknown category": strings.Replace(ok, `"severity"`, `"categories": ["Availability"], "severity"`, 1),
	} {
		if err := schemacheck.Validate(s, []byte(doc)); err == nil {
			t.Errorf("%s: the schema accepts %s", name, doc)
		}
	}
}

// TestGitLabIssues checks which records become issues and how: counted
// findings at their primary location, suppressed and baseline ones left
// out, input problems at line 1 when they concern a whole file, repeated
// fingerprints made unique, paths mapped.
func TestGitLabIssues(t *testing.T) {
	f := Finding{Rule: "DAS001", Severity: "error", Resource: "module.db.aws_rds_cluster.this", File: ".terraform/modules/db/main.tf", Line: 5, EndLine: 9,
		Message: "DAS001: fails", Fingerprint: "fp1", Callers: []Caller{{File: "main.tf", Line: 3, Module: "module.db"}}}
	twice := f
	suppressed := f
	suppressed.Fingerprint, suppressed.Suppressed = "fp2", &Suppression{Reason: "r"}
	baseline := f
	baseline.Fingerprint, baseline.Baseline = "fp3", true
	unknown := Finding{Rule: "DAS002", Severity: "warning", Resource: "b", File: "b.tf", Line: 1, EndLine: 1, Message: "DAS002: unknown", Fingerprint: "fp4"}
	r := &Report{
		Findings: []Finding{f, twice, suppressed, baseline, unknown},
		Errors:   []Error{{File: "vars", Severity: "warning", Message: "w"}, {File: "x.tf", Line: 2, Column: 1, Severity: "error", Message: "bad"}},
	}
	var buf bytes.Buffer
	if err := GitLab(&buf, inInfra(r)); err != nil {
		t.Fatal(err)
	}
	checkGitLab(t, buf.Bytes())
	var issues []gitlabIssue
	if err := json.Unmarshal(buf.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	type row struct {
		check, severity, path string
		begin, end            int
	}
	want := []row{
		{"DAS001", "major", "infra/main.tf", 3, 0},
		{"DAS001", "major", "infra/main.tf", 3, 0},
		{"DAS002", "minor", "infra/b.tf", 1, 0},
		{InputCheckName, "minor", "infra/vars", 1, 0},
		{InputCheckName, "major", "infra/x.tf", 2, 0},
	}
	if len(issues) != len(want) {
		t.Fatalf("%d issues, want %d:\n%s", len(issues), len(want), buf.Bytes())
	}
	for i, is := range issues {
		got := row{is.CheckName, is.Severity, is.Location.Path, is.Location.Lines.Begin, is.Location.Lines.End}
		if got != want[i] {
			t.Errorf("issue %d: %+v, want %+v", i, got, want[i])
		}
	}
	if issues[0].Fingerprint != "fp1" || issues[1].Fingerprint == "fp1" {
		t.Errorf("fingerprints %s, %s: want fp1 and another", issues[0].Fingerprint, issues[1].Fingerprint)
	}
	if !strings.Contains(issues[0].Description, "Reached through module.db (infra/main.tf:3); declared at infra/.terraform/modules/db/main.tf:5.") {
		t.Errorf("description %q does not say how the cluster was reached", issues[0].Description)
	}
}

// TestGitLabEmpty checks that no issue is an empty array, which GitLab
// reads as "no issue", not null.
func TestGitLabEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := GitLab(&buf, &Report{}); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "[]\n" {
		t.Errorf("got %q, want []", got)
	}
}

// inInfra is r as a run from infra/ in the repository /repo reports it.
func inInfra(r *Report) *Report {
	r.SourceRoot, r.WorkDir = filepath.FromSlash("/repo"), filepath.FromSlash("/repo/infra")
	return r
}
