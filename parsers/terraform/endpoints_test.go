package terraform

import (
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

func TestVPCEndpoint(t *testing.T) {
	tests := []struct {
		name   string
		in     attrs
		blocks []nested
		want   *model.VPCEndpoint
	}{
		{"gateway by default: type and private DNS unset", attrs{"vpc_id": tok("aws_vpc.main"), "service_name": cty.StringVal("com.amazonaws.eu-west-1.kms")}, nil,
			&model.VPCEndpoint{Origin: org("aws_vpc_endpoint.kms"), VPC: key("aws_vpc.main"), ServiceName: known("com.amazonaws.eu-west-1.kms"), Region: known("eu-west-1")}},
		{"interface with subnets, groups and policy", attrs{
			"vpc_id": tok("aws_vpc.main"), "service_name": cty.StringVal("com.amazonaws.eu-west-1.kms"),
			"vpc_endpoint_type": cty.StringVal("Interface"), "private_dns_enabled": cty.True,
			"subnet_ids":         cty.ListVal([]cty.Value{tok("aws_subnet.a"), tok("aws_subnet.b")}),
			"security_group_ids": cty.SetVal([]cty.Value{tok("aws_security_group.kms")}),
			"policy":             cty.StringVal(`{"Statement":[]}`),
		}, nil,
			&model.VPCEndpoint{Origin: org("aws_vpc_endpoint.kms"), VPC: key("aws_vpc.main"), ServiceName: known("com.amazonaws.eu-west-1.kms"),
				Type: known("Interface"), PrivateDNS: knownBool(true), Subnets: keys("aws_subnet.a", "aws_subnet.b"),
				SecurityGroups: keys("aws_security_group.kms"), Policy: known(`{"Statement":[]}`), Region: known("eu-west-1")}},
		{"subnet_configuration blocks add subnets", attrs{"subnet_ids": cty.ListVal([]cty.Value{tok("aws_subnet.a")})},
			[]nested{{typ: "subnet_configuration", attrs: attrs{"subnet_id": tok("aws_subnet.b"), "ipv4": cty.StringVal("10.0.2.10")}}},
			&model.VPCEndpoint{Origin: org("aws_vpc_endpoint.kms"), Subnets: keys("aws_subnet.a", "aws_subnet.b"), Region: known("eu-west-1")}},
		{"empty security groups are none: the VPC default", attrs{"security_group_ids": cty.SetValEmpty(cty.String)}, nil,
			&model.VPCEndpoint{Origin: org("aws_vpc_endpoint.kms"), Region: known("eu-west-1")}},
		{"IP address type and dns_options", attrs{"ip_address_type": cty.StringVal("dualstack")},
			[]nested{{typ: "dns_options", attrs: attrs{"dns_record_ip_type": cty.StringVal("ipv6")}}},
			&model.VPCEndpoint{Origin: org("aws_vpc_endpoint.kms"), Region: known("eu-west-1"), IPAddressType: known("dualstack"), DNSRecordIPType: known("ipv6")}},
		{"service region of a cross-region endpoint", attrs{"service_name": cty.StringVal("com.amazonaws.us-east-1.kms"), "service_region": cty.StringVal("us-east-1")}, nil,
			&model.VPCEndpoint{Origin: org("aws_vpc_endpoint.kms"), ServiceName: known("com.amazonaws.us-east-1.kms"), Region: known("eu-west-1"), ServiceRegion: known("us-east-1")}},
		{"subnet_configuration alone", attrs{},
			[]nested{{typ: "subnet_configuration", attrs: attrs{"subnet_id": tok("aws_subnet.b")}}},
			&model.VPCEndpoint{Origin: org("aws_vpc_endpoint.kms"), Subnets: keys("aws_subnet.b"), Region: known("eu-west-1")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := translateAll(t, resource("aws_vpc_endpoint.kms", tc.in, tc.blocks...))
			if d := diff(tc.want, only(t, "endpoints", m.VPCEndpoints)); d != "" {
				t.Errorf("endpoint (-want +got):\n%s", d)
			}
		})
	}
}

func TestServiceNamePartial(t *testing.T) {
	region := &model.Unresolved{Kind: model.FromVariable, Reason: `variable "region" has no value`}
	tests := []struct {
		name    string
		partial string
		want    model.Str
	}{
		{"region unknown: still the KMS service of the endpoint's region", "com.amazonaws." + eval.UnknownRegion + ".kms",
			known("com.amazonaws." + model.RegionToken + ".kms")},
		{"service unknown stays unknown", "com.amazonaws.eu-west-1." + eval.UnknownRegion, model.Str{Unknown: region}},
		{"prefix unknown stays unknown", eval.UnknownRegion + ".eu-west-1.kms", model.Str{Unknown: region}},
		{"two unknown parts stay unknown", "com.amazonaws." + eval.UnknownRegion + "." + eval.UnknownRegion, model.Str{Unknown: region}},
		{"unknown inside a label stays unknown", "com.amazonaws.eu-" + eval.UnknownRegion + ".kms", model.Str{Unknown: region}},
		{"no partial text stays unknown", "", model.Str{Unknown: region}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := resource("aws_vpc_endpoint.kms", attrs{"service_name": unknownOf(cty.String, region)})
			in.Body.Attr("service_name").Partial = tc.partial
			m, _ := translateAll(t, in)
			if d := diff(tc.want, only(t, "endpoints", m.VPCEndpoints).ServiceName); d != "" {
				t.Errorf("service name (-want +got):\n%s", d)
			}
		})
	}
}

