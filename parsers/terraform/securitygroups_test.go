package terraform

import (
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

func TestSecurityGroupInlineRules(t *testing.T) {
	in := resource("aws_security_group.db", attrs{"vpc_id": tok("aws_vpc.main"), "name": cty.StringVal("db")},
		nested{typ: "ingress", attrs: attrs{"protocol": cty.StringVal("tcp"), "from_port": cty.NumberIntVal(3306), "to_port": cty.NumberIntVal(3306),
			"security_groups": cty.SetVal([]cty.Value{tok("aws_security_group.app")}), "self": cty.True}},
		nested{typ: "egress", attrs: attrs{"protocol": cty.StringVal("-1"), "from_port": cty.NumberIntVal(0), "to_port": cty.StringVal("0"),
			"cidr_blocks": strs("0.0.0.0/0"), "ipv6_cidr_blocks": strs("::/0"), "prefix_list_ids": strs("pl-1")}},
	)
	m, ds := translateAll(t, in)
	group := key("aws_security_group.db")
	ro := org("aws_security_group.db")
	want := &model.SecurityGroup{
		Origin: org("aws_security_group.db"), VPC: key("aws_vpc.main"), Name: known("db"),
		// The provider deletes AWS's allow-all egress rule (docs/semantics.md#defaults-that-matter).
		AllowAllEgress: model.False,
		Rules: []*model.SecurityGroupRule{
			{Origin: ro, Group: group, Direction: model.Ingress, Protocol: known("tcp"), FromPort: knownInt(3306), ToPort: knownInt(3306),
				Groups: keys("aws_security_group.app"), Self: knownBool(true)},
			// IPv6 CIDRs are no peer for reaching KMS, which is IPv4.
			{Origin: ro, Group: group, Direction: model.Egress, Protocol: known("-1"), FromPort: knownInt(0), ToPort: knownInt(0),
				CIDRs: strList("0.0.0.0/0"), PrefixLists: lits("pl-1")},
		},
	}
	if d := diff(want, only(t, "security groups", m.SecurityGroups)); d != "" {
		t.Errorf("security group (-want +got):\n%s", d)
	}
	if len(ds) != 0 {
		t.Errorf("unexpected diagnostics %v", ds)
	}
}

func TestSecurityGroupNoRulesAllowsNoEgress(t *testing.T) {
	m, _ := translateAll(t, resource("aws_security_group.empty", attrs{"vpc_id": tok("aws_vpc.main")}))
	sg := only(t, "security groups", m.SecurityGroups)
	if sg.AllowAllEgress != model.False || len(sg.Rules) != 0 {
		t.Errorf("AllowAllEgress = %v with %d rules, want false with none", sg.AllowAllEgress, len(sg.Rules))
	}
}

func TestSecurityGroupRuleAttributes(t *testing.T) {
	egressObj := cty.ObjectVal(map[string]cty.Value{
		"protocol": cty.StringVal("tcp"), "from_port": cty.NumberIntVal(443), "to_port": cty.NumberIntVal(443),
		"cidr_blocks": strs("10.0.0.0/8"),
	})
	m, _ := translateAll(t,
		resource("aws_security_group.attr", attrs{"egress": cty.TupleVal([]cty.Value{egressObj}), "ingress": cty.EmptyTupleVal}),
		resource("aws_security_group.unknown", attrs{"egress": unknownOf(cty.List(egressObj.Type()), varVPC)}),
	)
	if len(m.SecurityGroups) != 2 {
		t.Fatalf("got %d security groups, want 2", len(m.SecurityGroups))
	}
	want := []*model.SecurityGroupRule{{Origin: org("aws_security_group.attr"), Group: key("aws_security_group.attr"), Direction: model.Egress,
		Protocol: known("tcp"), FromPort: knownInt(443), ToPort: knownInt(443), CIDRs: strList("10.0.0.0/8")}}
	if d := diff(want, m.SecurityGroups[0].Rules); d != "" {
		t.Errorf("rules from an argument (-want +got):\n%s", d)
	}
	// Rules that cannot be known stand as one rule that is unknown through
	// and through: it can neither prove nor refute a path.
	r := only(t, "rules", m.SecurityGroups[1].Rules)
	if r.Direction != model.Egress || r.Protocol.Unknown != varVPC || r.CIDRs.Incomplete != varVPC || r.Groups.Incomplete != varVPC {
		t.Errorf("unknown egress rule = %+v, want an egress rule unknown for the variable", r)
	}
}

func TestSecurityGroupDynamicMaybe(t *testing.T) {
	in := resource("aws_security_group.dyn", attrs{},
		nested{typ: "egress", maybe: varVPC, attrs: attrs{"protocol": unknownOf(cty.String, varVPC)}})
	m, _ := translateAll(t, in)
	r := only(t, "rules", only(t, "security groups", m.SecurityGroups).Rules)
	if r.Maybe != varVPC {
		t.Errorf("rule Maybe = %v, want the dynamic block's reason", r.Maybe)
	}
}

func TestDefaultSecurityGroup(t *testing.T) {
	tests := []struct {
		name   string
		vpc    cty.Value
		adopts model.Ref
	}{
		{"declared VPC", tok("aws_vpc.main"), key(model.DefaultSecurityGroupAddress("aws_vpc.main"))},
		{"external VPC", cty.StringVal("vpc-1"), model.Ref{Unknown: &model.Unresolved{Kind: model.FromExternal,
			Reason: "aws_default_security_group.d adopts the default security group of vpc-1, which is not in the scanned code"}}},
		{"default VPC", cty.NilVal, model.Ref{Unknown: &model.Unresolved{Kind: model.FromExternal,
			Reason: "aws_default_security_group.d adopts the default security group of the default VPC, which is not in the scanned code"}}},
		{"unknown VPC", unknownOf(cty.String, varVPC), model.Ref{Unknown: varVPC}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := attrs{}
			if tc.vpc != cty.NilVal {
				a["vpc_id"] = tc.vpc
			}
			m, _ := translateAll(t, resource("aws_default_security_group.d", a))
			sg := only(t, "security groups", m.SecurityGroups)
			if d := diff(tc.adopts, sg.Adopts); d != "" {
				t.Errorf("Adopts (-want +got):\n%s", d)
			}
			// Adopting removes every existing rule, allow-all egress too.
			if sg.AllowAllEgress != model.False {
				t.Errorf("AllowAllEgress = %v, want false", sg.AllowAllEgress)
			}
		})
	}
}

