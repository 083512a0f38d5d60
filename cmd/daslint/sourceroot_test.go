package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daslint/daslint/internal/sarifcheck"
	"github.com/daslint/daslint/report"
	"github.com/daslint/daslint/rules"
	"github.com/google/go-cmp/cmp"
)

func TestIsRelease(t *testing.T) {
	for v, want := range map[string]bool{
		"1.2.3":                               true,
		"0.1.0":                               true,
		"1.3.0-rc.1":                          true,
		"10.20.30":                            true,
		"0.0.0-20261206083000-abcdefabcdef":   false, // go install …@<commit>
		"1.2.4-0.20261206083000-abcdefabcdef": false, // a commit after v1.2.3
		"1.3.0-rc.1.0.20261206083000-abcdefabcdef": false, // a commit after v1.3.0-rc.1
		"0.0.0-20261206083000-abcdefabcdef+dirty":  false, // a modified work tree
		"1.2.3+dirty":               false,
		"(devel)":                   false,
		"":                          false,
		"1.2":                       false,
		"1.2.x":                     false,
		"1.2.3-":                    false,
		"v1.2.3":                    false, // version() trims the v
		"1.2.3-beta.20261206083000": false, // looks like a pseudo-version: main is the safe link
		"1.2.3-alpha-2":             true,
		"01.2.3-rc.1.0.20261206083000-abcdefabcdef+x": false,
	} {
		if got := isRelease(v); got != want {
			t.Errorf("isRelease(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestReleasedDevelopmentBuild: a test binary, like go build in a work
// tree, carries no module version and reports the fallback version, which
// is no release; a version stamped otherwise is judged by its form.
func TestReleasedDevelopmentBuild(t *testing.T) {
	if released(fallbackVersion) {
		t.Errorf("released(%q) in a development build: want false", fallbackVersion)
	}
	if !released("1.2.3") || released("0.0.0-20261206083000-abcdefabcdef") {
		t.Error("released judges a version other than the fallback by its form")
	}
}

func TestCommonDir(t *testing.T) {
	if filepath.Separator != '/' {
		t.Skip("Unix paths")
	}
	for _, tt := range []struct{ a, b, want string }{
		{"", "/repo", "/repo"},
		{"/repo", "/repo", "/repo"},
		{"/repo", "/repo/infra", "/repo"},
		{"/repo/infra", "/repo", "/repo"},
		{"/work/a", "/work/b/c", "/work"},
		{"/a", "/b", "/"},
	} {
		if got := commonDir(tt.a, tt.b); got != tt.want {
			t.Errorf("commonDir(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

// sarifSchema is the SARIF schema, named from any working directory.
var sarifSchema = func() string {
	abs, err := filepath.Abs(filepath.Join("..", "..", sarifcheck.SchemaFile))
	if err != nil {
		panic(err)
	}
	return abs
}()

// sarifFrom runs daslint with --format sarif from dir, checks the log
// against the schema, and returns it.
func sarifFrom(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"--format", "sarif"}, args...), &stdout, &stderr)
	if code == exitInput || stderr.Len() != 0 {
		t.Fatalf("daslint %s from %s: exit %d\n%s", strings.Join(args, " "), dir, code, stderr.String())
	}
	if err := sarifcheck.Validate(sarifSchema, stdout.Bytes()); err != nil {
		t.Fatalf("the SARIF log does not validate:\n%v", err)
	}
	return stdout.Bytes()
}

// sarifView is a log without the messages of its results and input
// problems, which daslint's rules and readers write, citing files as every
// format does, relative to the working directory; everything else
// (URIs, regions, related locations and their messages, fingerprints) must
// not depend on it.
func sarifView(t *testing.T, log []byte) (view string, uris []string) {
	t.Helper()
	var doc struct {
		Runs []map[string]any `json:"runs"`
	}
	if err := json.Unmarshal(log, &doc); err != nil {
		t.Fatal(err)
	}
	results, _ := doc.Runs[0]["results"].([]any)
	for _, r := range results {
		delete(r.(map[string]any), "message")
	}
	invocations, _ := doc.Runs[0]["invocations"].([]any)
	for _, inv := range invocations {
		notes, _ := inv.(map[string]any)["toolExecutionNotifications"].([]any)
		for _, n := range notes {
			delete(n.(map[string]any), "message")
		}
	}
	if arts, ok := doc.Runs[0]["artifacts"].([]any); ok {
		for _, a := range arts {
			loc := a.(map[string]any)["location"].(map[string]any)
			base, _ := loc["uriBaseId"].(string)
			uris = append(uris, base+" "+loc["uri"].(string))
		}
	}
	out, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out), uris
}

// monorepoCopy copies the monorepo case (envs/{prod,staging,dev} calling
// ../../modules/vpc) to a new directory without its case files, with a
// .git marker at its top when git is set, and returns the copy's top.
func monorepoCopy(t *testing.T, git bool) string {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("..", "..", "testdata", "tf-monorepo-module-above-path"))
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(t.TempDir(), "repo")
	copyTree(t, src, repo, false)
	for _, f := range []string{"args", "paths", "want.json", "expect", "README.md"} {
		if err := os.Remove(filepath.Join(repo, f)); err != nil {
			t.Fatal(err)
		}
	}
	if git {
		writeFile(t, filepath.Join(repo, ".git"), "gitdir: /elsewhere/.git/worktrees/repo\n")
	}
	return repo
}

// TestSARIFFromEveryFolder: `daslint envs/staging` from the repository
// top, `daslint .` from envs/staging and `daslint /abs/envs/staging` from
// outside give the same SARIF log but for the results' messages: URIs
// relative to the repository top (envs/staging/main.tf, and
// modules/vpc/main.tf for the module's broken route table, never
// ../../modules/vpc), the same locations and fingerprints. --root, narrower
// than the repository, does not move the URIs' base.
func TestSARIFFromEveryFolder(t *testing.T) {
	repo := monorepoCopy(t, true)
	outside := t.TempDir()
	for _, env := range []string{"staging", "dev"} {
		dir := filepath.Join(repo, "envs", env)
		top, uris := sarifView(t, sarifFrom(t, repo, "envs/"+env))
		for name, log := range map[string][]byte{
			"the environment's directory":   sarifFrom(t, dir, "."),
			"outside the repository":        sarifFrom(t, outside, dir),
			"the top, with --root at it":    sarifFrom(t, repo, "--root", ".", "envs/"+env),
			"the environment, --root ../..": sarifFrom(t, dir, "--root", "../..", "."),
		} {
			there, _ := sarifView(t, log)
			if diff := cmp.Diff(top, there); diff != "" {
				t.Errorf("envs/%s from %s: the log differs from the repository top's (-top +there):\n%s", env, name, diff)
			}
		}
		want := []string{"%SRCROOT% envs/" + env + "/main.tf", "%SRCROOT% modules/vpc/main.tf"}
		if diff := cmp.Diff(want, uris); diff != "" {
			t.Errorf("envs/%s: artifacts (-want +got):\n%s", env, diff)
		}
	}
}

// TestSARIFOutsideRepository: with no repository above the scanned path,
// the URIs are relative to the scanned directory, from wherever daslint
// runs, or to --root when it is given.
func TestSARIFOutsideRepository(t *testing.T) {
	repo := monorepoCopy(t, false)
	dir := filepath.Join(repo, "envs", "prod")
	fromTop, uris := sarifView(t, sarifFrom(t, repo, "envs/prod"))
	fromEnv, _ := sarifView(t, sarifFrom(t, dir, "."))
	if diff := cmp.Diff(fromTop, fromEnv); diff != "" {
		t.Errorf("envs/prod from its directory: the log differs from the top's (-top +env):\n%s", diff)
	}
	if want := []string{"%SRCROOT% main.tf"}; !cmp.Equal(want, uris) {
		t.Errorf("artifacts %q, want %q: relative to the scanned directory", uris, want)
	}
	// With --root at the top, the module is read and the URIs are the
	// top's, from either folder.
	withRoot, uris := sarifView(t, sarifFrom(t, repo, "--root", ".", "envs/staging"))
	fromStaging, _ := sarifView(t, sarifFrom(t, filepath.Join(repo, "envs", "staging"), "--root", "../..", "."))
	if diff := cmp.Diff(withRoot, fromStaging); diff != "" {
		t.Errorf("--root: the log from envs/staging differs from the top's (-top +staging):\n%s", diff)
	}
	if want := []string{"%SRCROOT% envs/staging/main.tf", "%SRCROOT% modules/vpc/main.tf"}; !cmp.Equal(want, uris) {
		t.Errorf("--root: artifacts %q, want %q", uris, want)
	}
}

// TestSARIFOneRealResult: the log of one finding with daslint's own rules
// links the development build's pages (main) and holds each rule's page
// once: the pages and, for the rest, less than 6 KB plus 1.5 KB a rule:
// the rules' descriptions and the result with its four related locations
// (19.6 KB in all with two rules; 32.1 KB before, with each page twice and
// every unknown value written as -1 or []).
func TestSARIFOneRealResult(t *testing.T) {
	top, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	out := sarifFrom(t, top, "testdata/tf-igw-not-attached-fail")
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID      string `json:"id"`
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []any `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if n := len(log.Runs[0].Results); n != 1 {
		t.Fatalf("%d results, want 1", n)
	}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		if want := report.DocsURL + r.ID + ".md"; r.HelpURI != want {
			t.Errorf("%s: helpUri %q, want %q (a development build links main)", r.ID, r.HelpURI, want)
		}
	}
	pages, texts := 0, 0
	for _, r := range rules.All() {
		// SARIF writes the description twice (fullDescription and the
		// plain help text beside the page) and the title once.
		texts += 2*len(r.Description) + len(r.Title)
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false) // as the SARIF writer
		if err := enc.Encode(r.Doc); err != nil {
			t.Fatal(err)
		}
		page := bytes.TrimSpace(buf.Bytes())
		if n := bytes.Count(out, page[1:len(page)-1]); n != 1 {
			t.Errorf("%s: its page is written %d times, want once", r.ID, n)
		}
		pages += len(page)
	}
	// Beside its page and its texts, each rule's descriptor (ID, name,
	// helpUri, level, properties, JSON keys) takes about 0.8 KB: the
	// budget allows 1 KB a rule, and 6 KB for the run and its one result.
	if budget := 6000 + texts + 1000*len(rules.All()); len(out) > pages+budget {
		t.Errorf("one result takes %d bytes, %d beside the rules' pages; want under %d", len(out), len(out)-pages, budget)
	}
}

// TestSARIFStandardInput: standard input beside a PATH is <stdin>, with no
// base, and does not move the other files' base; neither its staged
// directory nor any other absolute path is in the log.
func TestSARIFStandardInput(t *testing.T) {
	hcl, err := os.ReadFile(filepath.Join("..", "..", "testdata", "tf-igw-not-attached-fail", "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	repo := monorepoCopy(t, true)
	t.Chdir(filepath.Join(repo, "envs", "staging"))
	var stdout, stderr bytes.Buffer
	code := runWith([]string{"--format", "sarif", ".", "-"}, &stdout, &stderr, runHooks{stdin: bytes.NewReader(hcl)})
	if code != exitFindings || stderr.Len() != 0 {
		t.Fatalf("exit %d, want %d\n%s", code, exitFindings, stderr.String())
	}
	if err := sarifcheck.Validate(sarifSchema, stdout.Bytes()); err != nil {
		t.Fatalf("the SARIF log does not validate:\n%v", err)
	}
	_, uris := sarifView(t, stdout.Bytes())
	want := []string{" %3Cstdin%3E", "%SRCROOT% envs/staging/main.tf", "%SRCROOT% modules/vpc/main.tf"}
	if diff := cmp.Diff(want, uris); diff != "" {
		t.Errorf("artifacts (-want +got):\n%s", diff)
	}
	for _, abs := range []string{repo, os.TempDir(), "daslint-stdin-", "file://"} {
		if bytes.Contains(stdout.Bytes(), []byte(abs)) {
			t.Errorf("the log holds %q", abs)
		}
	}
}
