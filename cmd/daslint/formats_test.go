package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daslint/daslint/internal/diagramcheck"
	"github.com/daslint/daslint/internal/sarifcheck"
	"github.com/daslint/daslint/report"
)

// TestFormatsOnGoldenCases renders every golden case as SARIF, GitHub
// annotations, Markdown and DOT and checks them against the case's JSON
// report: the diagrams are well formed, one Markdown section per cluster
// that does not pass and one DOT subgraph per cluster; the
// SARIF log validates against the official schema and holds one result
// per finding, same rule and level, and one notification per input
// problem; the annotations are one per finding and input problem; the
// exit status does not depend on the format.
func TestFormatsOnGoldenCases(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
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
			render := func(format string) ([]byte, int) {
				var stdout, stderr bytes.Buffer
				code := run(append(append([]string(nil), args...), "--format", format, dir), &stdout, &stderr)
				if stderr.Len() != 0 {
					t.Errorf("--format %s: stderr is not empty:\n%s", format, stderr.String())
				}
				return stdout.Bytes(), code
			}
			out, code := render("json")
			// Only the findings and errors: a witness link reads back as
			// text, not as a report.Link.
			var doc struct {
				Clusters []struct{ Verdict string }
				Findings []report.Finding
				Errors   []report.Error
			}
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			sarifOut, sarifCode := render("sarif")
			checkSARIF(t, sarifOut, doc.Findings, doc.Errors)
			githubOut, githubCode := render("github")
			// Suppressed and baseline findings are not annotated.
			counted := 0
			for _, f := range doc.Findings {
				if f.Counts() {
					counted++
				}
			}
			checkGitHub(t, githubOut, counted+len(doc.Errors))
			mdOut, mdCode := render("markdown")
			checkMarkdown(t, mdOut, doc.Clusters)
			dotOut, dotCode := render("dot")
			if err := diagramcheck.DOT(string(dotOut)); err != nil {
				t.Errorf("--format dot: %v", err)
			}
			if n := strings.Count(string(dotOut), "subgraph cluster_"); n != len(doc.Clusters) {
				t.Errorf("--format dot: %d subgraphs for %d clusters", n, len(doc.Clusters))
			}
			if sarifCode != code || githubCode != code || mdCode != code || dotCode != code {
				t.Errorf("exit status: json %d, sarif %d, github %d, markdown %d, dot %d", code, sarifCode, githubCode, mdCode, dotCode)
			}
		})
	}
}

func checkSARIF(t *testing.T, out []byte, findings []report.Finding, errs []report.Error) {
	t.Helper()
	if err := sarifcheck.Validate(sarifcheck.SchemaFile, out); err != nil {
		t.Fatalf("the SARIF log does not validate:\n%v", err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID              string            `json:"ruleId"`
				Level               string            `json:"level"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
			Invocations []struct {
				ExecutionSuccessful bool  `json:"executionSuccessful"`
				Notifications       []any `json:"toolExecutionNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Results) != len(findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(findings))
	}
	seen := map[string]bool{}
	for i, res := range run.Results {
		f := findings[i]
		if res.RuleID != f.Rule || res.Level != f.Severity {
			t.Errorf("result %d: %s %s, finding %s %s", i, res.RuleID, res.Level, f.Rule, f.Severity)
		}
		fp := res.PartialFingerprints[report.FingerprintKey]
		if fp == "" || seen[fp] {
			t.Errorf("result %d: fingerprint %q missing or not unique", i, fp)
		}
		seen[fp] = true
	}
	failed := false
	for _, e := range errs {
		failed = failed || e.Severity == "error"
	}
	inv := run.Invocations[0]
	if len(inv.Notifications) != len(errs) || inv.ExecutionSuccessful == failed {
		t.Errorf("invocation: %d notifications, successful %v; report: %d errors", len(inv.Notifications), inv.ExecutionSuccessful, len(errs))
	}
}

// checkMarkdown checks that the Markdown report has a section with a
// Mermaid diagram for every cluster that does not pass (the summary table
// lists them all), and that each diagram is well formed.
func checkMarkdown(t *testing.T, out []byte, clusters []struct{ Verdict string }) {
	t.Helper()
	want := 0
	for _, c := range clusters {
		if c.Verdict != report.VerdictPass {
			want++
		}
	}
	md := string(out)
	sections := strings.Count(md, "\n### ❌ ") + strings.Count(md, "\n### ⚠️ ")
	if sections != want {
		t.Errorf("--format markdown: %d cluster sections, want %d", sections, want)
	}
	blocks := diagramcheck.MermaidBlocks(md)
	if len(blocks) > sections {
		t.Errorf("--format markdown: %d diagrams for %d sections", len(blocks), sections)
	}
	for i, b := range blocks {
		if err := diagramcheck.Mermaid(b); err != nil {
			t.Errorf("--format markdown, diagram %d: %v\n%s", i, err, b)
		}
	}
}

func checkGitHub(t *testing.T, out []byte, want int) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	commands := 0
	for _, l := range lines[:len(lines)-1] {
		if !strings.HasPrefix(l, "::error ") && !strings.HasPrefix(l, "::warning ") {
			t.Errorf("not an annotation: %q", l)
		}
		commands++
	}
	if commands != want {
		t.Errorf("%d annotations, want %d (findings and input problems)", commands, want)
	}
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "daslint: ") {
		t.Errorf("last line %q is not the summary", last)
	}
}