func TestSecurityGroupRule(t *testing.T) {
	tests := []struct {
		name  string
		in    attrs
		want  []*model.SecurityGroupRule
		warns int
	}{
		{"ingress from a group", attrs{"type": cty.StringVal("ingress"), "security_group_id": tok("aws_security_group.kms"),
			"source_security_group_id": tok("aws_security_group.db"), "protocol": cty.StringVal("tcp"),
			"from_port": cty.NumberIntVal(443), "to_port": cty.NumberIntVal(443)},
			[]*model.SecurityGroupRule{{Origin: org("aws_security_group_rule.r"), Group: key("aws_security_group.kms"), Direction: model.Ingress,
				Protocol: known("tcp"), FromPort: knownInt(443), ToPort: knownInt(443), Groups: keys("aws_security_group.db")}}, 0},
		{"egress to CIDRs and prefix lists", attrs{"type": cty.StringVal("egress"), "security_group_id": tok("aws_security_group.db"),
			"cidr_blocks": strs("0.0.0.0/0"), "prefix_list_ids": strs("pl-1"), "protocol": cty.StringVal("-1"),
			"from_port": cty.NumberIntVal(0), "to_port": cty.NumberIntVal(0)},
			[]*model.SecurityGroupRule{{Origin: org("aws_security_group_rule.r"), Group: key("aws_security_group.db"), Direction: model.Egress,
				Protocol: known("-1"), FromPort: knownInt(0), ToPort: knownInt(0), CIDRs: strList("0.0.0.0/0"), PrefixLists: lits("pl-1")}}, 0},
		{"self", attrs{"type": cty.StringVal("ingress"), "security_group_id": tok("aws_security_group.db"), "self": cty.True},
			[]*model.SecurityGroupRule{{Origin: org("aws_security_group_rule.r"), Group: key("aws_security_group.db"), Direction: model.Ingress,
				Self: knownBool(true)}}, 0},
		{"unknown type: a maybe rule each way", attrs{"type": unknownOf(cty.String, varVPC), "security_group_id": tok("aws_security_group.db")},
			[]*model.SecurityGroupRule{
				{Origin: model.Origin{Address: "aws_security_group_rule.r", Type: "aws_security_group_rule", Maybe: varVPC}, Group: key("aws_security_group.db"), Direction: model.Ingress},
				{Origin: model.Origin{Address: "aws_security_group_rule.r", Type: "aws_security_group_rule", Maybe: varVPC}, Group: key("aws_security_group.db"), Direction: model.Egress},
			}, 0},
		{"invalid type warns and is maybe each way", attrs{"type": cty.StringVal("inbound"), "security_group_id": tok("aws_security_group.db")},
			[]*model.SecurityGroupRule{
				{Origin: model.Origin{Address: "aws_security_group_rule.r", Type: "aws_security_group_rule", Maybe: &model.Unresolved{Kind: model.FromExpression, Reason: "type of aws_security_group_rule.r is not ingress or egress"}},
					Group: key("aws_security_group.db"), Direction: model.Ingress},
				{Origin: model.Origin{Address: "aws_security_group_rule.r", Type: "aws_security_group_rule", Maybe: &model.Unresolved{Kind: model.FromExpression, Reason: "type of aws_security_group_rule.r is not ingress or egress"}},
					Group: key("aws_security_group.db"), Direction: model.Egress},
			}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, ds := translateAll(t, resource("aws_security_group_rule.r", tc.in))
			if d := diff(tc.want, m.SecurityGroupRules); d != "" {
				t.Errorf("rules (-want +got):\n%s", d)
			}
			if len(ds) != tc.warns {
				t.Errorf("got %d diagnostics %v, want %d", len(ds), ds, tc.warns)
			}
		})
	}
}

