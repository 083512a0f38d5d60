package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/daslint/daslint/internal/diagramcheck"
)

// bigReport is a report of n failing clusters, each with its own broken
// links, one of them shared by every cluster, and of n passing clusters
// and n input problems: far more than a comment holds. name is the prefix
// of every address, to put multibyte characters in them.
func bigReport(n int, name string) *Report {
	r := &Report{Version: "0.1.0"}
	for i := range n {
		id := fmt.Sprintf("aws_rds_cluster.%s%04d", name, i)
		in := fmt.Sprintf("aws_rds_cluster_instance.%s%04d", name, i)
		subnet := fmt.Sprintf("aws_subnet.%s%04d", name, i)
		file := fmt.Sprintf("stack%04d.tf", i)
		r.Clusters = append(r.Clusters, Cluster{
			ID: id, Source: "terraform", File: file, Line: 40, Verdict: VerdictFail,
			Instances: []Instance{{
				ID: in, Subnet: subnet, Verdict: VerdictFail,
				Broken: map[string]Broken{
					"kms-endpoint": {Link: "aws_vpc.shared KMS endpoint", File: "network.tf", Line: 1, Status: "false",
						Reason: "aws_vpc.shared has no KMS interface endpoint", Fix: "add a KMS endpoint to aws_vpc.shared"},
					"nat": {Link: "aws_route_table." + name + fmt.Sprint(i) + " 0.0.0.0/0", File: file, Line: 30, Status: "false",
						Reason: "no default route in the route table of " + subnet, Fix: "add a route"},
				},
			}},
		}, Cluster{
			ID: id + "_ok", Source: "terraform", File: file, Line: 90, Verdict: VerdictPass, Path: str("nat"),
		})
		r.Findings = append(r.Findings, Finding{Rule: "DAS001", Severity: "error", Resource: id, File: file, Line: 40,
			Message: "DAS001: " + id + " cannot reach AWS KMS", Remediation: "Add a route."})
		r.Errors = append(r.Errors, Error{File: file, Line: 3, Severity: "warning", Message: "something | odd"})
	}
	return r
}

func markdownOf(t *testing.T, r *Report, limit int) string {
	t.Helper()
	var buf bytes.Buffer
	if err := markdownLimited(&buf, r, limit); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestMarkdownLimit checks the size cap: at most limit characters (runes,
// not bytes), the marker first, a note that says what was left out, and
// nothing cut inside a code block, a table row or a <details>.
func TestMarkdownLimit(t *testing.T) {
	tests := []struct {
		name  string
		r     *Report
		limit int
		cut   bool
		// multibyte: the report has more bytes than the limit allows
		// characters.
		multibyte bool
	}{
		{"small report, not cut", bigReport(2, "db"), MarkdownLimit, false, false},
		{"2,000 clusters at GitHub's limit", bigReport(2000, "db"), MarkdownLimit, true, false},
		{"2,000 clusters in 5,000 characters", bigReport(2000, "db"), 5000, true, false},
		{"multibyte names: runes, not bytes", bigReport(2000, "bäse🙂"), MarkdownLimit, true, true},
		{"just the summary and the note", bigReport(50, "db"), 1300, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md := markdownOf(t, tt.r, tt.limit)
			if n := utf8.RuneCountInString(md); n > tt.limit {
				t.Errorf("%d characters, limit %d", n, tt.limit)
			} else if tt.multibyte && len(md) <= tt.limit {
				t.Errorf("%d bytes: the case does not show that characters are counted, not bytes", len(md))
			} else if tt.cut && n < tt.limit-noteReserve-2000 {
				t.Errorf("%d characters: the report does not use the room it has (limit %d)", n, tt.limit)
			}
			if !strings.HasPrefix(md, MarkdownMarker+"\n## daslint: ") {
				t.Errorf("does not start with the marker and the summary:\n%.200s", md)
			}
			note := strings.Contains(md, "**Cut to fit GitHub's limit of 65,536 characters:**")
			if note != tt.cut {
				t.Errorf("note present %v, want %v", note, tt.cut)
			}
			if tt.cut && !strings.Contains(md, fmt.Sprintf(" of %d failing or unknown clusters", tt.r.Summary.Fail)) {
				t.Errorf("the note does not count the clusters left out:\n%s", md[strings.LastIndex(md, "---"):])
			}
			if tt.cut && !strings.Contains(md, "`daslint --format text`") {
				t.Errorf("the note does not say how to get the full report")
			}
			checkWhole(t, md)
		})
	}
}

// checkWhole checks that md has no block cut in the middle: code fences
// pair up and every Mermaid block parses, <details> are closed, every
// table row is whole.
func checkWhole(t *testing.T, md string) {
	t.Helper()
	fence := false
	for _, l := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(l, "```"):
			fence = !fence
		case !fence && strings.HasPrefix(l, "|") && !strings.HasSuffix(l, " |"):
			t.Errorf("cut table row %q", l)
		}
	}
	if fence {
		t.Errorf("a code block is not closed")
	}
	if o, c := strings.Count(md, "<details>"), strings.Count(md, "</details>"); o != c {
		t.Errorf("%d <details>, %d </details>", o, c)
	}
	for _, b := range diagramcheck.MermaidBlocks(md) {
		if err := diagramcheck.Mermaid(b); err != nil {
			t.Errorf("mermaid: %v\n%s", err, b)
		}
	}
	if !strings.HasSuffix(md, "\n") || strings.HasSuffix(md, "\n\n") {
		t.Errorf("does not end with one newline")
	}
}

