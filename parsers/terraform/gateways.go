package terraform

import (
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// internetGateway translates aws_internet_gateway; its vpc_id is an inline
// attachment.
func (t *translator) internetGateway(in *eval.Instance) {
	f := t.fields(in)
	t.m.InternetGateways = append(t.m.InternetGateways, &model.InternetGateway{
		Origin: t.origin(in),
		VPC:    f.ref("vpc_id"),
	})
}

// gatewayAttachment translates aws_internet_gateway_attachment.
func (t *translator) gatewayAttachment(in *eval.Instance) {
	f := t.fields(in)
	t.m.GatewayAttachments = append(t.m.GatewayAttachments, &model.GatewayAttachment{
		Origin:  t.origin(in),
		Gateway: f.ref("internet_gateway_id"),
		VPC:     f.ref("vpc_id"),
	})
}

// egressOnlyGateway translates aws_egress_only_internet_gateway.
func (t *translator) egressOnlyGateway(in *eval.Instance) {
	f := t.fields(in)
	t.m.EgressOnlyInternetGateways = append(t.m.EgressOnlyInternetGateways, &model.EgressOnlyInternetGateway{
		Origin: t.origin(in),
		VPC:    f.ref("vpc_id"),
	})
}

// natGateway translates aws_nat_gateway. connectivity_type (default
// "public") and availability_mode (default "zonal"; "regional" places the
// gateway in the VPC given by vpc_id rather than in a subnet) stay unset when
// not given; the model documents their defaults.
func (t *translator) natGateway(in *eval.Instance) {
	f := t.fields(in)
	t.m.NATGateways = append(t.m.NATGateways, &model.NATGateway{
		Origin:           t.origin(in),
		Subnet:           f.ref("subnet_id"),
		VPC:              f.ref("vpc_id"),
		ConnectivityType: f.enum("connectivity_type", "private", "public"),
		AvailabilityMode: f.str("availability_mode"),
	})
}
