package awsfacts

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// lookupFacts is one snapshot with two objects or more of every kind a
// data source reads, in the AWS CLI's shapes (trimmed to the fields the
// lookups read).
var lookupFacts = []string{
	"vpcs.json", `{"Vpcs": [
		{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "IsDefault": false, "State": "available", "OwnerId": "111122223333",
		 "CidrBlockAssociationSet": [{"AssociationId": "vpc-cidr-assoc-1", "CidrBlock": "10.0.0.0/16", "CidrBlockState": {"State": "associated"}},
		                             {"AssociationId": "vpc-cidr-assoc-2", "CidrBlock": "100.64.0.0/16", "CidrBlockState": {"State": "associated"}}],
		 "Tags": [{"Key": "Name", "Value": "main"}]},
		{"VpcId": "vpc-2", "CidrBlock": "172.31.0.0/16", "IsDefault": true, "State": "available", "OwnerId": "111122223333"}]}`,
	"sgs.json", `{"SecurityGroups": [
		{"GroupId": "sg-default", "GroupName": "default", "VpcId": "vpc-1", "OwnerId": "111122223333", "Description": "default VPC security group"},
		{"GroupId": "sg-db", "GroupName": "aurora", "VpcId": "vpc-1", "OwnerId": "111122223333", "Description": "Aurora",
		 "SecurityGroupArn": "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-db", "Tags": [{"Key": "Name", "Value": "aurora"}, {"Key": "Tier", "Value": "db"}]},
		{"GroupId": "sg-other", "GroupName": "aurora", "VpcId": "vpc-2", "OwnerId": "111122223333", "Description": "Aurora",
		 "Tags": [{"Key": "Tier", "Value": "db"}]}]}`,
	"rtbs.json", `{"RouteTables": [
		{"RouteTableId": "rtb-main", "VpcId": "vpc-1", "OwnerId": "111122223333",
		 "Associations": [{"Main": true, "RouteTableAssociationId": "rtbassoc-1", "RouteTableId": "rtb-main", "AssociationState": {"State": "associated"}}],
		 "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
		            {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1", "State": "active"}],
		 "Tags": [{"Key": "Name", "Value": "private"}]},
		{"RouteTableId": "rtb-pub", "VpcId": "vpc-1", "OwnerId": "111122223333",
		 "Associations": [{"Main": false, "RouteTableAssociationId": "rtbassoc-2", "RouteTableId": "rtb-pub", "SubnetId": "subnet-pub", "AssociationState": {"State": "associated"}},
		                  {"Main": false, "RouteTableAssociationId": "rtbassoc-3", "RouteTableId": "rtb-pub", "GatewayId": "igw-1", "AssociationState": {"State": "associated"}}],
		 "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"}],
		 "Tags": [{"Key": "Name", "Value": "public"}]}]}`,
	"igws.json", `{"InternetGateways": [
		{"InternetGatewayId": "igw-1", "OwnerId": "111122223333", "Attachments": [{"State": "available", "VpcId": "vpc-1"}], "Tags": [{"Key": "Name", "Value": "main"}]},
		{"InternetGatewayId": "igw-2", "OwnerId": "111122223333", "Attachments": [], "Tags": []}]}`,
	"nats.json", `{"NatGateways": [
		{"NatGatewayId": "nat-1", "SubnetId": "subnet-pub", "VpcId": "vpc-1", "State": "available", "ConnectivityType": "public", "Tags": [{"Key": "Name", "Value": "nat-a"}]},
		{"NatGatewayId": "nat-0", "SubnetId": "subnet-pub", "VpcId": "vpc-1", "State": "deleted", "ConnectivityType": "public", "Tags": [{"Key": "Name", "Value": "nat-a"}]}]}`,
	"vpces.json", `{"VpcEndpoints": [
		{"VpcEndpointId": "vpce-s3", "VpcEndpointType": "Gateway", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-1.s3", "State": "available",
		 "RouteTableIds": ["rtb-main"], "SubnetIds": [], "Groups": [], "PrivateDnsEnabled": false, "NetworkInterfaceIds": [], "Tags": []},
		{"VpcEndpointId": "vpce-kms", "VpcEndpointType": "Interface", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-1.kms", "State": "available",
		 "RouteTableIds": [], "SubnetIds": ["subnet-a", "subnet-b"], "Groups": [{"GroupId": "sg-kms", "GroupName": "kms"}], "PrivateDnsEnabled": true,
		 "NetworkInterfaceIds": ["eni-1", "eni-2"], "Tags": [{"Key": "Name", "Value": "kms"}]},
		{"VpcEndpointId": "vpce-kms-old", "VpcEndpointType": "Interface", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-1.kms", "State": "deleted",
		 "RouteTableIds": [], "SubnetIds": [], "Groups": [], "PrivateDnsEnabled": true, "Tags": []}]}`,
	"acls.json", `{"NetworkAcls": [
		{"NetworkAclId": "acl-default", "VpcId": "vpc-1", "IsDefault": true, "OwnerId": "111122223333",
		 "Associations": [{"NetworkAclAssociationId": "aclassoc-1", "NetworkAclId": "acl-default", "SubnetId": "subnet-a"}], "Entries": [], "Tags": []},
		{"NetworkAclId": "acl-db", "VpcId": "vpc-1", "IsDefault": false, "OwnerId": "111122223333", "Associations": [], "Entries": [],
		 "Tags": [{"Key": "Name", "Value": "db"}]}]}`,
	"pls.json", `{"PrefixLists": [
		{"PrefixListId": "pl-6da54004", "AddressFamily": "IPv4", "State": "create-complete",
		 "PrefixListArn": "arn:aws:ec2:eu-west-1:aws:prefix-list/pl-6da54004", "PrefixListName": "com.amazonaws.eu-west-1.s3", "Tags": [], "OwnerId": "AWS"},
		{"PrefixListId": "pl-0corp", "AddressFamily": "IPv4", "State": "create-complete", "MaxEntries": 10, "Version": 3,
		 "PrefixListArn": "arn:aws:ec2:eu-west-1:111122223333:prefix-list/pl-0corp", "PrefixListName": "corp", "Tags": [{"Key": "Team", "Value": "net"}], "OwnerId": "111122223333"}]}`,
	"groups.json", `{"DBSubnetGroups": [
		{"DBSubnetGroupName": "aurora-db", "DBSubnetGroupDescription": "Aurora", "VpcId": "vpc-1", "SubnetGroupStatus": "Complete",
		 "Subnets": [{"SubnetIdentifier": "subnet-a", "SubnetAvailabilityZone": {"Name": "eu-west-1a"}, "SubnetStatus": "Active"},
		             {"SubnetIdentifier": "subnet-b", "SubnetAvailabilityZone": {"Name": "eu-west-1b"}, "SubnetStatus": "Active"}],
		 "DBSubnetGroupArn": "arn:aws:rds:eu-west-1:111122223333:subgrp:aurora-db", "SupportedNetworkTypes": ["IPV4"]}]}`,
	"clusters.json", `{"DBClusters": [
		{"DBClusterIdentifier": "orders", "DBClusterArn": "arn:aws:rds:eu-west-1:111122223333:cluster:orders", "Engine": "aurora-postgresql",
		 "DBSubnetGroup": "aurora-db", "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-db", "Status": "active"}],
		 "DBClusterMembers": [{"DBInstanceIdentifier": "orders-1", "IsClusterWriter": true}], "StorageEncrypted": true, "ActivityStreamStatus": "stopped"}]}`,
}

