package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func str(s string) *string { return &s }

func TestJSONEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, &Report{Version: "0.1.0"}); err != nil {
		t.Fatal(err)
	}
	// Empty arrays are [], never null; the summary is all zeros.
	want := `{
  "schema": "daslint/v1",
  "version": "0.1.0",
  "clusters": [],
  "findings": [],
  "errors": [],
  "summary": {
    "files": 0,
    "clusters": 0,
    "pass": 0,
    "fail": 0,
    "unknown": 0,
    "errors": 0
  }
}
`
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestJSONFieldsAndOrder(t *testing.T) {
	r := &Report{
		Version: "0.1.0",
		Clusters: []Cluster{{
			ID: "aws_rds_cluster.main", Source: "terraform", File: "main.tf", Line: 40,
			Engine: str("aurora-mysql"), Verdict: "pass", Path: str("nat"),
			Instances: []Instance{{
				ID: "aws_rds_cluster_instance.main[0]", Subnet: "aws_subnet.private[0]", Verdict: "pass", Path: str("nat"),
				Witness: []Link{{Text: "aws_subnet.private[0]", File: "main.tf", Line: 10}, {Text: "aws_route_table.private 0.0.0.0/0", File: "main.tf", Line: 20}},
			}},
		}},
		Findings: []Finding{},
		Errors:   []Error{{File: "x.tf", Line: 3, Column: 7, Severity: "error", Message: "bad <syntax>"}},
		Summary:  Summary{Files: 2},
	}
	var buf bytes.Buffer
	if err := JSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	// Field order and names as docs/output.md#json-report; the witness is a list of link texts,
	// broken is null for a pass, the summary is recounted from the content.
	want := `{
  "schema": "daslint/v1",
  "version": "0.1.0",
  "clusters": [
    {
      "id": "aws_rds_cluster.main",
      "source": "terraform",
      "file": "main.tf",
      "line": 40,
      "engine": "aurora-mysql",
      "verdict": "pass",
      "path": "nat",
      "instances": [
        {
          "id": "aws_rds_cluster_instance.main[0]",
          "subnet": "aws_subnet.private[0]",
          "verdict": "pass",
          "path": "nat",
          "witness": [
            "aws_subnet.private[0]",
            "aws_route_table.private 0.0.0.0/0"
          ],
          "broken": null,
          "unknowns": [],
          "links": [
            {
              "link": "aws_subnet.private[0]",
              "file": "main.tf",
              "line": 10
            },
            {
              "link": "aws_route_table.private 0.0.0.0/0",
              "file": "main.tf",
              "line": 20
            }
          ]
        }
      ],
      "unknowns": []
    }
  ],
  "findings": [],
  "errors": [
    {
      "file": "x.tf",
      "line": 3,
      "column": 7,
      "severity": "error",
      "message": "bad <syntax>"
    }
  ],
  "summary": {
    "files": 2,
    "clusters": 1,
    "pass": 1,
    "fail": 0,
    "unknown": 0,
    "errors": 1
  }
}
`
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestJSONSortingAndDeterminism(t *testing.T) {
	build := func() *Report {
		return &Report{
			Clusters: []Cluster{
				{ID: "c", File: "b.tf", Line: 1, Verdict: "fail", Instances: []Instance{
					{ID: "i", Subnet: "s2", Verdict: "fail", Broken: map[string]Broken{
						"public": {Link: "l1", Status: "false"}, "nat": {Link: "l2", Status: "false"}, "kms-endpoint": {Link: "l3", Status: "unknown"},
					}},
					{ID: "i", Subnet: "s1", Verdict: "fail", Broken: map[string]Broken{}},
				}},
				{ID: "b", File: "a.tf", Line: 9, Verdict: "unknown"},
				{ID: "a", File: "a.tf", Line: 9, Verdict: "pass"},
				{ID: "z", File: "a.tf", Line: 2, Verdict: "pass"},
			},
			Findings: []Finding{
				{Rule: "DAS001", Resource: "c", File: "b.tf", Line: 1},
				{Rule: "DAS002", Resource: "b", File: "a.tf", Line: 9},
			},
			Errors: []Error{
				{File: "b.tf", Line: 1, Column: 5, Severity: "warning", Message: "m"},
				{File: "b.tf", Line: 1, Column: 2, Severity: "error", Message: "m"},
				{File: "a.tf", Line: 7, Severity: "error", Message: "m"},
			},
		}
	}
	r := build()
	r.Normalize()
	var ids []string
	for _, c := range r.Clusters {
		ids = append(ids, c.File+":"+c.ID)
	}
	if diff := cmp.Diff([]string{"a.tf:z", "a.tf:a", "a.tf:b", "b.tf:c"}, ids); diff != "" {
		t.Errorf("cluster order by file, line, id (-want +got):\n%s", diff)
	}
	if got := r.Clusters[3].Instances[0].Subnet; got != "s1" {
		t.Errorf("first instance subnet = %s, want s1 (sorted by id, subnet)", got)
	}
	if r.Clusters[3].Instances[0].Broken != nil {
		t.Error("an empty broken map must become null")
	}
	if r.Findings[0].File != "a.tf" || r.Errors[0].File != "a.tf" || r.Errors[1].Column != 2 {
		t.Errorf("findings/errors not sorted by file, line, column: %+v %+v", r.Findings, r.Errors)
	}
	if diff := cmp.Diff(Summary{Clusters: 4, Pass: 2, Fail: 1, Unknown: 1, Errors: 3}, r.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}

	var first bytes.Buffer
	if err := JSON(&first, build()); err != nil {
		t.Fatal(err)
	}
	for range 20 {
		var again bytes.Buffer
		if err := JSON(&again, build()); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), again.Bytes()) {
			t.Fatal("two renderings of the same report differ")
		}
	}
	// Broken is an object keyed by path name; encoding/json sorts map keys.
	var doc struct {
		Clusters []struct {
			Instances []struct {
				Broken map[string]json.RawMessage `json:"broken"`
			} `json:"instances"`
		} `json:"clusters"`
	}
	if err := json.Unmarshal(first.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if n := len(doc.Clusters[3].Instances[1].Broken); n != 3 {
		t.Errorf("broken has %d paths, want 3", n)
	}
	if i, j := bytes.Index(first.Bytes(), []byte(`"kms-endpoint"`)), bytes.Index(first.Bytes(), []byte(`"public"`)); i > j {
		t.Error("broken keys are not in a stable (sorted) order")
	}
}

