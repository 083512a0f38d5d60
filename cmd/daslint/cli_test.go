package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/config"
	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/rules"
)

// passCase is a golden case whose one cluster passes, and failCase one
// whose one cluster fails (DAS001, exit 1).
const (
	passCase = "../../testdata/tf-cluster-default-sg-pass"
	failCase = "../../testdata/tf-local-module-nat-disabled-fail"
)

func TestParseOutputs(t *testing.T) {
	tests := []struct {
		name    string
		formats []string
		out     string
		want    []output
		err     string
	}{
		{name: "default", want: []output{{format: "text", flag: "--format text"}}},
		{name: "default to a file", out: "r.txt", want: []output{{format: "text", file: "r.txt", flag: "--output r.txt"}}},
		{name: "one", formats: []string{"json"}, want: []output{{format: "json", flag: "--format json"}}},
		{name: "stdout and files", formats: []string{"text", "sarif=daslint.sarif", "json=out/r.json"}, want: []output{
			{format: "text", flag: "--format text"},
			{format: "sarif", file: "daslint.sarif", flag: "--format sarif=daslint.sarif"},
			{format: "json", file: "out/r.json", flag: "--format json=out/r.json"},
		}},
		{name: "one format twice", formats: []string{"json=a.json", "json=b.json"}, want: []output{
			{format: "json", file: "a.json", flag: "--format json=a.json"},
			{format: "json", file: "b.json", flag: "--format json=b.json"},
		}},
		{name: "only files", formats: []string{"sarif=s"}, want: []output{{format: "sarif", file: "s", flag: "--format sarif=s"}}},
		{name: "output for the stdout one", formats: []string{"json", "sarif=s"}, out: "j", want: []output{
			{format: "json", file: "j", flag: "--output j"},
			{format: "sarif", file: "s", flag: "--format sarif=s"},
		}},
		{name: "dash is stdout", formats: []string{"sarif=-", "json=r"}, out: "-", want: []output{
			{format: "sarif", flag: "--format sarif=-"},
			{format: "json", file: "r", flag: "--format json=r"},
		}},
		{name: "two to stdout with a dash", formats: []string{"text", "sarif=-"},
			err: "--format text and --format sarif both write to stdout: give all but one a file (--format sarif=FILE)"},
		{name: "unknown", formats: []string{"xml"},
			err: `unknown --format "xml" (supported: text, json, sarif, github, markdown, dot, junit, gitlab)`},
		{name: "misspelt", formats: []string{"sarfi=x"},
			err: `unknown --format "sarfi" (did you mean "sarif"?) (supported: text, json, sarif, github, markdown, dot, junit, gitlab)`},
		{name: "two to stdout", formats: []string{"text", "json"},
			err: "--format text and --format json both write to stdout: give all but one a file (--format json=FILE)"},
		{name: "empty file", formats: []string{"json="}, err: "--format json=: want json=FILE, or json alone for stdout"},
		{name: "one file twice", formats: []string{"json=r", "sarif=./r"}, err: "--format json and --format sarif both write ./r: give each its own file"},
		{name: "output is a format's file", formats: []string{"text", "json=r"}, out: "r", err: "--format json and --format text both write r: give each its own file"},
		{name: "output without stdout", formats: []string{"json=r"}, out: "o",
			err: "--output o: every --format already has its own file; --output names the file of the one format without"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseOutputs(tt.formats, tt.out)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(output{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestUsageErrors runs every usage error of the flags this file's features
// add: exit status 2, nothing on stdout, and the whole message on stderr.
func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	tf := filepath.Join(dir, "main.tf")
	template := filepath.Join(dir, "template.yaml")
	for _, f := range []string{tf, template} {
		if err := os.WriteFile(f, []byte("# empty\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"name": "x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	const more = "\nRun 'daslint --help' for usage.\n"
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"unknown flag", []string{"--frobnicate"}, "daslint: unknown flag --frobnicate" + more},
		{"misspelt flag", []string{"--foramt", "json"}, `daslint: unknown flag --foramt (did you mean "format"?)` + more},
		{"misspelt flag, one dash", []string{"-exlude", "x"}, `daslint: unknown flag --exlude (did you mean "exclude"?)` + more},
		{"misspelt flag with value", []string{"--skip-rules=DAS002"}, `daslint: unknown flag --skip-rules (did you mean "skip-rule"?)` + more},
		{"misspelt command", []string{"rulse"}, `daslint: rulse is neither a command nor a path (did you mean "rules"?)` + more},
		{"misspelt command with argument", []string{"expain", "DAS001"}, `daslint: expain is neither a command nor a path (did you mean "explain"?)` + more},
		{"misspelt version", []string{"vresion"}, `daslint: vresion is neither a command nor a path (did you mean "version"?)` + more},
		{"two formats to stdout", []string{"--format", "text", "--format", "json", dir},
			"daslint: --format text and --format json both write to stdout: give all but one a file (--format json=FILE)" + more},
		{"output into a missing directory", []string{"--format", "sarif=" + filepath.Join(dir, "nope", "r.sarif"), dir},
			"daslint: --format sarif=" + filepath.Join(dir, "nope", "r.sarif") + ": the directory " + filepath.Join(dir, "nope") + " does not exist" + more},
		{"output is a directory", []string{"-o", dir, dir}, "daslint: --output " + dir + ": " + dir + " is a directory; name a file" + more},
		{"output is Terraform code", []string{"-o", filepath.Join(dir, "report.tf"), dir},
			"daslint: --output " + filepath.Join(dir, "report.tf") + ": a .tf file is an input, not a report; write the report to another file" + more},
		{"output is a PATH", []string{"--format", "json=" + template, template},
			"daslint: --format json=" + template + ": " + template + " is an input of the run; write the report to another file" + more},
		{"output is a PATH spelt otherwise", []string{"--format", "json=" + template, dir + "/./template.yaml"},
			"daslint: --format json=" + template + ": " + dir + "/./template.yaml is an input of the run; write the report to another file" + more},
		{"output is the baseline", []string{"-o", template, "--baseline", template, dir},
			"daslint: --output " + template + ": " + template + " is an input of the run; write the report to another file" + more},
		{"output is a parameters file", []string{"--format", "json=" + template, "--parameters", template, dir},
			"daslint: --format json=" + template + ": " + template + " is an input of the run; write the report to another file" + more},
		{"output is a JSON file below a PATH", []string{"--format", "json=" + filepath.Join(dir, "package.json"), dir},
			"daslint: --format json=" + filepath.Join(dir, "package.json") + ": " + filepath.Join(dir, "package.json") + " is below " + dir +
				", where daslint reads JSON and YAML files as input, and holds no daslint report; write the report to another file" + more},
		{"output is a YAML file below a --context directory", []string{"-o", template, "--context", dir, "."},
			"daslint: --output " + template + ": " + template + " is below " + dir +
				", where daslint reads JSON and YAML files as input, and holds no daslint report; write the report to another file" + more},
		{"unknown rule", []string{"--skip-rule", "DAS003", dir},
			`daslint: --skip-rule DAS003: unknown rule (did you mean "DAS001"?) (rules: ` + ruleList() + `; see 'daslint rules')` + more},
		{"rule far from any", []string{"--skip-rule", "kms", dir},
			"daslint: --skip-rule kms: unknown rule (rules: " + ruleList() + "; see 'daslint rules')" + more},
		{"bad exclude", []string{"--exclude", "[", dir}, `daslint: --exclude "[": syntax error in pattern` + more},
		{"empty exclude", []string{"--exclude", "", dir}, `daslint: --exclude "": an empty pattern` + more},
		{"stdin twice", []string{"-", "-"}, `daslint: "-" (standard input) is named 2 times: it can be read once` + more},
		{"stdin with hook", []string{"--hook", "-"}, `daslint: --hook takes the names of changed files, not "-" (standard input)` + more},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := runWith(tt.args, &stdout, &stderr, runHooks{stdin: strings.NewReader("")})
			if code != exitInput {
				t.Errorf("exit %d, want %d", code, exitInput)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout = %q, want nothing", stdout.String())
			}
			if stderr.String() != tt.stderr {
				t.Errorf("stderr = %q\nwant     %q", stderr.String(), tt.stderr)
			}
		})
	}
}

// TestCommands runs the subcommands and their errors.
func TestCommands(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // the whole stdout, or, ending in "...", its start
		stderr string
	}{
		{name: "help", args: []string{"help"}, stdout: usageText},
		{name: "help rules", args: []string{"help", "rules"}, stdout: "Usage: daslint rules [--format text|json]\n\nList the rules..."},
		{name: "help version", args: []string{"help", "version"}, stdout: "Usage: daslint version\n\nPrint the version (the same as --version).\n"},
		{name: "help help", args: []string{"help", "help"}, stdout: "Usage: daslint help [COMMAND]\n\nPrint the usage of daslint, or of COMMAND.\n"},
		{name: "rules --help", args: []string{"rules", "--help"}, stdout: "Usage: daslint rules [--format text|json]..."},
		{name: "init --help", args: []string{"init", "--help"}, stdout: "Usage: daslint init [DIR]\n\nWrite a commented default .daslint.yaml..."},
		{name: "explain -h", args: []string{"explain", "-h"}, stdout: "Usage: daslint explain RULE...\n\nPrint the documentation..."},
		{name: "help of no command", args: []string{"help", "lint"}, code: 2,
			stderr: "daslint: help lint: no such command (commands: rules, explain, init, help, version)\n"},
		{name: "help of a misspelt command", args: []string{"help", "explian"}, code: 2,
			stderr: "daslint: help explian: no such command (did you mean \"explain\"?) (commands: rules, explain, init, help, version)\n"},
		{name: "help of two", args: []string{"help", "rules", "init"}, code: 2,
			stderr: "daslint: help takes at most one command (got \"rules init\")\nRun 'daslint help' for usage.\n"},
		{name: "version", args: []string{"version"}, stdout: "daslint " + version() + "\n"},
		{name: "explain a misspelt rule", args: []string{"explain", "das001"}, code: 2,
			stderr: "daslint: no documentation for rule \"das001\" (did you mean \"DAS001\"?) (rules: " + ruleList() + "; see 'daslint rules')\n"},
		{name: "version with arguments", args: []string{"version", "--short"}, code: 2,
			stderr: "daslint: version takes no arguments (got \"--short\")\nRun 'daslint help version' for usage.\n"},
		{name: "rules table", args: []string{"rules", "--format", "text"}, stdout: "ID      SEVERITY  NAME..."},
		{name: "rules format", args: []string{"rules", "--format", "jsno"}, code: 2,
			stderr: "daslint: rules --format \"jsno\": want text or json (did you mean \"json\"?)\n"},
		{name: "rules flag", args: []string{"rules", "--fromat", "json"}, code: 2,
			stderr: "daslint: rules: unknown flag --fromat (did you mean \"format\"?)\nRun 'daslint help rules' for usage.\n"},
		{name: "rules argument", args: []string{"rules", "DAS001"}, code: 2,
			stderr: "daslint: rules takes no arguments (got \"DAS001\")\nRun 'daslint help rules' for usage.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr.String())
			}
			if prefix, ok := strings.CutSuffix(tt.stdout, "..."); ok {
				if !strings.HasPrefix(stdout.String(), prefix) {
					t.Errorf("stdout = %q, want it to start with %q", stdout.String(), prefix)
				}
			} else if stdout.String() != tt.stdout {
				t.Errorf("stdout = %q, want %q", stdout.String(), tt.stdout)
			}
			if stderr.String() != tt.stderr {
				t.Errorf("stderr = %q, want %q", stderr.String(), tt.stderr)
			}
		})
	}
}

