package network

import (
	"fmt"
	"testing"

	"github.com/daslint/daslint/model"
)

// fuzzModel builds a random model from bytes: a few objects of every kind,
// whose refs point at random objects (of any kind, missing ones, literals,
// unknowns, maybes) and whose values come from small pools that include
// unknown and malformed ones.
type fuzzModel struct {
	data  []byte
	addrs []string
	m     *model.Model
}

func (f *fuzzModel) byte() int {
	if len(f.data) == 0 {
		return 0
	}
	b := f.data[0]
	f.data = f.data[1:]
	return int(b)
}

func (f *fuzzModel) pick(n int) int { return f.byte() % n }

func (f *fuzzModel) unk() *model.Unresolved {
	return &model.Unresolved{Kind: model.FromVariable, Reason: fmt.Sprintf("var.v%d has no value", f.pick(4))}
}

func (f *fuzzModel) maybe() *model.Unresolved {
	if f.pick(5) == 0 {
		return &model.Unresolved{Kind: model.FromCondition, Reason: "count is unknown"}
	}
	return nil
}

func (f *fuzzModel) origin(typ string) model.Origin {
	a := fmt.Sprintf("%s.r%d", typ, len(f.addrs))
	if f.pick(4) == 0 && len(f.addrs) > 0 {
		a = f.addrs[f.pick(len(f.addrs))] // a duplicate address
	}
	f.addrs = append(f.addrs, a)
	return model.Origin{Address: a, Type: typ, Maybe: f.maybe()}
}

func (f *fuzzModel) ref() model.Ref {
	r := model.Ref{Maybe: f.maybe()}
	switch f.pick(7) {
	case 0:
	case 1:
		r.Literal = []string{"default", "db", "subnet-0abc", "MAIN"}[f.pick(4)]
	case 2:
		r.Unknown = f.unk()
	case 3:
		r.Key = "aws_missing.x"
	case 4:
		if len(f.addrs) > 0 {
			vpc, _, _ := model.ImplicitOf(f.addrs[f.pick(len(f.addrs))] + "#main-route-table")
			r.Key = []string{model.MainRouteTableAddress(vpc), model.DefaultSecurityGroupAddress(vpc), model.DefaultNetworkACLAddress(vpc)}[f.pick(3)]
		}
	default:
		if len(f.addrs) > 0 {
			r.Key = f.addrs[f.pick(len(f.addrs))]
		}
	}
	return r
}

func (f *fuzzModel) refs() model.Refs {
	rs := model.Refs{Set: f.pick(4) != 0}
	for range f.pick(4) {
		rs.Items = append(rs.Items, f.ref())
	}
	if f.pick(6) == 0 {
		rs.Incomplete = f.unk()
	}
	return rs
}

func (f *fuzzModel) str(pool ...string) model.Str {
	switch n := f.pick(len(pool) + 2); n {
	case 0:
		return model.Str{}
	case 1:
		return model.UnknownStr(f.unk(), model.Range{})
	default:
		return model.KnownStr(pool[n-2], model.Range{})
	}
}

func (f *fuzzModel) bool() model.Bool {
	switch f.pick(4) {
	case 0:
		return model.Bool{}
	case 1:
		return model.Bool{Unknown: f.unk()}
	default:
		return model.KnownBool(f.pick(2) == 0, model.Range{})
	}
}

func (f *fuzzModel) int() model.Int {
	switch f.pick(6) {
	case 0:
		return model.Int{}
	case 1:
		return model.Int{Unknown: f.unk()}
	default:
		return model.KnownInt([]int64{-1, 0, 443, 1024, 65535, 100, 32767}[f.pick(7)], model.Range{})
	}
}

var cidrs = []string{"0.0.0.0/0", "10.0.0.0/16", "10.0.1.0/24", "52.0.0.0/8", "::/0", "bogus", "10.0.1.7/32"}

func (f *fuzzModel) cidrList() model.StrList {
	l := model.StrList{Set: true}
	for range f.pick(3) {
		l.Items = append(l.Items, f.str(cidrs...))
	}
	if f.pick(8) == 0 {
		l.Incomplete = f.unk()
	}
	return l
}

