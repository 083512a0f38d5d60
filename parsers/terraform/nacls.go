package terraform

import (
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// networkACL translates aws_network_acl and aws_default_network_acl with
// their inline rules and subnet associations. aws_default_network_acl
// adopts the VPC's default network ACL and removes every rule it does not
// declare (provider docs), so its inline rules are the only ones.
func (t *translator) networkACL(in *eval.Instance) {
	f := t.fields(in)
	acl := &model.NetworkACL{
		Origin:  t.origin(in),
		Subnets: f.refs("subnet_ids"),
	}
	if in.Type == "aws_default_network_acl" {
		acl.Adopts = f.ref("default_network_acl_id")
		acl.VPC = implicitVPC(acl.Adopts, "default-network-acl")
	} else {
		acl.VPC = f.ref("vpc_id")
	}
	self := model.Ref{Key: in.Address, Range: rangeOf(in.DefRange)}
	for _, dir := range []model.Direction{model.Ingress, model.Egress} {
		egress := model.KnownBool(dir == model.Egress, rangeOf(in.DefRange))
		blocks, incomplete, ir := t.nestedBlocks(in, string(dir))
		for _, b := range blocks {
			nf := t.nested(in, string(dir), b)
			acl.Rules = append(acl.Rules, &model.NetworkACLRule{
				Origin:     t.nestedOrigin(in, b),
				ACL:        self,
				RuleNumber: nf.integer("rule_no"),
				Egress:     model.KnownBool(dir == model.Egress, rangeOf(b.Range)),
				Protocol:   nf.str("protocol"),
				Action:     nf.str("action"),
				CIDR:       nf.str("cidr_block"),
				IPv6CIDR:   nf.str("ipv6_cidr_block"),
				FromPort:   nf.integer("from_port"),
				ToPort:     nf.integer("to_port"),
			})
		}
		if incomplete != nil {
			acl.Rules = append(acl.Rules, unknownACLRule(t.origin(in), self, egress, incomplete, ir))
		}
	}
	t.m.NetworkACLs = append(t.m.NetworkACLs, acl)
}

// unknownACLRule stands for entries that cannot be known.
func unknownACLRule(o model.Origin, acl model.Ref, egress model.Bool, u *model.Unresolved, r model.Range) *model.NetworkACLRule {
	return &model.NetworkACLRule{
		Origin:     o,
		ACL:        acl,
		RuleNumber: model.Int{Unknown: u, Range: r},
		Egress:     egress,
		Protocol:   model.UnknownStr(u, r),
		Action:     model.UnknownStr(u, r),
		CIDR:       model.UnknownStr(u, r),
		FromPort:   model.Int{Unknown: u, Range: r},
		ToPort:     model.Int{Unknown: u, Range: r},
	}
}

// networkACLRule translates aws_network_acl_rule. egress defaults to false
// (provider docs); it is set explicitly so that the model need not know.
func (t *translator) networkACLRule(in *eval.Instance) {
	f := t.fields(in)
	egress := f.boolean("egress")
	if !egress.Set && egress.Unknown == nil {
		egress = model.KnownBool(false, egress.Range)
	}
	t.m.NetworkACLRules = append(t.m.NetworkACLRules, &model.NetworkACLRule{
		Origin:     t.origin(in),
		ACL:        f.ref("network_acl_id"),
		RuleNumber: f.integer("rule_number"),
		Egress:     egress,
		Protocol:   f.str("protocol"),
		Action:     f.str("rule_action"),
		CIDR:       f.str("cidr_block"),
		IPv6CIDR:   f.str("ipv6_cidr_block"),
		FromPort:   f.integer("from_port"),
		ToPort:     f.integer("to_port"),
	})
}

// networkACLAssociation translates aws_network_acl_association.
func (t *translator) networkACLAssociation(in *eval.Instance) {
	f := t.fields(in)
	t.m.NetworkACLAssociations = append(t.m.NetworkACLAssociations, &model.NetworkACLAssociation{
		Origin: t.origin(in),
		ACL:    f.ref("network_acl_id"),
		Subnet: f.ref("subnet_id"),
	})
}
