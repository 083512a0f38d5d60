package awsfacts

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
)

// The EC2 shapes, field by field as botocore's ec2 service model defines
// them (Vpc, Subnet, RouteTable, InternetGateway, NatGateway, VpcEndpoint,
// SecurityGroup, NetworkAcl).

func (s *Snapshot) vpc(n node) {
	o, ok := s.origin(n.get("VpcId").text(), "aws ec2 describe-vpcs", n)
	if !ok {
		return
	}
	s.m.VPCs = append(s.m.VPCs, &model.VPC{Origin: o, CIDR: n.get("CidrBlock").str()})
}

func (s *Snapshot) subnet(n node) {
	o, ok := s.origin(n.get("SubnetId").text(), "aws ec2 describe-subnets", n)
	if !ok {
		return
	}
	s.noteRegion(n.get("SubnetArn"))
	s.m.Subnets = append(s.m.Subnets, &model.Subnet{Origin: o, VPC: n.get("VpcId").ref(),
		CIDR: n.get("CidrBlock").str(), AvailabilityZone: n.get("AvailabilityZone").str()})
}

// routeTargets are the Route members that name a target, and the kind of
// each. GatewayId holds "local", an internet gateway, a virtual private
// gateway or a gateway endpoint; resolving it tells which.
var routeTargets = []struct {
	key  string
	kind model.TargetKind
}{
	{"GatewayId", model.TargetGateway},
	{"NatGatewayId", model.TargetNATGateway},
	{"TransitGatewayId", model.TargetTransitGateway},
	{"VpcPeeringConnectionId", model.TargetPeering},
	{"NetworkInterfaceId", model.TargetNetworkInterface},
	{"InstanceId", model.TargetInstance},
	{"EgressOnlyInternetGatewayId", model.TargetEgressOnlyGateway},
	{"LocalGatewayId", model.TargetLocalGateway},
	{"CarrierGatewayId", model.TargetCarrierGateway},
	{"CoreNetworkArn", model.TargetCoreNetwork},
}

func (s *Snapshot) routeTable(n node) {
	id := n.get("RouteTableId").text()
	o, ok := s.origin(id, "aws ec2 describe-route-tables", n)
	if !ok {
		return
	}
	t := &model.RouteTable{Origin: o, VPC: n.get("VpcId").ref()}
	for i, rn := range n.get("Routes").items() {
		t.Routes = append(t.Routes, route(id, i, rn))
	}
	s.m.RouteTables = append(s.m.RouteTables, t)
	for i, an := range n.get("Associations").items() {
		s.routeTableAssociation(t, n.get("VpcId"), i, an)
	}
}

// route is one entry of Routes. A blackhole route (its target was deleted)
// drops the traffic: it has no target.
func route(table string, i int, n node) *model.Route {
	r := &model.Route{
		Origin:                model.Origin{Address: fmt.Sprintf("%s route[%d]", table, i), Type: "route", Range: n.rng()},
		Table:                 model.Ref{Key: table, Range: n.rng()},
		DestinationCIDR:       n.get("DestinationCidrBlock").str(),
		DestinationIPv6CIDR:   n.get("DestinationIpv6CidrBlock").str(),
		DestinationPrefixList: n.get("DestinationPrefixListId").ref(),
	}
	for _, t := range routeTargets {
		if v := n.get(t.key); v.text() != "" {
			r.TargetKind, r.Target = t.kind, v.ref()
			if t.kind == model.TargetGateway && v.text() == "local" {
				r.TargetKind, r.Target = model.TargetLocal, model.Ref{}
			}
			break
		}
	}
	if strings.EqualFold(n.get("State").text(), "blackhole") {
		r.TargetKind, r.Target = model.TargetNone, model.Ref{}
	}
	return r
}

