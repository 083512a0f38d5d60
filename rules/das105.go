package rules

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

// DAS105 reports a cluster whose VPC's active KMS endpoint has a policy
// that certainly stops the activity stream's KMS calls. DAS001 reports the
// same break as part of the path; DAS105 names the policy on its own, so
// that it stays visible when DAS001 is baselined or suppressed for another
// reason, and can be turned off by itself.
func DAS105() *Rule {
	return &Rule{
		ID:    "DAS105",
		Name:  "kms-endpoint-policy-blocks-stream",
		Title: "The KMS endpoint's policy blocks the activity stream's KMS calls",
		Description: "The VPC of an Aurora DB cluster with a Database Activity Stream has an active AWS KMS interface endpoint, " +
			"which takes over the KMS name for the whole VPC, and that endpoint's policy cannot allow kms:GenerateDataKey or " +
			"kms:Decrypt on the stream's key: no statement allows the call, or the ones that do are for other keys. The stream's " +
			"KMS calls are refused and the stream stops.",
		Tags: []string{"reliability", "aws", "aurora", "database-activity-streams", "kms", "network"},
		// High: a policy that allows neither action, or only other keys, is
		// read from the code; what the code does not show (a policy set by
		// hand later) can still differ.
		Precision: "high",
		Severity:  Warning,
		Doc:       mustDoc("DAS105"),
		Since:     "0.2.0",
		Sources: []Source{
			{"Amazon Aurora User Guide: Overview of Database Activity Streams", "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/DBActivityStreams.Overview.html"},
			{"Amazon Aurora User Guide: Network prerequisites for Aurora MySQL database activity streams", "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/DBActivityStreams.Prereqs.html"},
			{"Amazon RDS API Reference: StartActivityStream", "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_StartActivityStream.html"},
			{"AWS KMS Developer Guide: Connecting to AWS KMS through a VPC endpoint", "https://docs.aws.amazon.com/kms/latest/developerguide/kms-vpc-endpoint.html"},
			{"AWS PrivateLink Guide: Control access to VPC endpoints using endpoint policies", "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html"},
			{"IAM User Guide: Policy evaluation logic", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"},
		},
		Check: checkDAS105,
	}
}

func checkDAS105(p *Pass) {
	for i := range p.Clusters {
		c := &p.Clusters[i]
		if c.Cluster == nil {
			continue
		}
		blocking := blockingPolicies(c)
		if len(blocking) == 0 {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "DAS105: the KMS endpoint policy blocks the activity stream of %s", c.Cluster.Address)
		var related []network.Link
		var causes, fixes []string
		for _, ep := range blocking {
			fmt.Fprintf(&b, "; %s", ep.Reason)
			related = append(related, ep.Policy)
			causes = append(causes, cause("endpoint policy", ep.Endpoint, ep.Policy.Address, ep.Reason))
			fixes = append(fixes, ep.Fix)
		}
		p.Report(clusterFinding(p.Model.Source, c, b.String(),
			remediation(fixes, "Allow kms:GenerateDataKey and kms:Decrypt on the stream's key in the KMS endpoint's policy (see docs/rules/DAS105.md)."),
			related, causes))
	}
}

// blockingPolicies are the policies, of KMS endpoints certainly active in
// the VPC of some instance of c, that certainly stop the stream's KMS
// calls, once each, in the order the instances meet them.
func blockingPolicies(c *network.ClusterResult) []network.EndpointPolicy {
	var out []network.EndpointPolicy
	seen := map[string]bool{}
	for _, ir := range c.Instances {
		for _, ep := range ir.EndpointPolicies {
			k := ep.Endpoint + "\x00" + ep.Policy.Address
			if ep.Status != model.False || seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, ep)
		}
	}
	return out
}
