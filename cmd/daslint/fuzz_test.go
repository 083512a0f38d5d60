package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRun runs the whole command on a directory made from the input: the
// text before the first NUL byte becomes main.tf, the rest template.yaml.
// Whatever the input, daslint must not panic or hang, must write one valid
// JSON document, and its exit status must agree with the report (docs/cli.md#exit-status:
// 2 exactly when an error entry exists), every entry naming a file. Seeds
// live in testdata/fuzz/FuzzRun.
func FuzzRun(f *testing.F) {
	f.Add([]byte(mustTestdata("tf-nat-pass", "main.tf") + "\x00" + mustTestdata("cfn-nat-pass", "template.yaml")))
	f.Add([]byte("locals {\n  a = local.b\n  b = local.a\n}\n\x00AWSTemplateFormatVersion: \"2010-09-09\"\nResources: [\n"))
	f.Add([]byte("module \"m\" {\n  source = \"./\"\n}\n\x00Resources:\n  S:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ./template.yaml}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		tf, yaml, _ := bytes.Cut(data, []byte{0})
		for name, text := range map[string][]byte{"main.tf": tf, "template.yaml": yaml} {
			if err := os.WriteFile(filepath.Join(dir, name), text, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		// Work is bounded by daslint's own limits; a hang past them is
		// caught by the test binary's -timeout, never by a clock here.
		var stdout, stderr bytes.Buffer
		code := run([]string{"--format", "json", "--region", "eu-west-1", dir}, &stdout, &stderr)
		r := struct {
			code           int
			stdout, stderr []byte
		}{code, stdout.Bytes(), stderr.Bytes()}
		var doc struct {
			Errors []struct {
				File     string `json:"file"`
				Severity string `json:"severity"`
			} `json:"errors"`
			Findings []struct {
				Severity   string `json:"severity"`
				Suppressed any    `json:"suppressed"`
				Baseline   bool   `json:"baseline"`
			} `json:"findings"`
		}
		if err := json.Unmarshal(r.stdout, &doc); err != nil {
			t.Fatalf("output is not JSON: %v\n%.1000s", err, r.stdout)
		}
		if len(r.stderr) != 0 {
			t.Errorf("stderr: %s", r.stderr)
		}
		want := exitOK
		for _, f := range doc.Findings {
			if f.Severity == "error" && f.Suppressed == nil && !f.Baseline {
				want = exitFindings
			}
		}
		for _, e := range doc.Errors {
			if e.File == "" {
				t.Errorf("an error entry names no file: %+v", e)
			}
			if e.Severity == "error" {
				want = exitInput
			}
		}
		if r.code != want {
			t.Errorf("exit status %d, want %d from the report", r.code, want)
		}
	})
}
