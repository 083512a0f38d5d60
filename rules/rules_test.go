package rules

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

func rng(line, end int) model.Range {
	return model.Range{File: "main.tf", Line: line, Column: 1, EndLine: end, EndColumn: 2}
}

func cluster(addr string, line, end int) *model.DBCluster {
	return &model.DBCluster{Origin: model.Origin{Address: addr, Type: "aws_rds_cluster", Range: rng(line, end)}}
}

// fixture returns one result of each verdict.
func fixture() []network.ClusterResult {
	return []network.ClusterResult{
		{
			Cluster: cluster("aws_rds_cluster.ok", 1, 9), Verdict: model.True, Path: network.PathNAT,
			Instances: []network.InstanceResult{{Instance: "aws_rds_cluster_instance.ok[0]", Subnet: "aws_subnet.a", Verdict: model.True, Path: network.PathNAT}},
		},
		{
			Cluster: cluster("aws_rds_cluster.bad", 40, 58), Verdict: model.False,
			Instances: []network.InstanceResult{
				{
					Instance: "aws_rds_cluster_instance.bad[0]", Subnet: "aws_subnet.db[0]", Verdict: model.False, Primary: network.PathNAT,
					Broken: map[network.Path]*network.Broken{
						network.PathPublic: {Link: network.Link{Text: "aws_rds_cluster_instance.bad[0]", Range: rng(60, 64)}, Status: model.False, Reason: "not publicly accessible", Fix: "make it public", Depth: 0},
						network.PathNAT:    {Link: network.Link{Text: "aws_route_table.db 0.0.0.0/0", Range: rng(30, 33)}, Status: model.False, Reason: "no default route", Fix: "add a NAT route", Depth: 2},
					},
				},
				{
					Instance: "aws_rds_cluster_instance.bad[0]", Subnet: "aws_subnet.db[1]", Verdict: model.False, Primary: network.PathNAT,
					Broken: map[network.Path]*network.Broken{
						network.PathNAT: {Link: network.Link{Text: "aws_route_table.db 0.0.0.0/0", Range: rng(30, 33)}, Status: model.False, Reason: "no default route", Fix: "add a NAT route", Depth: 2},
					},
				},
			},
		},
		{
			Cluster: cluster("aws_rds_cluster.maybe", 70, 80), Verdict: model.Unknown,
			Instances: []network.InstanceResult{{
				Instance: "aws_rds_cluster_instance.maybe[0]", Subnet: "aws_subnet.x", Verdict: model.Unknown,
				Unknowns: []network.Unknown{{
					Unresolved: &model.Unresolved{Kind: model.FromVariable, Reason: `variable "subnet_ids" has no value`, Range: rng(3, 5)},
					Used:       rng(20, 20), Subject: "aws_db_subnet_group.db",
				}},
			}},
		},
	}
}

func TestRunSeverity(t *testing.T) {
	type got struct {
		Rule     string
		Severity Severity
		Subject  string
	}
	tests := []struct {
		name     string
		severity map[string]Severity
		want     []got
	}{
		{"defaults", nil, []got{
			{"DAS001", Error, "aws_rds_cluster.bad"},
			{"DAS002", Warning, "aws_rds_cluster.maybe"},
		}},
		{"unknown error", map[string]Severity{"DAS002": Error}, []got{
			{"DAS001", Error, "aws_rds_cluster.bad"},
			{"DAS002", Error, "aws_rds_cluster.maybe"},
		}},
		{"unknown ignore", map[string]Severity{"DAS002": Off}, []got{
			{"DAS001", Error, "aws_rds_cluster.bad"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			analyze := func(context.Context, *model.Model, network.Options) ([]network.ClusterResult, error) {
				calls++
				return fixture(), nil
			}
			models := []*model.Model{{Root: "a"}, nil, {Root: "b"}}
			res, _ := run(context.Background(), models, All(), Options{Severity: tt.severity}, analyze)
			if calls != 2 || len(res) != 2 {
				t.Fatalf("analysis ran %d times for %d results, want once per model (2)", calls, len(res))
			}
			for _, r := range res {
				var findings []got
				for _, f := range r.Findings {
					findings = append(findings, got{f.Rule, f.Severity, f.Subject})
				}
				if diff := cmp.Diff(tt.want, findings); diff != "" {
					t.Errorf("findings for %s (-want +got):\n%s", r.Model.Root, diff)
				}
				if len(r.Clusters) != 3 {
					t.Errorf("results keep %d clusters, want all 3", len(r.Clusters))
				}
			}
		})
	}
}

// fixed is an analysis that returns clusters for every model.
func fixed(clusters []network.ClusterResult) analyzer {
	return func(context.Context, *model.Model, network.Options) ([]network.ClusterResult, error) {
		return clusters, nil
	}
}

func findingsOf(t *testing.T, r *Rule) []Finding {
	t.Helper()
	res, _ := run(context.Background(), []*model.Model{{}}, []*Rule{r}, Options{}, fixed(fixture()))
	return res[0].Findings
}

func TestDAS001Finding(t *testing.T) {
	fs := findingsOf(t, DAS001())
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1 (only the failing cluster)", len(fs))
	}
	f := fs[0]
	if f.Range != rng(40, 58) || f.Subject != "aws_rds_cluster.bad" || f.Verdict != model.False {
		t.Errorf("finding at %v on %s (%v), want the cluster declaration main.tf:40-58", f.Range, f.Subject, f.Verdict)
	}
	// The analysis chose the NAT path as the one the code was built for; both
	// subnets break at the same link and share one sentence, which names the
	// instance once.
	want := "DAS001: aws_rds_cluster.bad cannot reach AWS KMS; from aws_rds_cluster_instance.bad[0] in aws_subnet.db[0]," +
		" aws_subnet.db[1]: nat path broken at aws_route_table.db 0.0.0.0/0 (main.tf:30): no default route"
	if f.Message != want {
		t.Errorf("message:\n got %q\nwant %q", f.Message, want)
	}
	if f.Remediation != "Add a NAT route." {
		t.Errorf("remediation = %q, want the NAT fix once", f.Remediation)
	}
	if len(f.Related) != 1 || f.Related[0].Range.Line != 30 {
		t.Errorf("related = %+v, want the route table link", f.Related)
	}
}

