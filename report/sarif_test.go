package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/daslint/daslint/internal/sarifcheck"
	"github.com/google/go-cmp/cmp"
)

var schemaFile = filepath.Join("testdata", filepath.Base(sarifcheck.SchemaFile))

// sarifLog is the part of a SARIF log the tests read.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				Version        string `json:"version"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID               string `json:"id"`
					Name             string `json:"name"`
					ShortDescription struct{ Text string }
					FullDescription  struct{ Text string }
					Help             struct{ Text, Markdown string }
					HelpURI          string `json:"helpUri"`
					Default          struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					Properties map[string]any `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Artifacts []struct {
			Location sarifArtifactLocation `json:"location"`
		} `json:"artifacts"`
		Results []struct {
			RuleID              string `json:"ruleId"`
			RuleIndex           int    `json:"ruleIndex"`
			Level               string `json:"level"`
			Message             struct{ Text string }
			Locations           []sarifLocation   `json:"locations"`
			RelatedLocations    []sarifLocation   `json:"relatedLocations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Suppressions        []struct {
				Kind, Status, Justification string
				Location                    *sarifLocation
			} `json:"suppressions"`
		} `json:"results"`
		Invocations []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
			Notifications       []struct {
				Level     string
				Message   struct{ Text string }
				Locations []sarifLocation
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
	Index     int    `json:"index"`
}