func TestText(t *testing.T) {
	// Golden files, read when they change: a fail with a passing placement,
	// a suppressed finding (hidden, then shown), an unknown, input
	// problems; a pass of two instances in three subnets, two of which
	// share their route; each compact and verbose, wrapped at 80 columns
	// (the width when stdout is not a terminal); the fixture in ASCII at
	// 60, the pass not wrapped.
	for _, tc := range []struct {
		name string
		r    func() *Report
		opts TextOptions
	}{
		{"text.fixture.txt", fixture, TextOptions{Width: 80}},
		{"text.fixture.suppressed.txt", fixture, TextOptions{ShowSuppressed: true, Width: 80}},
		{"text.fixture.verbose.txt", fixture, TextOptions{Verbose: true, Width: 80}},
		{"text.fixture.ascii.txt", fixture, TextOptions{ASCII: true, Width: 60}},
		{"text.pass.txt", passFixture, TextOptions{Width: 80}},
		{"text.pass.verbose.txt", passFixture, TextOptions{Verbose: true, Width: 80}},
		{"text.pass.nowrap.txt", passFixture, TextOptions{}},
	} {
		var buf bytes.Buffer
		if err := Text(&buf, tc.r(), tc.opts); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), "\x1b[") {
			t.Errorf("%s: colour without TextOptions.Color", tc.name)
		}
		golden(t, tc.name, buf.Bytes())
	}
	var buf bytes.Buffer
	if err := Text(&buf, fixture(), TextOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{ansiBold + "aws_rds_cluster.main" + ansiReset, ansiRed + "FAIL" + ansiReset, ansiBold + "infra/main.tf" + ansiReset} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("colour output lacks %q:\n%q", want, buf.String())
		}
	}
}

