package parsers

import (
	"fmt"
	"strings"
	"sync"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/parsers/awsfacts"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// Data source lookups against AWS facts (docs/semantics.md#data-sources-answered-by-other-sources): the data sources
// below are answered from the facts snapshots of the run, with their
// arguments turned into the filters the AWS provider (5.x) sends. What
// they return are real IDs, which joinFacts then resolves like any
// literal ID.

// dataSpec says how one data source type is asked.
type dataSpec struct {
	kind awsfacts.Kind
	// args map arguments to the filters the provider builds from them.
	args map[string]string
	// tags is true when the tags argument filters by tag:Key (it is only
	// an output of the prefix list and RDS data sources).
	tags bool
	// lists name, for a plural data source, each list attribute and the
	// attribute of every match it collects; nil for a singular one, which
	// the provider fails when nothing, or more than one object, matches.
	lists map[string]string
}

// dataSpecs are the supported data sources (docs/semantics.md#data-sources-answered-by-other-sources).
var dataSpecs = sync.OnceValue(func() map[string]dataSpec {
	return map[string]dataSpec{
		"aws_vpc": {kind: awsfacts.Vpcs, tags: true, args: map[string]string{"id": "vpc-id", "cidr_block": "cidr",
			"default": "is-default", "dhcp_options_id": "dhcp-options-id", "state": "state"}},
		"aws_subnet": {kind: awsfacts.Subnets, tags: true, args: map[string]string{"id": "subnet-id", "vpc_id": "vpc-id",
			"availability_zone": "availability-zone", "availability_zone_id": "availability-zone-id",
			"cidr_block": "cidr-block", "default_for_az": "default-for-az", "state": "state"}},
		"aws_subnets": {kind: awsfacts.Subnets, tags: true, lists: map[string]string{"ids": "id"}},
		"aws_security_group": {kind: awsfacts.SecurityGroups, tags: true, args: map[string]string{"id": "group-id",
			"name": "group-name", "vpc_id": "vpc-id"}},
		"aws_security_groups": {kind: awsfacts.SecurityGroups, tags: true,
			lists: map[string]string{"ids": "id", "vpc_ids": "vpc_id", "arns": "arn"}},
		"aws_route_table": {kind: awsfacts.RouteTables, tags: true, args: map[string]string{"route_table_id": "route-table-id",
			"vpc_id": "vpc-id", "subnet_id": "association.subnet-id", "gateway_id": "association.gateway-id"}},
		"aws_route_tables": {kind: awsfacts.RouteTables, tags: true, args: map[string]string{"vpc_id": "vpc-id"},
			lists: map[string]string{"ids": "id"}},
		"aws_internet_gateway": {kind: awsfacts.InternetGateways, tags: true,
			args: map[string]string{"internet_gateway_id": "internet-gateway-id"}},
		"aws_nat_gateway": {kind: awsfacts.NatGateways, tags: true, args: map[string]string{"id": "nat-gateway-id",
			"subnet_id": "subnet-id", "vpc_id": "vpc-id", "state": "state"}},
		"aws_nat_gateways": {kind: awsfacts.NatGateways, tags: true, args: map[string]string{"vpc_id": "vpc-id"},
			lists: map[string]string{"ids": "id"}},
		"aws_vpc_endpoint": {kind: awsfacts.VpcEndpoints, tags: true, args: map[string]string{"id": "vpc-endpoint-id",
			"vpc_id": "vpc-id", "service_name": "service-name", "state": "vpc-endpoint-state"}},
		"aws_network_acls": {kind: awsfacts.NetworkAcls, tags: true, args: map[string]string{"vpc_id": "vpc-id"},
			lists: map[string]string{"ids": "id"}},
		"aws_ec2_managed_prefix_list": {kind: awsfacts.PrefixLists, args: map[string]string{"id": "prefix-list-id",
			"name": "prefix-list-name"}},
		"aws_db_subnet_group": {kind: awsfacts.DBSubnetGroups, args: map[string]string{"name": "DBSubnetGroupName"}},
		"aws_rds_cluster":     {kind: awsfacts.DBClusters, args: map[string]string{"cluster_identifier": "DBClusterIdentifier"}},
	}
})

// dataSource answers one data source from the facts snapshots of the run.
// err is an input error: Terraform would fail to read the data source.
func (c *catalog) dataSource(q eval.DataQuery) (map[string]cty.Value, string, error) {
	spec, ok := dataSpecs()[q.Type]
	if !ok || q.Body == nil {
		return nil, "", nil
	}
	filters, ok := dataFilters(q.Body, spec)
	if !ok {
		return nil, "", nil
	}
	region := regionOf(q.Region)
	ms, files, why := c.lookupFacts(spec.kind, filters, region)
	switch {
	case why != "" || files == nil:
		return nil, why, nil
	case spec.lists != nil:
		return listValues(spec.lists, ms), "", nil
	case len(ms) == 1:
		attrs := matchValues(ms[0])
		if q.Type == "aws_vpc" {
			c.mainRouteTable(attrs, ms[0].ID(), region)
		}
		return attrs, "", nil
	case len(ms) == 0:
		return nil, fmt.Sprintf("nothing in the %s facts matches it (Terraform would fail)", spec.kind),
			fmt.Errorf("no object in the complete %s facts (%s) matches this data source, so Terraform fails to read it; check its arguments and filters against those facts",
				spec.kind, strings.Join(files, ", "))
	default:
		return nil, fmt.Sprintf("%d objects in the %s facts match it (Terraform would fail)", len(ms), spec.kind), nil
	}
}

// lookupFacts asks the one facts snapshot of the region that holds kind.
// files are that snapshot's files of kind; they are nil, with why, when no
// snapshot, or more than one, can answer, and nil without why when the run
// has no facts at all.
func (c *catalog) lookupFacts(kind awsfacts.Kind, filters []awsfacts.Filter, region string) (ms []awsfacts.Match, files []string, why string) {
	type answer struct {
		ms    []awsfacts.Match
		files []string
	}
	var answers []answer
	anyFacts, unread := false, false
	for _, r := range c.roots {
		if r.kind != factsDir {
			continue
		}
		f := c.getRoot(r)
		if f == nil || f.facts == nil {
			continue
		}
		anyFacts = true
		if sr := f.facts.Region(); sr != "" && region != "" && !strings.EqualFold(sr, region) {
			continue
		}
		if ms, complete := f.facts.Lookup(kind, filters); complete {
			answers = append(answers, answer{ms, f.facts.FilesOf(kind)})
		} else if f.facts.Have(kind) {
			unread = true
		}
	}
	switch {
	case !anyFacts:
		return nil, nil, ""
	case len(answers) == 0 && unread:
		// The facts are there, but a filter names a field daslint does not
		// read: what it would match is not known, never "all" or "none".
		return nil, nil, fmt.Sprintf("daslint does not search the %s facts by its filter %q", kind, awsfacts.UnreadFilter(kind, filters))
	case len(answers) == 0:
		return nil, nil, fmt.Sprintf("no %s facts of its region can answer it (export them: %s)", kind, kind.Command())
	case len(answers) > 1:
		return nil, nil, fmt.Sprintf("%d facts snapshots hold %s of its region; daslint cannot tell which one it reads", len(answers), kind)
	}
	return answers[0].ms, answers[0].files, ""
}

// mainRouteTable sets aws_vpc's main_route_table_id, which the provider
// reads with DescribeRouteTables (association.main = true in the VPC):
// from the route table facts, when they name one.
func (c *catalog) mainRouteTable(attrs map[string]cty.Value, vpc, region string) {
	ms, files, _ := c.lookupFacts(awsfacts.RouteTables, []awsfacts.Filter{
		{Name: "vpc-id", Values: []string{vpc}}, {Name: "association.main", Values: []string{"true"}}}, region)
	if files != nil && len(ms) == 1 {
		attrs["main_route_table_id"] = cty.StringVal(ms[0].ID())
	}
}

// regionOf is the data source's region, or "" when it is not known.
func regionOf(v cty.Value) string {
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return ""
	}
	v, _ = v.Unmark()
	return v.AsString()
}