type sarifLocation struct {
	ID               int `json:"id"`
	Message          struct{ Text string }
	PhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           *struct {
			StartLine int `json:"startLine"`
			EndLine   int `json:"endLine"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

// writeSARIF renders r, checks it against the official schema and decodes
// it.
func writeSARIF(t *testing.T, r *Report) ([]byte, *sarifLog) {
	t.Helper()
	var buf bytes.Buffer
	if err := SARIF(&buf, r); err != nil {
		t.Fatal(err)
	}
	if err := sarifcheck.Validate(schemaFile, buf.Bytes()); err != nil {
		t.Fatalf("the SARIF log does not validate against %s:\n%v", schemaFile, err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs, want 2.1.0 with one run", log.Version, len(log.Runs))
	}
	return buf.Bytes(), &log
}

// sarifFixture is fixture with what only SARIF reads: the rules'
// precision, and a source root (the working directory, so that the
// fixture's relative paths stay as they are; the warning's absolute path
// is outside it).
func sarifFixture() *Report {
	r := fixture()
	for i := range r.Rules {
		r.Rules[i].Precision = map[string]string{"DAS001": "high", "DAS002": "medium"}[r.Rules[i].ID]
	}
	r.SourceRoot, r.WorkDir = filepath.FromSlash("/work/repo"), filepath.FromSlash("/work/repo")
	return r
}

func TestSARIFGolden(t *testing.T) {
	out, _ := writeSARIF(t, sarifFixture())
	golden(t, "fixture.sarif", out)
}

func TestSARIFDriverAndRules(t *testing.T) {
	_, log := writeSARIF(t, sarifFixture())
	d := log.Runs[0].Tool.Driver
	if d.Name != "daslint" || d.Version != "0.1.0" || d.InformationURI != InformationURI {
		t.Errorf("driver = %q %q %q", d.Name, d.Version, d.InformationURI)
	}
	var ids []string
	for _, r := range d.Rules {
		ids = append(ids, r.ID)
		if r.Name == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Markdown == "" {
			t.Errorf("%s: name, descriptions and help are required: %+v", r.ID, r)
		}
		if want := DocsURL + r.ID + ".md"; r.HelpURI != want {
			t.Errorf("%s: helpUri = %q, want %q", r.ID, r.HelpURI, want)
		}
		if tags, _ := r.Properties["tags"].([]any); !slices.Contains(tags, any("security")) {
			t.Errorf("%s: tags = %v, want security among them", r.ID, r.Properties["tags"])
		}
	}
	if !slices.Equal(ids, []string{"DAS001", "DAS002"}) {
		t.Fatalf("rules = %v, want DAS001, DAS002 in ID order", ids)
	}
	// GitHub reads security-severity as a string holding a number.
	if got := d.Rules[0].Properties["security-severity"]; got != "7.5" {
		t.Errorf("DAS001 security-severity = %#v, want \"7.5\"", got)
	}
	if p0, p1 := d.Rules[0].Properties["precision"], d.Rules[1].Properties["precision"]; p0 != "high" || p1 != "medium" {
		t.Errorf("precision = %#v, %#v, want high, medium", p0, p1)
	}
	// help.text is the description and the page's address, not the page a
	// second time; the page is the markdown.
	if r := d.Rules[0]; r.Help.Text != "Fails.\n\nDocumentation: "+r.HelpURI || r.Help.Markdown != "# DAS001\n" {
		t.Errorf("DAS001 help = %+v", r.Help)
	}
	if d.Rules[0].Default.Level != "error" || d.Rules[1].Default.Level != "warning" {
		t.Errorf("default levels = %q, %q", d.Rules[0].Default.Level, d.Rules[1].Default.Level)
	}
}

func TestSARIFResults(t *testing.T) {
	_, log := writeSARIF(t, fixture())
	run := log.Runs[0]
	if len(run.Results) != 3 {
		t.Fatalf("%d results, want one per finding (3)", len(run.Results))
	}
	// Every artifact location names its artifact by index.
	checkLoc := func(what string, l sarifLocation) {
		al := l.PhysicalLocation.ArtifactLocation
		if al.Index < 0 || al.Index >= len(run.Artifacts) || run.Artifacts[al.Index].Location.URI != al.URI {
			t.Errorf("%s: artifact index %d does not name %q", what, al.Index, al.URI)
		}
	}
	for _, res := range run.Results {
		if rules := run.Tool.Driver.Rules; res.RuleIndex < 0 || rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("%s: ruleIndex %d does not point at its rule", res.RuleID, res.RuleIndex)
		}
		if len(res.Locations) != 1 || len(res.PartialFingerprints[FingerprintKey]) != 64 {
			t.Errorf("%s: %d locations, fingerprints %v", res.RuleID, len(res.Locations), res.PartialFingerprints)
		}
		for _, l := range append(res.Locations, res.RelatedLocations...) {
			checkLoc(res.RuleID, l)
		}
	}

	// Sorted by file: the CloudFormation finding first. Its file name is
	// percent-encoded; the unknown link and the unresolved import explain it.
	unknown := run.Results[0]
	loc := unknown.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "cfn/db%20stack,v2:prod.yaml" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" ||
		loc.Region == nil || loc.Region.StartLine != 12 || loc.Region.EndLine != 30 {
		t.Errorf("DAS002 location = %+v", loc)
	}
	if unknown.Level != "warning" || len(unknown.RelatedLocations) != 2 {
		t.Errorf("DAS002: level %q, %d related locations, want warning and 2", unknown.Level, len(unknown.RelatedLocations))
	}

	// The failing cluster: the first broken link of each path of its
	// failing placement, in the order of docs/semantics.md#the-three-paths, numbered from 1; not the witness of
	// the placement that passes.
	fail := run.Results[1]
	var related []string
	for i, l := range fail.RelatedLocations {
		if l.ID != i+1 {
			t.Errorf("related location %d has id %d", i, l.ID)
		}
		related = append(related, l.Message.Text)
	}
	want := []string{
		"public path breaks at aws_rds_cluster_instance.main[0] publicly accessible: not publicly accessible",
		"nat path breaks at aws_route_table.private 0.0.0.0/0: no default route",
		"kms-endpoint path breaks at aws_vpc.main KMS endpoint: no KMS interface endpoint",
	}
	if !slices.Equal(related, want) {
		t.Errorf("related locations:\n%q\nwant\n%q", related, want)
	}
	if fail.Message.Text != fixture().Findings[0].Message+"\nFix: Add a route." {
		t.Errorf("message = %q", fail.Message.Text)
	}
	if len(fail.Suppressions) != 0 {
		t.Errorf("unsuppressed finding has suppressions %+v", fail.Suppressions)
	}

	suppressed := run.Results[2]
	if len(suppressed.Suppressions) != 1 {
		t.Fatalf("suppressed finding has %d suppressions, want 1", len(suppressed.Suppressions))
	}
	s := suppressed.Suppressions[0]
	if s.Kind != "inSource" || s.Status != "accepted" || s.Justification != "decommissioned in Q3" || s.Location == nil {
		t.Errorf("suppression = %+v", s)
	}
}

func TestSARIFInvocation(t *testing.T) {
	_, log := writeSARIF(t, fixture())
	inv := log.Runs[0].Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].Notifications) != 2 {
		t.Fatalf("invocations = %+v, want one, unsuccessful, with 2 notifications", inv)
	}
	// The path outside the working directory is an absolute file URI.
	abs := inv[0].Notifications[0]
	if al := abs.Locations[0].PhysicalLocation.ArtifactLocation; abs.Level != "warning" || al.URI != "file:///opt/modules/vpc" || al.URIBaseID != "" {
		t.Errorf("warning notification = %+v", abs)
	}
	if n := inv[0].Notifications[1]; n.Level != "error" || n.Locations[0].PhysicalLocation.Region.StartLine != 3 {
		t.Errorf("error notification = %+v", n)
	}
}

// TestSARIFEmpty: a clean run still lists the rules and an empty results
// array (GitHub rejects a run without one) and succeeds.
func TestSARIFEmpty(t *testing.T) {
	out, log := writeSARIF(t, &Report{Version: "0.1.0", Rules: fixture().Rules})
	if !bytes.Contains(out, []byte(`"results": []`)) {
		t.Error("no empty results array")
	}
	if inv := log.Runs[0].Invocations; len(inv) != 1 || !inv[0].ExecutionSuccessful {
		t.Errorf("invocations = %+v, want one, successful", inv)
	}
	if n := len(log.Runs[0].Tool.Driver.Rules); n != 2 {
		t.Errorf("%d rules, want 2", n)
	}
}

// TestSARIFUndescribedRule: a finding of a rule missing from Rules still
// gets a descriptor, so that its ruleIndex is valid.
func TestSARIFUndescribedRule(t *testing.T) {
	r := &Report{Findings: []Finding{{Rule: "DAS999", Severity: "error", Resource: "x", File: "x.tf", Line: 1, Message: "m"}}}
	_, log := writeSARIF(t, r)
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != 1 || run.Tool.Driver.Rules[0].ID != "DAS999" || run.Results[0].RuleIndex != 0 {
		t.Errorf("rules %+v, result rule index %d", run.Tool.Driver.Rules, run.Results[0].RuleIndex)
	}
	if run.Tool.Driver.Rules[0].Default.Level != "error" {
		t.Errorf("default level %q, want error", run.Tool.Driver.Rules[0].Default.Level)
	}
}

// TestSARIFHelpURI: the rules' pages are those of the released version
// that wrote the log, else (a development build) main's.
func TestSARIFHelpURI(t *testing.T) {
	tests := []struct {
		name     string
		version  string
		released bool
		want     string
	}{
		{"release", "1.2.3", true, "https://github.com/daslint/daslint/blob/v1.2.3/docs/rules/DAS001.md"},
		{"release candidate", "1.3.0-rc.1", true, "https://github.com/daslint/daslint/blob/v1.3.0-rc.1/docs/rules/DAS001.md"},
		{"development build", "0.1.0", false, "https://github.com/daslint/daslint/blob/main/docs/rules/DAS001.md"},
		{"no version", "", true, "https://github.com/daslint/daslint/blob/main/docs/rules/DAS001.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fixture()
			r.Version, r.Released = tt.version, tt.released
			_, log := writeSARIF(t, r)
			for _, rule := range log.Runs[0].Tool.Driver.Rules {
				if rule.ID != "DAS001" {
					continue
				}
				if rule.HelpURI != tt.want {
					t.Errorf("helpUri = %q, want %q", rule.HelpURI, tt.want)
				}
				if !strings.HasSuffix(rule.Help.Text, "Documentation: "+tt.want) {
					t.Errorf("help.text = %q, want it to end with the helpUri", rule.Help.Text)
				}
			}
		})
	}
}

// TestSARIFNoNoise walks the whole log: no property stands for a value the
// report does not have (-1, null, an empty string, array or object), but
// for the run's results, which GitHub requires even when empty.
func TestSARIFNoNoise(t *testing.T) {
	for name, r := range map[string]*Report{
		"fixture": sarifFixture(),
		"clean":   {Version: "0.1.0", Rules: fixture().Rules},
		"undescribed rule": {Findings: []Finding{{Rule: "DAS999", Severity: "error", Resource: "x", File: "x.tf", Message: "m"}},
			Errors: []Error{{Severity: "warning", Message: "no position"}}},
	} {
		t.Run(name, func(t *testing.T) {
			out, _ := writeSARIF(t, r)
			var doc any
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			walkJSON(doc, "$", func(path string, v any) {
				switch v := v.(type) {
				case nil:
					t.Errorf("%s is null", path)
				case float64:
					if v < 0 {
						t.Errorf("%s = %v", path, v)
					}
				case string:
					if v == "" {
						t.Errorf("%s is an empty string", path)
					}
				case []any:
					if len(v) == 0 && path != "$.runs[0].results" {
						t.Errorf("%s is an empty array", path)
					}
				case map[string]any:
					if len(v) == 0 {
						t.Errorf("%s is an empty object", path)
					}
				}
			})
		})
	}
}

// walkJSON calls f on v and every value inside it, with its JSON path.
func walkJSON(v any, path string, f func(path string, v any)) {
	f(path, v)
	switch v := v.(type) {
	case []any:
		for i, e := range v {
			walkJSON(e, fmt.Sprintf("%s[%d]", path, i), f)
		}
	case map[string]any:
		for k, e := range v {
			walkJSON(e, path+"."+k, f)
		}
	}
}

// TestRootPaths: the report's paths, relative to the working directory or
// absolute, become paths relative to the source root; outside it they stay
// absolute; without a root they are left alone.
func TestRootPaths(t *testing.T) {
	if filepath.Separator != '/' {
		t.Skip("the table is written with Unix paths")
	}
	tests := []struct {
		root, wd, file, want string
	}{
		{"/repo", "/repo", "infra/main.tf", "infra/main.tf"},
		{"/repo", "/repo/infra", "main.tf", "infra/main.tf"},
		{"/repo", "/repo/infra", "../modules/db/main.tf", "modules/db/main.tf"},
		{"/repo", "/repo/infra", ".terraform/modules/db/main.tf", "infra/.terraform/modules/db/main.tf"},
		{"/repo", "/repo/infra", "/repo/modules/db/main.tf", "modules/db/main.tf"},
		{"/repo", "/elsewhere", "/repo/main.tf", "main.tf"},
		{"/repo", "/repo", "/opt/modules/vpc", "/opt/modules/vpc"},
		{"/repo", "/repo", "../sibling/main.tf", "/sibling/main.tf"},
		{"/repo", "/repo", "", ""},
		{"/repo", "/repo/infra", "<stdin>", "<stdin>"},
		{"", "/repo/infra", "../modules/db/main.tf", "../modules/db/main.tf"},
	}
	for _, tt := range tests {
		if got := (rootPaths{root: tt.root, wd: tt.wd}).rel(tt.file); got != tt.want {
			t.Errorf("root %s, wd %s: rel(%q) = %q, want %q", tt.root, tt.wd, tt.file, got, tt.want)
		}
	}
}

// TestSARIFSameFromAnyDirectory: one finding, reported from the
// repository's top and from infra/ (whose report paths differ, and where
// the module's declaration is ../modules/db), gives the same log: the same
// URIs, the same primary location (the declaration in the repository's
// module, not the call), the same messages.
func TestSARIFSameFromAnyDirectory(t *testing.T) {
	if filepath.Separator != '/' {
		t.Skip("the report is written with Unix paths")
	}
	report := func(wd, prefix, up string) *Report {
		return &Report{
			Version: "0.1.0", Rules: fixture().Rules, SourceRoot: "/repo", WorkDir: wd,
			Findings: []Finding{{
				Rule: "DAS001", Severity: "error", Resource: "module.db.aws_rds_cluster.this",
				File: up + "modules/db/main.tf", Line: 12, EndLine: 20, Message: "DAS001: broken",
				Callers: []Caller{{File: prefix + "main.tf", Line: 3, Module: "module.db"}}, Fingerprint: "f1",
			}},
			Errors: []Error{{File: prefix + "broken.tf", Line: 1, Severity: "error", Message: "bad"}},
		}
	}
	top, _ := writeSARIF(t, report("/repo", "infra/", ""))
	sub, log := writeSARIF(t, report("/repo/infra", "", "../"))
	if diff := cmp.Diff(string(top), string(sub)); diff != "" {
		t.Errorf("the log from infra/ differs from the top's (-top +infra):\n%s", diff)
	}
	res := log.Runs[0].Results[0]
	if al := res.Locations[0].PhysicalLocation.ArtifactLocation; al.URI != "modules/db/main.tf" || al.URIBaseID != "%SRCROOT%" {
		t.Errorf("primary location %+v, want the declaration modules/db/main.tf", al)
	}
	if !strings.Contains(res.Message.Text, "Reached through module.db (infra/main.tf:3); declared at modules/db/main.tf:12.") {
		t.Errorf("message %q does not name the root's paths", res.Message.Text)
	}
}

// TestSARIFOneResultSize bounds the log of one finding with real-sized
// rule pages: the pages are written once (as markdown), and nothing
// unknown is written.
func TestSARIFOneResultSize(t *testing.T) {
	r := sarifFixture()
	page := strings.Repeat("A line of a rule's documentation page, as long as a real one.\n", 100) // ~6 KB, as DAS001.md
	for i := range r.Rules {
		r.Rules[i].Help = page
	}
	r.Findings = r.Findings[:1]
	r.Errors = nil
	out, _ := writeSARIF(t, r)
	escaped, err := json.Marshal(page)
	if err != nil {
		t.Fatal(err)
	}
	// The two pages, once each, and less than 6 KB for the rest: the
	// rules' other properties and one result with its three related
	// locations. The log went over 30 KB when each page was written twice
	// and every unknown value as -1 or [].
	if max := 2*len(escaped) + 6000; len(out) > max {
		t.Errorf("one result takes %d bytes, want at most %d", len(out), max)
	}
}

func TestFileURI(t *testing.T) {
	for _, tt := range []struct{ file, uri, base string }{
		{"infra/main.tf", "infra/main.tf", "%SRCROOT%"},
		{"./infra/../main.tf", "main.tf", "%SRCROOT%"},
		{"cfn/db stack,v2:prod.yaml", "cfn/db%20stack,v2:prod.yaml", "%SRCROOT%"},
		{"prod:db.yaml", "./prod:db.yaml", "%SRCROOT%"}, // not a URI of scheme "prod"
		{"/opt/modules/vpc", "file:///opt/modules/vpc", ""},
		{"C:/src/main.tf", "file:///C:/src/main.tf", ""},
		{"<stdin>", "%3Cstdin%3E", ""}, // standard input: no file, no base
	} {
		if uri, base := fileURI(tt.file); uri != tt.uri || base != tt.base {
			t.Errorf("fileURI(%q) = %q, %q; want %q, %q", tt.file, uri, base, tt.uri, tt.base)
		}
	}
}