// TestTextCompactPass checks what the golden files show for a large pass:
// the output grows with the distinct routes, not with the placements.
func TestTextCompactPass(t *testing.T) {
	r := passFixture()
	var ins []Instance
	for i := range 50 {
		for _, in := range r.Clusters[0].Instances[:3] {
			in.ID = fmt.Sprintf("aws_rds_cluster_instance.db[%d]", i)
			ins = append(ins, in)
		}
	}
	r.Clusters[0].Instances = ins
	var buf bytes.Buffer
	if err := Text(&buf, r, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "\n"); n > 10 {
		t.Errorf("150 passing placements on 2 routes take %d lines:\n%s", n, buf.String())
	}
	if !strings.Contains(buf.String(), "50 instances × 3 subnets") {
		t.Errorf("no placement count:\n%s", buf.String())
	}
}

func TestReplaceName(t *testing.T) {
	for _, tc := range []struct{ s, name, want string }{
		{"aws_subnet.a has no route.", "aws_subnet.a", "X has no route."},
		{"aws_subnet.ab and aws_subnet.a[0] and aws_subnet.a", "aws_subnet.a", "aws_subnet.ab and aws_subnet.a[0] and X"},
		{"from aws_subnet.a: denied", "aws_subnet.a", "from X: denied"},
		{"module.x.aws_subnet.a", "aws_subnet.a", "module.x.aws_subnet.a"},
		{"db[1] and db[10]", "db[1]", "X and db[10]"},
		{"anything", "", "anything"},
	} {
		if got := replaceName(tc.s, tc.name, "X"); got != tc.want {
			t.Errorf("replaceName(%q, %q) = %q, want %q", tc.s, tc.name, got, tc.want)
		}
	}
}