func (f *fuzzModel) sgRule() *model.SecurityGroupRule {
	return &model.SecurityGroupRule{Origin: f.origin("aws_security_group_rule"), Group: f.ref(),
		Direction: []model.Direction{model.Ingress, model.Egress}[f.pick(2)],
		Protocol:  f.str("-1", "tcp", "6", "udp", "all"), FromPort: f.int(), ToPort: f.int(),
		CIDRs: f.cidrList(), Groups: f.refs(), Self: f.bool(), StripsAllowAllEgress: f.pick(4) == 0}
}

func (f *fuzzModel) aclRule() *model.NetworkACLRule {
	return &model.NetworkACLRule{Origin: f.origin("aws_network_acl_rule"), ACL: f.ref(), RuleNumber: f.int(),
		Egress: f.bool(), Protocol: f.str("-1", "tcp", "6", "udp"), Action: f.str("allow", "deny"),
		CIDR: f.str(cidrs...), FromPort: f.int(), ToPort: f.int()}
}

func (f *fuzzModel) route() *model.Route {
	kinds := []model.TargetKind{model.TargetGateway, model.TargetNATGateway, model.TargetTransitGateway, model.TargetPeering, model.TargetNone, model.TargetEgressOnlyGateway, model.TargetLocal}
	r := &model.Route{Origin: f.origin("aws_route"), Table: f.ref(), DestinationCIDR: f.str(cidrs...),
		TargetKind: kinds[f.pick(len(kinds))], Target: f.ref()}
	if f.pick(8) == 0 {
		r.DestinationPrefixList = f.ref()
		if !r.DestinationPrefixList.IsSet() {
			r.DestinationPrefixList = model.Ref{Literal: "pl-1"}
		}
	}
	return r
}

