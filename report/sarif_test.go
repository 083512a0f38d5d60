package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/daslint/daslint/internal/sarifcheck"
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

func TestSARIFGolden(t *testing.T) {
	out, _ := writeSARIF(t, fixture())
	golden(t, "fixture.sarif", out)
}

func TestSARIFDriverAndRules(t *testing.T) {
	_, log := writeSARIF(t, fixture())
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
	// failing placement, in SPEC order, numbered from 1; not the witness of
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
