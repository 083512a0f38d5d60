package rules

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

// DAS104 reports a passing cluster whose path to KMS depends on another
// zone: an instance's subnet routes to a NAT gateway in another zone, or
// the active KMS endpoint has no subnet in the instance's zone. One zone's
// failure then stops the stream for instances in the zones that are up.
func DAS104() *Rule {
	return &Rule{
		ID:    "DAS104",
		Name:  "kms-path-not-zone-resilient",
		Title: "Aurora activity stream path to AWS KMS depends on another availability zone",
		Description: "An Aurora DB cluster with a Database Activity Stream reaches AWS KMS, but from some zone of its DB subnet " +
			"group only through another zone: its subnets route to a NAT gateway in another zone (a single NAT gateway for " +
			"the VPC), or the KMS interface endpoint has no subnet in that zone. When the other zone fails, the instances " +
			"in the zones that are still up lose KMS, and the stream stops.",
		Tags: []string{"reliability", "aws", "aurora", "database-activity-streams", "kms", "network"},
		// High: the zones and the gateway or endpoint serving each
		// placement are read from the code; only known zones are compared.
		Precision: "high",
		Severity:  Warning,
		Doc:       mustDoc("DAS104"),
		Since:     "0.2.0",
		Sources: []Source{
			{"Amazon VPC User Guide: NAT gateway basics", "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html"},
			{"Amazon VPC User Guide: Regional NAT gateways for automatic multi-AZ expansion", "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html"},
			{"AWS PrivateLink Guide: Access an AWS service using an interface VPC endpoint", "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html"},
			{"AWS KMS Developer Guide: Create a VPC endpoint for AWS KMS", "https://docs.aws.amazon.com/kms/latest/developerguide/vpce-create-endpoint.html"},
			{"Amazon Aurora User Guide: Network prerequisites for database activity streams", "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/DBActivityStreams.Prereqs.html"},
		},
		Check: checkDAS104,
	}
}

// zoneDependency is one gateway or endpoint that subnets of other zones
// depend on.
type zoneDependency struct {
	// via is the NAT gateway or endpoint.
	via network.Link
	// what says how the subnets depend on it.
	what    string
	subnets []string
	fix     string
	cause   string
}

// checkDAS104 looks only at clusters that pass: a broken path is DAS001's
// business, an unknown one DAS002's.
func checkDAS104(p *Pass) {
	for i := range p.Clusters {
		c := &p.Clusters[i]
		if c.Cluster == nil || c.Verdict != model.True {
			continue
		}
		deps := zoneDependencies(c)
		if len(deps) == 0 {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "DAS104: the path from %s to AWS KMS is not zone-resilient", c.Cluster.Address)
		var related []network.Link
		var fixes, causes []string
		for _, d := range deps {
			fmt.Fprintf(&b, "; from %s, %s (%s)", strings.Join(d.subnets, ", "), d.what, at(d.via.Range))
			related = append(related, d.via)
			fixes = append(fixes, d.fix)
			causes = append(causes, d.cause)
		}
		b.WriteString("; when the zone the traffic crosses to fails, the stream stops although the instances in the other zones still run")
		p.Report(clusterFinding(p.Model.Source, c, b.String(), remediation(fixes, ""), related, causes))
	}
}

// zoneDependencies groups the passing placements of c that depend on
// another zone by the gateway or endpoint they depend on, in the order
// they are first met.
func zoneDependencies(c *network.ClusterResult) []*zoneDependency {
	var out []*zoneDependency
	index := map[string]*zoneDependency{}
	seen := map[string]bool{}
	add := func(key string, make func() *zoneDependency, subnet string) {
		d := index[key]
		if d == nil {
			d = make()
			index[key] = d
			out = append(out, d)
		}
		if !seen[key+"\x00"+subnet] {
			seen[key+"\x00"+subnet] = true
			d.subnets = append(d.subnets, subnet)
		}
	}
	for _, ir := range c.Instances {
		s := ir.Serving
		if ir.Verdict != model.True || s == nil || s.Subnet == nil {
			continue
		}
		switch {
		case s.NATGateway != nil && s.NATSubnet != nil:
			if model.SameZone(s.Subnet.AvailabilityZone, s.NATSubnet.AvailabilityZone) != model.False {
				continue
			}
			n, ns := s.NATGateway, s.NATSubnet
			add("nat\x00"+n.Address, func() *zoneDependency {
				return &zoneDependency{
					via:   network.Link{Address: n.Address, Text: n.Address, Range: n.Range, From: n.From},
					what:  fmt.Sprintf("KMS traffic crosses to NAT gateway %s in %s%s, another zone", n.Address, ns.Address, zoneSuffix(ns.AvailabilityZone)),
					fix:   fmt.Sprintf("Instead of %s alone, give every zone of the DB subnet group a NAT gateway of its own and route each zone's subnets to the one in the same zone (terraform-aws-modules/vpc: one_nat_gateway_per_az = true instead of single_nat_gateway), or use a regional NAT gateway", n.Address),
					cause: cause("nat", n.Address),
				}
			}, s.Subnet.Address+zoneSuffix(s.Subnet.AvailabilityZone))
		case s.Endpoint != nil && !s.EndpointSubnetsUnknown:
			if endpointInZone(s) != model.False {
				continue
			}
			e := s.Endpoint
			add("endpoint\x00"+e.Address, func() *zoneDependency {
				return &zoneDependency{
					via:   network.Link{Address: e.Address, Text: e.Address, Range: e.Range, From: e.From},
					what:  fmt.Sprintf("KMS traffic crosses to KMS endpoint %s in another zone: the endpoint has no subnet in this one", e.Address),
					fix:   fmt.Sprintf("Add a subnet in each zone of the DB subnet group to %s (subnet_ids, SubnetIds)", e.Address),
					cause: cause("endpoint", e.Address),
				}
			}, s.Subnet.Address+zoneSuffix(s.Subnet.AvailabilityZone))
		}
	}
	return out
}

// endpointInZone says whether the endpoint has a subnet in the zone of the
// instance's subnet.
func endpointInZone(s *network.Serving) model.Tri {
	in := model.False
	for _, es := range s.EndpointSubnets {
		in = in.Or(model.SameZone(s.Subnet.AvailabilityZone, es.AvailabilityZone))
	}
	return in
}

// zoneSuffix names a zone after a subnet, " (eu-west-1a)", or as the code
// writes a zone known only by its position in a zone list; a zone built
// around another token is not named.
func zoneSuffix(z model.Str) string {
	if !z.Known() {
		return ""
	}
	text := model.ZoneText(z.Value)
	if !knownPart(text) {
		return ""
	}
	return " (" + text + ")"
}