func buildFuzzModel(data []byte) *model.Model {
	f := &fuzzModel{data: data, m: &model.Model{Region: model.KnownStr("eu-west-1", model.Range{})}}
	m := f.m
	for f.len() > 0 {
		switch f.pick(20) {
		case 0:
			m.VPCs = append(m.VPCs, &model.VPC{Origin: f.origin("aws_vpc"), CIDR: f.str(cidrs...), EnableDNSSupport: f.bool(), EnableDNSHostnames: f.bool(), Region: f.str("eu-west-1", "us-east-1")})
		case 1:
			m.Subnets = append(m.Subnets, &model.Subnet{Origin: f.origin("aws_subnet"), VPC: f.ref(), CIDR: f.str(cidrs...), AvailabilityZone: f.str("eu-west-1a", "eu-west-1b")})
		case 2:
			t := &model.RouteTable{Origin: f.origin("aws_route_table"), VPC: f.ref(), Adopts: f.ref()}
			for range f.pick(3) {
				t.Routes = append(t.Routes, f.route())
			}
			m.RouteTables = append(m.RouteTables, t)
		case 3:
			m.Routes = append(m.Routes, f.route())
		case 4:
			m.RouteTableAssociations = append(m.RouteTableAssociations, &model.RouteTableAssociation{Origin: f.origin("aws_route_table_association"), Table: f.ref(), Subnet: f.ref()})
		case 5:
			m.MainRouteTableAssociations = append(m.MainRouteTableAssociations, &model.MainRouteTableAssociation{Origin: f.origin("aws_main_route_table_association"), VPC: f.ref(), Table: f.ref()})
		case 6:
			m.InternetGateways = append(m.InternetGateways, &model.InternetGateway{Origin: f.origin("aws_internet_gateway"), VPC: f.ref()})
		case 7:
			m.GatewayAttachments = append(m.GatewayAttachments, &model.GatewayAttachment{Origin: f.origin("aws_internet_gateway_attachment"), Gateway: f.ref(), VPC: f.ref()})
		case 8:
			m.NATGateways = append(m.NATGateways, &model.NATGateway{Origin: f.origin("aws_nat_gateway"), Subnet: f.ref(), VPC: f.ref(),
				ConnectivityType: f.str("public", "private"), AvailabilityMode: f.str("zonal", "regional")})
		case 9:
			m.VPCEndpoints = append(m.VPCEndpoints, &model.VPCEndpoint{Origin: f.origin("aws_vpc_endpoint"), VPC: f.ref(),
				ServiceName: f.str("com.amazonaws.eu-west-1.kms", "com.amazonaws."+unknownRegionMarker+".kms", "com.amazonaws.eu-west-1.kms-fips", "com.amazonaws.us-east-1.kms", "kms", ""),
				Type:        f.str("Interface", "Gateway"), PrivateDNS: f.bool(), Subnets: f.refs(), SecurityGroups: f.refs(),
				Policy: f.str(`{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}`, `{"Statement":[]}`, "not json", `{"Statement":[{"Effect":"Deny"}]}`)})
		case 10:
			m.EndpointSubnetAssociations = append(m.EndpointSubnetAssociations, &model.EndpointSubnetAssociation{Origin: f.origin("aws_vpc_endpoint_subnet_association"), Endpoint: f.ref(), Subnet: f.ref()})
		case 11:
			m.EndpointSecurityGroupAssociations = append(m.EndpointSecurityGroupAssociations, &model.EndpointSecurityGroupAssociation{Origin: f.origin("aws_vpc_endpoint_security_group_association"), Endpoint: f.ref(), Group: f.ref(), ReplaceDefault: f.bool()})
		case 12:
			m.EndpointPrivateDNS = append(m.EndpointPrivateDNS, &model.EndpointPrivateDNS{Origin: f.origin("aws_vpc_endpoint_private_dns"), Endpoint: f.ref(), Enabled: f.bool()})
		case 13:
			g := &model.SecurityGroup{Origin: f.origin("aws_security_group"), VPC: f.ref(), Adopts: f.ref(), AllowAllEgress: model.Tri(f.pick(3))}
			for range f.pick(3) {
				g.Rules = append(g.Rules, f.sgRule())
			}
			m.SecurityGroups = append(m.SecurityGroups, g)
		case 14:
			m.SecurityGroupRules = append(m.SecurityGroupRules, f.sgRule())
		case 15:
			a := &model.NetworkACL{Origin: f.origin("aws_network_acl"), VPC: f.ref(), Adopts: f.ref(), Subnets: f.refs()}
			for range f.pick(3) {
				a.Rules = append(a.Rules, f.aclRule())
			}
			m.NetworkACLs = append(m.NetworkACLs, a)
		case 16:
			if f.pick(2) == 0 {
				m.NetworkACLRules = append(m.NetworkACLRules, f.aclRule())
			} else {
				m.NetworkACLAssociations = append(m.NetworkACLAssociations, &model.NetworkACLAssociation{Origin: f.origin("aws_network_acl_association"), ACL: f.ref(), Subnet: f.ref()})
			}
		case 17:
			m.DBSubnetGroups = append(m.DBSubnetGroups, &model.DBSubnetGroup{Origin: f.origin("aws_db_subnet_group"), Name: f.str("db", "DB", "default"), Subnets: f.refs()})
		case 18:
			m.DBClusters = append(m.DBClusters, &model.DBCluster{Origin: f.origin("aws_rds_cluster"), Identifier: f.str("main", "other"),
				Engine: f.str("aurora", "aurora-mysql", "mysql"), SubnetGroup: f.ref(), SecurityGroups: f.refs()})
		case 19:
			if f.pick(2) == 0 {
				m.DBInstances = append(m.DBInstances, &model.DBInstance{Origin: f.origin("aws_rds_cluster_instance"), Cluster: f.ref(),
					PubliclyAccessible: f.bool(), PublicDefault: model.PublicDefault(f.pick(2)), AvailabilityZone: f.str("eu-west-1a", "eu-west-1c")})
			} else {
				m.ActivityStreams = append(m.ActivityStreams, &model.ActivityStream{Origin: f.origin("aws_rds_cluster_activity_stream"), Cluster: f.ref()})
			}
		}
	}
	return m
}

func (f *fuzzModel) len() int { return len(f.data) }

func FuzzAnalyze(f *testing.F) {
	f.Add([]byte{0, 0, 1, 5, 5, 5, 17, 5, 18, 5, 5, 19, 0, 5, 19, 1, 5})
	f.Add([]byte("a fuzz seed with some bytes in it: 0123456789"))
	f.Add([]byte{0, 2, 2, 2, 1, 5, 5, 5, 2, 5, 5, 5, 8, 5, 5, 6, 6, 9, 5, 5, 5, 5, 5, 5, 13, 14, 15, 17, 18, 19, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		m := buildFuzzModel(data)
		for _, all := range []bool{false, true} {
			// A model of a few dozen objects; a hang is caught by the test
			// binary's -timeout, never by a clock in the test.
			for _, r := range Analyze(m, Options{AllClusters: all}) {
				explains(t, r)
			}
		}
	})
}
