package terraform

import (
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

func TestVPC(t *testing.T) {
	tests := []struct {
		name string
		in   attrs
		want *model.VPC
	}{
		{"DNS attributes unset keep their defaults to the model", attrs{"cidr_block": cty.StringVal("10.0.0.0/16")},
			&model.VPC{Origin: org("aws_vpc.main"), CIDR: known("10.0.0.0/16"), Region: known("eu-west-1")}},
		{"DNS attributes set", attrs{"enable_dns_support": cty.False, "enable_dns_hostnames": cty.True},
			&model.VPC{Origin: org("aws_vpc.main"), EnableDNSSupport: knownBool(false), EnableDNSHostnames: knownBool(true), Region: known("eu-west-1")}},
		{"DNS hostnames unknown", attrs{"enable_dns_hostnames": unknownOf(cty.Bool, varVPC)},
			&model.VPC{Origin: org("aws_vpc.main"), EnableDNSHostnames: model.Bool{Unknown: varVPC}, Region: known("eu-west-1")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, ds := translateAll(t, resource("aws_vpc.main", tc.in))
			if d := diff(tc.want, only(t, "VPCs", m.VPCs)); d != "" {
				t.Errorf("VPC (-want +got):\n%s", d)
			}
			if len(ds) != 0 {
				t.Errorf("unexpected diagnostics %v", ds)
			}
		})
	}
}

func TestVPCRegionUnknown(t *testing.T) {
	in := resource("aws_vpc.main", attrs{})
	in.Region = unknownOf(cty.String, varVPC)
	m, _ := translateAll(t, in)
	if got := only(t, "VPCs", m.VPCs).Region; got.Unknown != varVPC {
		t.Errorf("Region = %+v, want unknown for %q", got, varVPC.Reason)
	}
	if m.Region.Unknown != varVPC {
		t.Errorf("model Region = %+v, want unknown for %q", m.Region, varVPC.Reason)
	}
}

func TestSubnet(t *testing.T) {
	tests := []struct {
		name string
		in   attrs
		want *model.Subnet
	}{
		{"by identity", attrs{"vpc_id": tok("aws_vpc.main"), "cidr_block": cty.StringVal("10.0.1.0/24"), "availability_zone": cty.StringVal("eu-west-1a")},
			&model.Subnet{Origin: org("aws_subnet.a"), VPC: key("aws_vpc.main"), CIDR: known("10.0.1.0/24"), AvailabilityZone: known("eu-west-1a")}},
		{"external VPC", attrs{"vpc_id": cty.StringVal("vpc-0abc")},
			&model.Subnet{Origin: org("aws_subnet.a"), VPC: lit("vpc-0abc")}},
		{"zone ID only: zone name unknown", attrs{"availability_zone_id": cty.StringVal("euw1-az1")},
			&model.Subnet{Origin: org("aws_subnet.a"), AvailabilityZone: model.Str{Unknown: &model.Unresolved{
				Kind: model.FromExternal, Reason: "the zone name of availability_zone_id of aws_subnet.a depends on the account",
				Range: attrRange(0)}}}},
		{"zone from a data source", attrs{"availability_zone": unknownOf(cty.String, dataAZ)},
			&model.Subnet{Origin: org("aws_subnet.a"), AvailabilityZone: model.Str{Unknown: dataAZ}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := translateAll(t, resource("aws_subnet.a", tc.in))
			if d := diff(tc.want, only(t, "subnets", m.Subnets)); d != "" {
				t.Errorf("subnet (-want +got):\n%s", d)
			}
		})
	}
}

func TestGateways(t *testing.T) {
	m, _ := translateAll(t,
		resource("aws_internet_gateway.inline", attrs{"vpc_id": tok("aws_vpc.main")}),
		resource("aws_internet_gateway.detached", attrs{}),
		resource("aws_internet_gateway_attachment.a", attrs{"internet_gateway_id": tok("aws_internet_gateway.detached"), "vpc_id": tok("aws_vpc.main")}),
		resource("aws_egress_only_internet_gateway.e", attrs{"vpc_id": tok("aws_vpc.main")}),
		resource("aws_eip.nat", attrs{"domain": cty.StringVal("vpc")}),
		resource("aws_nat_gateway.zonal", attrs{"subnet_id": tok("aws_subnet.public"), "allocation_id": tok("aws_eip.nat")}),
		resource("aws_nat_gateway.private", attrs{"subnet_id": tok("aws_subnet.a"), "connectivity_type": cty.StringVal("private")}),
		resource("aws_nat_gateway.regional", attrs{"vpc_id": tok("aws_vpc.main"), "availability_mode": cty.StringVal("regional")}),
	)
	wantIGW := []*model.InternetGateway{
		{Origin: org("aws_internet_gateway.inline"), VPC: key("aws_vpc.main")},
		{Origin: org("aws_internet_gateway.detached")},
	}
	if d := diff(wantIGW, m.InternetGateways); d != "" {
		t.Errorf("internet gateways (-want +got):\n%s", d)
	}
	wantAtt := []*model.GatewayAttachment{{Origin: org("aws_internet_gateway_attachment.a"), Gateway: key("aws_internet_gateway.detached"), VPC: key("aws_vpc.main")}}
	if d := diff(wantAtt, m.GatewayAttachments); d != "" {
		t.Errorf("attachments (-want +got):\n%s", d)
	}
	wantEIGW := []*model.EgressOnlyInternetGateway{{Origin: org("aws_egress_only_internet_gateway.e"), VPC: key("aws_vpc.main")}}
	if d := diff(wantEIGW, m.EgressOnlyInternetGateways); d != "" {
		t.Errorf("egress-only gateways (-want +got):\n%s", d)
	}
	if d := diff([]*model.EIP{{Origin: org("aws_eip.nat")}}, m.EIPs); d != "" {
		t.Errorf("EIPs (-want +got):\n%s", d)
	}
	// connectivity_type and availability_mode stay unset when not given:
	// the model reads unset as "public" and "zonal" (docs/semantics.md#defaults-that-matter).
	wantNAT := []*model.NATGateway{
		{Origin: org("aws_nat_gateway.zonal"), Subnet: key("aws_subnet.public")},
		{Origin: org("aws_nat_gateway.private"), Subnet: key("aws_subnet.a"), ConnectivityType: known("private")},
		{Origin: org("aws_nat_gateway.regional"), VPC: key("aws_vpc.main"), AvailabilityMode: known("regional")},
	}
	if d := diff(wantNAT, m.NATGateways); d != "" {
		t.Errorf("NAT gateways (-want +got):\n%s", d)
	}
}
