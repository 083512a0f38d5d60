package terraform

import (
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// securityGroup translates aws_security_group and aws_default_security_group
// with their inline rules.
//
// AllowAllEgress is False for both: the provider's aws_security_group docs
// say it deletes AWS's default allow-all egress rule and keeps only the
// declared ones, and aws_default_security_group removes every existing rule
// of the adopted group (docs/semantics.md#defaults-that-matter).
func (t *translator) securityGroup(in *eval.Instance) {
	f := t.fields(in)
	sg := &model.SecurityGroup{
		Origin:         t.origin(in),
		VPC:            f.ref("vpc_id"),
		Name:           f.str("name"),
		AllowAllEgress: model.False,
	}
	if in.Type == "aws_default_security_group" {
		sg.Adopts = t.adoptedDefault(in, sg.VPC, "security group", model.DefaultSecurityGroupAddress)
	}
	self := model.Ref{Key: in.Address, Range: rangeOf(in.DefRange)}
	for _, dir := range []model.Direction{model.Ingress, model.Egress} {
		blocks, incomplete, ir := t.nestedBlocks(in, string(dir))
		for _, b := range blocks {
			nf := t.nested(in, string(dir), b)
			r := &model.SecurityGroupRule{
				Origin:      t.nestedOrigin(in, b),
				Group:       self,
				Direction:   dir,
				Protocol:    nf.str("protocol"),
				FromPort:    nf.integer("from_port"),
				ToPort:      nf.integer("to_port"),
				CIDRs:       nf.strList("cidr_blocks"),
				PrefixLists: nf.refs("prefix_list_ids"),
				Groups:      nf.refs("security_groups"),
				Self:        nf.boolean("self"),
			}
			sg.Rules = append(sg.Rules, r)
		}
		if incomplete != nil {
			sg.Rules = append(sg.Rules, unknownRule(t.origin(in), self, dir, incomplete, ir))
		}
	}
	t.m.SecurityGroups = append(t.m.SecurityGroups, sg)
}

// adoptedDefault is the implicit default object (security group or network
// ACL) of the VPC that vpc names. A default object of a VPC outside the
// scanned code, or of the account's default VPC (vpc_id unset), is unknown.
func (t *translator) adoptedDefault(in *eval.Instance, vpc model.Ref, what string, address func(string) string) model.Ref {
	switch {
	case vpc.Key != "":
		return model.Ref{Key: address(vpc.Key), Range: vpc.Range, Maybe: vpc.Maybe}
	case vpc.Unknown != nil:
		return model.Ref{Unknown: vpc.Unknown, Range: vpc.Range}
	}
	reason := in.Address + " adopts the default " + what + " of the default VPC, which is not in the scanned code"
	if vpc.Literal != "" {
		reason = in.Address + " adopts the default " + what + " of " + vpc.Literal + ", which is not in the scanned code"
	}
	return model.Ref{Range: vpc.Range, Unknown: &model.Unresolved{Kind: model.FromExternal, Reason: reason, Range: vpc.Range}}
}

// unknownRule stands for rules that cannot be known: every part of it is
// unknown, so that it can neither prove nor refute a path.
func unknownRule(o model.Origin, group model.Ref, dir model.Direction, u *model.Unresolved, r model.Range) *model.SecurityGroupRule {
	return &model.SecurityGroupRule{
		Origin:      o,
		Group:       group,
		Direction:   dir,
		Protocol:    model.UnknownStr(u, r),
		FromPort:    model.Int{Unknown: u, Range: r},
		ToPort:      model.Int{Unknown: u, Range: r},
		CIDRs:       model.StrList{Set: true, Incomplete: u, Range: r},
		PrefixLists: model.Refs{Set: true, Incomplete: u, Range: r},
		Groups:      model.Refs{Set: true, Incomplete: u, Range: r},
		Self:        model.Bool{Unknown: u, Range: r},
	}
}

// securityGroupRule translates aws_security_group_rule. A rule whose type
// is unknown may be either direction: it is added as a maybe rule in each.
func (t *translator) securityGroupRule(in *eval.Instance) {
	f := t.fields(in)
	r := model.SecurityGroupRule{
		Origin:      t.origin(in),
		Group:       f.ref("security_group_id"),
		Protocol:    f.str("protocol"),
		FromPort:    f.integer("from_port"),
		ToPort:      f.integer("to_port"),
		CIDRs:       f.strList("cidr_blocks"),
		PrefixLists: f.refs("prefix_list_ids"),
		Groups:      refsOf(f.ref("source_security_group_id")),
		Self:        f.boolean("self"),
	}
	typ := f.str("type")
	switch {
	case typ.Known() && (typ.Value == string(model.Ingress) || typ.Value == string(model.Egress)):
		r.Direction = model.Direction(typ.Value)
		t.m.SecurityGroupRules = append(t.m.SecurityGroupRules, &r)
		return
	case typ.Known() || !typ.Set && typ.Unknown == nil:
		t.ds.Warnf(typ.Range, "%s: type must be \"ingress\" or \"egress\"; daslint treats it as unknown", in.Address)
		typ.Unknown = &model.Unresolved{Kind: model.FromExpression, Reason: "type of " + in.Address + " is not ingress or egress", Range: typ.Range}
	}
	for _, dir := range []model.Direction{model.Ingress, model.Egress} {
		c := r
		c.Direction = dir
		if c.Maybe == nil {
			c.Maybe = typ.Unknown
		}
		t.m.SecurityGroupRules = append(t.m.SecurityGroupRules, &c)
	}
}

// vpcSecurityGroupRule translates aws_vpc_security_group_ingress_rule and
// aws_vpc_security_group_egress_rule: one peer each, ip_protocol "-1"
// meaning all protocols (and then no ports).
func (t *translator) vpcSecurityGroupRule(in *eval.Instance, dir model.Direction) {
	f := t.fields(in)
	t.m.SecurityGroupRules = append(t.m.SecurityGroupRules, &model.SecurityGroupRule{
		Origin:      t.origin(in),
		Group:       f.ref("security_group_id"),
		Direction:   dir,
		Protocol:    f.str("ip_protocol"),
		FromPort:    f.integer("from_port"),
		ToPort:      f.integer("to_port"),
		CIDRs:       strListOf(f.str("cidr_ipv4")),
		PrefixLists: refsOf(f.ref("prefix_list_id")),
		Groups:      refsOf(f.ref("referenced_security_group_id")),
	})
}
