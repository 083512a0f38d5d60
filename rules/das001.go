package rules

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

// DAS001 reports a cluster whose verdict is fail: some instance, in some
// candidate subnet, certainly has no path to KMS.
func DAS001() *Rule {
	return &Rule{
		ID:    "DAS001",
		Name:  "kms-unreachable",
		Title: "Aurora activity stream cannot reach AWS KMS",
		Description: "An Aurora DB cluster with a Database Activity Stream has a DB instance, in a subnet it can be placed in, " +
			"with no network path to the regional AWS KMS endpoint (internet gateway, public NAT gateway or an active KMS " +
			"interface endpoint). The stream needs KMS to encrypt the activity records: it fails to start or stops, and the " +
			"audit trail is lost.",
		Tags: []string{"security", "aws", "aurora", "database-activity-streams", "kms", "network"},
		// High, not critical: nothing is exposed, but a detective control
		// (the database audit trail) silently stops working.
		SecuritySeverity: 7.5,
		// High, not very high: a fail is proven from the code, but a route
		// or endpoint made outside it (by hand, or in a stack daslint does
		// not read) can give the path the code does not show.
		Precision: "high",
		Severity:  Error,
		Doc:       mustDoc("DAS001"),
		Since:     "0.1.0",
		Sources:   networkSources(),
		Check:     checkDAS001,
	}
}

func checkDAS001(p *Pass) {
	for i := range p.Clusters {
		c := &p.Clusters[i]
		if c.Verdict != model.False || c.Cluster == nil {
			continue
		}
		groups, related, fixes := failureGroups(c)
		var causes []string
		for _, g := range groups {
			causes = append(causes, g.cause)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "DAS001: %s cannot reach AWS KMS", c.Cluster.Address)
		for _, g := range groups {
			fmt.Fprintf(&b, "; from %s: %s", compactPlacements(g.where), g.what)
		}
		if len(groups) == 0 {
			b.WriteString(" (the analysis recorded no broken link)")
		}
		f := clusterFinding(p.Model.Source, c, b.String(),
			remediation(fixes, "Give every instance of the cluster a path to KMS: a public NAT gateway route or an active KMS interface endpoint (see docs/rules/DAS001.md)."),
			related, causes)
		f.Unknowns = allUnknowns(c)
		p.Report(f)
	}
}

// failureGroup is one broken link and the instance placements it breaks.
type failureGroup struct {
	what  string
	where []placed
	// cause is the broken link without its position, for the fingerprint.
	cause string
}

// failureGroups groups the failing placements of c by their first broken
// link, so that three instances in three subnets behind one route table
// read as one sentence.
func failureGroups(c *network.ClusterResult) (groups []*failureGroup, related []network.Link, fixes []string) {
	index := map[string]*failureGroup{}
	for _, ir := range c.Instances {
		if ir.Verdict != model.False {
			continue
		}
		path, br := primaryBroken(ir)
		what := "no path to KMS (no broken link recorded)"
		cs := cause("no broken link")
		if br != nil {
			what = fmt.Sprintf("%s path broken at %s (%s): %s", path, br.Text, at(br.Range), br.Reason)
			cs = cause(string(path), br.Address, br.Text, br.Reason)
		}
		g := index[what]
		if g == nil {
			g = &failureGroup{what: what, cause: cs}
			index[what] = g
			groups = append(groups, g)
			if br != nil {
				related = append(related, br.Link)
			}
		}
		g.where = append(g.where, placement(ir))
		fixes = append(fixes, fixOf(ir, br))
	}
	return groups, related, fixes
}

// primaryBroken returns the broken link that explains an instance's
// verdict: the one on the path the code was evidently built for, as the
// analysis chose it (network.InstanceResult.Primary).
func primaryBroken(ir network.InstanceResult) (network.Path, *network.Broken) {
	return ir.Primary, ir.Broken[ir.Primary]
}

// placed is an instance in a candidate subnet, as a message names them:
// where is "in <subnet>", "in any subnet of <vpc>", "in an unknown subnet"
// or empty.
type placed struct{ instance, where string }

// placement names an instance in a candidate subnet.
func placement(ir network.InstanceResult) placed {
	inst := ir.Instance
	if ir.Assumed {
		inst = "an assumed instance"
	}
	switch {
	case ir.Subnet != "":
		return placed{inst, ir.Subnet}
	case ir.AnySubnet != nil && ir.AnySubnet.VPC != "":
		return placed{inst, "any subnet of " + ir.AnySubnet.VPC}
	case ir.AnySubnet != nil:
		return placed{inst, "an unknown subnet"}
	default:
		return placed{inst, ""}
	}
}

// String names one placement: "a in x", or the instance alone.
func (p placed) String() string {
	if p.where == "" {
		return p.instance
	}
	return p.instance + " in " + p.where
}

// compactPlacements names placements without repeating an instance list
// per subnet: the subnets that hold the same instances are named once
// after them ("a, b in x, y"); groups keep the order of their first
// placement and are separated by semicolons.
func compactPlacements(ps []placed) string {
	var wheres []string
	instances := map[string][]string{}
	seen := map[placed]bool{}
	for _, p := range ps {
		if seen[p] {
			continue
		}
		seen[p] = true
		if _, ok := instances[p.where]; !ok {
			wheres = append(wheres, p.where)
		}
		instances[p.where] = append(instances[p.where], p.instance)
	}
	var groups []placed
	index := map[string]int{}
	for _, w := range wheres {
		list := strings.Join(instances[w], ", ")
		key := list
		if w == "" {
			key = "\x00" + list // instances without a subnet are named alone
		}
		if i, ok := index[key]; ok {
			groups[i].where += ", " + w
			continue
		}
		index[key] = len(groups)
		groups = append(groups, placed{list, w})
	}
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = g.String()
	}
	return strings.Join(parts, "; ")
}

func fixOf(ir network.InstanceResult, br *network.Broken) string {
	if ir.Fix != "" {
		return ir.Fix
	}
	if br != nil {
		return br.Fix
	}
	return ""
}

// remediation joins the distinct fixes in order, as sentences, or returns
// fallback.
func remediation(fixes []string, fallback string) string {
	var out []string
	seen := map[string]bool{}
	for _, f := range fixes {
		f = strings.TrimSpace(f)
		if f == "" || seen[f] {
			continue
		}
		seen[f] = true
		if !strings.HasSuffix(f, ".") {
			f += "."
		}
		f = capitalize(f)
		out = append(out, f)
	}
	if len(out) == 0 {
		return fallback
	}
	return strings.Join(out, " ")
}

// capitalize starts a sentence with a capital letter, unless its first
// word is an identifier (aws_route_table.private, sg-0abc), which must
// keep its spelling.
func capitalize(s string) string {
	word, _, _ := strings.Cut(s, " ")
	if strings.ContainsAny(word, "._-:/[\"") {
		return s
	}
	if c := s[0]; c >= 'a' && c <= 'z' {
		return string(c-'a'+'A') + s[1:]
	}
	return s
}

// at formats a range as file:line, the way messages cite sources.
func at(r model.Range) string {
	switch {
	case r.File == "":
		return "unknown position"
	case r.Line == 0:
		return r.File
	default:
		return fmt.Sprintf("%s:%d", r.File, r.Line)
	}
}
