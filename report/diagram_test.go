package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/daslint/daslint/internal/diagramcheck"
)

func TestMarkdownGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := Markdown(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.md", buf.Bytes())
	blocks := diagramcheck.MermaidBlocks(buf.String())
	// The fixture has two clusters that fail and one unknown.
	if len(blocks) != 3 {
		t.Fatalf("%d Mermaid blocks, want one per cluster that does not pass (3)", len(blocks))
	}
	for i, b := range blocks {
		if err := diagramcheck.Mermaid(b); err != nil {
			t.Errorf("block %d: %v\n%s", i, err, b)
		}
	}
}

func TestDOTGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := DOT(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.dot", buf.Bytes())
	if err := diagramcheck.DOT(buf.String()); err != nil {
		t.Errorf("%v\n%s", err, buf.String())
	}
	if n := strings.Count(buf.String(), "subgraph cluster_"); n != 3 {
		t.Errorf("%d subgraphs, want one per cluster (3)", n)
	}
}

// TestClusterGraph checks how placements become one picture: an object is
// one node however many placements pass it, a chain that comes back to an
// object does not step back, the step into a break carries the path and
// its status, and a break on an object the chain already passed marks the
// step onto it rather than a loop.
func TestClusterGraph(t *testing.T) {
	link := func(addr, fact string) Link { return Link{Text: addr + fact, Address: addr, File: "n.tf", Line: 1} }
	c := Cluster{Instances: []Instance{
		{
			ID: "i0", Subnet: "s1", Verdict: VerdictPass,
			Witness: []Link{link("s1", ""), link("acl", " egress"), link("rt", " 0.0.0.0/0"), link("nat", " (public)"),
				link("s2", ""), link("acl", " ingress"), link("rt2", " 0.0.0.0/0"), link("igw", "")},
		},
		{
			ID: "i1", Subnet: "s1", Verdict: VerdictFail,
			Broken: map[string]Broken{
				// Breaks on the NAT gateway it passed as the route's target.
				"nat": {Link: "nat in a private subnet", Address: "nat", Status: "false"},
				// Breaks before any link held: drawn from the subnet.
				"kms-endpoint": {Link: "vpc KMS endpoint", Address: "vpc", Status: "unknown"},
			},
			Held: map[string][]Link{"nat": {link("s1", ""), link("acl", " egress"), link("rt", " 0.0.0.0/0"), link("nat", ""), link("s2", "")}},
		},
	}}
	g := clusterGraph(c)
	var nodes []string
	for _, n := range g.Nodes {
		nodes = append(nodes, fmt.Sprintf("%s:%d", n.Key, n.State))
	}
	var edges []string
	for _, e := range g.Edges {
		edges = append(edges, fmt.Sprintf("%s>%s:%d%v", g.Nodes[e.From].Key, g.Nodes[e.To].Key, e.State, e.Paths))
	}
	wantNodes := "[i0:0 s1:0 acl:0 rt:0 nat:2 s2:0 rt2:0 igw:0 i1:0 vpc:1]"
	wantEdges := "[i0>s1:0[] s1>acl:0[] acl>rt:0[] rt>nat:2[nat] nat>s2:0[] s2>rt2:0[] rt2>igw:0[] i1>s1:0[] s1>vpc:1[kms-endpoint]]"
	if got := fmt.Sprint(nodes); got != wantNodes {
		t.Errorf("nodes\n got %s\nwant %s", got, wantNodes)
	}
	if got := fmt.Sprint(edges); got != wantEdges {
		t.Errorf("edges\n got %s\nwant %s", got, wantEdges)
	}
	if !g.Nodes[0].Start || !g.Nodes[8].Start || g.Nodes[1].Start {
		t.Errorf("only the instances start chains: %+v", g.Nodes)
	}
}

// TestClusterGraphBreakOnInstance: a path that breaks on the instance itself
// (it is not publicly accessible) is drawn as a step back from the subnet.
func TestClusterGraphBreakOnInstance(t *testing.T) {
	g := clusterGraph(Cluster{Instances: []Instance{{
		ID: "i0", Subnet: "s1", Verdict: VerdictFail,
		Broken: map[string]Broken{"public": {Link: "i0 publicly accessible", Address: "i0", Status: "false"}},
		Held:   map[string][]Link{"public": {{Text: "s1", Address: "s1"}}},
	}}})
	if len(g.Edges) != 2 || g.Edges[1].From != 1 || g.Edges[1].To != 0 || g.Edges[1].State != stateFalse {
		t.Errorf("edges = %+v, want i0>s1 and a broken s1>i0", g.Edges)
	}
	if g.Nodes[0].State != stateFalse {
		t.Errorf("the instance is where the path breaks: state %d", g.Nodes[0].State)
	}
}

func TestMermaidLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{`aws_subnet.private["eu-west-1a"]`, `aws_subnet.private[#quot;eu-west-1a#quot;]`},
		{"vpc#default-network-acl", "vpc#35;default-network-acl"},
		{"a <b> & `c`", "a #lt;b#gt; #amp; #96;c#96;"},
		{"#quot;", "#35;quot;"},
		{"two\nlines", "two lines"},
	}
	for _, tt := range tests {
		if got := mermaidLabel(tt.in); got != tt.want {
			t.Errorf("mermaidLabel(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMarkdownEscaping(t *testing.T) {
	tests := []struct{ in, text, code string }{
		{"aws_subnet.x[*]", `aws\_subnet.x\[\*\]`, "`aws_subnet.x[*]`"},
		{"kms.<region>.amazonaws.com", `kms.\<region\>.amazonaws.com`, "`kms.<region>.amazonaws.com`"},
		{"a|b", `a\|b`, "`a\\|b`"},
		{"x `y` z", "x \\`y\\` z", "`` x `y` z ``"},
		{"line\nbreak", "line<br>break", "`line break`"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := mdText(tt.in); got != tt.text {
			t.Errorf("mdText(%q) = %q, want %q", tt.in, got, tt.text)
		}
		if got := mdCode(tt.in); got != tt.code {
			t.Errorf("mdCode(%q) = %q, want %q", tt.in, got, tt.code)
		}
	}
}

func TestDOTString(t *testing.T) {
	tests := []struct{ in, want string }{
		{`a "b"`, `"a \"b\""`},
		{`C:\path`, `"C:\\path"`},
		{"x\ny", `"x\ny"`},
	}
	for _, tt := range tests {
		if got := dotString(tt.in); got != tt.want {
			t.Errorf("dotString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestDiagramcheckRejects makes sure the structural checks can fail: each
// input breaks one rule they enforce.
func TestDiagramcheckRejects(t *testing.T) {
	for _, src := range []string{
		"flowchart LR\n  a.b[\"x\"]\n",
		"flowchart LR\n  end[\"x\"]\n",
		"flowchart LR\n  n0[\"x\"]\n  n0 --> n1\n",
		"flowchart LR\n  n0[\"x\"y\"]\n",
		"flowchart LR\n  n0[\"x\"]\n  n0 --> n0\n  linkStyle 1 stroke:red\n",
		"flowchart LR\n  n0[x]\n",
	} {
		if diagramcheck.Mermaid(src) == nil {
			t.Errorf("Mermaid accepted %q", src)
		}
	}
	for _, src := range []string{
		"digraph daslint {\n  subgraph cluster_0 {\n    a [label=\"x\"];\n}\n",
		"digraph daslint {\n  subgraph cluster_0 {\n    a -> b;\n  }\n}\n",
		"digraph daslint {\n  subgraph cluster_0 {\n    a [label=\"x];\n  }\n}\n",
	} {
		if diagramcheck.DOT(src) == nil {
			t.Errorf("DOT accepted %q", src)
		}
	}
}

// TestClusterGraphSources: a node whose object joined from another source
// says which kind on its position line, whether the object is met in a
// witness or as a broken link; the cluster's own objects say nothing.
func TestClusterGraphSources(t *testing.T) {
	facts := &Source{Kind: SourceAWSFacts, File: "facts/subnets.json", ID: "subnet-1"}
	root := &Source{Kind: SourceTerraformRoot, File: "network/main.tf", Line: 58}
	c := Cluster{Instances: []Instance{
		{ID: "i0", Subnet: "subnet-1", Verdict: VerdictPass, Witness: []Link{
			{Text: "subnet-1", Address: "subnet-1", File: "facts/subnets.json", Line: 3, Source: facts},
			{Text: "aws_security_group.db", Address: "aws_security_group.db", File: "db/main.tf", Line: 9},
		}},
		{ID: "i1", Subnet: "subnet-1", Verdict: VerdictFail, Broken: map[string]Broken{
			"nat": {Link: "network::aws_nat_gateway.main", Address: "network::aws_nat_gateway.main",
				File: "network/main.tf", Line: 58, Status: "false", From: root},
		}},
	}}
	got := map[string]string{}
	for _, n := range clusterGraph(c).Nodes {
		got[n.Key] = nodePlace(n)
	}
	want := map[string]string{
		"i0": "", "i1": "",
		"subnet-1":                      "facts/subnets.json:3 (AWS facts)",
		"aws_security_group.db":         "db/main.tf:9",
		"network::aws_nat_gateway.main": "network/main.tf:58 (Terraform root)",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("node places\n got %v\nwant %v", got, want)
	}
}
