package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestSourceDescribe(t *testing.T) {
	tests := []struct {
		src  *Source
		want string
	}{
		{nil, ""},
		{&Source{Kind: SourceTerraformRoot, File: "network/main.tf", Line: 12, ID: "aws_subnet.a"}, "from network/main.tf:12"},
		{&Source{Kind: SourceTerragruntUnit, File: "modules/vpc/main.tf", Line: 3, ID: "aws_vpc.this"}, "from unit modules/vpc/main.tf:3"},
		{&Source{Kind: SourceCloudFormationStack, File: "network.yaml", Line: 40, ID: "RouteTable"}, "from stack network.yaml:40"},
		{&Source{Kind: SourceAWSFacts, File: "facts/subnets.json", Line: 7, ID: "subnet-0abc"}, "aws facts: facts/subnets.json subnet-0abc"},
		{&Source{Kind: SourceTFState, File: "network.tfstate.json", ID: "aws_nat_gateway.a"}, "state: network.tfstate.json aws_nat_gateway.a"},
		{&Source{Kind: SourceTFPlan, File: "plan.json", ID: "aws_route_table.b"}, "plan: plan.json aws_route_table.b"},
		{&Source{Kind: SourceTerraformRoot, File: "modules/vpc/main.tf", Line: 58, ID: "module.vpc.aws_route_table.private",
			Callers: []Caller{{File: "network/main.tf", Line: 10, Module: "module.vpc"}}}, "from network/main.tf:10 module.vpc → modules/vpc/main.tf:58"},
	}
	for _, tt := range tests {
		if got := tt.src.Describe(); got != tt.want {
			t.Errorf("%+v: Describe() = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// sourceFixture is a cluster whose network comes from other sources: a
// placement whose nat path breaks at another root's route table, after a
// subnet from AWS facts held, and a placement that passes through another
// root's NAT gateway.
func sourceFixture() *Report {
	const db, net, facts = "db/main.tf", "network/main.tf", "facts/subnets.json"
	subnet := &Source{Kind: SourceAWSFacts, File: facts, Line: 3, ID: "subnet-0abc"}
	table := &Source{Kind: SourceTerraformRoot, File: net, Line: 58, ID: "aws_route_table.private"}
	nat := &Source{Kind: SourceTerraformRoot, File: net, Line: 62, ID: "aws_nat_gateway.nat"}
	return &Report{
		Version: "0.1.0",
		Rules:   fixture().Rules,
		Clusters: []Cluster{{
			ID: "aws_rds_cluster.main", Source: "terraform", File: db, Line: 40, Verdict: VerdictFail,
			Instances: []Instance{
				{
					ID: "aws_rds_cluster_instance.a", Subnet: "subnet-0abc", Verdict: VerdictFail,
					Broken: map[string]Broken{"nat": {Link: "network::aws_route_table.private", File: net, Line: 58, Status: "false",
						Reason: "no default route", Source: net, From: table, Address: "network::aws_route_table.private"}},
					Held: map[string][]Link{"nat": {
						{Text: "subnet-0abc", File: facts, Line: 3, Address: "subnet-0abc", Subject: "subnet-0abc", Source: subnet},
						{Text: "aws_security_group.db egress TCP 443 to 0.0.0.0/0", File: db, Line: 20, Subject: "aws_security_group.db"},
					}},
				},
				{
					ID: "aws_rds_cluster_instance.a", Subnet: "network::aws_subnet.b", Verdict: VerdictPass, Path: str("nat"),
					Witness: []Link{
						{Text: "aws_security_group.db egress TCP 443 to 0.0.0.0/0", File: db, Line: 20, Subject: "aws_security_group.db"},
						{Text: "network::aws_nat_gateway.nat (public)", File: net, Line: 62, Subject: "network::aws_nat_gateway.nat", Source: nat},
						{Text: "subnet-0abc", File: facts, Line: 3, Subject: "subnet-0abc", Source: subnet},
					},
				},
			},
		}},
		Findings: []Finding{{
			Rule: "DAS001", Severity: "error", Resource: "aws_rds_cluster.main", File: db, Line: 40, EndLine: 50,
			Message:     "DAS001: aws_rds_cluster.main cannot reach AWS KMS",
			Related:     []Link{{Text: "network::aws_route_table.private", File: net, Line: 58, Source: table}},
			Fingerprint: "5f1c0ffee0000000000000000000000000000000000000000000000000000009",
		}},
		Summary: Summary{Files: 3},
	}
}

// TestTextSaysWhereLinksCameFrom: the text formats name the source of each
// link another source settled, and say nothing of the root's own links.
func TestTextSaysWhereLinksCameFrom(t *testing.T) {
	for _, verbose := range []bool{false, true} {
		var buf bytes.Buffer
		if err := Text(&buf, sourceFixture(), TextOptions{Verbose: verbose}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		want := []string{
			// A broken link beside its position says only the kind.
			"nat broken at network::aws_route_table.private (from another root)  network/main.tf:58",
		}
		if verbose {
			want = append(want,
				"network::aws_nat_gateway.nat (public) (from another root)  network/main.tf:62",
				"subnet-0abc (aws facts)  facts/subnets.json:3",
				"aws_security_group.db egress TCP 443 to 0.0.0.0/0  db/main.tf:20")
		} else {
			// The compact route has no positions: the source gives its
			// place, and a facts object's ID is not repeated.
			want = append(want,
				"aws_security_group.db → network::aws_nat_gateway.nat (from network/main.tf:62) → subnet-0abc (aws facts: facts/subnets.json)")
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("verbose=%v: output lacks %q:\n%s", verbose, w, out)
			}
		}
		if strings.Contains(out, "aws_security_group.db (") {
			t.Errorf("verbose=%v: the root's own security group is given a source:\n%s", verbose, out)
		}
	}
}

func TestMarkdownAndGitHubSayWhereLinksCameFrom(t *testing.T) {
	var md bytes.Buffer
	if err := Markdown(&md, sourceFixture()); err != nil {
		t.Fatal(err)
	}
	if want := "breaks at `network::aws_route_table.private` `network/main.tf:58` (from another root): no default route<br>"; !strings.Contains(md.String(), want) {
		t.Errorf("markdown lacks %q:\n%s", want, md.String())
	}
	var gh bytes.Buffer
	if err := GitHub(&gh, sourceFixture()); err != nil {
		t.Fatal(err)
	}
	if want := "%0ASettled through other sources: network::aws_route_table.private (from network/main.tf:58)."; !strings.Contains(gh.String(), want) {
		t.Errorf("github lacks %q:\n%s", want, gh.String())
	}
}

// TestSARIFRelatesSources: a finding's related locations include, at its
// place in the other source, each link another source settled: the broken
// link's message names its source, then the links held before each break
// and the witnesses of passing placements follow, each place once.
func TestSARIFRelatesSources(t *testing.T) {
	_, log := writeSARIF(t, sourceFixture())
	res := log.Runs[0].Results
	if len(res) != 1 {
		t.Fatalf("%d results, want 1", len(res))
	}
	type rel struct {
		uri  string
		line int
		msg  string
	}
	var got []rel
	for _, l := range res[0].RelatedLocations {
		r := rel{uri: l.PhysicalLocation.ArtifactLocation.URI, msg: l.Message.Text}
		if l.PhysicalLocation.Region != nil {
			r.line = l.PhysicalLocation.Region.StartLine
		}
		got = append(got, r)
	}
	want := []rel{
		{"network/main.tf", 58, "nat path breaks at network::aws_route_table.private: no default route; " +
			"network::aws_route_table.private comes from the Terraform root network/main.tf (aws_route_table.private)"},
		// Placements in report order: the passing one (in
		// network::aws_subnet.b) sorts first.
		{"network/main.tf", 62, "network::aws_nat_gateway.nat (public) comes from the Terraform root network/main.tf (aws_nat_gateway.nat)"},
		{"facts/subnets.json", 3, "subnet-0abc comes from the AWS facts facts/subnets.json (subnet-0abc)"},
	}
	if len(got) != len(want) {
		t.Fatalf("related locations:\n got %+v\nwant %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("related location %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// TestSourceThroughCallers checks that a link whose object is in a shared
// module of another root names that root's module call, the place the user
// edits (docs/semantics.md#where-a-run-starts-does-not-matter), in the text beside its position and, before the
// module's declaration, among SARIF's related locations.
func TestSourceThroughCallers(t *testing.T) {
	const mod = "modules/vpc/main.tf"
	src := &Source{Kind: SourceTerraformRoot, File: mod, Line: 58, ID: "module.vpc.aws_route_table.private",
		Callers: []Caller{{File: "network/main.tf", Line: 10, Module: "module.vpc"}}}
	if got, want := sourceSuffixAt(src, mod, 58), " (from another root, through network/main.tf:10 module.vpc)"; got != want {
		t.Errorf("sourceSuffixAt = %q, want %q", got, want)
	}
	if got, want := sourceSuffixAt(&Source{Kind: SourceTerraformRoot, File: mod, Line: 58}, mod, 58), " (from another root)"; got != want {
		t.Errorf("without callers: sourceSuffixAt = %q, want %q", got, want)
	}

	r := sourceFixture()
	in := &r.Clusters[0].Instances[0]
	b := in.Broken["nat"]
	b.Link, b.File, b.From, b.Source = "network::module.vpc.aws_route_table.private", mod, src, "network/main.tf"
	in.Broken["nat"] = b
	_, log := writeSARIF(t, r)
	rl := log.Runs[0].Results[0].RelatedLocations
	if len(rl) < 2 {
		t.Fatalf("%d related locations, want the call and the break first", len(rl))
	}
	first, second := rl[0].PhysicalLocation, rl[1].PhysicalLocation
	if first.ArtifactLocation.URI != "network/main.tf" || first.Region.StartLine != 10 ||
		rl[0].Message.Text != "creates module.vpc, in the Terraform root that network::module.vpc.aws_route_table.private comes from" {
		t.Errorf("first related location %s:%d %q, want the module call network/main.tf:10", first.ArtifactLocation.URI, first.Region.StartLine, rl[0].Message.Text)
	}
	if second.ArtifactLocation.URI != mod || second.Region.StartLine != 58 ||
		!strings.HasSuffix(rl[1].Message.Text, "comes from the Terraform root modules/vpc/main.tf (module.vpc.aws_route_table.private), through network/main.tf:10 module.vpc") {
		t.Errorf("second related location %s:%d %q, want the break in the module naming the call", second.ArtifactLocation.URI, second.Region.StartLine, rl[1].Message.Text)
	}
}

// A cluster that joined from AWS facts for a linted activity stream says
// so: in the JSON (`from`, absent for the code's own clusters) and on the
// text report's cluster line.
func TestJoinedClusterSaysWhereItCameFrom(t *testing.T) {
	doc := &Report{Schema: Schema, Clusters: []Cluster{
		{ID: "orders", Source: "terraform", File: "db/main.tf", Line: 9, Verdict: "fail",
			From: &Source{Kind: SourceAWSFacts, File: "facts/db-clusters.json", Line: 3, ID: "orders"}},
		{ID: "aws_rds_cluster.own", Source: "terraform", File: "db/main.tf", Line: 20, Verdict: "pass"},
	}}
	var js bytes.Buffer
	if err := JSON(&js, doc); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Clusters []struct {
			ID   string          `json:"id"`
			From json.RawMessage `json:"from"`
		} `json:"clusters"`
	}
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	froms := map[string]string{}
	for _, c := range got.Clusters {
		froms[c.ID] = string(c.From)
	}
	if want := `{"kind":"aws-facts","file":"facts/db-clusters.json","line":3,"id":"orders"}`; compactJSON(t, froms["orders"]) != want {
		t.Errorf("joined cluster from = %s, want %s", froms["orders"], want)
	}
	if f := froms["aws_rds_cluster.own"]; f != "" {
		t.Errorf("the code's own cluster has from %s, want none", f)
	}
	var txt bytes.Buffer
	if err := Text(&txt, doc, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if want := "line 9 (its activity stream), no placement; the cluster: aws facts: facts/db-clusters.json orders"; !strings.Contains(txt.String(), want) {
		t.Errorf("text lacks %q:\n%s", want, txt.String())
	}
}

func compactJSON(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return b.String()
}