func TestVPCSecurityGroupRules(t *testing.T) {
	m, _ := translateAll(t,
		resource("aws_vpc_security_group_ingress_rule.https", attrs{"security_group_id": tok("aws_security_group.kms"),
			"referenced_security_group_id": tok("aws_security_group.db"), "ip_protocol": cty.StringVal("tcp"),
			"from_port": cty.NumberIntVal(443), "to_port": cty.NumberIntVal(443)}),
		resource("aws_vpc_security_group_egress_rule.all", attrs{"security_group_id": tok("aws_security_group.db"),
			"cidr_ipv4": cty.StringVal("0.0.0.0/0"), "ip_protocol": cty.StringVal("-1")}),
		resource("aws_vpc_security_group_egress_rule.pl", attrs{"security_group_id": tok("aws_security_group.db"),
			"prefix_list_id": cty.StringVal("pl-1"), "ip_protocol": cty.StringVal("tcp"), "from_port": cty.NumberIntVal(443), "to_port": cty.NumberIntVal(443)}),
		resource("aws_vpc_security_group_egress_rule.v6", attrs{"security_group_id": tok("aws_security_group.db"),
			"cidr_ipv6": cty.StringVal("::/0"), "ip_protocol": cty.StringVal("-1")}),
	)
	want := []*model.SecurityGroupRule{
		{Origin: org("aws_vpc_security_group_ingress_rule.https"), Group: key("aws_security_group.kms"), Direction: model.Ingress,
			Protocol: known("tcp"), FromPort: knownInt(443), ToPort: knownInt(443), Groups: keys("aws_security_group.db")},
		{Origin: org("aws_vpc_security_group_egress_rule.all"), Group: key("aws_security_group.db"), Direction: model.Egress,
			Protocol: known("-1"), CIDRs: strList("0.0.0.0/0")},
		{Origin: org("aws_vpc_security_group_egress_rule.pl"), Group: key("aws_security_group.db"), Direction: model.Egress,
			Protocol: known("tcp"), FromPort: knownInt(443), ToPort: knownInt(443), PrefixLists: lits("pl-1")},
		// An IPv6-only rule has no peer that matters: KMS is reached over IPv4.
		{Origin: org("aws_vpc_security_group_egress_rule.v6"), Group: key("aws_security_group.db"), Direction: model.Egress,
			Protocol: known("-1")},
	}
	if d := diff(want, m.SecurityGroupRules); d != "" {
		t.Errorf("rules (-want +got):\n%s", d)
	}
}