func TestTextSuppressedAndBaseline(t *testing.T) {
	until := "2026-12-31"
	r := &Report{
		Clusters: []Cluster{{ID: "c", File: "main.tf", Line: 3, Verdict: VerdictFail}},
		Findings: []Finding{
			{Rule: "DAS001", Severity: "error", Resource: "c", File: "main.tf", Line: 3, Message: "DAS001: suppressed one",
				Suppressed: &Suppression{Reason: "accepted", Until: &until, File: "main.tf", Line: 2}},
			{Rule: "DAS002", Severity: "warning", Resource: "c", File: "main.tf", Line: 3, Message: "DAS002: known one", Baseline: true},
		},
	}
	var plain, shown strings.Builder
	if err := Text(&plain, r, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := Text(&shown, r, TextOptions{ShowSuppressed: true}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, out string
		want, not []string
	}{
		{"default", plain.String(), []string{"0 findings, 1 suppressed, 1 in the baseline"}, []string{"suppressed one", "known one"}},
		{"--show-suppressed", shown.String(), []string{"suppressed error DAS001: suppressed one", "reason: accepted (main.tf:2 until 2026-12-31)"}, []string{"known one"}},
	} {
		for _, w := range tc.want {
			if !strings.Contains(tc.out, w) {
				t.Errorf("%s: output lacks %q:\n%s", tc.name, w, tc.out)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(tc.out, n) {
				t.Errorf("%s: output shows %q:\n%s", tc.name, n, tc.out)
			}
		}
	}
	if r.Findings[0].Counts() || r.Findings[1].Counts() {
		t.Error("a suppressed or baseline finding counts")
	}
}

// TestJSONLinkSources: the witness stays a list of texts; "links" gives
// each link with its position and, for one settled through another
// source, the structured source; each broken path lists the links that
// held before it the same way, and a broken link from another source has
// "from" beside the "source" file (docs/semantics.md#where-a-link-came-from).
func TestJSONLinkSources(t *testing.T) {
	facts := &Source{Kind: SourceAWSFacts, File: "facts/subnets.json", Line: 3, ID: "subnet-0abc"}
	root := &Source{Kind: SourceTerraformRoot, File: "network/main.tf", Line: 58, ID: "aws_route_table.private"}
	in := Instance{
		ID: "aws_rds_cluster_instance.a", Subnet: "subnet-0abc", Verdict: "fail",
		Broken: map[string]Broken{"nat": {
			Link: "network::aws_route_table.private", File: "network/main.tf", Line: 58, Status: "false",
			Reason: "no default route", Fix: "add one", Source: "network/main.tf", From: root,
		}},
		Held: map[string][]Link{"nat": {{Text: "subnet-0abc", File: "facts/subnets.json", Line: 3, Source: facts},
			{Text: "aws_security_group.db egress", File: "db/main.tf", Line: 9}}},
	}
	got, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"aws_rds_cluster_instance.a","subnet":"subnet-0abc","verdict":"fail","path":null,"witness":null,` +
		`"broken":{"nat":{"link":"network::aws_route_table.private","file":"network/main.tf","line":58,"status":"false",` +
		`"reason":"no default route","fix":"add one","source":"network/main.tf",` +
		`"from":{"kind":"terraform-root","file":"network/main.tf","line":58,"id":"aws_route_table.private"},` +
		`"held":[{"link":"subnet-0abc","file":"facts/subnets.json","line":3,` +
		`"source":{"kind":"aws-facts","file":"facts/subnets.json","line":3,"id":"subnet-0abc"}},` +
		`{"link":"aws_security_group.db egress","file":"db/main.tf","line":9}]}},` +
		`"unknowns":null,"links":[]}`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	pass := Instance{ID: "i", Subnet: "subnet-0abc", Verdict: "pass", Path: str("nat"),
		Witness: []Link{{Text: "subnet-0abc", File: "facts/subnets.json", Line: 3, Source: facts}}}
	got, err = json.Marshal(pass)
	if err != nil {
		t.Fatal(err)
	}
	want = `{"id":"i","subnet":"subnet-0abc","verdict":"pass","path":"nat","witness":["subnet-0abc"],"broken":null,` +
		`"unknowns":null,"links":[{"link":"subnet-0abc","file":"facts/subnets.json","line":3,` +
		`"source":{"kind":"aws-facts","file":"facts/subnets.json","line":3,"id":"subnet-0abc"}}]}`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestRoundDuration: the summary line's "done in" rounds the duration the
// CLI measured to a precision a reader can use. The durations are plain
// values: nothing here reads a clock.
func TestRoundDuration(t *testing.T) {
	for _, tc := range []struct {
		in   time.Duration
		want string
	}{
		{1234567 * time.Microsecond, "1.23s"},
		{87*time.Millisecond + 400*time.Microsecond, "87ms"},
		{1500 * time.Nanosecond, "2µs"},
	} {
		if got := roundDuration(tc.in).String(); got != tc.want {
			t.Errorf("roundDuration(%v) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestSummaryShowsGivenDuration: the summary line prints a duration only
// when the caller hands it one (TextOptions.Elapsed, which the CLI sets),
// so the text report of the same input is otherwise the same bytes every
// time. It formats two constant durations: no clock is read, no time is
// bounded.
func TestSummaryShowsGivenDuration(t *testing.T) {
	for _, tc := range []struct {
		elapsed time.Duration
		want    string
	}{
		{0, "0 input problems\n"},
		{87 * time.Millisecond, "0 input problems; done in 87ms\n"},
	} {
		var buf bytes.Buffer
		if err := Text(&buf, passFixture(), TextOptions{Elapsed: tc.elapsed}); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(buf.String(), tc.want) {
			t.Errorf("Elapsed %v: summary does not end %q:\n%s", tc.elapsed, tc.want, buf.String())
		}
	}
}
