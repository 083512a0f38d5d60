package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEditable(t *testing.T) {
	tests := []struct {
		file string
		want bool
	}{
		{"main.tf", true},
		{"modules/db/main.tf", true},
		{"envs/prod/.terraform.lock.hcl", true},
		{"my.terraform/main.tf", true},
		{".terraform/modules/aurora/main.tf", false},
		{"envs/prod/.terraform/modules/aurora/modules/cluster/main.tf", false},
		{"live/prod/.terragrunt-cache/abc/def/main.tf", false},
		{"../modules/db/main.tf", false},
		{"/home/me/modules/db/main.tf", false},
		{"C:/modules/db/main.tf", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := Editable(tt.file); got != tt.want {
			t.Errorf("Editable(%q) = %v, want %v", tt.file, got, tt.want)
		}
	}
}

// moduleFinding is a finding on a cluster declared at file:22-29 and
// reached through calls, outermost first.
func moduleFinding(file string, calls ...Caller) Finding {
	return Finding{
		Rule: "DAS001", Severity: "error", Resource: "module.aurora.aws_rds_cluster.this",
		File: file, Line: 22, EndLine: 29, Message: "DAS001: module.aurora.aws_rds_cluster.this cannot reach AWS KMS",
		Remediation: "Add a route.", Fingerprint: strings.Repeat("ab", 32), Callers: calls,
	}
}

func TestPrimaryAndChain(t *testing.T) {
	root := Caller{File: "main.tf", Line: 35, Module: "module.aurora"}
	vendoredCall := Caller{File: ".terraform/modules/aurora/main.tf", Line: 17, Module: "module.aurora.module.cluster"}
	localCall := Caller{File: "modules/db/main.tf", Line: 17, Module: "module.db.module.aurora"}
	outside := Caller{File: "../other/main.tf", Line: 5, Module: "module.x"}
	decl := func(file string) Location {
		return Location{File: file, Line: 22, EndLine: 29, Message: "module.aurora.aws_rds_cluster.this is declared here"}
	}
	call := func(c Caller) Location {
		return Location{File: c.File, Line: c.Line, Message: "creates " + c.Module + ", on the way to module.aurora.aws_rds_cluster.this"}
	}
	tests := []struct {
		name    string
		f       Finding
		primary Location
		chain   []Location
	}{
		{"root resource", moduleFinding("main.tf"), decl("main.tf"), nil},
		{"local module: the declaration", moduleFinding("modules/aurora/main.tf", root),
			decl("modules/aurora/main.tf"), []Location{call(root)}},
		{"vendored module: the root's call", moduleFinding(".terraform/modules/aurora/main.tf", root),
			call(root), []Location{decl(".terraform/modules/aurora/main.tf")}},
		{"two vendored levels: the root's call", moduleFinding(".terraform/modules/aurora/modules/cluster/main.tf", root, vendoredCall),
			call(root), []Location{call(vendoredCall), decl(".terraform/modules/aurora/modules/cluster/main.tf")}},
		{"local module calls a vendored one: the local call", moduleFinding(".terraform/modules/db.aurora/main.tf", Caller{File: "main.tf", Line: 35, Module: "module.db"}, localCall),
			call(localCall), []Location{call(Caller{File: "main.tf", Line: 35, Module: "module.db"}), decl(".terraform/modules/db.aurora/main.tf")}},
		{"nothing editable: the declaration", moduleFinding(".terraform/modules/aurora/main.tf", outside),
			decl(".terraform/modules/aurora/main.tf"), []Location{call(outside)}},
		{"unnamed call", moduleFinding(".terraform/modules/aurora/main.tf", Caller{File: "main.tf", Line: 35}),
			Location{File: "main.tf", Line: 35, Message: "a call on the way to module.aurora.aws_rds_cluster.this"},
			[]Location{decl(".terraform/modules/aurora/main.tf")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.primary, tt.f.Primary()); diff != "" {
				t.Errorf("Primary (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.chain, tt.f.ChainLocations()); diff != "" {
				t.Errorf("ChainLocations (-want +got):\n%s", diff)
			}
		})
	}
}

// vendoredReport is a failing cluster declared in a vendored module and
// its finding, reached through the root's module call.
func vendoredReport() *Report {
	const mod = ".terraform/modules/aurora/main.tf"
	f := moduleFinding(mod, Caller{File: "main.tf", Line: 35, Module: "module.aurora"})
	return &Report{
		Version: "0.1.0",
		Rules:   fixture().Rules,
		Clusters: []Cluster{{
			ID: f.Resource, Source: "terraform", File: mod, Line: 22, Verdict: VerdictFail,
			Instances: []Instance{{
				ID: "module.aurora.aws_rds_cluster_instance.this", Subnet: "aws_subnet.a", Verdict: VerdictFail,
				Broken: map[string]Broken{"nat": {Link: "aws_route_table.a 0.0.0.0/0", File: "network.tf", Line: 9, Status: "false", Reason: "no default route"}},
			}},
		}},
		Findings: []Finding{f},
	}
}

func TestJSONCallers(t *testing.T) {
	r := vendoredReport()
	root := fixture()
	for _, tt := range []struct {
		name string
		r    *Report
		want string
	}{
		{"module", r, `"callers": [
        {
          "file": "main.tf",
          "line": 35,
          "module": "module.aurora"
        }
      ]`},
		// A finding in the root has the field too, empty.
		{"root", root, `"callers": []`},
	} {
		var buf bytes.Buffer
		if err := JSON(&buf, tt.r); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), tt.want) {
			t.Errorf("%s: JSON lacks\n%s\nin\n%s", tt.name, tt.want, buf.String())
		}
		var back struct{ Findings []map[string]any }
		if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
			t.Fatal(err)
		}
		// The declaration keeps its meaning: file, line and end_line are
		// the resource's.
		if f := back.Findings[0]; tt.name == "module" && (f["file"] != ".terraform/modules/aurora/main.tf" || f["line"] != 22.0 || f["end_line"] != 29.0) {
			t.Errorf("file, line, end_line = %v, %v, %v; want the declaration", f["file"], f["line"], f["end_line"])
		}
	}
}

