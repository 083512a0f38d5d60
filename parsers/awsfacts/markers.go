package awsfacts

import (
	"fmt"

	"github.com/daslint/daslint/model"
)

// vpcAttribute reads one `aws ec2 describe-vpc-attribute` answer.
func (s *Snapshot) vpcAttribute(n node) {
	id := n.get("VpcId").text()
	if id == "" {
		return
	}
	d := s.dns[id]
	if d == nil {
		d = &dnsFacts{}
		s.dns[id] = d
	}
	if v := n.get("EnableDnsSupport").get("Value"); v.isScalar() {
		d.support = v.boolean()
	}
	if v := n.get("EnableDnsHostnames").get("Value"); v.isScalar() {
		d.hostnames = v.boolean()
	}
}

// applyDNS sets each VPC's DNS attributes. describe-vpcs does not print
// them: without describe-vpc-attribute facts they are unknown, never the
// defaults of a new VPC (the account may have changed them).
func (s *Snapshot) applyDNS() {
	for _, v := range s.m.VPCs {
		d := s.dns[v.Address]
		if d == nil {
			d = &dnsFacts{}
		}
		v.EnableDNSSupport = dnsValue(d.support, v, "enableDnsSupport")
		v.EnableDNSHostnames = dnsValue(d.hostnames, v, "enableDnsHostnames")
	}
}

func dnsValue(b model.Bool, v *model.VPC, attr string) model.Bool {
	if b.Set {
		return b
	}
	return model.Bool{Range: v.Range, Unknown: &model.Unresolved{Kind: model.FromExternal, Range: v.Range,
		Reason: fmt.Sprintf("describe-vpcs does not report %s of %s; export it: aws ec2 describe-vpc-attribute --vpc-id %s --attribute %s --output json > %s-%s.json",
			attr, v.Address, v.Address, attr, v.Address, attr)}}
}

// Markers stand for what a kind with no facts file may hold: objects the
// analysis would otherwise take as absent. Each is a model object whose
// links are unknown, so the network analysis, which treats unknown links
// as unknown, can never pass on that absence:
//   - no VpcEndpoints: each VPC may have an endpoint that takes over the KMS
//     name (an endpoint of unknown service, type and DNS that may exist);
//   - no RouteTables: each subnet's route table is unknown;
//   - no NetworkAcls: each subnet's network ACL is unknown;
//   - no SecurityGroups: each VPC's default group has unknown rules (other
//     groups, named by ID, stay unresolved literals);
//   - no InternetGateways: each VPC may have an attached internet gateway.
// Subnets, NAT gateways, VPCs and DB objects need none: they are reached
// only by ID, and an ID that names nothing stays an unresolved literal.

// MarkerSuffix ends the address of every marker.
const MarkerSuffix = "#not-exported"

func (s *Snapshot) addMarkers() {
	for _, v := range s.m.VPCs {
		at := v.Range
		vpc := model.Ref{Key: v.Address, Range: at}
		if !s.Have(VpcEndpoints) {
			u := notExported(VpcEndpoints, "whether "+v.Address+" has a KMS endpoint", at)
			unk := model.UnknownStr(u, at)
			s.m.VPCEndpoints = append(s.m.VPCEndpoints, &model.VPCEndpoint{
				Origin: marker(v.Address+"/endpoints", VpcEndpoints.Command(), at, u),
				VPC:    vpc, ServiceName: unk, Type: unk,
				PrivateDNS:     model.Bool{Unknown: u, Range: at},
				Subnets:        model.Refs{Set: true, Incomplete: u, Range: at},
				SecurityGroups: model.Refs{Set: true, Incomplete: u, Range: at},
				Policy:         unk,
			})
		}
		if !s.Have(SecurityGroups) {
			u := notExported(SecurityGroups, "what the default security group of "+v.Address+" allows", at)
			o := marker(v.Address+"/default-security-group", SecurityGroups.Command(), at, nil)
			rule := func(d model.Direction) *model.SecurityGroupRule {
				return &model.SecurityGroupRule{Origin: o, Direction: d, Protocol: model.UnknownStr(u, at),
					CIDRs: model.StrList{Set: true, Incomplete: u, Range: at}, Groups: model.Refs{Set: true, Incomplete: u, Range: at}}
			}
			s.m.SecurityGroups = append(s.m.SecurityGroups, &model.SecurityGroup{Origin: o, VPC: vpc,
				Name:   model.KnownStr("default", at),
				Adopts: model.Ref{Key: model.DefaultSecurityGroupAddress(v.Address), Range: at},
				Rules:  []*model.SecurityGroupRule{rule(model.Egress), rule(model.Ingress)}, AllowAllEgress: model.Unknown})
		}
		if !s.Have(InternetGateways) {
			u := notExported(InternetGateways, "whether an internet gateway is attached to "+v.Address, at)
			s.m.InternetGateways = append(s.m.InternetGateways, &model.InternetGateway{
				Origin: marker(v.Address+"/internet-gateways", InternetGateways.Command(), at, u), VPC: vpc})
		}
	}
	for _, sn := range s.m.Subnets {
		at := sn.Range
		subnet := model.Ref{Key: sn.Address, Range: at}
		if !s.Have(RouteTables) {
			u := notExported(RouteTables, "the route table of "+sn.Address, at)
			s.m.RouteTableAssociations = append(s.m.RouteTableAssociations, &model.RouteTableAssociation{
				Origin: marker(sn.Address+"/route-table", RouteTables.Command(), at, nil),
				Subnet: subnet, Table: model.Ref{Unknown: u, Range: at}})
		}
		if !s.Have(NetworkAcls) {
			u := notExported(NetworkAcls, "the network ACL of "+sn.Address, at)
			s.m.NetworkACLAssociations = append(s.m.NetworkACLAssociations, &model.NetworkACLAssociation{
				Origin: marker(sn.Address+"/network-acl", NetworkAcls.Command(), at, nil),
				Subnet: subnet, ACL: model.Ref{Unknown: u, Range: at}})
		}
	}
}

// marker is the origin of a marker: at the object it is about, existing
// maybe (maybe non-nil) or for certain.
func marker(about, command string, at model.Range, maybe *model.Unresolved) model.Origin {
	return model.Origin{Address: about + MarkerSuffix, Type: command + " (not exported)", Range: at, Maybe: maybe}
}
