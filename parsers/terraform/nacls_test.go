package terraform

import (
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

func TestNetworkACL(t *testing.T) {
	in := resource("aws_network_acl.db", attrs{"vpc_id": tok("aws_vpc.main"), "subnet_ids": cty.ListVal([]cty.Value{tok("aws_subnet.a")})},
		nested{typ: "egress", attrs: attrs{"rule_no": cty.NumberIntVal(100), "action": cty.StringVal("allow"), "protocol": cty.StringVal("tcp"),
			"cidr_block": cty.StringVal("0.0.0.0/0"), "from_port": cty.NumberIntVal(443), "to_port": cty.NumberIntVal(443)}},
		nested{typ: "ingress", attrs: attrs{"rule_no": cty.StringVal("100"), "action": cty.StringVal("allow"), "protocol": cty.StringVal("6"),
			"cidr_block": cty.StringVal("0.0.0.0/0"), "from_port": cty.NumberIntVal(1024), "to_port": cty.NumberIntVal(65535)}},
	)
	m, ds := translateAll(t, in)
	acl := key("aws_network_acl.db")
	ro := org("aws_network_acl.db")
	want := &model.NetworkACL{Origin: org("aws_network_acl.db"), VPC: key("aws_vpc.main"), Subnets: keys("aws_subnet.a"), Rules: []*model.NetworkACLRule{
		{Origin: ro, ACL: acl, RuleNumber: knownInt(100), Egress: knownBool(false), Protocol: known("6"), Action: known("allow"),
			CIDR: known("0.0.0.0/0"), FromPort: knownInt(1024), ToPort: knownInt(65535)},
		{Origin: ro, ACL: acl, RuleNumber: knownInt(100), Egress: knownBool(true), Protocol: known("tcp"), Action: known("allow"),
			CIDR: known("0.0.0.0/0"), FromPort: knownInt(443), ToPort: knownInt(443)},
	}}
	if d := diff(want, only(t, "network ACLs", m.NetworkACLs)); d != "" {
		t.Errorf("network ACL (-want +got):\n%s", d)
	}
	if len(ds) != 0 {
		t.Errorf("unexpected diagnostics %v", ds)
	}
}

func TestNetworkACLUnknownRules(t *testing.T) {
	m, _ := translateAll(t, resource("aws_network_acl.db", attrs{"ingress": unknownOf(cty.DynamicPseudoType, varVPC)}))
	r := only(t, "rules", only(t, "network ACLs", m.NetworkACLs).Rules)
	if r.Egress.Value || !r.Egress.Set || r.Action.Unknown != varVPC || r.RuleNumber.Unknown != varVPC || r.CIDR.Unknown != varVPC {
		t.Errorf("rule = %+v, want an ingress rule unknown for the variable", r)
	}
	// The unknown rule points where the rules are given, not at the variable.
	if r.Action.Range != attrRange(0) {
		t.Errorf("unknown rule range = %v, want the ingress argument at %v", r.Action.Range, attrRange(0))
	}
}

func TestDefaultNetworkACL(t *testing.T) {
	in := resource("aws_default_network_acl.d", attrs{"default_network_acl_id": tok(model.DefaultNetworkACLAddress("aws_vpc.main")),
		"subnet_ids": cty.ListVal([]cty.Value{tok("aws_subnet.a")})})
	m, _ := translateAll(t, in)
	want := &model.NetworkACL{Origin: org("aws_default_network_acl.d"), VPC: key("aws_vpc.main"),
		Adopts: key(model.DefaultNetworkACLAddress("aws_vpc.main")), Subnets: keys("aws_subnet.a")}
	if d := diff(want, only(t, "network ACLs", m.NetworkACLs)); d != "" {
		t.Errorf("default network ACL (-want +got):\n%s", d)
	}
}

func TestNetworkACLRuleAndAssociation(t *testing.T) {
	m, _ := translateAll(t,
		resource("aws_network_acl_rule.in", attrs{"network_acl_id": tok("aws_network_acl.db"), "rule_number": cty.NumberIntVal(200),
			"protocol": cty.StringVal("-1"), "rule_action": cty.StringVal("deny"), "cidr_block": cty.StringVal("10.0.0.0/8")}),
		resource("aws_network_acl_rule.out", attrs{"network_acl_id": tok("aws_network_acl.db"), "rule_number": cty.NumberIntVal(100),
			"egress": cty.True, "protocol": cty.StringVal("tcp"), "rule_action": cty.StringVal("allow"), "cidr_block": cty.StringVal("0.0.0.0/0"),
			"from_port": cty.NumberIntVal(443), "to_port": cty.NumberIntVal(443)}),
		resource("aws_network_acl_association.a", attrs{"network_acl_id": tok("aws_network_acl.db"), "subnet_id": tok("aws_subnet.a")}),
	)
	want := []*model.NetworkACLRule{
		// egress unset is the provider's false, written out.
		{Origin: org("aws_network_acl_rule.in"), ACL: key("aws_network_acl.db"), RuleNumber: knownInt(200), Egress: knownBool(false),
			Protocol: known("-1"), Action: known("deny"), CIDR: known("10.0.0.0/8")},
		{Origin: org("aws_network_acl_rule.out"), ACL: key("aws_network_acl.db"), RuleNumber: knownInt(100), Egress: knownBool(true),
			Protocol: known("tcp"), Action: known("allow"), CIDR: known("0.0.0.0/0"), FromPort: knownInt(443), ToPort: knownInt(443)},
	}
	if d := diff(want, m.NetworkACLRules); d != "" {
		t.Errorf("rules (-want +got):\n%s", d)
	}
	wantAssoc := []*model.NetworkACLAssociation{{Origin: org("aws_network_acl_association.a"), ACL: key("aws_network_acl.db"), Subnet: key("aws_subnet.a")}}
	if d := diff(wantAssoc, m.NetworkACLAssociations); d != "" {
		t.Errorf("associations (-want +got):\n%s", d)
	}
}