// routeTableAssociation is one entry of Associations: the main
// association (Main), a subnet association (SubnetId) or an edge
// association (GatewayId). Only an association in state "associated"
// governs; one on its way in or out may or may not.
func (s *Snapshot) routeTableAssociation(t *model.RouteTable, vpc node, i int, n node) {
	addr := n.get("RouteTableAssociationId").text()
	if addr == "" {
		addr = fmt.Sprintf("%s association[%d]", t.Address, i)
	}
	o := model.Origin{Address: addr, Type: "route table association", Range: n.rng()}
	switch st := n.get("AssociationState").get("State").text(); st {
	case "", "associated":
	case "disassociated", "failed":
		return
	default:
		o.Maybe = &model.Unresolved{Kind: model.FromExternal, Range: n.rng(),
			Reason: fmt.Sprintf("association %s of %s is %s", addr, t.Address, st)}
	}
	table := model.Ref{Key: t.Address, Range: n.rng()}
	switch {
	case n.get("Main").boolean().Value:
		s.m.MainRouteTableAssociations = append(s.m.MainRouteTableAssociations,
			&model.MainRouteTableAssociation{Origin: o, VPC: vpc.ref(), Table: table})
	case n.get("SubnetId").text() != "":
		s.m.RouteTableAssociations = append(s.m.RouteTableAssociations,
			&model.RouteTableAssociation{Origin: o, Table: table, Subnet: n.get("SubnetId").ref()})
	case n.get("GatewayId").text() != "":
		s.m.RouteTableAssociations = append(s.m.RouteTableAssociations,
			&model.RouteTableAssociation{Origin: o, Table: table, Gateway: n.get("GatewayId").ref()})
	}
}

// internetGateway reads an internet gateway and its attachment. EC2
// reports an attached internet gateway's attachment as "available"
// ("attached" for VPN gateways); attaching, detaching and detached are no
// attachment.
func (s *Snapshot) internetGateway(n node) {
	o, ok := s.origin(n.get("InternetGatewayId").text(), "aws ec2 describe-internet-gateways", n)
	if !ok {
		return
	}
	g := &model.InternetGateway{Origin: o}
	for _, a := range n.get("Attachments").items() {
		switch a.get("State").text() {
		case "available", "attached":
			g.VPC = a.get("VpcId").ref()
		}
	}
	s.m.InternetGateways = append(s.m.InternetGateways, g)
}

func (s *Snapshot) natGateway(n node) {
	o, ok := s.origin(n.get("NatGatewayId").text(), "aws ec2 describe-nat-gateways", n)
	if !ok {
		return
	}
	g := &model.NATGateway{Origin: o, Subnet: n.get("SubnetId").ref(),
		ConnectivityType: n.get("ConnectivityType").str(), AvailabilityMode: n.get("AvailabilityMode").str(),
		State: n.get("State").str()}
	if strings.EqualFold(g.AvailabilityMode.Value, "regional") {
		g.VPC = n.get("VpcId").ref()
	}
	s.m.NATGateways = append(s.m.NATGateways, g)
}

// prefixList reads a managed prefix list. describe-managed-prefix-lists
// prints no entries (those need get-managed-prefix-list-entries), so a
// customer-managed list is incomplete; an AWS-managed one is known by its
// name (docs/semantics.md#more-specific-routes).
func (s *Snapshot) prefixList(n node) {
	o, ok := s.origin(n.get("PrefixListId").text(), "aws ec2 describe-managed-prefix-lists", n)
	if !ok {
		return
	}
	s.m.PrefixLists = append(s.m.PrefixLists, &model.PrefixList{Origin: o,
		Name: n.get("PrefixListName").str(), AWSManaged: n.get("OwnerId").text() == "AWS",
		AddressFamily: n.get("AddressFamily").str(),
		Entries: model.StrList{Set: true, Range: o.Range, Incomplete: &model.Unresolved{Kind: model.FromExternal, Range: o.Range,
			Reason: "the entries of prefix list " + o.Address + " are not in the AWS facts (describe-managed-prefix-lists does not print them)"}}})
}

