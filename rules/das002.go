package rules

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

// DAS002 reports a cluster whose verdict is unknown: its path to KMS
// depends on facts that cannot be resolved offline.
func DAS002() *Rule {
	return &Rule{
		ID:    "DAS002",
		Name:  "kms-reachability-unknown",
		Title: "Aurora activity stream path to AWS KMS cannot be verified",
		Description: "An Aurora DB cluster with a Database Activity Stream has a path to AWS KMS that cannot be proven or " +
			"refuted offline: it depends on values the scanned code does not give (variables, data sources, imports, " +
			"remote modules, literal IDs, routes that leave the VPC). The finding lists each unresolved value, where it " +
			"comes from and where it is used.",
		Tags: []string{"security", "aws", "aurora", "database-activity-streams", "kms", "network"},
		// Medium: the same loss of the audit trail as DAS001 is possible
		// but not established.
		SecuritySeverity: 4.0,
		// Medium: that the path cannot be verified is always so, but
		// whether the stream is then cut off is not known.
		Precision: "medium",
		Severity:  Warning,
		Doc:       mustDoc("DAS002"),
		Since:     "0.1.0",
		Sources:   networkSources(),
		Check:     checkDAS002,
	}
}

// maxListed caps the unknowns a message spells out; the JSON report keeps
// them all.
const maxListed = 8

func checkDAS002(p *Pass) {
	for i := range p.Clusters {
		c := &p.Clusters[i]
		if c.Verdict != model.Unknown {
			continue
		}
		if c.Unattached() {
			p.Report(unattachedStream(c, p.Model.Source))
			continue
		}
		if c.Cluster == nil {
			continue
		}
		unknowns := allUnknowns(c)
		var b strings.Builder
		fmt.Fprintf(&b, "DAS002: the path from %s to AWS KMS cannot be verified offline", c.Cluster.Address)
		var related []network.Link
		var fixes, causes []string
		for _, ir := range c.Instances {
			if ir.Verdict != model.Unknown {
				continue
			}
			if path, br := primaryBroken(ir); br != nil && br.Status == model.Unknown {
				related = append(related, br.Link)
				causes = append(causes, cause(string(path), br.Address, br.Text, br.Reason))
				fmt.Fprintf(&b, "; %s: %s path unknown at %s (%s): %s", placement(ir).String(), path, br.Text, at(br.Range), br.Reason)
			}
			fixes = append(fixes, ir.Fix)
		}
		for n, u := range unknowns {
			if n == maxListed {
				fmt.Fprintf(&b, "; and %s", count(len(unknowns)-maxListed, "more unresolved value", "more unresolved values"))
				break
			}
			fmt.Fprintf(&b, "; %s", describeUnknown(u))
		}
		if len(unknowns) == 0 && len(related) == 0 {
			b.WriteString(" (the analysis recorded no reason)")
		}
		for _, u := range unknowns {
			fixes = append(fixes, cmp.Or(u.Fix, adviceFor(u.Kind)))
			if u.Unresolved != nil {
				causes = append(causes, cause(u.Subject, string(u.Kind), u.Reason))
			} else {
				causes = append(causes, cause(u.Subject))
			}
		}
		f := clusterFinding(p.Model.Source, c, b.String(),
			remediation(fixes, "Make the network that the cluster uses visible to daslint (see docs/rules/DAS002.md)."),
			related, causes)
		f.Unknowns = unknowns
		p.Report(f)
	}
}

// describeUnknown says what is unknown, where it comes from and where it is
// used.
func describeUnknown(u network.Unknown) string {
	var b strings.Builder
	if u.Unresolved != nil {
		fmt.Fprintf(&b, "%s (%s, %s)", u.Reason, u.Kind, at(u.Range))
	} else {
		b.WriteString("unresolved value")
	}
	if u.Used.File != "" && (u.Unresolved == nil || u.Used != u.Range) {
		fmt.Fprintf(&b, ", used at %s", at(u.Used))
	}
	return b.String()
}

// adviceFor says what a user can supply for each kind of unknown.
func adviceFor(k model.UnknownKind) string {
	switch k {
	case model.FromVariable:
		return "Give the variables a value (--var, --var-file, terraform.tfvars) or the parameters (--parameters)."
	case model.FromDataSource:
		return "Scan the code that declares the resources the data sources read, and reference them directly."
	case model.FromImport:
		return "Scan the stack that exports the imported values, or pass them as parameters."
	case model.FromModule:
		return "Run `terraform init` so that remote modules are vendored under .terraform/modules, or make nested stack templates local."
	case model.FromCondition:
		return "Give count, for_each and conditions known values (--var, --parameters)."
	case model.FromExternal:
		return "Scan the code that declares the resources named by literal IDs, or reference them instead of hard-coding IDs."
	case model.FromTarget:
		return "A route sends traffic outside the scanned network (transit gateway, VPN, appliance): verify egress to KMS there, or add a KMS interface endpoint."
	case model.FromPolicy:
		return "Check that the KMS endpoint policy allows kms:GenerateDataKey and kms:Decrypt on the stream's key without a Deny or a condition that stops them, or remove the policy to use the full-access default."
	case model.FromDefault:
		return "Set PubliclyAccessible explicitly on each AWS::RDS::DBInstance."
	case model.FromInput:
		return "Fix the file that does not parse, or supply the one that is missing or outside the read boundary (see the input problems); what it holds is missing from the analysis."
	case model.FromLimit:
		return "Stay within daslint's limits (10,000 instances per count or for_each; --max-file-size per file), or raise --max-file-size."
	case model.FromComputed, model.FromExpression:
		return "Replace values known only after apply by literal values or references daslint can follow."
	default:
		return ""
	}
}

// allUnknowns returns the cluster's and its instances' unknowns, without
// duplicates, in a stable order (cluster first, then instance order).
func allUnknowns(c *network.ClusterResult) []network.Unknown {
	var out []network.Unknown
	seen := map[string]bool{}
	add := func(us []network.Unknown) {
		for _, u := range us {
			key := u.Subject + "\x00" + at(u.Used)
			if u.Unresolved != nil {
				key += "\x00" + u.Reason + "\x00" + at(u.Range)
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, u)
		}
	}
	add(c.Unknowns)
	for _, ir := range c.Instances {
		add(ir.Unknowns)
	}
	return out
}

// count writes n with the singular or plural noun.
func count(n int, singular, plural string) string {
	if n == 1 {
		return "1 " + singular
	}
	return fmt.Sprintf("%d %s", n, plural)
}
