package report

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ from the current output")

// fixture is a report that exercises every part of the SARIF and GitHub
// formats: a failing cluster with a broken link on each path and a passing
// placement, an unknown cluster whose reasons carry positions, a
// suppressed finding, an input error and a warning about a path outside
// the working directory, and text that needs escaping (% , : and a line
// break) in messages and file names.
func fixture() *Report {
	const tf, net, cfn = "infra/main.tf", "infra/network.tf", "cfn/db stack,v2:prod.yaml"
	return &Report{
		Version: "0.1.0",
		Rules: []Rule{
			{ID: "DAS002", Name: "kms-reachability-unknown", Title: "Path to KMS cannot be verified", Description: "Unknown.",
				Severity: "warning", Help: "# DAS002\n", Tags: []string{"security", "aws"}, SecuritySeverity: 4},
			{ID: "DAS001", Name: "kms-unreachable", Title: "Cannot reach KMS", Description: "Fails.",
				Severity: "error", Help: "# DAS001\n", Tags: []string{"security", "aws"}, SecuritySeverity: 7.5},
		},
		Clusters: []Cluster{
			{
				ID: "aws_rds_cluster.main", Source: "terraform", File: tf, Line: 40, Verdict: VerdictFail,
				Instances: []Instance{
					{
						ID: "aws_rds_cluster_instance.main[0]", Subnet: "aws_subnet.private_a", Verdict: VerdictFail,
						Broken: map[string]Broken{
							"kms-endpoint": {Link: "aws_vpc.main KMS endpoint", File: net, Line: 1, Status: "false", Reason: "no KMS interface endpoint", Address: "aws_vpc.main"},
							"public":       {Link: "aws_rds_cluster_instance.main[0] publicly accessible", File: tf, Line: 60, Status: "false", Reason: "not publicly accessible", Address: "aws_rds_cluster_instance.main[0]"},
							"nat":          {Link: "aws_route_table.private 0.0.0.0/0", File: net, Line: 30, Status: "false", Reason: "no default route", Fix: "Add a route.", Address: "aws_route_table.private"},
						},
						Held: map[string][]Link{
							"public": {{Text: "aws_subnet.private_a", File: net, Line: 10, Address: "aws_subnet.private_a"}},
							"nat": {
								{Text: "aws_subnet.private_a", File: net, Line: 10, Address: "aws_subnet.private_a"},
								{Text: `aws_security_group.db["a&b"] egress TCP 443 to 0.0.0.0/0`, File: net, Line: 40, Address: `aws_security_group.db["a&b"]`},
							},
						},
					},
					{
						// Passes through the same security group: one node,
						// and a network ACL without an address (its text is
						// its name), passed twice.
						ID: "aws_rds_cluster_instance.main[0]", Subnet: "aws_subnet.private_b", Verdict: VerdictPass, Path: str("nat"),
						Witness: []Link{
							{Text: "aws_subnet.private_b", File: net, Line: 20, Address: "aws_subnet.private_b"},
							{Text: `aws_security_group.db["a&b"] egress TCP 443 to 0.0.0.0/0`, File: net, Line: 40, Address: `aws_security_group.db["a&b"]`},
							{Text: "default <network> ACL #1", File: net, Line: 2},
							{Text: "aws_route_table.nat 0.0.0.0/0", File: net, Line: 50, Address: "aws_route_table.nat"},
							{Text: "default <network> ACL #1", File: net, Line: 2},
							{Text: "aws_nat_gateway.end (public)", File: net, Line: 60, Address: "end"},
						},
					},
				},
			},
			{
				ID: "aws_rds_cluster.legacy", Source: "terraform", File: tf, Line: 100, Verdict: VerdictFail,
				Instances: []Instance{{
					ID: "aws_rds_cluster_instance.legacy[0]", Subnet: "aws_subnet.private_a", Verdict: VerdictFail,
					Broken: map[string]Broken{"nat": {Link: "aws_route_table.private 0.0.0.0/0", File: net, Line: 30, Status: "false", Reason: "no default route"}},
				}},
			},
			{
				ID: "Database", Source: "cloudformation", File: cfn, Line: 12, Verdict: VerdictUnknown,
				Instances: []Instance{{
					ID: "Instance", Subnet: "SubnetA", Verdict: VerdictUnknown,
					Broken:   map[string]Broken{"nat": {Link: "RouteTable 0.0.0.0/0", File: cfn, Line: 70, Status: "unknown", Reason: "target is a transit gateway", Address: "RouteTable"}},
					Held:     map[string][]Link{"nat": {{Text: "SubnetA", File: cfn, Line: 50, Address: "SubnetA"}}},
					Unknowns: []Unknown{{Kind: "import", Reason: "Fn::ImportValue SharedTgw", Subject: "Route", File: cfn, Line: 80, UsedFile: cfn, UsedLine: 82}},
				}},
			},
		},
		Findings: []Finding{
			{
				Rule: "DAS001", Severity: "error", Resource: "aws_rds_cluster.main", File: tf, Line: 40, EndLine: 58,
				Message:     "DAS001: aws_rds_cluster.main cannot reach AWS KMS; nat path broken at aws_route_table.private 0.0.0.0/0 (infra/network.tf:30): no default route",
				Remediation: "Add a route.",
				Related:     []Link{{Text: "aws_route_table.private 0.0.0.0/0", File: net, Line: 30}},
				Fingerprint: "5f1c0ffee0000000000000000000000000000000000000000000000000000001",
			},
			{
				Rule: "DAS001", Severity: "error", Resource: "aws_rds_cluster.legacy", File: tf, Line: 100, EndLine: 110,
				Message:     "DAS001: aws_rds_cluster.legacy cannot reach AWS KMS",
				Fingerprint: "5f1c0ffee0000000000000000000000000000000000000000000000000000002",
				Related:     []Link{{Text: "aws_route_table.private 0.0.0.0/0", File: net, Line: 30}},
				Suppressed:  &Suppression{Reason: "decommissioned in Q3", File: tf, Line: 99},
			},
			{
				Rule: "DAS002", Severity: "warning", Resource: "Database", File: cfn, Line: 12, EndLine: 30,
				Message:     "DAS002: 100% unverifiable, for now:\nthe route leaves the VPC",
				Remediation: "Scan the stack that exports SharedTgw.",
				Fingerprint: "5f1c0ffee0000000000000000000000000000000000000000000000000000003",
				Related:     []Link{{Text: "RouteTable 0.0.0.0/0", File: cfn, Line: 70}},
			},
		},
		Errors: []Error{
			{File: "broken.tf", Line: 3, Column: 7, Severity: "error", Message: "Invalid expression: expected ',' or '}'"},
			{File: "/opt/modules/vpc", Severity: "warning", Message: "module.vpc: source is not vendored; run terraform init"},
		},
		Summary: Summary{Files: 4},
	}
}