// endpoint reads a VPC endpoint. A deleted, rejected, failed or expired
// endpoint is gone (it resolves no name); one that is pending or being
// deleted may or may not take over its service's name.
func (s *Snapshot) endpoint(n node) {
	state := n.get("State").text()
	switch strings.ToLower(state) {
	case "deleted", "rejected", "failed", "expired":
		return
	}
	o, ok := s.origin(n.get("VpcEndpointId").text(), "aws ec2 describe-vpc-endpoints", n)
	if !ok {
		return
	}
	if !strings.EqualFold(state, "available") && state != "" {
		o.Maybe = &model.Unresolved{Kind: model.FromExternal, Range: n.get("State").rng(),
			Reason: fmt.Sprintf("endpoint %s is %s", o.Address, state)}
	}
	e := &model.VPCEndpoint{Origin: o, VPC: n.get("VpcId").ref(), ServiceName: n.get("ServiceName").str(),
		Type: n.get("VpcEndpointType").str(), PrivateDNS: n.get("PrivateDnsEnabled").boolean(),
		Policy: n.get("PolicyDocument").str(), IPAddressType: n.get("IpAddressType").str(),
		DNSRecordIPType: n.get("DnsOptions").get("DnsRecordIpType").str(), ServiceRegion: n.get("ServiceRegion").str()}
	if e.PrivateDNS.Unknown == nil && !e.PrivateDNS.Set {
		e.PrivateDNS = model.KnownBool(false, n.rng())
	}
	e.Subnets = refList(n.get("SubnetIds"), func(x node) node { return x })
	e.SecurityGroups = refList(n.get("Groups"), func(x node) node { return x.get("GroupId") })
	if len(e.SecurityGroups.Items) == 0 {
		e.SecurityGroups.Set = false // EC2 lists the groups it uses; none listed is the VPC default
	}
	s.m.VPCEndpoints = append(s.m.VPCEndpoints, e)
}

// refList reads a list of IDs, each picked out of its element by id.
func refList(n node, id func(node) node) model.Refs {
	out := model.Refs{Set: n.ok(), Range: n.rng()}
	for _, x := range n.items() {
		if r := id(x).ref(); r.IsSet() {
			out.Items = append(out.Items, r)
		}
	}
	return out
}

// securityGroup reads a group with its rules as EC2 reports them: the
// egress rules are all there is (IpPermissionsEgress lists the allow-all
// rule when it exists). The VPC's default group stands at the VPC's
// default security group address.
func (s *Snapshot) securityGroup(n node) {
	id := n.get("GroupId").text()
	o, ok := s.origin(id, "aws ec2 describe-security-groups", n)
	if !ok {
		return
	}
	g := &model.SecurityGroup{Origin: o, VPC: n.get("VpcId").ref(), Name: n.get("GroupName").str(), AllowAllEgress: model.False}
	if g.Name.Value == "default" && n.get("VpcId").text() != "" {
		g.Adopts = model.Ref{Key: model.DefaultSecurityGroupAddress(n.get("VpcId").text()), Range: n.rng()}
	}
	for _, d := range []struct {
		dir model.Direction
		key string
	}{{model.Ingress, "IpPermissions"}, {model.Egress, "IpPermissionsEgress"}} {
		for i, p := range n.get(d.key).items() {
			g.Rules = append(g.Rules, permission(id, d.dir, i, p))
		}
	}
	s.m.SecurityGroups = append(s.m.SecurityGroups, g)
}

// permission is one IpPermission: protocol, ports and the peers it allows
// (IPv4 ranges, prefix lists, groups). IPv6 ranges are not modelled: KMS
// is reached over IPv4 (docs/semantics.md#the-three-paths).
func permission(group string, dir model.Direction, i int, n node) *model.SecurityGroupRule {
	r := &model.SecurityGroupRule{
		Origin:    model.Origin{Address: fmt.Sprintf("%s %s[%d]", group, dir, i), Type: "security group rule", Range: n.rng()},
		Direction: dir,
		Protocol:  n.get("IpProtocol").str(),
		FromPort:  n.get("FromPort").integer(),
		ToPort:    n.get("ToPort").integer(),
		CIDRs:     model.StrList{Set: true, Range: n.rng()},
		Groups:    refList(n.get("UserIdGroupPairs"), func(x node) node { return x.get("GroupId") }),
	}
	for _, c := range n.get("IpRanges").items() {
		r.CIDRs.Items = append(r.CIDRs.Items, c.get("CidrIp").str())
	}
	for _, p := range n.get("PrefixListIds").items() {
		r.PrefixLists.Set = true
		r.PrefixLists.Items = append(r.PrefixLists.Items, p.get("PrefixListId").ref())
	}
	return r
}

