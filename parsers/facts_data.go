package parsers

import (
	"fmt"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/parsers/awsfacts"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// Data source lookups against AWS facts (SPEC §7.2.2): `data "aws_vpc"`,
// `data "aws_subnet"` and `data "aws_subnets"` are answered from the facts
// snapshots of the run, with their arguments turned into the EC2 filters
// the AWS provider sends. What they return are real IDs, which joinFacts
// then resolves like any literal ID.

// dataArgs map each supported data source's arguments to EC2 filter names.
var dataArgs = map[string]struct {
	kind awsfacts.Kind
	args map[string]string
}{
	"aws_vpc": {awsfacts.Vpcs, map[string]string{"id": "vpc-id", "cidr_block": "cidr", "default": "is-default",
		"dhcp_options_id": "dhcp-options-id", "state": "state"}},
	"aws_subnet": {awsfacts.Subnets, map[string]string{"id": "subnet-id", "vpc_id": "vpc-id",
		"availability_zone": "availability-zone", "availability_zone_id": "availability-zone-id",
		"cidr_block": "cidr-block", "default_for_az": "default-for-az", "state": "state"}},
	"aws_subnets": {awsfacts.Subnets, map[string]string{}},
}

// dataSource answers one data source from the facts snapshots of the run.
func (c *catalog) dataSource(q eval.DataQuery) (map[string]cty.Value, string) {
	spec, ok := dataArgs[q.Type]
	if !ok || q.Body == nil {
		return nil, ""
	}
	filters, ok := dataFilters(q.Body, spec.args)
	if !ok {
		return nil, ""
	}
	region := ""
	if q.Region.IsKnown() && !q.Region.IsNull() && q.Region.Type() == cty.String {
		v, _ := q.Region.Unmark()
		region = v.AsString()
	}
	var answers [][]awsfacts.Match
	anyFacts := false
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
		if ms, complete := f.facts.Lookup(spec.kind, filters); complete {
			answers = append(answers, ms)
		}
	}
	switch {
	case !anyFacts:
		return nil, ""
	case len(answers) == 0:
		return nil, fmt.Sprintf("no %s facts of its region can answer it (export them: %s)", spec.kind, awsfacts.Commands[spec.kind])
	case len(answers) > 1:
		return nil, fmt.Sprintf("%d facts snapshots hold %s of its region; daslint cannot tell which one it reads", len(answers), spec.kind)
	}
	ms := answers[0]
	if q.Type == "aws_subnets" {
		ids := make([]string, 0, len(ms))
		for _, m := range ms {
			ids = append(ids, m["id"])
		}
		return map[string]cty.Value{"ids": stringList(ids)}, ""
	}
	switch len(ms) {
	case 0:
		return nil, fmt.Sprintf("nothing in the %s facts matches it (Terraform would fail)", spec.kind)
	case 1:
		return matchValues(ms[0]), ""
	default:
		return nil, fmt.Sprintf("%d objects in the %s facts match it (Terraform would fail)", len(ms), spec.kind)
	}
}

// dataFilters turns the arguments, tags and filter blocks of a data
// source into EC2 filters. ok is false when an argument is unknown or is
// one daslint does not translate: the lookup is then not settled.
func dataFilters(b *eval.Body, args map[string]string) (filters []awsfacts.Filter, ok bool) {
	names := make([]string, 0, len(b.Attrs))
	for n := range b.Attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		v := b.Attrs[n].Value
		if v.IsNull() {
			continue
		}
		if !v.IsWhollyKnown() {
			return nil, false
		}
		v, _ = v.UnmarkDeep()
		switch {
		case n == "tags":
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
		case args[n] != "":
			s, ok := scalar(v)
			if !ok || strings.Contains(s, "⟪") {
				return nil, false // an identity token: the object is declared in code
			}
			filters = append(filters, awsfacts.Filter{Name: args[n], Values: []string{s}})
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
	a := b.Attrs[name]
	if a == nil || !a.Value.IsWhollyKnown() {
		return "", false
	}
	v, _ := a.Value.UnmarkDeep()
	return scalar(v)
}

func attrStrings(b *eval.Body, name string) ([]string, bool) {
	a := b.Attrs[name]
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
	out := map[string]cty.Value{}
	for k, v := range m {
		switch k {
		case "default", "default_for_az":
			out[k] = cty.BoolVal(v == "true")
		default:
			out[k] = cty.StringVal(v)
		}
	}
	return out
}