// TestCommandNamedDirectory: a directory named like a command is linted
// when written as a path, and an existing directory of a misspelt
// command's name is linted as it is.
func TestCommandNamedDirectory(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, d := range []string{"help", "rulse"} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"./help"}, {"--", "help"}, {"rulse"}, {"--format", "json", "help/"}} {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"--no-color"}, args...), &stdout, &stderr)
		// An empty directory lints to nothing, with a warning that names it.
		if code != exitOK || !strings.Contains(stdout.String()+stderr.String(), "no Terraform root or CloudFormation template found under") {
			t.Errorf("daslint %s: exit %d, stdout %q, stderr %q; want a lint run over the directory", strings.Join(args, " "), code, stdout.String(), stderr.String())
		}
	}
}

func TestRulesJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"rules", "--format", "json"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	// The documented fields, and no other.
	var got []map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout.String())
	}
	all := rules.All()
	if len(got) != len(all) {
		t.Fatalf("%d rules, want %d", len(got), len(all))
	}
	fields := []string{"description", "doc_url", "id", "name", "security_severity", "severity", "since", "sources", "tags", "title"}
	for i, r := range all {
		var keys []string
		for k := range got[i] {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if diff := cmp.Diff(fields, keys); diff != "" {
			t.Errorf("rule %d fields (-want +got):\n%s", i, diff)
		}
		if got[i]["id"] != r.ID || got[i]["name"] != r.Name || got[i]["severity"] != string(r.Severity) || got[i]["title"] != r.Title {
			t.Errorf("rule %d = %v, want %s %s %s", i, got[i], r.ID, r.Name, r.Severity)
		}
		if want := "https://github.com/daslint/daslint/blob/main/docs/rules/" + r.ID + ".md"; got[i]["doc_url"] != want {
			t.Errorf("%s doc_url = %v, want %s", r.ID, got[i]["doc_url"], want)
		}
		if got[i]["since"] != r.Since {
			t.Errorf("%s since = %v, want %s", r.ID, got[i]["since"], r.Since)
		}
		if srcs, ok := got[i]["sources"].([]any); !ok || len(srcs) != len(r.Sources) {
			t.Errorf("%s sources = %v, want the %d of the rule", r.ID, got[i]["sources"], len(r.Sources))
		}
	}
}