func lookupSnapshot(t *testing.T) *Snapshot {
	t.Helper()
	s := NewSnapshot()
	for i := 0; i < len(lookupFacts); i += 2 {
		if ds := s.Add(lookupFacts[i], []byte(lookupFacts[i+1])); len(ds) != 0 {
			t.Fatalf("%s: %v", lookupFacts[i], ds)
		}
	}
	return s
}

// TestLookupKinds: every kind answers the filters its Describe call
// takes, EC2's way: values are alternatives, filters all hold, wildcards
// match, list fields match when an element does, tags are filters.
func TestLookupKinds(t *testing.T) {
	s := lookupSnapshot(t)
	f := func(name string, values ...string) Filter { return Filter{name, values} }
	tests := []struct {
		name     string
		kind     Kind
		filters  []Filter
		want     string
		complete bool
	}{
		{"vpc by default", Vpcs, []Filter{f("is-default", "true")}, "vpc-2", true},
		{"vpc by secondary CIDR", Vpcs, []Filter{f("cidr-block-association.cidr-block", "100.64.0.0/16")}, "vpc-1", true},
		{"vpc by tag and state", Vpcs, []Filter{f("tag:Name", "main"), f("state", "available")}, "vpc-1", true},
		{"vpc: a filter daslint does not read", Vpcs, []Filter{f("ipv6-cidr-block-association.ipv6-pool", "x")}, "", false},

		{"security group by name", SecurityGroups, []Filter{f("group-name", "aurora")}, "sg-db sg-other", true},
		{"security group by name and VPC", SecurityGroups, []Filter{f("group-name", "aurora"), f("vpc-id", "vpc-1")}, "sg-db", true},
		{"security groups by tag key", SecurityGroups, []Filter{f("tag-key", "Tier")}, "sg-db sg-other", true},
		{"security group by tag value", SecurityGroups, []Filter{f("tag-value", "aur*")}, "sg-db", true},
		{"security group by id: values are alternatives", SecurityGroups, []Filter{f("group-id", "sg-default", "sg-other")}, "sg-default sg-other", true},
		{"security group: rule filters are not read", SecurityGroups, []Filter{f("ip-permission.from-port", "443")}, "", false},

		{"route table of a subnet", RouteTables, []Filter{f("association.subnet-id", "subnet-pub")}, "rtb-pub", true},
		{"main route table", RouteTables, []Filter{f("vpc-id", "vpc-1"), f("association.main", "true")}, "rtb-main", true},
		{"route table of an edge association", RouteTables, []Filter{f("association.gateway-id", "igw-1")}, "rtb-pub", true},
		{"route table by route target", RouteTables, []Filter{f("route.nat-gateway-id", "nat-1")}, "rtb-main", true},
		{"route tables of a VPC by tag wildcard", RouteTables, []Filter{f("vpc-id", "vpc-1"), f("tag:Name", "p*")}, "rtb-main rtb-pub", true},
		{"route table of an unassociated subnet", RouteTables, []Filter{f("association.subnet-id", "subnet-a")}, "", true},

		{"internet gateway attached to a VPC", InternetGateways, []Filter{f("attachment.vpc-id", "vpc-1")}, "igw-1", true},
		{"internet gateway by id", InternetGateways, []Filter{f("internet-gateway-id", "igw-2")}, "igw-2", true},

		{"NAT gateways of a subnet, deleted ones too", NatGateways, []Filter{f("subnet-id", "subnet-pub")}, "nat-1 nat-0", true},
		{"NAT gateway by state", NatGateways, []Filter{f("subnet-id", "subnet-pub"), f("state", "available")}, "nat-1", true},
		{"NAT gateway by tag", NatGateways, []Filter{f("tag:Name", "nat-?"), f("state", "available", "pending")}, "nat-1", true},

		{"KMS endpoints, deleted ones too", VpcEndpoints, []Filter{f("service-name", "com.amazonaws.eu-west-1.kms")}, "vpce-kms vpce-kms-old", true},
		{"KMS endpoint available", VpcEndpoints, []Filter{f("service-name", "*.kms"), f("vpc-endpoint-state", "available")}, "vpce-kms", true},
		{"endpoint by type", VpcEndpoints, []Filter{f("vpc-endpoint-type", "Gateway")}, "vpce-s3", true},

		{"network ACLs of a VPC", NetworkAcls, []Filter{f("vpc-id", "vpc-1")}, "acl-default acl-db", true},
		{"default network ACL", NetworkAcls, []Filter{f("default", "true")}, "acl-default", true},
		{"network ACL of a subnet", NetworkAcls, []Filter{f("association.subnet-id", "subnet-a")}, "acl-default", true},

		{"prefix list by name", PrefixLists, []Filter{f("prefix-list-name", "com.amazonaws.eu-west-1.s3")}, "pl-6da54004", true},
		{"prefix list by owner", PrefixLists, []Filter{f("owner-id", "111122223333")}, "pl-0corp", true},

		{"DB subnet group by name", DBSubnetGroups, []Filter{f("DBSubnetGroupName", "aurora-db")}, "aurora-db", true},
		{"DB subnet group: names match exactly", DBSubnetGroups, []Filter{f("DBSubnetGroupName", "Aurora-DB")}, "", true},
		{"DB subnet group: no tag filters", DBSubnetGroups, []Filter{f("tag:Name", "x")}, "", false},
		{"cluster by identifier", DBClusters, []Filter{f("DBClusterIdentifier", "orders")}, "orders", true},
		{"cluster by ARN", DBClusters, []Filter{f("DBClusterIdentifier", "arn:aws:rds:eu-west-1:111122223333:cluster:orders")}, "orders", true},
		{"cluster not there", DBClusters, []Filter{f("DBClusterIdentifier", "billing")}, "", true},
	}
	for _, tt := range tests {
		ms, complete := s.Lookup(tt.kind, tt.filters)
		var ids []string
		for _, m := range ms {
			ids = append(ids, m.ID())
		}
		if got := strings.Join(ids, " "); got != tt.want || complete != tt.complete {
			t.Errorf("%s: %q, %v; want %q, %v", tt.name, got, complete, tt.want, tt.complete)
		}
	}
}