func TestSARIFCallers(t *testing.T) {
	_, log := writeSARIF(t, vendoredReport())
	res := log.Runs[0].Results[0]
	loc := res.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "main.tf" || loc.Region == nil || loc.Region.StartLine != 35 || loc.Region.EndLine != 0 {
		t.Errorf("location = %s %+v, want the module call main.tf:35", loc.ArtifactLocation.URI, loc.Region)
	}
	type rel struct {
		URI  string
		Line int
		Text string
	}
	var got []rel
	for _, l := range res.RelatedLocations {
		got = append(got, rel{l.PhysicalLocation.ArtifactLocation.URI, l.PhysicalLocation.Region.StartLine, l.Message.Text})
	}
	// The declaration first, then what explains the verdict.
	want := []rel{
		{".terraform/modules/aurora/main.tf", 22, "module.aurora.aws_rds_cluster.this is declared here"},
		{"network.tf", 9, "nat path breaks at aws_route_table.a 0.0.0.0/0: no default route"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("related locations (-want +got):\n%s", diff)
	}
	wantText := "DAS001: module.aurora.aws_rds_cluster.this cannot reach AWS KMS\n" +
		"Reached through module.aurora (main.tf:35); declared at .terraform/modules/aurora/main.tf:22.\nFix: Add a route."
	if res.Message.Text != wantText {
		t.Errorf("message:\n%s\nwant\n%s", res.Message.Text, wantText)
	}
}

func TestGitHubCallers(t *testing.T) {
	var buf bytes.Buffer
	if err := GitHub(&buf, vendoredReport()); err != nil {
		t.Fatal(err)
	}
	want := "::error file=main.tf,line=35,title=DAS001::DAS001: module.aurora.aws_rds_cluster.this cannot reach AWS KMS" +
		"%0AReached through module.aurora (main.tf:35); declared at .terraform/modules/aurora/main.tf:22.%0AFix: Add a route.\n"
	if got, _, _ := strings.Cut(buf.String(), "daslint: "); got != want {
		t.Errorf("annotation:\n%s\nwant\n%s", got, want)
	}
}

func TestTextCallers(t *testing.T) {
	var buf bytes.Buffer
	if err := Text(&buf, vendoredReport(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "    error DAS001: module.aurora.aws_rds_cluster.this cannot reach AWS KMS\n" +
		"      through: module.aurora (main.tf:35)\n" +
		"      fix: Add a route.\n"
	if !strings.Contains(buf.String(), want) {
		t.Errorf("text lacks\n%s\nin\n%s", want, buf.String())
	}
	buf.Reset()
	if err := Text(&buf, fixture(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "through:") {
		t.Errorf("a finding in the root shows a chain of calls:\n%s", buf.String())
	}
}

func TestMarkdownCallers(t *testing.T) {
	var buf bytes.Buffer
	if err := Markdown(&buf, vendoredReport()); err != nil {
		t.Fatal(err)
	}
	want := "- **error** DAS001: module.aurora.aws\\_rds\\_cluster.this cannot reach AWS KMS" +
		"<br>Reached through `module.aurora` at `main.tf:35`<br>Fix: Add a route.\n"
	if !strings.Contains(buf.String(), want) {
		t.Errorf("markdown lacks\n%s\nin\n%s", want, buf.String())
	}
}