// TestMarkdownUncutIsComplete: a report that fits is written whole, the
// same whatever the limit above its size.
func TestMarkdownUncutIsComplete(t *testing.T) {
	small := markdownOf(t, fixture(), MarkdownLimit)
	if big := markdownOf(t, fixture(), 10*MarkdownLimit); small != big {
		t.Errorf("the fixture differs under a larger limit:\n%s\n---\n%s", small, big)
	}
	// Every section: the causes, the input problems, each cluster that
	// does not pass.
	for _, want := range []string{"### Causes\n", "### Input problems\n", "### ⚠️ unknown `Database`", "### ❌ fail `aws_rds_cluster.main`", "### ❌ fail `aws_rds_cluster.legacy`"} {
		if !strings.Contains(small, want) {
			t.Errorf("lacks %q", want)
		}
	}
}

// TestMarkdownCausesGrouped: a broken link shared by several clusters,
// whose reason names each cluster's instance and the cluster, is one
// cause that lists them; a link of one cluster is a cause of its own.
func TestMarkdownCausesGrouped(t *testing.T) {
	r := &Report{Version: "0.1.0"}
	for i := range 12 {
		id := fmt.Sprintf("module.db%02d.aws_rds_cluster.this", i)
		c := Cluster{ID: id, Source: "terraform", File: "modules/db/main.tf", Line: 18, Verdict: VerdictFail}
		for j := range 2 {
			for _, s := range []string{"aws_subnet.a", "aws_subnet.b"} {
				in := fmt.Sprintf("module.db%02d.aws_rds_cluster_instance.this[%d]", i, j)
				c.Instances = append(c.Instances, Instance{ID: in, Subnet: s, Verdict: VerdictFail, Broken: map[string]Broken{
					"nat": {Link: "aws_security_group.db egress", File: "network.tf", Line: 18, Status: "false",
						Reason: "aws_security_group.db (the security group of " + id + ") allows no egress", Fix: "add an egress rule"},
					"public": {Link: in + " publicly accessible", File: "modules/db/main.tf", Line: 28, Status: "false",
						Reason: in + " is not publicly accessible"},
				}})
			}
		}
		r.Clusters = append(r.Clusters, c)
	}
	// One more cluster, whose nat path breaks only in one subnet.
	r.Clusters = append(r.Clusters, Cluster{ID: "aws_rds_cluster.other", Source: "terraform", File: "other.tf", Line: 1, Verdict: VerdictFail,
		Instances: []Instance{
			{ID: "aws_rds_cluster_instance.other", Subnet: "aws_subnet.a", Verdict: VerdictPass, Path: str("nat")},
			{ID: "aws_rds_cluster_instance.other", Subnet: "aws_subnet.c", Verdict: VerdictFail, Broken: map[string]Broken{
				"nat": {Link: "aws_route_table.c 0.0.0.0/0", File: "network.tf", Line: 40, Status: "false", Reason: "no default route"},
			}},
		}})
	md := markdownOf(t, r, MarkdownLimit)
	causes := md[strings.Index(md, "### Causes\n\n")+len("### Causes\n\n"):]
	causes, _, _ = strings.Cut(causes, "\n\n")
	want := []string{
		"- ❌ **public** path breaks at `each instance publicly accessible` `modules/db/main.tf:28`: each instance is not publicly accessible<br>" +
			"In 12 clusters: `module.db00.aws_rds_cluster.this`, `module.db01.aws_rds_cluster.this`, `module.db02.aws_rds_cluster.this`, `module.db03.aws_rds_cluster.this`, `module.db04.aws_rds_cluster.this`, " +
			"`module.db05.aws_rds_cluster.this`, `module.db06.aws_rds_cluster.this`, `module.db07.aws_rds_cluster.this`, `module.db08.aws_rds_cluster.this`, `module.db09.aws_rds_cluster.this` and 2 more",
		"- ❌ **nat** path breaks at `aws_security_group.db egress` `network.tf:18`: aws\\_security\\_group.db (the security group of each cluster) allows no egress<br>Fix: add an egress rule<br>" +
			"In 12 clusters: `module.db00.aws_rds_cluster.this`, `module.db01.aws_rds_cluster.this`, `module.db02.aws_rds_cluster.this`, `module.db03.aws_rds_cluster.this`, `module.db04.aws_rds_cluster.this`, " +
			"`module.db05.aws_rds_cluster.this`, `module.db06.aws_rds_cluster.this`, `module.db07.aws_rds_cluster.this`, `module.db08.aws_rds_cluster.this`, `module.db09.aws_rds_cluster.this` and 2 more",
		"- ❌ **nat** path breaks at `aws_route_table.c 0.0.0.0/0` `network.tf:40`: no default route<br>" +
			"In `aws_rds_cluster.other` (`aws_rds_cluster_instance.other` in `aws_subnet.c`)",
	}
	if got := strings.Split(causes, "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("causes\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
