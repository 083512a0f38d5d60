package awsfacts

import (
	"regexp"
	"strings"
	"sync"
)

// Data source lookups (docs/semantics.md#data-sources-answered-by-other-sources): a Terraform data source such as
// `data "aws_subnets"` with `filter { name = "tag:Tier" values = ["db"] }`
// is answered from the facts with the filters applied as the EC2 API
// applies them: the values of one filter are alternatives, all filters
// must hold, and `*` and `?` are wildcards. The RDS data sources name
// their object instead (a DB subnet group's name, a cluster's identifier
// or ARN); they are asked here as filters too, which match exactly.

// Filter is one EC2 filter.
type Filter struct {
	Name   string
	Values []string
}

// Match is one object a lookup found: its attributes by Terraform name,
// each a string, a bool, a []string, or a []Match for a nested block (a
// route table's associations, an internet gateway's attachments). An
// attribute the facts do not hold is absent.
type Match map[string]any

// ID is the object's id attribute, or "".
func (m Match) ID() string {
	s, _ := m["id"].(string)
	return s
}

// Lookup answers a lookup of kind in the snapshot. complete is false when
// the snapshot has no facts of that kind, or when a filter names a field
// daslint does not read: then nothing can be said.
func (s *Snapshot) Lookup(kind Kind, filters []Filter) (matches []Match, complete bool) {
	if !s.Have(kind) {
		return nil, false
	}
	fields := lookupFields()[kind]
	if fields == nil {
		return nil, false
	}
	for _, f := range filters {
		if !knownFilter(kind, f.Name, fields) {
			return nil, false
		}
	}
	patterns := make([][]*regexp.Regexp, len(filters))
	for i, f := range filters {
		for _, v := range f.Values {
			patterns[i] = append(patterns[i], glob(v))
		}
	}
	for _, item := range s.items[kind] {
		if matchesAll(item, filters, patterns, fields) {
			matches = append(matches, attributes(kind, item))
		}
	}
	return matches, true
}

// UnreadFilter is the name of the first filter of a lookup of kind that
// names a field daslint does not read, or "".
func UnreadFilter(kind Kind, filters []Filter) string {
	for _, f := range filters {
		if !knownFilter(kind, f.Name, lookupFields()[kind]) {
			return f.Name
		}
	}
	return ""
}

// knownFilter says whether daslint reads the field a filter names. The
// RDS kinds have no tags in their output, so no tag filters either.
func knownFilter(kind Kind, name string, fields map[string][]string) bool {
	if _, ok := fields[name]; ok {
		return true
	}
	if kind == DBSubnetGroups || kind == DBClusters {
		return false
	}
	return strings.HasPrefix(name, "tag:") || name == "tag-key" || name == "tag-value"
}

// Region is the snapshot's region as its ARNs give it, or "".
func (s *Snapshot) Region() string { return s.m.Region.Value }

