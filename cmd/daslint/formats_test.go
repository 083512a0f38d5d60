package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

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
			// One run writes every format to its file (as a CI job does);
			// TestSeveralFormats checks that each equals a run in that
			// format alone.
			outs, code := renderFormats(t, args, []string{dir}, nil, "json", "sarif", "github", "markdown", "dot")
			out := outs["json"]
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
			sarifOut := outs["sarif"]
			checkSARIF(t, sarifOut, doc.Findings, doc.Errors)
			githubOut := outs["github"]
			// Suppressed and baseline findings are not annotated.
			counted := 0
			for _, f := range doc.Findings {
				if f.Counts() {
					counted++
				}
			}
			checkGitHub(t, githubOut, counted+len(doc.Errors))
			mdOut := outs["markdown"]
			checkMarkdown(t, mdOut, doc.Clusters)
			dotOut := outs["dot"]
			if err := diagramcheck.DOT(string(dotOut)); err != nil {
				t.Errorf("--format dot: %v", err)
			}
			if n := strings.Count(string(dotOut), "subgraph cluster_"); n != len(doc.Clusters) {
				t.Errorf("--format dot: %d subgraphs for %d clusters", n, len(doc.Clusters))
			}
			if code != exitOK && code != exitFindings && code != exitInput {
				t.Errorf("exit status %d", code)
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
				Locations           []sarifLocation   `json:"locations"`
				RelatedLocations    []sarifLocation   `json:"relatedLocations"`
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
		// The result is annotated on the user's code (Finding.Primary), and
		// every other place of the chain of calls is a related location.
		want := f.Primary()
		if len(res.Locations) != 1 || !res.Locations[0].is(want.File, want.Line) {
			t.Errorf("result %d: locations %+v, want one at %s", i, res.Locations, fileLine(want.File, want.Line))
		}
		for _, l := range f.ChainLocations() {
			if !slices.ContainsFunc(res.RelatedLocations, func(r sarifLocation) bool { return r.is(l.File, l.Line) }) {
				t.Errorf("result %d: %s (%s) is not a related location", i, fileLine(l.File, l.Line), l.Message)
			}
		}
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

// sarifLocation is the part of a SARIF location that says where.
type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine int `json:"startLine"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

func (l sarifLocation) at() string {
	return fileLine(l.PhysicalLocation.ArtifactLocation.URI, l.PhysicalLocation.Region.StartLine)
}

// is reports whether l is at file (relative to the working directory, the
// repository top) and line. SARIF names the file relative to the source
// root: the repository top in a git checkout, where the two paths are the
// same, and the scanned directory in a copy without .git, where the URI is
// the end of the path.
func (l sarifLocation) is(file string, line int) bool {
	uri := l.PhysicalLocation.ArtifactLocation.URI
	return l.PhysicalLocation.Region.StartLine == line && (uri == file || strings.HasSuffix(file, "/"+uri))
}

func fileLine(file string, line int) string { return fmt.Sprintf("%s:%d", file, line) }

// TestAnnotationsOnUserCode checks where SARIF and GitHub annotate a
// finding whose cluster is declared in a module or nested stack: at the
// innermost place of the chain of calls that the user edits, never in a
// module that terraform init downloaded under .terraform/. The JSON keeps
// the declaration as file and line, with the chain in callers.
func TestAnnotationsOnUserCode(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	tests := []struct {
		dir string
		// primary is where SARIF and GitHub annotate; declared is the
		// finding's file:line in the JSON.
		primary, declared string
		callers           []report.Caller
	}{
		{
			dir:      "testdata/tf-vendored-module-cluster-fail-annotated-at-call",
			primary:  "main.tf:35",
			declared: ".terraform/modules/aurora/main.tf:22",
			callers:  []report.Caller{{File: "main.tf", Line: 35, Module: "module.aurora"}},
		},
		{
			dir:      "testdata/tf-vendored-module-two-levels-fail-annotated-at-root-call",
			primary:  "main.tf:35",
			declared: ".terraform/modules/aurora/modules/cluster/main.tf:22",
			callers: []report.Caller{
				{File: "main.tf", Line: 35, Module: "module.aurora"},
				{File: ".terraform/modules/aurora/main.tf", Line: 17, Module: "module.aurora.module.cluster"},
			},
		},
		{
			dir:      "testdata/tf-local-module-calls-vendored-fail-annotated-at-local-call",
			primary:  "modules/db/main.tf:17",
			declared: ".terraform/modules/db.aurora/main.tf:22",
			callers: []report.Caller{
				{File: "main.tf", Line: 35, Module: "module.db"},
				{File: "modules/db/main.tf", Line: 17, Module: "module.db.module.aurora"},
			},
		},
		{
			// A local module is in the repository: the declaration is
			// annotated.
			dir:      "testdata/tf-tam-database-nat-route-off-fail",
			primary:  "modules/aurora/main.tf:64",
			declared: "modules/aurora/main.tf:64",
			callers:  []report.Caller{{File: "main.tf", Line: 40, Module: "module.aurora"}},
		},
		{
			dir:      "testdata/cfn-nested-stack-two-levels-fail-chain",
			primary:  "stacks/database.yaml:28",
			declared: "stacks/database.yaml:28",
			callers: []report.Caller{
				{File: "parent.yaml", Line: 22, Module: "Data"},
				{File: "stacks/data.yaml", Line: 9, Module: "Data/Database"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.dir), func(t *testing.T) {
			in := func(s string) string { return tt.dir + "/" + s }
			render := func(format string) []byte {
				var stdout, stderr bytes.Buffer
				run([]string{"--format", format, tt.dir}, &stdout, &stderr)
				return stdout.Bytes()
			}
			var doc struct{ Findings []report.Finding }
			if err := json.Unmarshal(render("json"), &doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Findings) != 1 {
				t.Fatalf("%d findings, want 1", len(doc.Findings))
			}
			f := doc.Findings[0]
			if got := fileLine(f.File, f.Line); got != in(tt.declared) {
				t.Errorf("JSON file:line %s, want the declaration %s", got, in(tt.declared))
			}
			var want []report.Caller
			for _, c := range tt.callers {
				c.File = in(c.File)
				want = append(want, c)
			}
			if diff := cmp.Diff(want, f.Callers); diff != "" {
				t.Errorf("JSON callers (-want +got):\n%s", diff)
			}

			var log struct {
				Runs []struct {
					Results []struct {
						Locations        []sarifLocation `json:"locations"`
						RelatedLocations []sarifLocation `json:"relatedLocations"`
					} `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal(render("sarif"), &log); err != nil {
				t.Fatal(err)
			}
			res := log.Runs[0].Results[0]
			at := func(l sarifLocation, place string) bool {
				file, line, _ := strings.Cut(in(place), ":")
				n, err := strconv.Atoi(line)
				return err == nil && l.is(file, n)
			}
			if !at(res.Locations[0], tt.primary) {
				t.Errorf("SARIF location %s, want %s", res.Locations[0].at(), in(tt.primary))
			}
			for _, place := range append([]string{tt.declared}, callerPlaces(tt.callers)...) {
				if place != tt.primary && !slices.ContainsFunc(res.RelatedLocations, func(l sarifLocation) bool { return at(l, place) }) {
					t.Errorf("SARIF related locations lack %s", in(place))
				}
			}

			gh := string(render("github"))
			file, line, _ := strings.Cut(in(tt.primary), ":")
			if prefix := "::error file=" + file + ",line=" + line + ","; !strings.HasPrefix(gh, prefix) {
				t.Errorf("GitHub annotation %.120q, want it to start %q", gh, prefix)
			}
			if !strings.Contains(gh, "declared at "+in(tt.declared)) {
				t.Errorf("GitHub annotation does not say where the cluster is declared (%s)", in(tt.declared))
			}
		})
	}
}

func callerPlaces(cs []report.Caller) []string {
	var out []string
	for _, c := range cs {
		out = append(out, fileLine(c.File, c.Line))
	}
	return out
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

// renderFormats runs daslint once with args and paths (stdin, when not
// nil, as standard input), writing each format to a file of its own, and
// returns the files' bytes by format and the exit status. Standard error
// must stay empty.
func renderFormats(t *testing.T, args, paths []string, stdin []byte, formats ...string) (map[string][]byte, int) {
	t.Helper()
	tmp := t.TempDir()
	argv := append([]string(nil), args...)
	for _, f := range formats {
		argv = append(argv, "--format", f+"="+filepath.Join(tmp, f))
	}
	argv = append(argv, paths...)
	var stdout, stderr bytes.Buffer
	code := runWith(argv, &stdout, &stderr, runHooks{stdin: bytes.NewReader(stdin)})
	if stderr.Len() != 0 {
		t.Errorf("stderr is not empty:\n%s", stderr.String())
	}
	outs := map[string][]byte{}
	for _, f := range formats {
		data, err := os.ReadFile(filepath.Join(tmp, f))
		if err != nil {
			t.Fatal(err)
		}
		outs[f] = data
	}
	return outs, code
}
