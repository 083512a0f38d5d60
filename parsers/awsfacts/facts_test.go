package awsfacts

import (
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
)

func TestRecognize(t *testing.T) {
	tests := []struct {
		name string
		json string
		want Kind
		ok   bool
	}{
		{"vpcs", `{"Vpcs": []}`, Vpcs, true},
		{"clusters with marker", `{"DBClusters": [], "Marker": "x"}`, DBClusters, true},
		{"subnets with next token", `{"Subnets": [{}], "NextToken": "t"}`, Subnets, true},
		{"dns support", `{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": true}}`, VpcAttribute, true},
		{"dns hostnames, other order", `{"EnableDnsHostnames": {"Value": false}, "VpcId": "vpc-1"}`, VpcAttribute, true},
		{"two facts keys", `{"Vpcs": [], "Subnets": []}`, "", false},
		{"facts key and another", `{"Vpcs": [], "Resources": {}}`, "", false},
		{"facts key that is no list", `{"Vpcs": {}}`, "", false},
		{"template", `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}`, "", false},
		{"package.json", `{"name": "x", "version": "1.0.0"}`, "", false},
		{"vpc id alone", `{"VpcId": "vpc-1"}`, "", false},
		{"not json", `Vpcs: []`, "", false},
		{"array", `[{"Vpcs": []}]`, "", false},
	}
	for _, tt := range tests {
		got, ok := Recognize([]byte(tt.json))
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: Recognize = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// snapshot reads files (name → JSON) into a model.
func snapshot(t *testing.T, audit bool, files ...string) *model.Model {
	t.Helper()
	s := NewSnapshot()
	for i := 0; i+1 < len(files); i += 2 {
		for _, d := range s.Add(files[i], []byte(files[i+1])) {
			t.Fatalf("%s: %s", files[i], d.Message)
		}
	}
	return s.Model(Options{Audit: audit})
}

const vpcs = `{
    "Vpcs": [
        {
            "OwnerId": "111122223333",
            "InstanceTenancy": "default",
            "IsDefault": false,
            "VpcId": "vpc-1",
            "State": "available",
            "CidrBlock": "10.0.0.0/16",
            "DhcpOptionsId": "dopt-1"
        }
    ]
}`

const subnets = `{
    "Subnets": [
        {
            "AvailabilityZoneId": "euw1-az1",
            "SubnetArn": "arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-a",
            "SubnetId": "subnet-a",
            "State": "available",
            "VpcId": "vpc-1",
            "CidrBlock": "10.0.1.0/24",
            "AvailabilityZone": "eu-west-1a"
        }
    ]
}`

func TestVPCAndSubnet(t *testing.T) {
	m := snapshot(t, false, "vpcs.json", vpcs, "subnets.json", subnets)
	if len(m.VPCs) != 1 || len(m.Subnets) != 1 {
		t.Fatalf("got %d VPCs, %d subnets", len(m.VPCs), len(m.Subnets))
	}
	v, s := m.VPCs[0], m.Subnets[0]
	if v.Address != "vpc-1" || v.CIDR.Value != "10.0.0.0/16" || v.Range.File != "vpcs.json" || v.Range.Line != 3 || v.Range.EndLine != 10 {
		t.Errorf("VPC = %+v", v.Origin)
	}
	if v.EnableDNSSupport.Unknown == nil || v.EnableDNSHostnames.Unknown == nil {
		t.Errorf("DNS attributes without describe-vpc-attribute facts must be unknown: %+v %+v", v.EnableDNSSupport, v.EnableDNSHostnames)
	}
	if !strings.Contains(v.EnableDNSSupport.Unknown.Reason, "describe-vpc-attribute --vpc-id vpc-1 --attribute enableDnsSupport") {
		t.Errorf("reason = %q", v.EnableDNSSupport.Unknown.Reason)
	}
	if s.VPC.Key != "vpc-1" || s.AvailabilityZone.Value != "eu-west-1a" || s.CIDR.Value != "10.0.1.0/24" {
		t.Errorf("subnet = %+v", s)
	}
	if m.Region.Value != "eu-west-1" {
		t.Errorf("region = %q, want the subnet ARN's", m.Region.Value)
	}
}

func TestVPCAttributes(t *testing.T) {
	m := snapshot(t, false, "vpcs.json", vpcs,
		"s.json", `{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": true}}`,
		"h.json", `{"VpcId": "vpc-1", "EnableDnsHostnames": {"Value": false}}`)
	v := m.VPCs[0]
	if v.EnableDNSSupport.Tri(false) != model.True || v.EnableDNSHostnames.Tri(true) != model.False {
		t.Errorf("DNS = %v / %v, want true / false", v.EnableDNSSupport.Tri(false), v.EnableDNSHostnames.Tri(true))
	}
	if v.EnableDNSSupport.Range.File != "s.json" {
		t.Errorf("range = %v, want the attribute file", v.EnableDNSSupport.Range)
	}
}

const routeTables = `{
    "RouteTables": [
        {
            "Associations": [
                {"Main": true, "RouteTableAssociationId": "rtbassoc-m", "RouteTableId": "rtb-main", "AssociationState": {"State": "associated"}}
            ],
            "RouteTableId": "rtb-main",
            "Routes": [
                {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"},
                {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1", "Origin": "CreateRoute", "State": "active"},
                {"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1", "Origin": "CreateRoute", "State": "active"},
                {"DestinationPrefixListId": "pl-1", "GatewayId": "vpce-s3", "Origin": "CreateRoute", "State": "active"},
                {"DestinationCidrBlock": "172.16.0.0/12", "TransitGatewayId": "tgw-1", "Origin": "CreateRoute", "State": "blackhole"}
            ],
            "VpcId": "vpc-1"
        },
        {
            "Associations": [
                {"Main": false, "RouteTableAssociationId": "rtbassoc-a", "RouteTableId": "rtb-pub", "SubnetId": "subnet-a", "AssociationState": {"State": "associated"}},
                {"Main": false, "RouteTableAssociationId": "rtbassoc-b", "RouteTableId": "rtb-pub", "SubnetId": "subnet-b", "AssociationState": {"State": "associating"}},
                {"Main": false, "RouteTableAssociationId": "rtbassoc-c", "RouteTableId": "rtb-pub", "SubnetId": "subnet-c", "AssociationState": {"State": "disassociated"}},
                {"Main": false, "RouteTableAssociationId": "rtbassoc-g", "RouteTableId": "rtb-pub", "GatewayId": "igw-1", "AssociationState": {"State": "associated"}}
            ],
            "RouteTableId": "rtb-pub",
            "Routes": [
                {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "Origin": "CreateRoute", "State": "active"}
            ],
            "VpcId": "vpc-1"
        }
    ]
}`

func TestRouteTables(t *testing.T) {
	m := snapshot(t, false, "vpcs.json", vpcs, "subnets.json", subnets, "rt.json", routeTables,
		"igw.json", `{"InternetGateways": [{"Attachments": [{"State": "available", "VpcId": "vpc-1"}], "InternetGatewayId": "igw-1"}]}`)
	if len(m.RouteTables) != 2 {
		t.Fatalf("%d route tables", len(m.RouteTables))
	}
	main := m.RouteTables[0]
	want := []struct {
		kind   model.TargetKind
		target string // Key or Literal
	}{
		{model.TargetLocal, ""},
		{model.TargetNATGateway, "nat-1"}, // not in the snapshot: a literal
		{model.TargetEgressOnlyGateway, "eigw-1"},
		{model.TargetGateway, "vpce-s3"},
		{model.TargetNone, ""}, // blackhole
	}
	for i, w := range want {
		r := main.Routes[i]
		got := r.Target.Key + r.Target.Literal
		if r.TargetKind != w.kind || got != w.target {
			t.Errorf("route %d: %q → %q, want %q → %q", i, r.TargetKind, got, w.kind, w.target)
		}
		if r.Table.Key != "rtb-main" || r.Range.Line == 0 {
			t.Errorf("route %d: table %q, range %v", i, r.Table.Key, r.Range)
		}
	}
	if got := main.Routes[2].DestinationIPv6CIDR.Value; got != "::/0" {
		t.Errorf("IPv6 destination = %q", got)
	}
	if got := main.Routes[3].DestinationPrefixList.Literal; got != "pl-1" {
		t.Errorf("prefix list destination = %q", got)
	}
	if r := m.RouteTables[1].Routes[0]; r.Target.Key != "igw-1" {
		t.Errorf("route to the snapshot's internet gateway = %+v, want a key", r.Target)
	}
	if len(m.MainRouteTableAssociations) != 1 || m.MainRouteTableAssociations[0].VPC.Key != "vpc-1" || m.MainRouteTableAssociations[0].Table.Key != "rtb-main" {
		t.Errorf("main associations = %+v", m.MainRouteTableAssociations)
	}
	var assocs []string
	for _, a := range m.RouteTableAssociations {
		s := a.Address + " " + a.Subnet.Key + a.Subnet.Literal + " " + a.Gateway.Key
		if a.Maybe != nil {
			s += " maybe"
		}
		assocs = append(assocs, s)
	}
	wantAssocs := "rtbassoc-a subnet-a |rtbassoc-b subnet-b  maybe|rtbassoc-g  igw-1"
	if got := strings.Join(assocs, "|"); got != wantAssocs {
		t.Errorf("associations = %q, want %q", got, wantAssocs)
	}
}

func TestGatewaysAndNAT(t *testing.T) {
	m := snapshot(t, false, "vpcs.json", vpcs, "subnets.json", subnets,
		"igw.json", `{"InternetGateways": [
			{"Attachments": [{"State": "available", "VpcId": "vpc-1"}], "InternetGatewayId": "igw-1"},
			{"Attachments": [{"State": "detached", "VpcId": "vpc-1"}], "InternetGatewayId": "igw-2"},
			{"Attachments": [], "InternetGatewayId": "igw-3"}]}`,
		"nat.json", `{"NatGateways": [
			{"NatGatewayId": "nat-1", "State": "available", "SubnetId": "subnet-a", "VpcId": "vpc-1", "ConnectivityType": "public"},
			{"NatGatewayId": "nat-2", "State": "failed", "SubnetId": "subnet-a", "VpcId": "vpc-1", "ConnectivityType": "private"},
			{"NatGatewayId": "nat-3", "State": "available", "VpcId": "vpc-1", "ConnectivityType": "public", "AvailabilityMode": "regional"}]}`)
	var attached []string
	for _, g := range m.InternetGateways {
		attached = append(attached, g.Address+"="+g.VPC.Key)
	}
	if got := strings.Join(attached, " "); got != "igw-1=vpc-1 igw-2= igw-3=" {
		t.Errorf("attachments = %q", got)
	}
	n1, n2, n3 := m.NATGateways[0], m.NATGateways[1], m.NATGateways[2]
	if n1.Subnet.Key != "subnet-a" || n1.ConnectivityType.Value != "public" || n1.State.Value != "available" || n1.VPC.IsSet() {
		t.Errorf("nat-1 = %+v", n1)
	}
	if n2.State.Value != "failed" || n2.ConnectivityType.Value != "private" {
		t.Errorf("nat-2 = %+v", n2)
	}
	if n3.VPC.Key != "vpc-1" || n3.AvailabilityMode.Value != "regional" {
		t.Errorf("nat-3 = %+v", n3)
	}
}

func TestEndpoints(t *testing.T) {
	m := snapshot(t, false, "vpcs.json", vpcs, "subnets.json", subnets,
		"sg.json", `{"SecurityGroups": [{"GroupId": "sg-e", "GroupName": "e", "VpcId": "vpc-1", "IpPermissions": [], "IpPermissionsEgress": []}]}`,
		"vpce.json", `{"VpcEndpoints": [
			{"VpcEndpointId": "vpce-kms", "VpcEndpointType": "Interface", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-1.kms",
			 "State": "available", "PolicyDocument": "{\"Statement\":[{\"Action\":\"*\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Resource\":\"*\"}]}",
			 "SubnetIds": ["subnet-a", "subnet-x"], "Groups": [{"GroupId": "sg-e", "GroupName": "e"}], "IpAddressType": "ipv4",
			 "DnsOptions": {"DnsRecordIpType": "ipv4"}, "PrivateDnsEnabled": true, "ServiceRegion": "eu-west-1"},
			{"VpcEndpointId": "vpce-s3", "VpcEndpointType": "Gateway", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-1.s3",
			 "State": "available", "SubnetIds": [], "Groups": [], "PrivateDnsEnabled": false},
			{"VpcEndpointId": "vpce-pending", "VpcEndpointType": "Interface", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-1.kms",
			 "State": "pending", "SubnetIds": ["subnet-a"], "Groups": [{"GroupId": "sg-e"}], "PrivateDnsEnabled": true},
			{"VpcEndpointId": "vpce-gone", "VpcEndpointType": "Interface", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-1.kms",
			 "State": "deleted", "PrivateDnsEnabled": true}]}`)
	if len(m.VPCEndpoints) != 3 {
		t.Fatalf("%d endpoints, want 3 (the deleted one is gone)", len(m.VPCEndpoints))
	}
	e := m.VPCEndpoints[0]
	if e.Type.Value != "Interface" || e.ServiceName.Value != "com.amazonaws.eu-west-1.kms" || !e.PrivateDNS.Value ||
		e.VPC.Key != "vpc-1" || e.IPAddressType.Value != "ipv4" || e.DNSRecordIPType.Value != "ipv4" || e.ServiceRegion.Value != "eu-west-1" || !strings.Contains(e.Policy.Value, `"Action":"*"`) {
		t.Errorf("vpce-kms = %+v", e)
	}
	if len(e.Subnets.Items) != 2 || e.Subnets.Items[0].Key != "subnet-a" || e.Subnets.Items[1].Literal != "subnet-x" {
		t.Errorf("subnets = %+v", e.Subnets.Items)
	}
	if !e.SecurityGroups.Set || e.SecurityGroups.Items[0].Key != "sg-e" {
		t.Errorf("groups = %+v", e.SecurityGroups)
	}
	if s3 := m.VPCEndpoints[1]; s3.SecurityGroups.Set || s3.PrivateDNS.Value || s3.Maybe != nil {
		t.Errorf("vpce-s3 = %+v", s3)
	}
	if p := m.VPCEndpoints[2]; p.Maybe == nil || !strings.Contains(p.Maybe.Reason, "pending") {
		t.Errorf("a pending endpoint may or may not exist: %+v", p.Maybe)
	}
}

const securityGroups = `{
    "SecurityGroups": [
        {
            "GroupId": "sg-default",
            "IpPermissionsEgress": [{"IpProtocol": "-1", "UserIdGroupPairs": [], "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "PrefixListIds": []}],
            "VpcId": "vpc-1",
            "GroupName": "default",
            "Description": "default VPC security group",
            "IpPermissions": [{"IpProtocol": "-1", "UserIdGroupPairs": [{"UserId": "111122223333", "GroupId": "sg-default"}], "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": []}]
        },
        {
            "GroupId": "sg-db",
            "IpPermissionsEgress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "UserIdGroupPairs": [], "IpRanges": [], "Ipv6Ranges": [{"CidrIpv6": "::/0"}], "PrefixListIds": [{"PrefixListId": "pl-kms"}]}],
            "VpcId": "vpc-1",
            "GroupName": "db",
            "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": "sg-other"}], "IpRanges": [{"CidrIp": "10.0.0.0/16", "Description": "vpc"}], "Ipv6Ranges": [], "PrefixListIds": []}]
        }
    ]
}`

func TestSecurityGroups(t *testing.T) {
	m := snapshot(t, false, "vpcs.json", vpcs, "sg.json", securityGroups)
	def, db := m.SecurityGroups[0], m.SecurityGroups[1]
	if def.Adopts.Key != model.DefaultSecurityGroupAddress("vpc-1") || def.AllowAllEgress != model.False {
		t.Errorf("the default group stands at the VPC's default group: %+v", def)
	}
	if db.Adopts.IsSet() || db.Name.Value != "db" || db.VPC.Key != "vpc-1" {
		t.Errorf("sg-db = %+v", db)
	}
	in, eg := def.Rules[0], def.Rules[1]
	if in.Direction != model.Ingress || in.Protocol.Value != "-1" || in.Groups.Items[0].Key != "sg-default" {
		t.Errorf("default ingress = %+v", in)
	}
	if eg.Direction != model.Egress || eg.CIDRs.Items[0].Value != "0.0.0.0/0" {
		t.Errorf("default egress = %+v", eg)
	}
	dbIn, dbEg := db.Rules[0], db.Rules[1]
	if dbIn.FromPort.Value != 5432 || dbIn.ToPort.Value != 5432 || dbIn.CIDRs.Items[0].Value != "10.0.0.0/16" || dbIn.Groups.Items[0].Literal != "sg-other" {
		t.Errorf("sg-db ingress = %+v", dbIn)
	}
	if len(dbEg.CIDRs.Items) != 0 || dbEg.PrefixLists.Items[0].Literal != "pl-kms" || dbEg.Protocol.Value != "tcp" {
		t.Errorf("sg-db egress (IPv6 and a prefix list only) = %+v", dbEg)
	}
}

func TestNetworkACLs(t *testing.T) {
	m := snapshot(t, false, "vpcs.json", vpcs, "subnets.json", subnets, "acl.json", `{"NetworkAcls": [{
		"Associations": [{"NetworkAclAssociationId": "aclassoc-1", "NetworkAclId": "acl-1", "SubnetId": "subnet-a"}],
		"Entries": [
			{"CidrBlock": "0.0.0.0/0", "Egress": true, "Protocol": "6", "PortRange": {"From": 443, "To": 443}, "RuleAction": "allow", "RuleNumber": 100},
			{"CidrBlock": "0.0.0.0/0", "Egress": true, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767},
			{"Ipv6CidrBlock": "::/0", "Egress": false, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32768}],
		"IsDefault": true, "NetworkAclId": "acl-1", "VpcId": "vpc-1"}]}`)
	acl := m.NetworkACLs[0]
	if acl.Adopts.Key != model.DefaultNetworkACLAddress("vpc-1") || len(acl.Rules) != 3 {
		t.Fatalf("acl = %+v", acl)
	}
	r := acl.Rules[0]
	if r.RuleNumber.Value != 100 || !r.Egress.Value || r.Protocol.Value != "6" || r.Action.Value != "allow" ||
		r.CIDR.Value != "0.0.0.0/0" || r.FromPort.Value != 443 || r.ToPort.Value != 443 || r.ACL.Key != "acl-1" {
		t.Errorf("entry = %+v", r)
	}
	if r := acl.Rules[2]; r.IPv6CIDR.Value != "::/0" || r.CIDR.Set {
		t.Errorf("IPv6 entry = %+v", r)
	}
	if a := m.NetworkACLAssociations[0]; a.ACL.Key != "acl-1" || a.Subnet.Key != "subnet-a" || a.Address != "aclassoc-1" {
		t.Errorf("association = %+v", a)
	}
}

const rdsFacts = `{
    "DBClusters": [
        {
            "DBClusterIdentifier": "orders",
            "DBSubnetGroup": "aurora-db",
            "Engine": "aurora-postgresql",
            "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-db", "Status": "active"}],
            "DBClusterArn": "arn:aws:rds:eu-west-1:111122223333:cluster:orders",
            "EngineVersion": "15.4",
            "EngineMode": "provisioned",
            "ActivityStreamStatus": "started",
            "ActivityStreamMode": "sync",
            "ActivityStreamKmsKeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        },
        {
            "DBClusterIdentifier": "reports",
            "DBSubnetGroup": "aurora-db",
            "Engine": "aurora-mysql",
            "DBClusterArn": "arn:aws:rds:eu-west-1:111122223333:cluster:reports",
            "NetworkType": "DUAL",
            "ActivityStreamStatus": "stopped"
        },
        {
            "DBClusterIdentifier": "same",
            "Engine": "aurora-mysql",
            "ActivityStreamStatus": "starting"
        }
    ]
}`

func TestRDS(t *testing.T) {
	m := snapshot(t, true,
		"groups.json", `{"DBSubnetGroups": [{"DBSubnetGroupName": "aurora-db", "VpcId": "vpc-1", "SubnetGroupStatus": "Complete",
			"Subnets": [{"SubnetIdentifier": "subnet-a", "SubnetAvailabilityZone": {"Name": "eu-west-1a"}, "SubnetStatus": "Active"}],
			"DBSubnetGroupArn": "arn:aws:rds:eu-west-1:111122223333:subgrp:aurora-db"}]}`,
		"clusters.json", rdsFacts,
		"instances.json", `{"DBInstances": [
			{"DBInstanceIdentifier": "orders-1", "Engine": "aurora-postgresql", "DBInstanceClass": "db.r6g.large", "AvailabilityZone": "eu-west-1a", "PubliclyAccessible": false,
			 "DBClusterIdentifier": "orders", "DBSubnetGroup": {"DBSubnetGroupName": "aurora-db"}},
			{"DBInstanceIdentifier": "same", "Engine": "aurora-mysql", "PubliclyAccessible": true, "DBClusterIdentifier": "same"},
			{"DBInstanceIdentifier": "legacy", "Engine": "mysql", "PubliclyAccessible": false, "DBSubnetGroup": {"DBSubnetGroupName": "aurora-db"}}]}`)
	g := m.DBSubnetGroups[0]
	if g.Address != "subgrp:aurora-db" || g.Name.Value != "aurora-db" || g.Region.Value != "eu-west-1" || g.Subnets.Items[0].Literal != "subnet-a" {
		t.Errorf("group = %+v", g)
	}
	c := m.DBClusters[0]
	if c.Address != "orders" || c.Identifier.Value != "orders" || c.Engine.Value != "aurora-postgresql" ||
		c.SubnetGroup.Literal != "aurora-db" || c.SecurityGroups.Items[0].Literal != "sg-db" || c.Region.Value != "eu-west-1" {
		t.Errorf("cluster = %+v", c)
	}
	if c.EngineVersion.Value != "15.4" || c.EngineMode.Value != "provisioned" {
		t.Errorf("cluster engine version %+v, mode %+v", c.EngineVersion, c.EngineMode)
	}
	if c.NetworkType.Set || m.DBClusters[1].NetworkType.Value != "DUAL" {
		t.Errorf("network types = %+v, %+v; want unset (IPV4) and DUAL", c.NetworkType, m.DBClusters[1].NetworkType)
	}
	in := m.DBInstances
	if in[0].InstanceClass.Value != "db.r6g.large" || in[1].InstanceClass.Set {
		t.Errorf("instance classes %+v, %+v", in[0].InstanceClass, in[1].InstanceClass)
	}
	if in[0].Address != "orders-1" || in[0].Cluster.Key != "orders" || in[0].PubliclyAccessible.Tri(true) != model.False ||
		in[0].AvailabilityZone.Value != "eu-west-1a" || in[0].SubnetGroup.IsSet() {
		t.Errorf("orders-1 = %+v", in[0])
	}
	if in[1].Address != "db:same" || in[1].Cluster.Key != "same" {
		t.Errorf("an instance named like a cluster takes the ARN form: %+v", in[1].Origin)
	}
	if in[2].SubnetGroup.Literal != "aurora-db" || in[2].Cluster.IsSet() {
		t.Errorf("an instance without a cluster keeps its own subnet group: %+v", in[2])
	}
	var streams []string
	for _, s := range m.ActivityStreams {
		streams = append(streams, s.Cluster.Key)
	}
	if got := strings.Join(streams, " "); got != "orders same" {
		t.Errorf("audit streams for %q, want the started and starting clusters", got)
	}
	if mode := m.ActivityStreams[0].Mode; mode.Value != "sync" || m.ActivityStreams[1].Mode.Set {
		t.Errorf("stream modes %+v, %+v: want sync from ActivityStreamMode, then none", mode, m.ActivityStreams[1].Mode)
	}
	if k := m.ActivityStreams[0].KMSKey; k.Literal != "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" {
		t.Errorf("the stream's key is ActivityStreamKmsKeyId: %+v", k)
	}
	if k := m.ActivityStreams[1].KMSKey; k.IsSet() {
		t.Errorf("a cluster without ActivityStreamKmsKeyId gives no key: %+v", k)
	}
	if m := snapshot(t, false, "clusters.json", rdsFacts); len(m.ActivityStreams) != 0 {
		t.Errorf("a context snapshot has no streams: %d", len(m.ActivityStreams))
	}
}

// TestMarkers checks that each kind with no facts file leaves the objects
// it would hold unknown, and that a kind with a file (even an empty list)
// leaves no marker.
func TestMarkers(t *testing.T) {
	m := snapshot(t, false, "vpcs.json", vpcs, "subnets.json", subnets)
	if len(m.VPCEndpoints) != 1 || m.VPCEndpoints[0].Maybe == nil || m.VPCEndpoints[0].ServiceName.Unknown == nil || m.VPCEndpoints[0].VPC.Key != "vpc-1" {
		t.Errorf("no endpoints file: want one maybe endpoint of unknown service in vpc-1, got %+v", m.VPCEndpoints)
	}
	if len(m.RouteTableAssociations) != 1 || m.RouteTableAssociations[0].Table.Unknown == nil || m.RouteTableAssociations[0].Subnet.Key != "subnet-a" {
		t.Errorf("no route tables file: want an unknown route table for subnet-a, got %+v", m.RouteTableAssociations)
	}
	if len(m.NetworkACLAssociations) != 1 || m.NetworkACLAssociations[0].ACL.Unknown == nil {
		t.Errorf("no network ACLs file: want an unknown network ACL for subnet-a, got %+v", m.NetworkACLAssociations)
	}
	if len(m.SecurityGroups) != 1 || m.SecurityGroups[0].Adopts.Key != model.DefaultSecurityGroupAddress("vpc-1") || m.SecurityGroups[0].Rules[0].Protocol.Unknown == nil {
		t.Errorf("no security groups file: want the default group with unknown rules, got %+v", m.SecurityGroups)
	}
	if len(m.InternetGateways) != 1 || m.InternetGateways[0].Maybe == nil {
		t.Errorf("no internet gateways file: want a maybe gateway, got %+v", m.InternetGateways)
	}
	full := snapshot(t, false, "vpcs.json", vpcs, "subnets.json", subnets,
		"e.json", `{"VpcEndpoints": []}`, "r.json", `{"RouteTables": []}`, "a.json", `{"NetworkAcls": []}`,
		"s.json", `{"SecurityGroups": []}`, "i.json", `{"InternetGateways": []}`)
	for _, o := range full.Objects() {
		if strings.HasSuffix(o.Base().Address, MarkerSuffix) {
			t.Errorf("marker %s although the kind was exported", o.Base().Address)
		}
	}
}

func TestAddReportsBadFiles(t *testing.T) {
	s := NewSnapshot()
	if ds := s.Add("x.json", []byte(`{"name": "app"}`)); len(ds) != 1 {
		t.Errorf("not facts: %v", ds)
	}
	ds := s.Add("page.json", []byte(`{"Vpcs": [], "NextToken": "abc"}`))
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "one page") {
		t.Errorf("a paged export must be reported: %v", ds)
	}
}

func TestLinkReachesNestedRefs(t *testing.T) {
	m := &model.Model{
		RouteTables: []*model.RouteTable{{Routes: []*model.Route{{Target: model.Ref{Literal: "igw-1"}}}}},
		DBSubnetGroups: []*model.DBSubnetGroup{{Subnets: model.Refs{Items: []model.Ref{
			{Literal: "subnet-a"}, {Literal: "subnet-zzz"}}}}},
	}
	Link(m, map[string]bool{"igw-1": true, "subnet-a": true})
	if r := m.RouteTables[0].Routes[0].Target; r.Key != "igw-1" || r.Literal != "" {
		t.Errorf("inline route target = %+v", r)
	}
	items := m.DBSubnetGroups[0].Subnets.Items
	if items[0].Key != "subnet-a" || items[1].Literal != "subnet-zzz" {
		t.Errorf("subnets = %+v", items)
	}
}

func TestAddReportsBrokenJSON(t *testing.T) {
	ds := NewSnapshot().Add("vpcs.json", []byte("{\n    \"Vpcs\": [\n        {\"VpcId\": \"vpc-1\",}\n    ]\n}\n"))
	if len(ds) != 1 || ds[0].Range.Line != 3 || !strings.Contains(ds[0].Message, "cannot parse AWS facts") {
		t.Errorf("diagnostics = %+v, want a syntax error on line 3", ds)
	}
}

func TestLookup(t *testing.T) {
	s := NewSnapshot()
	s.Add("subnets.json", []byte(`{"Subnets": [
		{"SubnetId": "subnet-a", "VpcId": "vpc-1", "AvailabilityZone": "eu-west-1a", "CidrBlock": "10.0.1.0/24", "DefaultForAz": false, "Tags": [{"Key": "Name", "Value": "db-a"}, {"Key": "Tier", "Value": "db"}]},
		{"SubnetId": "subnet-b", "VpcId": "vpc-1", "AvailabilityZone": "eu-west-1b", "CidrBlock": "10.0.2.0/24", "DefaultForAz": false, "Tags": [{"Key": "Name", "Value": "db-b"}]},
		{"SubnetId": "subnet-c", "VpcId": "vpc-2", "AvailabilityZone": "eu-west-1a", "CidrBlock": "10.1.1.0/24", "DefaultForAz": true, "Tags": []}]}`))
	ids := func(ms []Match) string {
		var out []string
		for _, m := range ms {
			out = append(out, m.ID())
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		name     string
		filters  []Filter
		want     string
		complete bool
	}{
		{"no filter", nil, "subnet-a subnet-b subnet-c", true},
		{"vpc", []Filter{{"vpc-id", []string{"vpc-1"}}}, "subnet-a subnet-b", true},
		{"values are alternatives", []Filter{{"availability-zone", []string{"eu-west-1b", "eu-west-1c"}}}, "subnet-b", true},
		{"filters must all hold", []Filter{{"vpc-id", []string{"vpc-1"}}, {"availability-zone", []string{"eu-west-1a"}}}, "subnet-a", true},
		{"tag wildcard", []Filter{{"tag:Name", []string{"db-*"}}}, "subnet-a subnet-b", true},
		{"single-character wildcard", []Filter{{"tag:Name", []string{"db-?"}}}, "subnet-a subnet-b", true},
		{"tag key", []Filter{{"tag-key", []string{"Tier"}}}, "subnet-a", true},
		{"boolean", []Filter{{"default-for-az", []string{"true"}}}, "subnet-c", true},
		{"no match", []Filter{{"vpc-id", []string{"vpc-9"}}}, "", true},
		{"a filter daslint does not read", []Filter{{"ipv6-cidr-block-association.state", []string{"associated"}}}, "", false},
	}
	for _, tt := range tests {
		ms, complete := s.Lookup(Subnets, tt.filters)
		if got := ids(ms); got != tt.want || complete != tt.complete {
			t.Errorf("%s: %q, %v; want %q, %v", tt.name, got, complete, tt.want, tt.complete)
		}
	}
	if _, complete := s.Lookup(Vpcs, nil); complete {
		t.Error("a kind without facts is never complete")
	}
	ms, _ := s.Lookup(Subnets, []Filter{{"subnet-id", []string{"subnet-a"}}})
	if m := ms[0]; m["vpc_id"] != "vpc-1" || m["availability_zone"] != "eu-west-1a" || m["cidr_block"] != "10.0.1.0/24" {
		t.Errorf("attributes = %v", m)
	}
}

// TestGatewayEndpointRoutes: the route an S3 gateway endpoint adds for its
// prefix list is left out (it never carries KMS traffic, docs/semantics.md#more-specific-routes); a
// prefix-list route to anything else stays.
func TestGatewayEndpointRoutes(t *testing.T) {
	m := snapshot(t, false, "vpcs.json", vpcs, "rt.json", `{"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Routes": [
			{"DestinationPrefixListId": "pl-s3", "GatewayId": "vpce-s3", "State": "active"},
			{"DestinationPrefixListId": "pl-other", "GatewayId": "vpce-if", "State": "active"},
			{"DestinationPrefixListId": "pl-mine", "NatGatewayId": "nat-1", "State": "active"}]}]}`,
		"vpce.json", `{"VpcEndpoints": [
			{"VpcEndpointId": "vpce-s3", "VpcEndpointType": "Gateway", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-1.s3", "State": "available"},
			{"VpcEndpointId": "vpce-if", "VpcEndpointType": "GatewayLoadBalancer", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.vpce.eu-west-1.vpce-svc-1", "State": "available"}]}`)
	var dests []string
	for _, r := range m.RouteTables[0].Routes {
		dests = append(dests, r.DestinationPrefixList.Literal)
	}
	if got := strings.Join(dests, " "); got != "pl-other pl-mine" {
		t.Errorf("routes to %q, want pl-other pl-mine", got)
	}
}

// TestPrefixLists: describe-managed-prefix-lists gives each list its name
// and owner; the entries are not printed, so every list is incomplete.
func TestPrefixLists(t *testing.T) {
	m := snapshot(t, false, "pl.json", `{"PrefixLists": [
			{"PrefixListId": "pl-6ea54007", "AddressFamily": "IPv4", "State": "create-complete", "PrefixListName": "com.amazonaws.eu-west-1.s3", "OwnerId": "AWS"},
			{"PrefixListId": "pl-0abc", "AddressFamily": "IPv4", "State": "create-complete", "PrefixListName": "partners", "OwnerId": "123456789012"}]}`)
	if len(m.PrefixLists) != 2 {
		t.Fatalf("got %d prefix lists, want 2", len(m.PrefixLists))
	}
	s3, mine := m.PrefixLists[0], m.PrefixLists[1]
	if s3.Address != "pl-6ea54007" || !s3.AWSManaged || s3.Name.Value != "com.amazonaws.eu-west-1.s3" || s3.AddressFamily.Value != "IPv4" {
		t.Errorf("S3 list = %+v", s3)
	}
	if mine.AWSManaged || mine.Name.Value != "partners" {
		t.Errorf("customer list = %+v", mine)
	}
	for _, l := range m.PrefixLists {
		if l.Entries.Incomplete == nil {
			t.Errorf("%s: entries look complete, but the facts do not hold them", l.Address)
		}
	}
}
