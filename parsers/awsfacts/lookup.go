package awsfacts

import (
	"regexp"
	"strings"
)

// Data source lookups (SPEC §7.2.2): a Terraform data source such as
// `data "aws_subnets"` with `filter { name = "tag:Tier" values = ["db"] }`
// is answered from the facts with the filters applied as the EC2 API
// applies them: the values of one filter are alternatives, all filters
// must hold, and `*` and `?` are wildcards.

// Filter is one EC2 filter.
type Filter struct {
	Name   string
	Values []string
}

// Match is one object a lookup found: its attributes by Terraform name.
type Match map[string]string

// Lookup answers a lookup of kind (Vpcs or Subnets) in the snapshot.
// complete is false when the snapshot has no facts of that kind, or when a
// filter names a field daslint does not read: then nothing can be said.
func (s *Snapshot) Lookup(kind Kind, filters []Filter) (matches []Match, complete bool) {
	if !s.Have(kind) {
		return nil, false
	}
	fields := lookupFields[kind]
	if fields == nil {
		return nil, false
	}
	for _, f := range filters {
		if _, ok := fields[f.Name]; !ok && !strings.HasPrefix(f.Name, "tag:") && f.Name != "tag-key" && f.Name != "tag-value" {
			return nil, false
		}
	}
	for _, item := range s.items[kind] {
		if matchesAll(item, filters, fields) {
			matches = append(matches, attributes(kind, item))
		}
	}
	return matches, true
}

// Region is the snapshot's region as its ARNs give it, or "".
func (s *Snapshot) Region() string { return s.m.Region.Value }

// lookupFields map EC2 filter names to the fields of the output shape
// (EC2 API reference, DescribeVpcs and DescribeSubnets filters).
var lookupFields = map[Kind]map[string][]string{
	Vpcs: {
		"vpc-id": {"VpcId"}, "cidr": {"CidrBlock"}, "is-default": {"IsDefault"}, "state": {"State"},
		"dhcp-options-id": {"DhcpOptionsId"}, "owner-id": {"OwnerId"},
		"cidr-block-association.cidr-block": {"CidrBlockAssociationSet", "CidrBlock"},
	},
	Subnets: {
		"subnet-id": {"SubnetId"}, "vpc-id": {"VpcId"}, "availability-zone": {"AvailabilityZone"},
		"availability-zone-id": {"AvailabilityZoneId"}, "cidr-block": {"CidrBlock"}, "cidr": {"CidrBlock"},
		"cidrBlock": {"CidrBlock"}, "default-for-az": {"DefaultForAz"}, "defaultForAz": {"DefaultForAz"},
		"state": {"State"}, "owner-id": {"OwnerId"}, "subnet-arn": {"SubnetArn"},
		"map-public-ip-on-launch": {"MapPublicIpOnLaunch"},
	},
}

func matchesAll(item node, filters []Filter, fields map[string][]string) bool {
	for _, f := range filters {
		if !matchesOne(values(item, f.Name, fields), f.Values) {
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
	path := fields[name]
	n := item.get(path[0])
	if len(path) == 1 {
		return []string{n.text()}
	}
	var out []string
	for _, x := range n.items() {
		out = append(out, x.get(path[1]).text())
	}
	return out
}

func matchesOne(have, want []string) bool {
	for _, h := range have {
		for _, w := range want {
			if glob(w).MatchString(h) {
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

// attributes are the Terraform attributes of a found object.
func attributes(kind Kind, n node) Match {
	m := Match{}
	set := func(attr, key string) {
		if v := n.get(key).text(); v != "" {
			m[attr] = v
		}
	}
	switch kind {
	case Vpcs:
		set("id", "VpcId")
		set("cidr_block", "CidrBlock")
		set("owner_id", "OwnerId")
		set("dhcp_options_id", "DhcpOptionsId")
		set("default", "IsDefault")
		set("state", "State")
	case Subnets:
		set("id", "SubnetId")
		set("vpc_id", "VpcId")
		set("cidr_block", "CidrBlock")
		set("availability_zone", "AvailabilityZone")
		set("availability_zone_id", "AvailabilityZoneId")
		set("arn", "SubnetArn")
		set("owner_id", "OwnerId")
		set("default_for_az", "DefaultForAz")
		set("state", "State")
	}
	return m
}
