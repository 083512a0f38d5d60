package cloudformation

import (
	"fmt"

	"github.com/daslint/daslint/model"
)

// securityGroup translates AWS::EC2::SecurityGroup. AWS gives every new
// group an allow-all egress rule, and CloudFormation removes it only when
// the SecurityGroupEgress property lists at least one rule (AWS::EC2::
// SecurityGroup reference). An empty list keeps it: this is why the CDK
// writes a dummy "disallow all traffic" rule for allowAllOutbound: false.
func securityGroup(p props, o model.Origin) {
	sg := &model.SecurityGroup{Origin: o, VPC: p.ref("VpcId"), Name: p.str("GroupName"), AllowAllEgress: model.True}
	self := model.Ref{Key: o.Address, Range: o.Range}
	for _, dir := range []model.Direction{model.Ingress, model.Egress} {
		prop := "SecurityGroupIngress"
		if dir == model.Egress {
			prop = "SecurityGroupEgress"
		}
		v, n, ok := p.value(prop)
		if !ok {
			continue
		}
		switch v.kind {
		case kUnknown:
			// Rules we cannot see: the group's rules are incomplete.
			unknown := p.s.sub(o, "."+prop, n)
			rule := &model.SecurityGroupRule{Origin: unknown, Group: self, Direction: dir,
				Protocol: model.UnknownStr(v.unknown, p.s.rng(n))}
			sg.Rules = append(sg.Rules, rule)
			if dir == model.Egress {
				sg.AllowAllEgress = model.Unknown
			}
		case kList:
			for i, item := range v.list {
				itemNode := n
				if n.kind == seqNode && i < len(n.items) {
					itemNode = n.items[i]
				}
				ro := p.s.sub(o, fmt.Sprintf(".%s[%d]", prop, i), itemNode)
				sg.Rules = append(sg.Rules, p.s.sgRule(item, itemNode, ro, self, dir))
			}
			if dir == model.Egress && len(v.list) > 0 {
				sg.AllowAllEgress = model.False
			}
		default:
			_ = p.wrong(n, prop, "a list of rules", v)
		}
	}
	p.model().SecurityGroups = append(p.model().SecurityGroups, sg)
}

// sgRule reads one rule from its evaluated properties.
func (s *stack) sgRule(v Value, n *node, o model.Origin, group model.Ref, dir model.Direction) *model.SecurityGroupRule {
	rule := &model.SecurityGroupRule{Origin: o, Group: group, Direction: dir}
	if v.kind != kMap {
		u := s.fail(n, "a security group rule must be a mapping, not %s", v.kind)
		rule.Protocol = model.UnknownStr(u.unknown, s.rng(n))
		return rule
	}
	field := func(name string) (Value, bool) {
		f, ok := v.m[name]
		return f, ok && f.kind != kNull
	}
	if f, ok := field("IpProtocol"); ok {
		rule.Protocol = s.strOf(f, n)
	}
	if f, ok := field("FromPort"); ok {
		rule.FromPort = s.intOf(f, n, "FromPort")
	}
	if f, ok := field("ToPort"); ok {
		rule.ToPort = s.intOf(f, n, "ToPort")
	}
	if f, ok := field("CidrIp"); ok {
		rule.CIDRs = s.strList(f, n)
	}
	peer, prefixList := "SourceSecurityGroupId", "SourcePrefixListId"
	if dir == model.Egress {
		peer, prefixList = "DestinationSecurityGroupId", "DestinationPrefixListId"
	}
	if f, ok := field(peer); ok {
		rule.Groups = model.Refs{Set: true, Range: s.rng(n), Items: []model.Ref{s.refOf(f, s.rng(n), peer, n)}}
	} else if f, ok := field("SourceSecurityGroupName"); ok && dir == model.Ingress {
		// A group named in the default VPC: matched by name, if at all.
		str := s.strOf(f, n)
		ref := model.Ref{Literal: str.Value, Unknown: str.Unknown, Range: str.Range}
		rule.Groups = model.Refs{Set: true, Range: s.rng(n), Items: []model.Ref{ref}}
	}
	if f, ok := field(prefixList); ok {
		rule.PrefixLists = model.Refs{Set: true, Range: s.rng(n), Items: []model.Ref{s.refOf(f, s.rng(n), prefixList, n)}}
	}
	return rule
}

// securityGroupIngress translates a standalone ingress rule.
func securityGroupIngress(p props, o model.Origin) {
	p.standaloneRule(o, model.Ingress)
}

// securityGroupEgress translates a standalone egress rule, which also strips
// the group's allow-all egress rule (aws-cdk issue 22140).
func securityGroupEgress(p props, o model.Origin) {
	p.standaloneRule(o, model.Egress).StripsAllowAllEgress = true
}

func (p props) standaloneRule(o model.Origin, dir model.Direction) *model.SecurityGroupRule {
	all := Value{kind: kMap, m: map[string]Value{}}
	if p.r.props != nil {
		for _, k := range p.r.props.keys {
			if v, _, ok := p.value(k.value); ok {
				all.keys = append(all.keys, k.value)
				all.m[k.value] = v
			}
		}
	}
	n := p.r.props
	if n == nil {
		n = p.r.node
	}
	group := p.ref("GroupId")
	if !group.IsSet() {
		if name := p.str("GroupName"); name.Set || name.Unknown != nil {
			group = model.Ref{Literal: name.Value, Unknown: name.Unknown, Range: name.Range}
		}
	}
	rule := p.s.sgRule(all, n, o, group, dir)
	p.model().SecurityGroupRules = append(p.model().SecurityGroupRules, rule)
	return rule
}

func networkACL(p props, o model.Origin) {
	p.model().NetworkACLs = append(p.model().NetworkACLs, &model.NetworkACL{Origin: o, VPC: p.ref("VpcId")})
}

// networkACLEntry translates AWS::EC2::NetworkAclEntry. Egress defaults to
// false (an ingress rule); Protocol is a number, -1 for all.
func networkACLEntry(p props, o model.Origin) {
	rule := &model.NetworkACLRule{
		Origin:     o,
		ACL:        p.ref("NetworkAclId"),
		RuleNumber: p.integer("RuleNumber"),
		Egress:     p.boolean("Egress"),
		Protocol:   p.str("Protocol"),
		Action:     p.str("RuleAction"),
		CIDR:       p.str("CidrBlock"),
		IPv6CIDR:   p.str("Ipv6CidrBlock"),
	}
	if !rule.Egress.Set && rule.Egress.Unknown == nil {
		rule.Egress = model.KnownBool(false, o.Range)
	}
	if v, n, ok := p.value("PortRange"); ok {
		switch v.kind {
		case kUnknown:
			rule.FromPort = model.Int{Unknown: v.unknown, Range: p.s.rng(n)}
			rule.ToPort = rule.FromPort
		case kMap:
			if f, ok := v.m["From"]; ok {
				rule.FromPort = p.s.intOf(f, n, "PortRange.From")
			}
			if t, ok := v.m["To"]; ok {
				rule.ToPort = p.s.intOf(t, n, "PortRange.To")
			}
		default:
			_ = p.wrong(n, "PortRange", "a mapping {From, To}", v)
		}
	}
	p.model().NetworkACLRules = append(p.model().NetworkACLRules, rule)
}

func networkACLAssociation(p props, o model.Origin) {
	p.model().NetworkACLAssociations = append(p.model().NetworkACLAssociations,
		&model.NetworkACLAssociation{Origin: o, ACL: p.ref("NetworkAclId"), Subnet: p.ref("SubnetId")})
}