// networkACL reads a network ACL, its entries (the final deny-all entry,
// rule 32767, included as EC2 prints it) and its subnet associations.
func (s *Snapshot) networkACL(n node) {
	id := n.get("NetworkAclId").text()
	o, ok := s.origin(id, "aws ec2 describe-network-acls", n)
	if !ok {
		return
	}
	acl := &model.NetworkACL{Origin: o, VPC: n.get("VpcId").ref()}
	if n.get("IsDefault").boolean().Value && n.get("VpcId").text() != "" {
		acl.Adopts = model.Ref{Key: model.DefaultNetworkACLAddress(n.get("VpcId").text()), Range: n.rng()}
	}
	for i, e := range n.get("Entries").items() {
		acl.Rules = append(acl.Rules, &model.NetworkACLRule{
			Origin:     model.Origin{Address: fmt.Sprintf("%s entry[%d]", id, i), Type: "network ACL entry", Range: e.rng()},
			ACL:        model.Ref{Key: id, Range: e.rng()},
			RuleNumber: e.get("RuleNumber").integer(),
			Egress:     e.get("Egress").boolean(),
			Protocol:   e.get("Protocol").str(),
			Action:     e.get("RuleAction").str(),
			CIDR:       e.get("CidrBlock").str(),
			IPv6CIDR:   e.get("Ipv6CidrBlock").str(),
			FromPort:   e.get("PortRange").get("From").integer(),
			ToPort:     e.get("PortRange").get("To").integer(),
		})
	}
	s.m.NetworkACLs = append(s.m.NetworkACLs, acl)
	for i, a := range n.get("Associations").items() {
		addr := a.get("NetworkAclAssociationId").text()
		if addr == "" {
			addr = fmt.Sprintf("%s association[%d]", id, i)
		}
		s.m.NetworkACLAssociations = append(s.m.NetworkACLAssociations, &model.NetworkACLAssociation{
			Origin: model.Origin{Address: addr, Type: "network ACL association", Range: a.rng()},
			ACL:    model.Ref{Key: id, Range: a.rng()},
			Subnet: a.get("SubnetId").ref(),
		})
	}
}

// dropGatewayEndpointRoutes leaves out the routes that a gateway endpoint
// for S3 or DynamoDB adds for its service's AWS-managed prefix list
// (`DestinationPrefixListId` to `vpce-…`). Such a prefix list never holds
// KMS's addresses (docs/semantics.md#more-specific-routes), and code does not carry these routes
// either: the endpoint's route_table_ids / RouteTableIds add them. A route
// to an endpoint that the facts do not show as such a gateway endpoint is
// kept, so it stays unknown.
func (s *Snapshot) dropGatewayEndpointRoutes() {
	gateway := map[string]bool{}
	for _, e := range s.m.VPCEndpoints {
		svc := e.ServiceName.Value
		if e.Maybe == nil && strings.EqualFold(e.Type.Value, "Gateway") &&
			(strings.HasSuffix(svc, ".s3") || strings.HasSuffix(svc, ".dynamodb")) {
			gateway[e.Address] = true
		}
	}
	for _, t := range s.m.RouteTables {
		kept := t.Routes[:0]
		for _, r := range t.Routes {
			if r.DestinationPrefixList.IsSet() && gateway[r.Target.Literal] {
				continue
			}
			kept = append(kept, r)
		}
		t.Routes = kept
	}
}
