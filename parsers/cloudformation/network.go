package cloudformation

import (
	"github.com/daslint/daslint/model"
)

// vpc: EnableDnsSupport defaults to true and EnableDnsHostnames to false
// (AWS::EC2::VPC reference); both are left unset here and the analysis
// applies the defaults.
func vpc(p props, o model.Origin) {
	p.model().VPCs = append(p.model().VPCs, &model.VPC{
		Origin:             o,
		CIDR:               p.str("CidrBlock"),
		EnableDNSSupport:   p.boolean("EnableDnsSupport"),
		EnableDNSHostnames: p.boolean("EnableDnsHostnames"),
		Region:             p.model().Region,
	})
}

func subnet(p props, o model.Origin) {
	p.model().Subnets = append(p.model().Subnets, &model.Subnet{
		Origin:           o,
		VPC:              p.ref("VpcId"),
		CIDR:             p.str("CidrBlock"),
		AvailabilityZone: p.str("AvailabilityZone"),
	})
}

// internetGateway: a CloudFormation internet gateway is attached only by an
// AWS::EC2::VPCGatewayAttachment.
func internetGateway(p props, o model.Origin) {
	p.model().InternetGateways = append(p.model().InternetGateways, &model.InternetGateway{Origin: o})
}

func egressOnlyGateway(p props, o model.Origin) {
	p.model().EgressOnlyInternetGateways = append(p.model().EgressOnlyInternetGateways,
		&model.EgressOnlyInternetGateway{Origin: o, VPC: p.ref("VpcId")})
}

func gatewayAttachment(p props, o model.Origin) {
	gw := p.ref("InternetGatewayId")
	if !gw.IsSet() {
		gw = p.ref("VpnGatewayId")
	}
	p.model().GatewayAttachments = append(p.model().GatewayAttachments,
		&model.GatewayAttachment{Origin: o, Gateway: gw, VPC: p.ref("VpcId")})
}

func eip(p props, o model.Origin) {
	p.model().EIPs = append(p.model().EIPs, &model.EIP{Origin: o})
}

// natGateway: ConnectivityType defaults to public (AWS::EC2::NatGateway
// reference); left unset here.
func natGateway(p props, o model.Origin) {
	p.model().NATGateways = append(p.model().NATGateways, &model.NATGateway{
		Origin:           o,
		Subnet:           p.ref("SubnetId"),
		VPC:              p.ref("VpcId"),
		ConnectivityType: p.str("ConnectivityType"),
		AvailabilityMode: p.str("AvailabilityMode"),
	})
}

func routeTable(p props, o model.Origin) {
	p.model().RouteTables = append(p.model().RouteTables, &model.RouteTable{Origin: o, VPC: p.ref("VpcId")})
}

// routeTargets are the AWS::EC2::Route properties that name a target, in
// the order they are looked at.
var routeTargets = []struct {
	prop string
	kind model.TargetKind
}{
	{"GatewayId", model.TargetGateway},
	{"NatGatewayId", model.TargetNATGateway},
	{"TransitGatewayId", model.TargetTransitGateway},
	{"VpcPeeringConnectionId", model.TargetPeering},
	{"NetworkInterfaceId", model.TargetNetworkInterface},
	{"InstanceId", model.TargetInstance},
	{"VpcEndpointId", model.TargetVPCEndpoint},
	{"EgressOnlyInternetGatewayId", model.TargetEgressOnlyGateway},
	{"CoreNetworkArn", model.TargetCoreNetwork},
	{"LocalGatewayId", model.TargetLocalGateway},
	{"CarrierGatewayId", model.TargetCarrierGateway},
}

func route(p props, o model.Origin) {
	rt := &model.Route{
		Origin:                o,
		Table:                 p.ref("RouteTableId"),
		DestinationCIDR:       p.str("DestinationCidrBlock"),
		DestinationIPv6CIDR:   p.str("DestinationIpv6CidrBlock"),
		DestinationPrefixList: p.ref("DestinationPrefixListId"),
	}
	for _, t := range routeTargets {
		if ref := p.ref(t.prop); ref.IsSet() {
			rt.TargetKind, rt.Target = t.kind, ref
			break
		}
	}
	p.model().Routes = append(p.model().Routes, rt)
}