// TestSeveralFormats: one run writes text to stdout and JSON and SARIF to
// files, each the same as a run in that format alone.
func TestSeveralFormats(t *testing.T) {
	out := t.TempDir()
	jsonFile, sarifFile := filepath.Join(out, "r.json"), filepath.Join(out, "r.sarif")
	var stdout, stderr bytes.Buffer
	code := run([]string{"--root", "../..", "--no-color", "--format", "text", "--format", "json=" + jsonFile,
		"--format", "sarif=" + sarifFile, failCase}, &stdout, &stderr)
	if code != exitFindings || stderr.Len() != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "FAIL") {
		t.Errorf("stdout is not the text report:\n%s", stdout.String())
	}
	for _, f := range []struct{ format, file string }{{"json", jsonFile}, {"sarif", sarifFile}} {
		var alone, e bytes.Buffer
		if code := run([]string{"--root", "../..", "--format", f.format, failCase}, &alone, &e); code != exitFindings {
			t.Fatalf("%s alone: exit %d: %s", f.format, code, e.String())
		}
		got, err := os.ReadFile(f.file)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(alone.String(), string(got)); diff != "" {
			t.Errorf("%s differs from a run in that format alone (-alone +file):\n%s", f.file, diff)
		}
	}
	// --output: the stdout format goes to the file, and stdout stays empty.
	textFile := filepath.Join(out, "r.txt")
	stdout.Reset()
	if code := run([]string{"--root", "../..", "--no-color", "-o", textFile, failCase}, &stdout, &stderr); code != exitFindings {
		t.Fatalf("-o: exit %d: %s", code, stderr.String())
	}
	if text, err := os.ReadFile(textFile); err != nil || !strings.Contains(string(text), "FAIL") || stdout.Len() != 0 {
		t.Errorf("-o: file %q (%v), stdout %q", text, err, stdout.String())
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 {
		t.Errorf("%d files in the output directory, want the 3 reports (a temporary file left behind?)", len(entries))
	}
}