// lookupFields map the filter names of each Describe call (EC2 API
// reference, the Filter parameter of DescribeVpcs, DescribeSubnets, …) to
// the fields of its output shape, as dotted paths; a filter whose field
// holds a list matches when any element does, and a name with several
// paths reads all of them. DBSubnetGroupName and DBClusterIdentifier are
// the RDS calls' own parameters.
var lookupFields = sync.OnceValue(func() map[Kind]map[string][]string {
	return map[Kind]map[string][]string{
		Vpcs: {
			"vpc-id": {"VpcId"}, "cidr": {"CidrBlock"}, "is-default": {"IsDefault"}, "state": {"State"},
			"dhcp-options-id": {"DhcpOptionsId"}, "owner-id": {"OwnerId"},
			"cidr-block-association.cidr-block":     {"CidrBlockAssociationSet.CidrBlock"},
			"cidr-block-association.association-id": {"CidrBlockAssociationSet.AssociationId"},
			"cidr-block-association.state":          {"CidrBlockAssociationSet.CidrBlockState.State"},
		},
		Subnets: {
			"subnet-id": {"SubnetId"}, "vpc-id": {"VpcId"}, "availability-zone": {"AvailabilityZone"},
			"availability-zone-id": {"AvailabilityZoneId"}, "cidr-block": {"CidrBlock"}, "cidr": {"CidrBlock"},
			"cidrBlock": {"CidrBlock"}, "default-for-az": {"DefaultForAz"}, "defaultForAz": {"DefaultForAz"},
			"state": {"State"}, "owner-id": {"OwnerId"}, "subnet-arn": {"SubnetArn"},
			"map-public-ip-on-launch": {"MapPublicIpOnLaunch"},
		},
		SecurityGroups: {
			"group-id": {"GroupId"}, "group-name": {"GroupName"}, "vpc-id": {"VpcId"},
			"description": {"Description"}, "owner-id": {"OwnerId"},
		},
		RouteTables: {
			"route-table-id": {"RouteTableId"}, "vpc-id": {"VpcId"}, "owner-id": {"OwnerId"},
			"association.subnet-id":                  {"Associations.SubnetId"},
			"association.gateway-id":                 {"Associations.GatewayId"},
			"association.main":                       {"Associations.Main"},
			"association.route-table-association-id": {"Associations.RouteTableAssociationId"},
			"association.route-table-id":             {"Associations.RouteTableId"},
			"route.destination-cidr-block":           {"Routes.DestinationCidrBlock"},
			"route.destination-prefix-list-id":       {"Routes.DestinationPrefixListId"},
			"route.gateway-id":                       {"Routes.GatewayId"},
			"route.nat-gateway-id":                   {"Routes.NatGatewayId"},
			"route.transit-gateway-id":               {"Routes.TransitGatewayId"},
			"route.vpc-peering-connection-id":        {"Routes.VpcPeeringConnectionId"},
			"route.state":                            {"Routes.State"},
		},
		InternetGateways: {
			"internet-gateway-id": {"InternetGatewayId"}, "owner-id": {"OwnerId"},
			"attachment.vpc-id": {"Attachments.VpcId"}, "attachment.state": {"Attachments.State"},
		},
		NatGateways: {
			"nat-gateway-id": {"NatGatewayId"}, "subnet-id": {"SubnetId"}, "vpc-id": {"VpcId"}, "state": {"State"},
		},
		VpcEndpoints: {
			"vpc-endpoint-id": {"VpcEndpointId"}, "vpc-id": {"VpcId"}, "service-name": {"ServiceName"},
			"vpc-endpoint-state": {"State"}, "vpc-endpoint-type": {"VpcEndpointType"},
			"ip-address-type": {"IpAddressType"},
		},
		NetworkAcls: {
			"network-acl-id": {"NetworkAclId"}, "vpc-id": {"VpcId"}, "default": {"IsDefault"}, "owner-id": {"OwnerId"},
			"association.subnet-id":      {"Associations.SubnetId"},
			"association.network-acl-id": {"Associations.NetworkAclId"},
			"association.association-id": {"Associations.NetworkAclAssociationId"},
		},
		PrefixLists: {
			"prefix-list-id": {"PrefixListId"}, "prefix-list-name": {"PrefixListName"}, "owner-id": {"OwnerId"},
		},
		DBSubnetGroups: {"DBSubnetGroupName": {"DBSubnetGroupName"}},
		// The provider's aws_rds_cluster takes an identifier or an ARN and
		// keeps only the cluster whose identifier or ARN is exactly that.
		DBClusters: {"DBClusterIdentifier": {"DBClusterIdentifier", "DBClusterArn"}},
	}
})

// matchesAll says whether item passes every filter; patterns are the
// filters' values, compiled.
func matchesAll(item node, filters []Filter, patterns [][]*regexp.Regexp, fields map[string][]string) bool {
	for i, f := range filters {
		if !matchesOne(values(item, f.Name, fields), patterns[i]) {
			return false
		}
	}
	return true
}

// values are the values of the field a filter names.
func values(item node, name string, fields map[string][]string) []string {
	tags := item.get("Tags").items()
	switch {
	case strings.HasPrefix(name, "tag:"):
		var out []string
		for _, t := range tags {
			if t.get("Key").text() == strings.TrimPrefix(name, "tag:") {
				out = append(out, t.get("Value").text())
			}
		}
		return out
	case name == "tag-key" || name == "tag-value":
		var out []string
		for _, t := range tags {
			out = append(out, t.get(map[bool]string{true: "Key", false: "Value"}[name == "tag-key"]).text())
		}
		return out
	}
	var out []string
	for _, p := range fields[name] {
		out = collect(item, strings.Split(p, "."), out)
	}
	return out
}

// collect appends the scalars at path below n, walking into every element
// of the lists it meets.
func collect(n node, path []string, out []string) []string {
	if items := n.items(); items != nil {
		for _, x := range items {
			out = collect(x, path, out)
		}
		return out
	}
	if len(path) == 0 {
		if n.isScalar() {
			out = append(out, n.text())
		}
		return out
	}
	return collect(n.get(path[0]), path[1:], out)
}

func matchesOne(have []string, want []*regexp.Regexp) bool {
	for _, h := range have {
		for _, w := range want {
			if w.MatchString(h) {
				return true
			}
		}
	}
	return false
}

// glob compiles an EC2 filter value: `*` matches any run of characters,
// `?` one character.
func glob(w string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for _, r := range w {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}
