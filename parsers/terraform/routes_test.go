package terraform

import (
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

func TestRouteTableInlineRoutes(t *testing.T) {
	in := resource("aws_route_table.private", attrs{"vpc_id": tok("aws_vpc.main")},
		nested{typ: "route", attrs: attrs{"cidr_block": cty.StringVal("0.0.0.0/0"), "nat_gateway_id": tok("aws_nat_gateway.a")}},
		nested{typ: "route", attrs: attrs{"ipv6_cidr_block": cty.StringVal("::/0"), "egress_only_gateway_id": tok("aws_egress_only_internet_gateway.e")}},
		nested{typ: "route", attrs: attrs{"cidr_block": cty.StringVal("10.0.0.0/16"), "gateway_id": cty.StringVal("local")}},
		// terraform-aws-modules style: unused targets passed as "" or null.
		nested{typ: "route", attrs: attrs{"cidr_block": cty.StringVal("0.0.0.0/0"), "gateway_id": cty.StringVal(""),
			"nat_gateway_id": cty.NullVal(cty.String), "transit_gateway_id": cty.StringVal("tgw-1")}},
		nested{typ: "route", attrs: attrs{"destination_prefix_list_id": cty.StringVal("pl-1"), "vpc_endpoint_id": tok("aws_vpc_endpoint.s3")}},
	)
	m, ds := translateAll(t, in)
	table := key("aws_route_table.private")
	routeOrigin := org("aws_route_table.private")
	want := &model.RouteTable{Origin: org("aws_route_table.private"), VPC: key("aws_vpc.main"), Routes: []*model.Route{
		{Origin: routeOrigin, Table: table, DestinationCIDR: known("0.0.0.0/0"), TargetKind: model.TargetNATGateway, Target: key("aws_nat_gateway.a")},
		{Origin: routeOrigin, Table: table, DestinationIPv6CIDR: known("::/0"), TargetKind: model.TargetEgressOnlyGateway, Target: key("aws_egress_only_internet_gateway.e")},
		{Origin: routeOrigin, Table: table, DestinationCIDR: known("10.0.0.0/16"), TargetKind: model.TargetLocal, Target: lit("local")},
		{Origin: routeOrigin, Table: table, DestinationCIDR: known("0.0.0.0/0"), TargetKind: model.TargetTransitGateway, Target: lit("tgw-1")},
		{Origin: routeOrigin, Table: table, DestinationPrefixList: lit("pl-1"), TargetKind: model.TargetVPCEndpoint, Target: key("aws_vpc_endpoint.s3")},
	}}
	if d := diff(want, only(t, "route tables", m.RouteTables)); d != "" {
		t.Errorf("route table (-want +got):\n%s", d)
	}
	if len(ds) != 0 {
		t.Errorf("unexpected diagnostics %v", ds)
	}
	// Inline routes point at their own block.
	if got, want := m.RouteTables[0].Routes[1].Range, modelRange(21, 21); got != want {
		t.Errorf("second route range = %v, want %v", got, want)
	}
}

func TestRouteTableRouteAttribute(t *testing.T) {
	routeObj := cty.ObjectVal(map[string]cty.Value{
		"cidr_block": cty.StringVal("0.0.0.0/0"),
		"gateway_id": tok("aws_internet_gateway.igw"),
	})
	tests := []struct {
		name  string
		route cty.Value
		want  []*model.Route
	}{
		{"route = [] declares no routes", cty.EmptyTupleVal, nil},
		{"route as a list of objects", cty.TupleVal([]cty.Value{routeObj}), []*model.Route{{
			Origin: org("aws_route_table.public"), Table: key("aws_route_table.public"),
			DestinationCIDR: known("0.0.0.0/0"), TargetKind: model.TargetGateway, Target: key("aws_internet_gateway.igw")}}},
		{"unknown routes stand as one unknown route", unknownOf(cty.List(routeObj.Type()), varVPC), []*model.Route{{
			Origin: org("aws_route_table.public"), Table: key("aws_route_table.public"),
			DestinationCIDR: model.Str{Unknown: varVPC}, Target: model.Ref{Unknown: varVPC}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := translateAll(t, resource("aws_route_table.public", attrs{"route": tc.route}))
			if d := diff(tc.want, only(t, "route tables", m.RouteTables).Routes); d != "" {
				t.Errorf("routes (-want +got):\n%s", d)
			}
		})
	}
}

func TestRouteTargets(t *testing.T) {
	tests := []struct {
		attr string
		kind model.TargetKind
	}{
		{"gateway_id", model.TargetGateway},
		{"nat_gateway_id", model.TargetNATGateway},
		{"transit_gateway_id", model.TargetTransitGateway},
		{"vpc_peering_connection_id", model.TargetPeering},
		{"network_interface_id", model.TargetNetworkInterface},
		{"vpc_endpoint_id", model.TargetVPCEndpoint},
		{"egress_only_gateway_id", model.TargetEgressOnlyGateway},
		{"core_network_arn", model.TargetCoreNetwork},
		{"local_gateway_id", model.TargetLocalGateway},
		{"carrier_gateway_id", model.TargetCarrierGateway},
	}
	for _, tc := range tests {
		t.Run(tc.attr, func(t *testing.T) {
			m, _ := translateAll(t, resource("aws_route.r", attrs{
				"route_table_id": tok("aws_route_table.t"), "destination_cidr_block": cty.StringVal("0.0.0.0/0"),
				tc.attr: tok("aws_thing.target"),
			}))
			want := &model.Route{Origin: org("aws_route.r"), Table: key("aws_route_table.t"), DestinationCIDR: known("0.0.0.0/0"),
				TargetKind: tc.kind, Target: key("aws_thing.target")}
			if d := diff(want, only(t, "routes", m.Routes)); d != "" {
				t.Errorf("route (-want +got):\n%s", d)
			}
		})
	}
}

func TestRouteTargetUnknownOrAmbiguous(t *testing.T) {
	m, ds := translateAll(t,
		resource("aws_route.unknown", attrs{"route_table_id": tok("aws_route_table.t"), "destination_cidr_block": cty.StringVal("0.0.0.0/0"),
			"nat_gateway_id": unknownOf(cty.String, varVPC)}),
		resource("aws_route.two", attrs{"route_table_id": tok("aws_route_table.t"), "destination_cidr_block": cty.StringVal("0.0.0.0/0"),
			"gateway_id": tok("aws_internet_gateway.igw"), "nat_gateway_id": tok("aws_nat_gateway.n")}),
		resource("aws_route.none", attrs{"route_table_id": tok("aws_route_table.t"), "destination_cidr_block": cty.StringVal("0.0.0.0/0")}),
	)
	if len(m.Routes) != 3 {
		t.Fatalf("got %d routes, want 3", len(m.Routes))
	}
	if r := m.Routes[0]; r.TargetKind != model.TargetNATGateway || r.Target.Unknown != varVPC {
		t.Errorf("unknown target: got kind %q target %+v, want a NAT gateway route with the variable's reason", r.TargetKind, r.Target)
	}
	if r := m.Routes[1]; r.Target.Unknown == nil || r.Target.Key != "" {
		t.Errorf("two targets: got target %+v, want unknown", r.Target)
	}
	if d := only(t, "diagnostics", ds); d.Severity != "warning" {
		t.Errorf("two targets: diagnostic %v, want a warning", d)
	}
	if r := m.Routes[2]; r.TargetKind != model.TargetNone || r.Target.IsSet() {
		t.Errorf("no target: got kind %q target %+v, want none", r.TargetKind, r.Target)
	}
}

func TestDefaultRouteTable(t *testing.T) {
	in := resource("aws_default_route_table.main", attrs{"default_route_table_id": tok(model.MainRouteTableAddress("aws_vpc.main"))},
		nested{typ: "route", attrs: attrs{"cidr_block": cty.StringVal("0.0.0.0/0"), "gateway_id": tok("aws_internet_gateway.igw")}})
	m, _ := translateAll(t, in)
	want := &model.RouteTable{
		Origin: org("aws_default_route_table.main"),
		VPC:    key("aws_vpc.main"),
		Adopts: key(model.MainRouteTableAddress("aws_vpc.main")),
		Routes: []*model.Route{{Origin: org("aws_default_route_table.main"), Table: key("aws_default_route_table.main"),
			DestinationCIDR: known("0.0.0.0/0"), TargetKind: model.TargetGateway, Target: key("aws_internet_gateway.igw")}},
	}
	if d := diff(want, only(t, "route tables", m.RouteTables)); d != "" {
		t.Errorf("default route table (-want +got):\n%s", d)
	}
}

func TestRouteTableAssociations(t *testing.T) {
	m, _ := translateAll(t,
		resource("aws_route_table_association.subnet", attrs{"subnet_id": tok("aws_subnet.a"), "route_table_id": tok("aws_route_table.t")}),
		resource("aws_route_table_association.edge", attrs{"gateway_id": tok("aws_internet_gateway.igw"), "route_table_id": tok("aws_route_table.edge")}),
		resource("aws_main_route_table_association.m", attrs{"vpc_id": tok("aws_vpc.main"), "route_table_id": tok("aws_route_table.t")}),
	)
	wantAssoc := []*model.RouteTableAssociation{
		{Origin: org("aws_route_table_association.subnet"), Table: key("aws_route_table.t"), Subnet: key("aws_subnet.a")},
		{Origin: org("aws_route_table_association.edge"), Table: key("aws_route_table.edge"), Gateway: key("aws_internet_gateway.igw")},
	}
	if d := diff(wantAssoc, m.RouteTableAssociations); d != "" {
		t.Errorf("associations (-want +got):\n%s", d)
	}
	wantMain := []*model.MainRouteTableAssociation{{Origin: org("aws_main_route_table_association.m"), VPC: key("aws_vpc.main"), Table: key("aws_route_table.t")}}
	if d := diff(wantMain, m.MainRouteTableAssociations); d != "" {
		t.Errorf("main associations (-want +got):\n%s", d)
	}
}

func TestPropagatedRoutes(t *testing.T) {
	m, _ := translateAll(t,
		resource("aws_route_table.private", attrs{"vpc_id": tok("aws_vpc.main"),
			"propagating_vgws": cty.SetVal([]cty.Value{tok("aws_vpn_gateway.vgw")})}),
		resource("aws_vpn_gateway_route_propagation.p", attrs{"route_table_id": tok("aws_route_table.other"),
			"vpn_gateway_id": tok("aws_vpn_gateway.vgw")}),
	)
	inline := only(t, "route tables", m.RouteTables).Routes
	standalone := m.Routes
	for name, rs := range map[string][]*model.Route{"propagating_vgws": inline, "aws_vpn_gateway_route_propagation": standalone} {
		if len(rs) != 1 {
			t.Fatalf("%s: got %d routes, want 1", name, len(rs))
		}
		r := rs[0]
		if r.TargetKind != model.TargetVPNGateway || r.Target.Key != "aws_vpn_gateway.vgw" {
			t.Errorf("%s: target = %v %v, want the virtual private gateway", name, r.TargetKind, r.Target)
		}
		if u := r.DestinationCIDR.Unknown; u == nil || u.Kind != model.FromTarget {
			t.Errorf("%s: destination = %+v, want unknown (route target)", name, r.DestinationCIDR)
		}
	}
	if got := inline[0].Table.Key; got != "aws_route_table.private" {
		t.Errorf("inline propagation table = %q", got)
	}
	if got := standalone[0].Table.Key; got != "aws_route_table.other" {
		t.Errorf("standalone propagation table = %q", got)
	}
}