func TestDAS002Finding(t *testing.T) {
	fs := findingsOf(t, DAS002())
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1 (only the unknown cluster)", len(fs))
	}
	f := fs[0]
	for _, part := range []string{
		"DAS002", "aws_rds_cluster.maybe",
		`variable "subnet_ids" has no value (variable, main.tf:3), used at main.tf:20`,
	} {
		if !strings.Contains(f.Message, part) {
			t.Errorf("message %q lacks %q", f.Message, part)
		}
	}
	if !strings.Contains(f.Remediation, "--var") {
		t.Errorf("remediation %q does not say how to give a variable a value", f.Remediation)
	}
	if len(f.Unknowns) != 1 {
		t.Errorf("unknowns = %d, want 1", len(f.Unknowns))
	}
}

func TestRuleDocs(t *testing.T) {
	for _, r := range All() {
		if !strings.HasPrefix(r.Doc, "# "+r.ID+":") {
			t.Errorf("%s: doc page does not start with its title: %.40q", r.ID, r.Doc)
		}
		for _, section := range []string{"## What it checks", "## Why", "## How to fix", "## Example"} {
			if !strings.Contains(r.Doc, section) {
				t.Errorf("%s: doc page lacks %q", r.ID, section)
			}
		}
		if got, err := ByID(r.ID); err != nil || got.ID != r.ID {
			t.Errorf("ByID(%s) = %v, %v", r.ID, got, err)
		}
	}
	if _, err := ByID("DAS999"); err == nil {
		t.Error("ByID(DAS999) found a rule")
	}
}

// TestRuleMetadata checks what code-scanning tools read from each rule:
// GitHub only ranks a rule by security-severity when it is tagged
// "security", a score outside (0, 10] is rejected, and precision is one of
// four words (docs.github.com, "SARIF support for code scanning",
// reportingDescriptor object).
func TestRuleMetadata(t *testing.T) {
	for _, r := range All() {
		if r.Name == "" || r.Title == "" || r.Description == "" {
			t.Errorf("%s: name %q, title %q, description %q: all are required", r.ID, r.Name, r.Title, r.Description)
		}
		// A security rule needs a score; a reliability rule (the advisory
		// DAS1xx) has none, and SARIF then leaves the property out.
		switch security := slices.Contains(r.Tags, "security"); {
		case security && (r.SecuritySeverity <= 0 || r.SecuritySeverity > 10):
			t.Errorf("%s: security severity %v is not in (0, 10]", r.ID, r.SecuritySeverity)
		case !security && r.SecuritySeverity != 0:
			t.Errorf("%s: security severity %v without the \"security\" tag, which GitHub would ignore", r.ID, r.SecuritySeverity)
		case !security && !slices.Contains(r.Tags, "reliability"):
			t.Errorf("%s: tags %v are neither \"security\" nor \"reliability\"", r.ID, r.Tags)
		}
		if !slices.Contains([]string{"very-high", "high", "medium", "low"}, r.Precision) {
			t.Errorf("%s: precision %q is none of GitHub's (very-high, high, medium, low)", r.ID, r.Precision)
		}
		if len(r.Description) > 1024 || len(r.Title) > 1024 || len(r.Name) > 255 {
			t.Errorf("%s: GitHub takes at most 1,024 characters of description and 255 of name", r.ID)
		}
	}
	// GitHub's bands: 7.0 to 8.9 is high, 4.0 to 6.9 medium. A fail cuts
	// the audit trail off; an unknown may.
	for id, band := range map[string][2]float64{"DAS001": {7, 9}, "DAS002": {4, 7}} {
		r, err := ByID(id)
		if err != nil {
			t.Fatal(err)
		}
		if r.SecuritySeverity < band[0] || r.SecuritySeverity >= band[1] {
			t.Errorf("%s: security severity %v, want in [%v, %v)", id, r.SecuritySeverity, band[0], band[1])
		}
	}
}

// TestRuleProvenance: every rule says since which version it exists, in
// the form `daslint --version` prints, and names the AWS pages it rests
// on, each cited by the rule's own page.
func TestRuleProvenance(t *testing.T) {
	version := regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+$`)
	for _, r := range All() {
		if !version.MatchString(r.Since) {
			t.Errorf("%s: Since %q, want a version such as 0.1.0", r.ID, r.Since)
		}
		if len(r.Sources) == 0 {
			t.Errorf("%s: no documentation sources", r.ID)
		}
		for _, s := range r.Sources {
			if s.Title == "" || !strings.HasPrefix(s.URL, "https://docs.aws.amazon.com/") {
				t.Errorf("%s: source %+v, want a title and an AWS documentation URL", r.ID, s)
			}
			if !strings.Contains(r.Doc, s.URL) {
				t.Errorf("%s: docs/rules/%s.md does not cite %s", r.ID, r.ID, s.URL)
			}
		}
	}
}
