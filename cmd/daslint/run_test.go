package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers"
	"github.com/daslint/daslint/rules"
)

func TestRunUsage(t *testing.T) {
	empty := t.TempDir()
	// A template of 1.5 MB: above a 1 MB --max-file-size, it is skipped
	// with a warning (a limit leaves the exit status alone, docs/cli.md#exit-status).
	big := t.TempDir()
	template := "AWSTemplateFormatVersion: \"2010-09-09\"\n# " + strings.Repeat("x", 3<<19) + "\nResources: {}\n"
	if err := os.WriteFile(filepath.Join(big, "template.yaml"), []byte(template), 0o644); err != nil {
		t.Fatal(err)
	}
	noDAS := t.TempDir()
	if err := os.WriteFile(filepath.Join(noDAS, "main.tf"), []byte("resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string // substring, "" for empty output
		stderr     string // substring, "" for empty output
		wantOutput bool
	}{
		{name: "help", args: []string{"--help"}, code: 0, stdout: "Usage:"},
		{name: "help examples", args: []string{"-h"}, code: 0, stdout: "Examples:"},
		{name: "version", args: []string{"--version"}, code: 0, stdout: "daslint " + version() + "\n"},
		{name: "sarif", args: []string{"--format", "sarif", empty}, code: 0, stdout: `"version": "2.1.0"`},
		{name: "github", args: []string{"--format=github", empty}, code: 0, stdout: "daslint: 0 clusters: 0 pass, 0 fail, 0 unknown; 1 input problem\n"},
		// A scan that finds nothing to lint says so (docs/semantics.md#never-silent): on stderr
		// for text, as a warning entry in the other formats.
		{name: "nothing found, text", args: []string{empty}, code: 0, stdout: "0 files, 0 clusters",
			stderr: "daslint: warning: no Terraform root or CloudFormation template found under " + empty + "\n"},
		{name: "nothing found, json", args: []string{"--format", "json", empty}, code: 0,
			stdout: `"severity": "warning",
      "message": "no Terraform root or CloudFormation template found under ` + empty + `"`},
		{name: "no DAS cluster, text", args: []string{noDAS}, code: 0, stdout: "1 file, 0 clusters",
			stderr: "daslint: warning: 1 file read, no Aurora DB cluster with an activity stream found"},
		{name: "no DAS cluster, json", args: []string{"--format", "json", noDAS}, code: 0,
			stdout: `"message": "1 file read, no Aurora DB cluster with an activity stream found`},
		{name: "no Aurora cluster, --all-clusters", args: []string{"--format", "json", "--all-clusters", noDAS}, code: 0,
			stdout: `"message": "1 file read, no Aurora DB cluster found"`},
		{name: "markdown", args: []string{"--format", "markdown", empty}, code: 0, stdout: "## daslint: 0 pass, 0 fail, 0 unknown\n"},
		{name: "dot", args: []string{"--format=dot", empty}, code: 0, stdout: "digraph daslint {\n"},
		{name: "bad format", args: []string{"--format", "xml"}, code: 2, stderr: `unknown --format "xml"`},
		{name: "bad unknown", args: []string{"--unknown", "maybe"}, code: 2, stderr: "want warn, error or ignore"},
		{name: "bad var", args: []string{"--var", "novalue"}, code: 2, stderr: "want NAME=VALUE"},
		{name: "bad stack name", args: []string{"--stack-name", "network.yaml"}, code: 2, stderr: "want FILE=NAME"},
		{name: "bad max file size", args: []string{"--max-file-size", "0"}, code: 2, stderr: "want a size in MB of at least 1"},
		{name: "file above the size limit", args: []string{"--format", "json", "--max-file-size", "1", filepath.Join(big, "template.yaml")},
			code: 0, stdout: "is 1.5 MB, above the limit of 1 MB for one file (--max-file-size); it is not read"},
		{name: "unknown flag", args: []string{"--frobnicate"}, code: 2, stderr: "frobnicate"},
		{name: "config missing", args: []string{"--config", "x.yaml", empty}, code: 2, stderr: "x.yaml: cannot read the configuration"},
		{name: "explain", args: []string{"explain", "DAS001"}, code: 0, stdout: "# DAS001:"},
		{name: "rules", args: []string{"rules"}, code: 0, stdout: "DAS001  error     kms-unreachable"},
		{name: "rules with arguments", args: []string{"rules", "DAS001"}, code: 2, stderr: "rules takes no arguments"},
		{name: "explain unknown", args: []string{"explain", "DAS999"}, code: 2, stderr: "DAS999"},
		{name: "empty dir", args: []string{"--format", "json", empty}, code: 0, stdout: `"clusters": []`},
		{name: "flags after path", args: []string{empty, "--format", "json", "--unknown", "error"}, code: 0, stdout: `"schema": "daslint/v1"`},
		{name: "missing path", args: []string{"--format", "json", filepath.Join(empty, "nope")}, code: 2, stdout: `"severity": "error"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout.String(), stderr.String())
			}
			check := func(name, got, want string) {
				if want == "" && got != "" {
					t.Errorf("%s = %q, want nothing", name, got)
				}
				if !strings.Contains(got, want) {
					t.Errorf("%s = %q, want it to contain %q", name, got, want)
				}
			}
			check("stdout", stdout.String(), tt.stdout)
			check("stderr", stderr.String(), tt.stderr)
		})
	}
}

func TestParseArgs(t *testing.T) {
	var stderr bytes.Buffer
	cfg, err := parseArgs([]string{
		"--var", "a=1", "infra", "--var-file", "x.tfvars", "--var=b=2", "--var-file", "y.tfvars",
		"--parameters", "p.json", "--parameters", "K=V", "--region", "eu-west-1", "--all-clusters",
		"--no-color", "--unknown", "ignore", "--", "--odd-dir",
	}, &stderr)
	if err != nil {
		t.Fatalf("%v: %s", err, stderr.String())
	}
	type got struct {
		Vars, VarFiles, Parameters, Paths []string
		Region, Unknown                   string
		Outputs                           []output
		AllClusters, NoColor              bool
	}
	want := got{
		Vars: []string{"a=1", "b=2"}, VarFiles: []string{"x.tfvars", "y.tfvars"},
		Parameters: []string{"p.json", "K=V"}, Paths: []string{"infra", "--odd-dir"},
		Region: "eu-west-1", Unknown: "ignore", Outputs: []output{{format: "text", flag: "--format text"}}, AllClusters: true, NoColor: true,
	}
	have := got{cfg.vars, cfg.varFiles, cfg.parameters, cfg.paths, cfg.region, cfg.unknown, cfg.outputs, cfg.allClusters, cfg.noColor}
	if diff := cmp.Diff(want, have, cmp.AllowUnexported(output{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestExitCode(t *testing.T) {
	warn := diag.Diagnostic{Severity: diag.Warning, Message: "not vendored"}
	bad := diag.Diagnostic{Severity: diag.Error, Message: "does not parse"}
	finding := func(s rules.Severity) []rules.Result {
		return []rules.Result{{Findings: []rules.Finding{{Rule: "DAS002", Severity: rules.Warning}, {Rule: "DASx", Severity: s}}}}
	}
	tests := []struct {
		name    string
		ds      diag.Diagnostics
		results []rules.Result
		want    int
	}{
		{"nothing", nil, nil, 0},
		{"warnings only", diag.Diagnostics{warn}, finding(rules.Warning), 0},
		{"error finding", diag.Diagnostics{warn}, finding(rules.Error), 1},
		{"input error wins", diag.Diagnostics{bad}, finding(rules.Error), 2},
		{"input error alone", diag.Diagnostics{warn, bad}, nil, 2},
	}
	for _, tt := range tests {
		if got := exitCode(tt.ds, tt.results); got != tt.want {
			t.Errorf("%s: exit %d, want %d", tt.name, got, tt.want)
		}
	}
	if unknownSeverity("warn") != rules.Warning || unknownSeverity("error") != rules.Error || unknownSeverity("ignore") != rules.Off {
		t.Error("--unknown maps to the wrong DAS002 severity")
	}
}

func TestDocumentPaths(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(wd, "sub", "main.tf")
	ds := diag.Diagnostics{
		{Severity: diag.Error, Range: model.Range{File: abs, Line: 3, Column: 7}, Message: "x"},
		{Severity: diag.Error, Range: model.Range{File: abs, Line: 3, Column: 7}, Message: "x"}, // duplicate
	}
	doc := document(&parsers.Set{Files: 2}, nil, ds, "9.9.9")
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(doc.Errors); err != nil {
		t.Fatal(err)
	}
	want := `[{"file":"sub/main.tf","line":3,"column":7,"severity":"error","message":"x"}]` + "\n"
	if buf.String() != want {
		t.Errorf("errors = %s, want %s (relative to the cwd, / separators, duplicates dropped)", buf.String(), want)
	}
	if doc.Version != "9.9.9" || doc.Summary.Files != 2 || doc.Summary.Errors != 1 {
		t.Errorf("version %s, summary %+v", doc.Version, doc.Summary)
	}
}
