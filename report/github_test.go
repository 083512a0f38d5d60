package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestGitHubGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := GitHub(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.github.txt", buf.Bytes())
}

// TestGitHubEscaping checks the runner's escaping rules: in a message only
// %, CR and LF are special; in a property value also ':' and ',', which
// delimit properties. '%' is escaped first, so an escape is never
// escaped twice and a literal "%0A" survives.
func TestGitHubEscaping(t *testing.T) {
	tests := []struct {
		in, data, property string
	}{
		{in: "plain text", data: "plain text", property: "plain text"},
		{in: "100%", data: "100%25", property: "100%25"},
		{in: "a\nb\r\nc", data: "a%0Ab%0D%0Ac", property: "a%0Ab%0D%0Ac"},
		{in: "k=v, x: y", data: "k=v, x: y", property: "k=v%2C x%3A y"},
		{in: "literal %0A", data: "literal %250A", property: "literal %250A"},
		{in: "::error::", data: "::error::", property: "%3A%3Aerror%3A%3A"},
	}
	for _, tt := range tests {
		if got := escapeData(tt.in); got != tt.data {
			t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := escapeProperty(tt.in); got != tt.property {
			t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.property)
		}
	}
}

// TestGitHubCommands checks the command line of each kind of record: level
// by severity, no line properties when the line is unknown, no endLine on
// a one-line range, suppressed findings left out.
func TestGitHubCommands(t *testing.T) {
	r := &Report{
		Findings: []Finding{
			{Rule: "DAS002", Severity: "warning", Resource: "a", File: "a.tf", Line: 5, EndLine: 5, Message: "m"},
			{Rule: "DAS001", Severity: "error", Resource: "b", File: "b.tf", Line: 1, EndLine: 9, Message: "gone",
				Suppressed: &Suppression{Reason: "r"}},
		},
		Errors: []Error{{File: "dir", Severity: "warning", Message: "w"}},
	}
	var buf bytes.Buffer
	if err := GitHub(&buf, r); err != nil {
		t.Fatal(err)
	}
	want := "::warning file=a.tf,line=5,title=DAS002::m\n" +
		"::warning file=dir,title=daslint::w\n" +
		"daslint: 0 clusters: 0 pass, 0 fail, 0 unknown; 1 input problem\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestGitHubPathsFromRepositoryTop checks that annotations name files by
// their path from the top of the repository, where the runner looks for
// them, when daslint runs in a subfolder: a root's file, an input problem,
// and a module outside the working directory but inside the repository,
// which is the user's code and so the annotated place rather than its call.
func TestGitHubPathsFromRepositoryTop(t *testing.T) {
	r := inInfra(&Report{
		Findings: []Finding{
			{Rule: "DAS001", Severity: "error", Resource: "aws_rds_cluster.a", File: "main.tf", Line: 4, EndLine: 9, Message: "a"},
			{Rule: "DAS001", Severity: "error", Resource: "module.db.aws_rds_cluster.b", File: "../modules/db/main.tf", Line: 7, EndLine: 8, Message: "b",
				Callers: []Caller{{File: "db.tf", Line: 2, Module: "module.db"}}},
			{Rule: "DAS001", Severity: "error", Resource: "module.x.aws_rds_cluster.c", File: ".terraform/modules/x/main.tf", Line: 3, EndLine: 3, Message: "c",
				Callers: []Caller{{File: "x.tf", Line: 5, Module: "module.x"}}},
		},
		Errors: []Error{{File: "broken.tf", Line: 2, Column: 3, Severity: "error", Message: "bad"}},
	})
	var buf bytes.Buffer
	if err := GitHub(&buf, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"::error file=infra/main.tf,line=4,endLine=9,title=DAS001::a\n",
		"::error file=modules/db/main.tf,line=7,endLine=8,title=DAS001::b",
		"::error file=infra/x.tf,line=5,title=DAS001::c",
		"::error file=infra/broken.tf,line=2,col=3,title=daslint::bad\n",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("no %q in\n%s", want, buf.String())
		}
	}
}