// TestLookupAttributes: a match carries the attributes code reads, in the
// provider's names and types; a field the output omits is absent.
func TestLookupAttributes(t *testing.T) {
	s := lookupSnapshot(t)
	one := func(kind Kind, name, value string) Match {
		t.Helper()
		ms, _ := s.Lookup(kind, []Filter{{name, []string{value}}})
		if len(ms) != 1 {
			t.Fatalf("%s %s=%s: %d matches", kind, name, value, len(ms))
		}
		return ms[0]
	}
	tests := []struct {
		name string
		got  Match
		want Match
	}{
		{"route table", one(RouteTables, "route-table-id", "rtb-pub"), Match{"id": "rtb-pub", "route_table_id": "rtb-pub",
			"vpc_id": "vpc-1", "owner_id": "111122223333", "associations": []Match{
				{"route_table_association_id": "rtbassoc-2", "route_table_id": "rtb-pub", "subnet_id": "subnet-pub", "gateway_id": "", "main": false},
				{"route_table_association_id": "rtbassoc-3", "route_table_id": "rtb-pub", "subnet_id": "", "gateway_id": "igw-1", "main": false}}}},
		{"security group", one(SecurityGroups, "group-id", "sg-db"), Match{"id": "sg-db", "name": "aurora", "description": "Aurora",
			"vpc_id": "vpc-1", "owner_id": "111122223333", "arn": "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-db"}},
		{"internet gateway", one(InternetGateways, "internet-gateway-id", "igw-1"), Match{"id": "igw-1", "internet_gateway_id": "igw-1",
			"owner_id": "111122223333", "attachments": []Match{{"state": "available", "vpc_id": "vpc-1"}}}},
		{"NAT gateway", one(NatGateways, "nat-gateway-id", "nat-1"), Match{"id": "nat-1", "subnet_id": "subnet-pub", "vpc_id": "vpc-1",
			"state": "available", "connectivity_type": "public"}},
		{"VPC endpoint", one(VpcEndpoints, "vpc-endpoint-id", "vpce-kms"), Match{"id": "vpce-kms", "vpc_id": "vpc-1",
			"service_name": "com.amazonaws.eu-west-1.kms", "vpc_endpoint_type": "Interface", "state": "available", "private_dns_enabled": true,
			"subnet_ids": []string{"subnet-a", "subnet-b"}, "route_table_ids": []string{}, "network_interface_ids": []string{"eni-1", "eni-2"},
			"security_group_ids": []string{"sg-kms"}}},
		{"prefix list", one(PrefixLists, "prefix-list-id", "pl-0corp"), Match{"id": "pl-0corp", "name": "corp", "address_family": "IPv4",
			"arn": "arn:aws:ec2:eu-west-1:111122223333:prefix-list/pl-0corp", "owner_id": "111122223333"}},
		{"DB subnet group", one(DBSubnetGroups, "DBSubnetGroupName", "aurora-db"), Match{"id": "aurora-db", "name": "aurora-db",
			"arn": "arn:aws:rds:eu-west-1:111122223333:subgrp:aurora-db", "description": "Aurora", "status": "Complete", "vpc_id": "vpc-1",
			"subnet_ids": []string{"subnet-a", "subnet-b"}, "supported_network_types": []string{"IPV4"}}},
		{"cluster", one(DBClusters, "DBClusterIdentifier", "orders"), Match{"id": "orders", "cluster_identifier": "orders",
			"arn": "arn:aws:rds:eu-west-1:111122223333:cluster:orders", "engine": "aurora-postgresql", "db_subnet_group_name": "aurora-db",
			"storage_encrypted": true, "vpc_security_group_ids": []string{"sg-db"}, "cluster_members": []string{"orders-1"}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestUnreadFilter(t *testing.T) {
	tests := []struct {
		kind    Kind
		filters []Filter
		want    string
	}{
		{Subnets, []Filter{{Name: "vpc-id"}, {Name: "tag:Name"}}, ""},
		{Subnets, []Filter{{Name: "vpc-id"}, {Name: "ipv6-cidr-block-association.state"}, {Name: "owner-alias"}}, "ipv6-cidr-block-association.state"},
		{DBClusters, []Filter{{Name: "tag:Name"}}, "tag:Name"}, // RDS output has no tags
		{Vpcs, nil, ""},
	}
	for _, tt := range tests {
		if got := UnreadFilter(tt.kind, tt.filters); got != tt.want {
			t.Errorf("UnreadFilter(%s, %v) = %q, want %q", tt.kind, tt.filters, got, tt.want)
		}
	}
}