// vpnGatewayRoutePropagation translates AWS::EC2::VPNGatewayRoutePropagation:
// each route table in RouteTableIds learns routes from the virtual private
// gateway at run time (BGP or the VPN's static routes), and a propagated
// route wins over 0.0.0.0/0 whenever it is more specific (VPC User Guide,
// "Route priority"). Each table gets a route of unknown destination to the
// gateway, so a NAT default route beside it cannot prove a pass.
func vpnGatewayRoutePropagation(p props, o model.Origin) {
	gw := p.ref("VpnGatewayId")
	u := &model.Unresolved{Kind: model.FromTarget, Range: o.Range,
		Reason: o.Address + " propagates routes from a virtual private gateway; they are learned at run time and may cover 0.0.0.0/0 or KMS's public addresses"}
	tables := p.refs("RouteTableIds")
	if tables.Incomplete != nil {
		tables.Items = append(tables.Items, model.Ref{Unknown: tables.Incomplete, Range: tables.Range})
	}
	for _, t := range tables.Items {
		p.model().Routes = append(p.model().Routes, &model.Route{Origin: o, Table: t,
			DestinationCIDR: model.UnknownStr(u, o.Range), TargetKind: model.TargetVPNGateway, Target: gw})
	}
}

func routeTableAssociation(p props, o model.Origin) {
	p.model().RouteTableAssociations = append(p.model().RouteTableAssociations,
		&model.RouteTableAssociation{Origin: o, Table: p.ref("RouteTableId"), Subnet: p.ref("SubnetId")})
}

// gatewayRouteTableAssociation is an edge association: it governs traffic
// entering through the gateway, not any subnet.
func gatewayRouteTableAssociation(p props, o model.Origin) {
	p.model().RouteTableAssociations = append(p.model().RouteTableAssociations,
		&model.RouteTableAssociation{Origin: o, Table: p.ref("RouteTableId"), Gateway: p.ref("GatewayId")})
}

// prefixList translates AWS::EC2::PrefixList, a customer-managed prefix
// list: a route to it stands for a route to each entry of Entries. Entries
// that cannot be known leave the list incomplete.
func prefixList(p props, o model.Origin) {
	pl := &model.PrefixList{Origin: o, Name: p.str("PrefixListName"), AddressFamily: p.str("AddressFamily")}
	v, n, ok := p.value("Entries")
	switch {
	case !ok:
	case v.kind == kUnknown:
		pl.Entries = model.StrList{Set: true, Incomplete: v.unknown, Range: p.s.rng(n)}
	case v.kind == kList:
		pl.Entries = model.StrList{Set: true, Range: p.s.rng(n)}
		for i, item := range v.list {
			itemNode := n
			if n.kind == seqNode && i < len(n.items) {
				itemNode = n.items[i]
			}
			pl.Entries.Items = append(pl.Entries.Items, p.s.prefixListEntry(item, itemNode))
		}
	default:
		pl.Entries = model.StrList{Set: true, Incomplete: p.wrong(n, "Entries", "a list of entries", v), Range: p.s.rng(n)}
	}
	p.model().PrefixLists = append(p.model().PrefixLists, pl)
}

// prefixListEntry reads the Cidr of one entry of a prefix list.
func (s *stack) prefixListEntry(v Value, n *node) model.Str {
	switch v.kind {
	case kUnknown:
		return model.UnknownStr(v.unknown, s.rng(n))
	case kMap:
		if c, ok := v.m["Cidr"]; ok && c.kind != kNull {
			return s.strOf(c, n)
		}
	}
	return model.UnknownStr(s.fail(n, "an entry of a prefix list must be a map with a Cidr, not %s", v.kind).unknown, s.rng(n))
}