func TestEndpointAssociations(t *testing.T) {
	m, _ := translateAll(t,
		resource("aws_vpc_endpoint_subnet_association.a", attrs{"vpc_endpoint_id": tok("aws_vpc_endpoint.kms"), "subnet_id": tok("aws_subnet.c")}),
		resource("aws_vpc_endpoint_security_group_association.default", attrs{"vpc_endpoint_id": tok("aws_vpc_endpoint.kms"), "security_group_id": tok("aws_security_group.kms")}),
		resource("aws_vpc_endpoint_security_group_association.replace", attrs{"vpc_endpoint_id": tok("aws_vpc_endpoint.kms"), "security_group_id": tok("aws_security_group.kms"),
			"replace_default_association": cty.True}),
		resource("aws_vpc_endpoint_private_dns.kms", attrs{"vpc_endpoint_id": tok("aws_vpc_endpoint.kms"), "private_dns_enabled": cty.True}),
	)
	wantSubnet := []*model.EndpointSubnetAssociation{{Origin: org("aws_vpc_endpoint_subnet_association.a"), Endpoint: key("aws_vpc_endpoint.kms"), Subnet: key("aws_subnet.c")}}
	if d := diff(wantSubnet, m.EndpointSubnetAssociations); d != "" {
		t.Errorf("subnet associations (-want +got):\n%s", d)
	}
	// replace_default_association unset is the provider's false, left to
	// the model's reading of an unset Bool.
	wantSG := []*model.EndpointSecurityGroupAssociation{
		{Origin: org("aws_vpc_endpoint_security_group_association.default"), Endpoint: key("aws_vpc_endpoint.kms"), Group: key("aws_security_group.kms")},
		{Origin: org("aws_vpc_endpoint_security_group_association.replace"), Endpoint: key("aws_vpc_endpoint.kms"), Group: key("aws_security_group.kms"), ReplaceDefault: knownBool(true)},
	}
	if d := diff(wantSG, m.EndpointSecurityGroupAssociations); d != "" {
		t.Errorf("security group associations (-want +got):\n%s", d)
	}
	wantDNS := []*model.EndpointPrivateDNS{{Origin: org("aws_vpc_endpoint_private_dns.kms"), Endpoint: key("aws_vpc_endpoint.kms"), Enabled: knownBool(true)}}
	if d := diff(wantDNS, m.EndpointPrivateDNS); d != "" {
		t.Errorf("private DNS (-want +got):\n%s", d)
	}
}

func TestEndpointPolicy(t *testing.T) {
	m, _ := translateAll(t,
		resource("aws_vpc_endpoint_policy.kms", attrs{"vpc_endpoint_id": tok("aws_vpc_endpoint.kms"), "policy": cty.StringVal(`{"Statement":[]}`)}),
		resource("aws_vpc_endpoint_policy.reset", attrs{"vpc_endpoint_id": tok("aws_vpc_endpoint.kms")}))
	want := []*model.EndpointPolicy{
		{Origin: org("aws_vpc_endpoint_policy.kms"), Endpoint: key("aws_vpc_endpoint.kms"), Policy: known(`{"Statement":[]}`)},
		{Origin: org("aws_vpc_endpoint_policy.reset"), Endpoint: key("aws_vpc_endpoint.kms")},
	}
	if d := diff(want, m.EndpointPolicies); d != "" {
		t.Errorf("endpoint policies (-want +got):\n%s", d)
	}
}

// The provider validates these enums case-sensitively: a value it refuses
// is unknown, with a warning, never silently read as the value it resembles.
func TestProviderEnums(t *testing.T) {
	tests := []struct {
		name  string
		in    *eval.Instance
		get   func(*model.Model) model.Str
		known bool
	}{
		{"endpoint type Interface", resource("aws_vpc_endpoint.kms", attrs{"vpc_endpoint_type": cty.StringVal("Interface")}),
			func(m *model.Model) model.Str { return m.VPCEndpoints[0].Type }, true},
		{"endpoint type interface", resource("aws_vpc_endpoint.kms", attrs{"vpc_endpoint_type": cty.StringVal("interface")}),
			func(m *model.Model) model.Str { return m.VPCEndpoints[0].Type }, false},
		{"NAT connectivity public", resource("aws_nat_gateway.nat", attrs{"connectivity_type": cty.StringVal("public")}),
			func(m *model.Model) model.Str { return m.NATGateways[0].ConnectivityType }, true},
		{"NAT connectivity Private", resource("aws_nat_gateway.nat", attrs{"connectivity_type": cty.StringVal("Private")}),
			func(m *model.Model) model.Str { return m.NATGateways[0].ConnectivityType }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, ds := translateAll(t, tc.in)
			got := tc.get(m)
			if got.Known() != tc.known || (!tc.known && got.Unknown == nil) {
				t.Errorf("value = %+v, want known=%t", got, tc.known)
			}
			if warned := len(ds) > 0; warned == tc.known {
				t.Errorf("diagnostics = %v, want a warning only for a refused value", ds)
			}
		})
	}
}