// dataFilters turns the arguments, tags and filter blocks of a data
// source into EC2 filters. ok is false when an argument is unknown or is
// one daslint does not translate: the lookup is then not settled.
func dataFilters(b *eval.Body, spec dataSpec) (filters []awsfacts.Filter, ok bool) {
	for _, a := range b.Attrs { // sorted by name
		n, v := a.Name, a.Value
		if v.IsNull() {
			continue
		}
		if !v.IsWhollyKnown() {
			return nil, false
		}
		v, _ = v.UnmarkDeep()
		switch {
		case n == "tags" && spec.tags:
			if !v.CanIterateElements() {
				return nil, false
			}
			for it := v.ElementIterator(); it.Next(); {
				k, e := it.Element()
				s, ok := scalar(e)
				if !ok || k.Type() != cty.String {
					return nil, false
				}
				filters = append(filters, awsfacts.Filter{Name: "tag:" + k.AsString(), Values: []string{s}})
			}
		case spec.args[n] != "":
			s, ok := scalar(v)
			if !ok || strings.Contains(s, "⟪") {
				return nil, false // an identity token: the object is declared in code
			}
			if unsetByProvider(v) {
				continue
			}
			filters = append(filters, awsfacts.Filter{Name: spec.args[n], Values: []string{s}})
		default:
			return nil, false
		}
	}
	for _, blk := range b.Blocks["filter"] {
		if blk.Maybe != nil {
			return nil, false
		}
		name, nok := attrString(&blk.Body, "name")
		vals, vok := attrStrings(&blk.Body, "values")
		if !nok || !vok {
			return nil, false
		}
		filters = append(filters, awsfacts.Filter{Name: name, Values: vals})
	}
	for t := range b.Blocks {
		if t != "filter" && t != "timeouts" {
			return nil, false
		}
	}
	return filters, true
}