// passFixture is a passing cluster of two instances in three subnets: two
// subnets share a route table and NAT gateway, the third has its own; the
// witness links carry subjects as the analysis gives them.
func passFixture() *Report {
	const f = "live/main.tf"
	chain := func(subnet, table, nat string, line int) []Link {
		return []Link{
			{Text: subnet, File: f, Line: line, Subject: subnet},
			{Text: "aws_security_group.db egress TCP 443 to 0.0.0.0/0", File: f, Line: 90, Subject: "aws_security_group.db"},
			{Text: table + " 0.0.0.0/0", File: f, Line: 60, Subject: table},
			{Text: nat + " (public)", File: f, Line: 50, Subject: nat},
			{Text: "aws_subnet.public", File: f, Line: 20, Subject: "aws_subnet.public"},
			{Text: "the default network acl of aws_vpc.main ingress TCP 443 from " + subnet, File: f, Line: 5, Subject: "the default network acl of aws_vpc.main"},
			{Text: "aws_route_table.public 0.0.0.0/0", File: f, Line: 40, Subject: "aws_route_table.public"},
			{Text: "aws_internet_gateway.main", File: f, Line: 10, Subject: "aws_internet_gateway.main"},
		}
	}
	var ins []Instance
	for _, id := range []string{"aws_rds_cluster_instance.db[0]", "aws_rds_cluster_instance.db[1]"} {
		ins = append(ins,
			Instance{ID: id, Subnet: "aws_subnet.private[0]", Verdict: VerdictPass, Path: str("nat"), Witness: chain("aws_subnet.private[0]", "aws_route_table.private", "aws_nat_gateway.main", 30)},
			Instance{ID: id, Subnet: "aws_subnet.private[1]", Verdict: VerdictPass, Path: str("nat"), Witness: chain("aws_subnet.private[1]", "aws_route_table.private", "aws_nat_gateway.main", 30)},
			Instance{ID: id, Subnet: "aws_subnet.private[2]", Verdict: VerdictPass, Path: str("nat"), Witness: chain("aws_subnet.private[2]", "aws_route_table.private_c", "aws_nat_gateway.c", 30)},
		)
	}
	return &Report{
		Version:  "0.1.0",
		Clusters: []Cluster{{ID: "aws_rds_cluster.db", Source: "terraform", File: f, Line: 100, Verdict: VerdictPass, Path: str("nat"), Instances: ins}},
		Summary:  Summary{Files: 1},
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", file, diff)
	}
}
