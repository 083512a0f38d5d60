package rules

import (
	"fmt"

	"github.com/daslint/daslint/docs"
)

// Severity is how much a finding matters. The zero value is not a valid
// severity.
type Severity string

// Severities. Off disables a rule.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Off     Severity = "off"
)

// Rule is one check. Rules are values: the runner never modifies them.
type Rule struct {
	// ID is stable and never reused ("DAS001").
	ID string
	// Name is a short kebab-case name ("kms-unreachable").
	Name string
	// Title is a one-line summary.
	Title string
	// Description is a short paragraph: what the rule reports and why it
	// matters (SARIF fullDescription, `daslint rules`).
	Description string
	// Tags classify the rule for code-scanning tools ("security" makes
	// GitHub treat it as a security rule and read SecuritySeverity).
	Tags []string
	// SecuritySeverity is a CVSS-like score from 0.1 to 10 that GitHub code
	// scanning maps to critical (>= 9), high (>= 7), medium (>= 4) or low.
	SecuritySeverity float64
	// Precision says how often the rule's findings are right, as GitHub
	// code scanning grades it (very-high, high, medium, low) and orders
	// alerts by.
	Precision string
	// Severity is the default severity of the rule's findings.
	Severity Severity
	// Doc is the rule's markdown page (docs/rules/<ID>.md).
	Doc string
	// Since is the daslint version that introduced the rule ("0.1.0").
	Since string
	// Sources are the AWS documentation pages the rule rests on; its page
	// cites each of them.
	Sources []Source
	// Check inspects one model and reports findings through the pass.
	Check func(*Pass)
}

// Source is a page of documentation that a rule rests on.
type Source struct {
	Title string
	URL   string
}

// networkSources are the pages the KMS path of DAS001 and DAS002 rests on.
func networkSources() []Source {
	return []Source{
		{"Amazon Aurora User Guide: Network prerequisites for database activity streams", "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/DBActivityStreams.Prereqs.html"},
		{"Amazon Aurora User Guide: Working with a DB cluster in a VPC", "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html"},
		{"AWS KMS Developer Guide: Create a VPC endpoint for AWS KMS", "https://docs.aws.amazon.com/kms/latest/developerguide/vpce-create-endpoint.html"},
		{"Amazon VPC User Guide: Subnet route tables", "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-route-tables.html"},
		{"Amazon VPC User Guide: NAT gateways", "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html"},
		{"Amazon VPC User Guide: Network ACLs", "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html"},
		{"Amazon VPC User Guide: DNS attributes for your VPC", "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html"},
		{"Amazon VPC User Guide: Security groups", "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html"},
	}
}

// All returns the rules daslint runs, in ID order.
func All() []*Rule {
	return []*Rule{DAS001(), DAS002(), DAS101(), DAS102(), DAS103(), DAS104(), DAS105()}
}

// ByID returns the rule with the given ID from All.
func ByID(id string) (*Rule, error) {
	for _, r := range All() {
		if r.ID == id {
			return r, nil
		}
	}
	return nil, fmt.Errorf("unknown rule %q", id)
}

// mustDoc returns the embedded page of a built-in rule. The pages are part
// of the binary, so a missing one is a build mistake that the tests catch;
// it still yields a placeholder rather than a panic.
func mustDoc(id string) string {
	doc, err := docs.Rule(id)
	if err != nil {
		return "# " + id + "\n\n(documentation missing)\n"
	}
	return doc
}