// unsetByProvider says whether the provider sends no filter for an
// argument: its SDK cannot tell a zero value from an unset one, so ""
// and false filter nothing (`default = false` on aws_vpc does not exclude
// the default VPC).
func unsetByProvider(v cty.Value) bool {
	switch v.Type() {
	case cty.String:
		return v.AsString() == ""
	case cty.Bool:
		return v.False()
	}
	return false
}

// scalar reads a known string, bool or number as the EC2 API compares it.
func scalar(v cty.Value) (string, bool) {
	if v.IsNull() || !v.IsKnown() {
		return "", false
	}
	switch v.Type() {
	case cty.String:
		return v.AsString(), true
	case cty.Bool:
		return fmt.Sprint(v.True()), true
	case cty.Number:
		return v.AsBigFloat().Text('f', -1), true
	}
	return "", false
}

func attrString(b *eval.Body, name string) (string, bool) {
	a := b.Attr(name)
	if a == nil || !a.Value.IsWhollyKnown() {
		return "", false
	}
	v, _ := a.Value.UnmarkDeep()
	return scalar(v)
}

func attrStrings(b *eval.Body, name string) ([]string, bool) {
	a := b.Attr(name)
	if a == nil || !a.Value.IsWhollyKnown() || a.Value.IsNull() {
		return nil, false
	}
	v, _ := a.Value.UnmarkDeep()
	if !v.CanIterateElements() {
		return nil, false
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		s, ok := scalar(e)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func stringList(ss []string) cty.Value {
	if len(ss) == 0 {
		return cty.ListValEmpty(cty.String)
	}
	vs := make([]cty.Value, len(ss))
	for i, s := range ss {
		vs[i] = cty.StringVal(s)
	}
	return cty.ListVal(vs)
}

// matchValues are a found object's attributes as Terraform values.
func matchValues(m awsfacts.Match) map[string]cty.Value {
	out := make(map[string]cty.Value, len(m))
	for k, v := range m {
		out[k] = factValue(v)
	}
	return out
}

// factValue is one attribute of a match as a Terraform value. Nested
// blocks are a tuple of objects, which code indexes and iterates as it
// does the provider's list.
func factValue(v any) cty.Value {
	switch v := v.(type) {
	case string:
		return cty.StringVal(v)
	case bool:
		return cty.BoolVal(v)
	case []string:
		return stringList(v)
	case []awsfacts.Match:
		elems := make([]cty.Value, len(v))
		for i, m := range v {
			elems[i] = cty.ObjectVal(matchValues(m))
		}
		return cty.TupleVal(elems)
	}
	return cty.DynamicVal
}

// listValues are the attributes of a plural data source: each list
// collects one attribute of every match, in the facts' order. A list
// that some match has no value for is left out (unknown).
func listValues(lists map[string]string, ms []awsfacts.Match) map[string]cty.Value {
	out := map[string]cty.Value{}
	for list, name := range lists {
		vals := make([]string, 0, len(ms))
		for _, m := range ms {
			if s, ok := m[name].(string); ok {
				vals = append(vals, s)
			}
		}
		if len(vals) == len(ms) {
			out[list] = stringList(vals)
		}
	}
	return out
}
