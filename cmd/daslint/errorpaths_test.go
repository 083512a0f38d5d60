package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestErrorPaths: each way a run can go wrong gives the exit status of
// docs/cli.md#exit-status (1: an error finding; 2: a usage error or input that could not be
// read) and a message that names the file (and the line, when there is
// one) and says what to do. Input problems are in the report's errors;
// problems with the command line or daslint's own files go to stderr.
func TestErrorPaths(t *testing.T) {
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	goodTF := mustTestdata("tf-nat-pass", "main.tf")
	tests := []struct {
		name  string
		files map[string]string
		args  []string
		exit  int
		// Either an errors entry at file:line, or stderr, contains message.
		file    string
		line    int
		stderr  bool
		message string
	}{
		{name: "error finding", args: []string{filepath.Join(repo, "testdata", "tf-nat-in-private-subnet-fail")}, exit: 1},
		{name: "unknown is an error with --unknown error", args: []string{"--unknown", "error", filepath.Join(repo, "testdata", "tf-data-source-subnets-unknown")}, exit: 1},
		{name: "syntax error", files: map[string]string{"infra/main.tf": goodTF, "infra/broken.tf": "resource \"x\" \"y\" {\n  a = \n}\n"}, args: []string{"."}, exit: 2,
			file: "infra/broken.tf", line: 2, message: "Invalid expression: Expected the start of an expression"},
		{name: "missing --var-file", files: map[string]string{"main.tf": goodTF}, args: []string{"--var-file", "nope.tfvars", "."}, exit: 2,
			file: "nope.tfvars", message: "cannot read nope.tfvars: no such file or directory; check that it exists and that daslint may read it"},
		{name: "missing path", args: []string{"nope"}, exit: 2,
			file: "nope", message: "cannot read nope: no such file or directory; check that it exists"},
		{name: "named file that is no input", files: map[string]string{"notes.md": "hi"}, args: []string{"notes.md"}, exit: 2,
			file: "notes.md", message: "nor a CloudFormation template (.yaml, .yml, .json, .template): name such files, or a directory"},
		{name: "named YAML that is no template", files: map[string]string{"values.yaml": "replicas: 2\n"}, args: []string{"values.yaml"}, exit: 2,
			file: "values.yaml", message: "is not a CloudFormation template (no Resources section): name only templates and Terraform files, or directories"},
		{name: "missing baseline", files: map[string]string{"main.tf": goodTF}, args: []string{"--baseline", "nope.json", "."}, exit: 2,
			stderr: true, message: "cannot read the baseline nope.json: no such file or directory (write one with --write-baseline nope.json)"},
		{name: "baseline not writable", files: map[string]string{"main.tf": goodTF}, args: []string{"--write-baseline", "no/such/dir/b.json", "."}, exit: 2,
			stderr: true, message: "cannot write the baseline no/such/dir/b.json: no such file or directory (check that its directory exists and is writable)"},
		{name: "bad configuration", files: map[string]string{"main.tf": goodTF, ".daslint.yaml": "rulez: {}\n"}, args: []string{"."}, exit: 2,
			stderr: true, message: `.daslint.yaml:1:1: unknown setting "rulez" (did you mean "rules"?)`},
		{name: "bad flag", args: []string{"--unknown", "sometimes"}, exit: 2, stderr: true, message: "want warn, error or ignore"},
		{name: "limit reached is a warning", files: map[string]string{"main.tf": badCluster(goodTF, "20000")}, args: []string{"."}, exit: 0,
			file: "main.tf", line: 110, message: "count = 20000 exceeds the limit of 10000 instances; it is analysed as one instance that may exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			for name, text := range tt.files {
				writeFile(t, name, text)
			}
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"--format", "json"}, tt.args...), &stdout, &stderr)
			if code != tt.exit {
				t.Errorf("exit %d, want %d\nstdout: %.2000s\nstderr: %s", code, tt.exit, stdout.String(), stderr.String())
			}
			if tt.message == "" {
				return
			}
			if tt.stderr {
				if !strings.Contains(stderr.String(), tt.message) {
					t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tt.message)
				}
				return
			}
			var doc hostileReport
			if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
			for _, e := range doc.Errors {
				if e.File == tt.file && e.Line == tt.line && strings.Contains(e.Message, tt.message) {
					return
				}
			}
			t.Errorf("no entry at %s:%d containing %q; errors: %+v", tt.file, tt.line, tt.message, doc.Errors)
		})
	}
}