// TestReportInLintedDirectory: a run may write its reports into the
// directory it lints, and replace them on the next run: a daslint JSON
// report, a SARIF log and a JSON array are no input.
func TestReportInLintedDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "array.json"), []byte("[]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		var stdout, stderr bytes.Buffer
		code := run([]string{"--format", "text", "--format", "json=" + filepath.Join(dir, "daslint.json"),
			"--format", "sarif=" + filepath.Join(dir, "daslint.sarif.json"), "--format", "json=" + filepath.Join(dir, "array.json"), dir}, &stdout, &stderr)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
	for _, f := range []string{"daslint.json", "daslint.sarif.json", "array.json"} {
		if head := inputfile.Head(filepath.Join(dir, f), 1); string(head) != "{" {
			t.Errorf("%s starts with %q, want a report", f, head)
		}
	}
}

// TestOutputNotWritten: a report file that cannot be written is an error
// (exit 2) that does not cost the other outputs.
func TestOutputNotWritten(t *testing.T) {
	out := t.TempDir()
	// A directory where the report's rename lands: it cannot be replaced
	// by a file, though its directory exists.
	blocked := filepath.Join(out, "blocked.json")
	if err := os.Mkdir(blocked, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(blocked, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(blocked, []byte("{}")); err == nil {
		t.Fatal("writing over a directory succeeded")
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("%d entries, want only the directory: the temporary file was left behind", len(entries))
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "r.json")
	if err := writeFileAtomic(f, []byte("one")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(f)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o644 {
		t.Errorf("a new report has mode %v, want 0644", st.Mode().Perm())
	}
	// An existing file keeps its mode, and gets the whole new content.
	if err := os.Chmod(f, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(f, []byte("two")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(f)
	if err != nil || string(got) != "two" {
		t.Errorf("content %q (%v), want two", got, err)
	}
	if st, err := os.Stat(f); err != nil || (runtime.GOOS != "windows" && st.Mode().Perm() != 0o600) {
		t.Errorf("mode after rewrite %v (%v), want 0600", st.Mode().Perm(), err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		t.Errorf("%d entries (%v), want the report alone", len(entries), err)
	}
}

// TestSoftFail: --soft-fail turns exit 1 into 0; an input error stays 2.
func TestSoftFail(t *testing.T) {
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "main.tf"), []byte("resource \"aws_vpc\" {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"findings", []string{"--root", "../..", failCase}, exitFindings},
		{"findings, soft", []string{"--root", "../..", "--soft-fail", failCase}, exitOK},
		{"input error, soft", []string{"--soft-fail", broken}, exitInput},
		{"pass, soft", []string{"--root", "../..", "--soft-fail", passCase}, exitOK},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(append([]string{"--format", "json"}, tt.args...), &stdout, &stderr); code != tt.code {
			t.Errorf("%s: exit %d, want %d (stderr %q)", tt.name, code, tt.code, stderr.String())
		}
	}
}

// TestSkipRule: --skip-rule turns a rule off whatever the configuration and
// --unknown say.
func TestSkipRule(t *testing.T) {
	on := true
	conf := &config.Config{Rules: map[string]config.Rule{"DAS001": {Enabled: &on, Severity: "error"}}, Unknown: "error"}
	c := &cliArgs{skipRules: listFlag{"DAS001", "DAS002"}, unknown: "error", set: map[string]bool{"unknown": true}}
	got := ruleOptions(c, conf).Severity
	want := map[string]rules.Severity{"DAS001": rules.Off, "DAS002": rules.Off}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("severities (-want +got):\n%s", diff)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"--root", "../..", "--format", "json", "--skip-rule", "DAS001", failCase}, &stdout, &stderr)
	if code != exitOK || strings.Contains(stdout.String(), `"rule": "DAS001"`) {
		t.Errorf("exit %d, want 0 and no DAS001 finding:\n%s%s", code, stdout.String(), stderr.String())
	}
}

// TestExcluder: --exclude globs are read relative to the read boundary
// that holds a path, whatever the working directory; either they or the
// configuration's exclusion excludes.
func TestExcluder(t *testing.T) {
	repo := inputfile.Tree(t.TempDir())
	other := inputfile.Tree(t.TempDir())
	fromFile := func(p string) bool { return strings.HasSuffix(p, "legacy") }
	tests := []struct {
		exclude  []string
		fromFile func(string) bool
		path     string
		want     bool
	}{
		{[]string{"**/examples"}, nil, "infra/modules/vpc/examples/simple", true},
		{[]string{"**/examples"}, nil, "infra/examples.tf", false},
		{[]string{"infra/envs/*"}, nil, "infra/envs/dev/main.tf", true},
		{[]string{"envs/*"}, nil, "infra/envs/dev", false}, // anchored at the boundary
		{[]string{"*.json"}, nil, "infra/plan.json", true},
		{[]string{"modules"}, nil, "modules", true},
		{nil, fromFile, "infra/legacy", true},
		{[]string{"envs"}, fromFile, "infra/legacy", true},
		{[]string{"envs"}, fromFile, "infra/envs", true},
		{[]string{"envs"}, fromFile, "infra/live", false},
	}
	for _, wd := range []string{repo, filepath.Join(repo, "infra"), other} {
		if err := os.MkdirAll(wd, 0o755); err != nil {
			t.Fatal(err)
		}
		t.Chdir(wd)
		for _, tt := range tests {
			ex := excluder(tt.exclude, []string{repo}, tt.fromFile)
			if got := ex != nil && ex(filepath.Join(repo, tt.path)); got != tt.want {
				t.Errorf("from %s, --exclude %q: %s excluded = %v, want %v", wd, tt.exclude, tt.path, got, tt.want)
			}
		}
		// Outside every boundary, nothing is excluded by --exclude.
		if excluder([]string{"**"}, []string{repo}, nil)(filepath.Join(other, "x")) {
			t.Errorf("from %s: a path outside the boundaries is excluded", wd)
		}
	}
	// The innermost boundary anchors a glob.
	inner := filepath.Join(repo, "vendor", "net")
	if ex := excluder([]string{"modules"}, []string{repo, inner}, nil); !ex(filepath.Join(inner, "modules")) {
		t.Error("modules below the inner boundary is not excluded")
	}
	if ex := excluder([]string{"vendor/net/modules"}, []string{repo, inner}, nil); ex(filepath.Join(inner, "modules")) {
		t.Error("a glob is read relative to the outer boundary, not the innermost")
	}
	if excluder(nil, []string{repo}, nil) != nil {
		t.Error("no pattern: the excluder should be nil, so discovery asks nothing")
	}
}

func TestSniffInput(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", "stdin.yaml"},
		{"{\"Resources\": {}}", "stdin.json"},
		{"\xef\xbb\xbf  \n{\n", "stdin.json"},
		{"AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", "stdin.yaml"},
		{"---\nResources:\n", "stdin.yaml"},
		{"# a comment\nResources:\n", "stdin.yaml"},
		{"resource \"aws_vpc\" \"main\" {\n}\n", "stdin.tf"},
		{"# vpc\n\nterraform {\n}\n", "stdin.tf"},
		{"// HCL comment\nlocals {\n}\n", "stdin.tf"},
		{"/* a\nblock */\nmodule \"db\" {\n", "stdin.tf"},
		{"/* one line */ variable \"x\" {}\n", "stdin.tf"},
		{"region = \"eu-west-1\"\n", "stdin.tf"},
		{"Description: x = y\n", "stdin.yaml"},
		{"dynamic_block_name label {\n", "stdin.tf"},
		{"{\"resource\": {\"aws_vpc\": {}}}", "stdin.tf.json"},
		{"\xef\xbb\xbf{\n  \"terraform\" : {}\n}", "stdin.tf.json"},
		{"{\"format_version\": \"1.2\", \"resource\": []}", "stdin.json"}, // a plan: the first key decides
	}
	for _, tt := range tests {
		if got := sniffInput([]byte(tt.in)); got != tt.want {
			t.Errorf("sniffInput(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestStdin reads a template from standard input: the report names it
// <stdin> everywhere, no staged file is left, and what it reads is bounded
// by --max-file-size.
func TestStdin(t *testing.T) {
	template, err := os.ReadFile("../../testdata/cfn-condition-region-given-pass/template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var stdout, stderr bytes.Buffer
	code := runWith([]string{"--format", "json", "--region", "eu-west-1", "-"}, &stdout, &stderr, runHooks{stdin: bytes.NewReader(template)})
	if code != exitOK || stderr.Len() != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	if strings.Contains(stdout.String(), "daslint-stdin") || !strings.Contains(stdout.String(), `"file": "<stdin>"`) {
		t.Errorf("the report names the staged file, or not <stdin>:\n%s", stdout.String())
	}
	if entries, err := os.ReadDir(tmp); err != nil || len(entries) != 0 {
		t.Errorf("%d entries left in the temporary directory (%v)", len(entries), err)
	}

	// Terraform that calls a local module: standard input is read alone,
	// so the module is missing (exit 2) and the cluster is unknown, never
	// a pass; the messages' positions name <stdin> too.
	hcl, err := os.ReadFile("../../testdata/tf-local-module-pass/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	code = runWith([]string{"--format", "json", "-"}, &stdout, &stderr, runHooks{stdin: bytes.NewReader(hcl)})
	out := stdout.String()
	if code != exitInput || !strings.Contains(out, `"verdict": "unknown"`) || strings.Contains(out, `"verdict": "pass"`) {
		t.Errorf("exit %d, want 2 and an unknown verdict:\n%s", code, out)
	}
	if strings.Contains(out, "daslint-stdin") || !strings.Contains(out, "used at <stdin>:30") {
		t.Errorf("a message names the staged file, or not <stdin>:30:\n%s", out)
	}

	// Above --max-file-size: not read, with the warning any file gets.
	big := strings.Repeat("# padding\n", 110_000) + string(template) // 1.1 MB
	stdout.Reset()
	code = runWith([]string{"--format", "json", "--max-file-size", "1", "-"}, &stdout, &stderr, runHooks{stdin: strings.NewReader(big)})
	if code != exitOK || !strings.Contains(stdout.String(), `"file": "<stdin>"`) || !strings.Contains(stdout.String(), "above the limit of 1 MB for one file (--max-file-size); it is not read") {
		t.Errorf("exit %d, want 0 and a size warning for <stdin>:\n%s", code, stdout.String())
	}
}

// TestStdinConfiguration: standard input is checked with the
// configuration of the working directory, and apart from the other PATHs.
func TestStdinConfiguration(t *testing.T) {
	code, err := os.ReadFile("../../testdata/tf-one-subnet-broken-fail/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	pass, err := filepath.Abs(passCase)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	lint := func(args ...string) (int, string) {
		var stdout, stderr bytes.Buffer
		code := runWith(append([]string{"--format", "json"}, args...), &stdout, &stderr, runHooks{stdin: bytes.NewReader(code)})
		return code, stdout.String()
	}
	if got, out := lint("-"); got != exitFindings || !strings.Contains(out, `"rule": "DAS001"`) {
		t.Fatalf("without configuration: exit %d, want 1 and DAS001:\n%s", got, out)
	}
	// Beside another PATH: both reported, each cluster once.
	if got, out := lint("--root", "/", pass, "-"); got != exitFindings || strings.Count(out, `"verdict": "fail"`) < 1 || strings.Count(out, `"verdict": "pass"`) < 1 {
		t.Errorf("with another PATH: exit %d, want 1, a pass and a fail:\n%s", got, out)
	}
	if err := os.WriteFile(config.FileName, []byte("rules:\n  DAS001: {enabled: false}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, out := lint("-"); got != exitOK || strings.Contains(out, `"rule": "DAS001"`) {
		t.Errorf("with DAS001 off in ./%s: exit %d, want 0 and no DAS001:\n%s", config.FileName, got, out)
	}
}

// TestUsageWidth keeps the help within an 80-column terminal.
func TestUsageWidth(t *testing.T) {
	texts := []string{usageText}
	for _, c := range commands() {
		texts = append(texts, "Usage: "+c.usage+"\n"+c.help)
	}
	for _, text := range texts {
		for i, line := range strings.Split(text, "\n") {
			if n := utf8.RuneCountInString(line); n > 80 {
				t.Errorf("line %d has %d columns: %q", i+1, n, line)
			}
		}
	}
}

// ruleList lists the IDs of every rule as usage errors do.
func ruleList() string {
	var ids []string
	for _, r := range rules.All() {
		ids = append(ids, r.ID)
	}
	return strings.Join(ids, ", ")
}
