package terraform

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// routeTargets are the arguments that name a route's target, in the order
// they are tried, for aws_route and the inline `route` block alike.
var routeTargets = []struct {
	attr string
	kind model.TargetKind
}{
	{"gateway_id", model.TargetGateway},
	{"nat_gateway_id", model.TargetNATGateway},
	{"transit_gateway_id", model.TargetTransitGateway},
	{"vpc_peering_connection_id", model.TargetPeering},
	{"network_interface_id", model.TargetNetworkInterface},
	{"instance_id", model.TargetInstance},
	{"vpc_endpoint_id", model.TargetVPCEndpoint},
	{"egress_only_gateway_id", model.TargetEgressOnlyGateway},
	{"core_network_arn", model.TargetCoreNetwork},
	{"local_gateway_id", model.TargetLocalGateway},
	{"carrier_gateway_id", model.TargetCarrierGateway},
}

// routeTable translates aws_route_table and aws_default_route_table with
// their inline routes. aws_default_route_table adopts the VPC's main route
// table and, as the provider documents, removes every route it does not
// declare, so its inline routes are the only ones.
func (t *translator) routeTable(in *eval.Instance) {
	f := t.fields(in)
	rt := &model.RouteTable{Origin: t.origin(in)}
	if in.Type == "aws_default_route_table" {
		rt.Adopts = f.ref("default_route_table_id")
		rt.VPC = implicitVPC(rt.Adopts, "main-route-table")
	} else {
		rt.VPC = f.ref("vpc_id")
	}
	self := model.Ref{Key: in.Address, Range: rangeOf(in.DefRange)}
	blocks, incomplete, ir := t.nestedBlocks(in, "route")
	for _, b := range blocks {
		r := t.routeOf(t.nested(in, "route", b), "cidr_block", "ipv6_cidr_block")
		r.Origin = t.nestedOrigin(in, b)
		r.Table = self
		rt.Routes = append(rt.Routes, r)
	}
	if incomplete != nil {
		// Routes that cannot be known stand as one route whose destination
		// and target are unknown, so that the table never looks complete.
		rt.Routes = append(rt.Routes, &model.Route{
			Origin:          t.origin(in),
			Table:           self,
			DestinationCIDR: model.UnknownStr(incomplete, ir),
			Target:          model.Ref{Unknown: incomplete, Range: ir},
		})
	}
	rt.Routes = append(rt.Routes, t.propagatedRoutes(in, self)...)
	t.m.RouteTables = append(t.m.RouteTables, rt)
}

// propagatedRoutes stands for the routes a route table learns from the
// virtual private gateways in propagating_vgws: their destinations come
// from BGP or the VPN's static routes at run time, and a propagated route
// wins over 0.0.0.0/0 whenever it is more specific (VPC User Guide, "Route
// priority"), so each is a route of unknown destination to the gateway.
func (t *translator) propagatedRoutes(in *eval.Instance, table model.Ref) []*model.Route {
	vgws := t.fields(in).refs("propagating_vgws")
	if vgws.Incomplete != nil {
		vgws.Items = append(vgws.Items, model.Ref{Unknown: vgws.Incomplete, Range: vgws.Range})
	}
	var rs []*model.Route
	for _, g := range vgws.Items {
		rs = append(rs, propagatedRoute(t.origin(in), table, g))
	}
	return rs
}

// propagatedRoute is one gateway's propagated routes, whose destination is
// unknown.
func propagatedRoute(o model.Origin, table, vgw model.Ref) *model.Route {
	if vgw.Range.File != "" {
		o.Range = vgw.Range
	}
	u := &model.Unresolved{Kind: model.FromTarget, Range: vgw.Range,
		Reason: o.Address + " propagates routes from a virtual private gateway; they are learned at run time and may cover 0.0.0.0/0 or KMS's public addresses"}
	return &model.Route{Origin: o, Table: table, DestinationCIDR: model.UnknownStr(u, vgw.Range),
		TargetKind: model.TargetVPNGateway, Target: vgw}
}

// vpnGatewayRoutePropagation translates aws_vpn_gateway_route_propagation
// like an entry of propagating_vgws.
func (t *translator) vpnGatewayRoutePropagation(in *eval.Instance) {
	f := t.fields(in)
	t.m.Routes = append(t.m.Routes, propagatedRoute(t.origin(in), f.ref("route_table_id"), f.ref("vpn_gateway_id")))
}

// implicitVPC returns the VPC whose implicit object ref points at.
func implicitVPC(ref model.Ref, kind string) model.Ref {
	if vpc, k, ok := model.ImplicitOf(ref.Key); ok && k == kind {
		return model.Ref{Key: vpc, Range: ref.Range, Maybe: ref.Maybe}
	}
	return model.Ref{Range: ref.Range}
}

// route translates a standalone aws_route.
func (t *translator) route(in *eval.Instance) {
	f := t.fields(in)
	r := t.routeOf(f, "destination_cidr_block", "destination_ipv6_cidr_block")
	r.Origin = t.origin(in)
	r.Table = f.ref("route_table_id")
	t.m.Routes = append(t.m.Routes, r)
}

// routeOf reads a route's destination and target. A route has exactly one
// target; when several are given (the provider refuses that) the target is
// unknown.
func (t *translator) routeOf(f *fields, cidr, ipv6 string) *model.Route {
	r := &model.Route{
		DestinationCIDR:       f.str(cidr),
		DestinationIPv6CIDR:   f.str(ipv6),
		DestinationPrefixList: f.ref("destination_prefix_list_id"),
	}
	var given []string
	for _, tg := range routeTargets {
		ref := f.ref(tg.attr)
		if !ref.IsSet() {
			continue
		}
		given = append(given, tg.attr)
		if len(given) > 1 {
			continue
		}
		r.TargetKind, r.Target = tg.kind, ref
		// gateway_id = "local" is the VPC's local route.
		if tg.kind == model.TargetGateway && ref.Literal == "local" {
			r.TargetKind = model.TargetLocal
		}
	}
	if len(given) > 1 {
		t.ds.Warnf(r.Target.Range, "%s: a route has one target, but %s are set; daslint treats the target as unknown", f.addr, strings.Join(given, ", "))
		r.Target = model.Ref{Range: r.Target.Range, Unknown: &model.Unresolved{
			Kind:   model.FromExpression,
			Reason: fmt.Sprintf("route of %s has more than one target (%s)", f.addr, strings.Join(given, ", ")),
			Range:  r.Target.Range,
		}}
	}
	return r
}

// routeTableAssociation translates aws_route_table_association: a subnet
// association, or an edge association of a gateway.
func (t *translator) routeTableAssociation(in *eval.Instance) {
	f := t.fields(in)
	t.m.RouteTableAssociations = append(t.m.RouteTableAssociations, &model.RouteTableAssociation{
		Origin:  t.origin(in),
		Table:   f.ref("route_table_id"),
		Subnet:  f.ref("subnet_id"),
		Gateway: f.ref("gateway_id"),
	})
}

// mainRouteTableAssociation translates aws_main_route_table_association.
func (t *translator) mainRouteTableAssociation(in *eval.Instance) {
	f := t.fields(in)
	t.m.MainRouteTableAssociations = append(t.m.MainRouteTableAssociations, &model.MainRouteTableAssociation{
		Origin: t.origin(in),
		VPC:    f.ref("vpc_id"),
		Table:  f.ref("route_table_id"),
	})
}
