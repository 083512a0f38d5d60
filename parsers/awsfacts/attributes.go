package awsfacts

import (
	"strings"
	"sync"
)

// The attributes a data source returns, read from the facts object it
// found: the names are the AWS provider's (5.x), the paths the fields of
// the AWS CLI's output. Attributes the provider reads with other calls
// (a prefix list's entries, a VPC's main route table, a gateway
// endpoint's prefix list) are not here: they stay unknown.

// attr is one attribute: its Terraform name, the dotted path of its field,
// and its shape.
type attr struct {
	name, path string
	shape      shape
	nested     []attr // for a block list: the attributes of each element
}

type shape int

const (
	text   shape = iota // a string
	flag                // a bool
	texts               // a list of strings, from a list of scalars or of objects
	blocks              // a list of nested objects
)

// attributeTable maps each kind to its attributes; built on first use, so
// that a run without facts never builds it.
var attributeTable = sync.OnceValue(func() map[Kind][]attr {
	return map[Kind][]attr{
		Vpcs: {
			{name: "id", path: "VpcId"}, {name: "cidr_block", path: "CidrBlock"}, {name: "owner_id", path: "OwnerId"},
			{name: "dhcp_options_id", path: "DhcpOptionsId"}, {name: "default", path: "IsDefault", shape: flag},
			{name: "state", path: "State"}, {name: "instance_tenancy", path: "InstanceTenancy"},
		},
		Subnets: {
			{name: "id", path: "SubnetId"}, {name: "vpc_id", path: "VpcId"}, {name: "cidr_block", path: "CidrBlock"},
			{name: "availability_zone", path: "AvailabilityZone"}, {name: "availability_zone_id", path: "AvailabilityZoneId"},
			{name: "arn", path: "SubnetArn"}, {name: "owner_id", path: "OwnerId"},
			{name: "default_for_az", path: "DefaultForAz", shape: flag}, {name: "state", path: "State"},
			{name: "map_public_ip_on_launch", path: "MapPublicIpOnLaunch", shape: flag},
		},
		SecurityGroups: {
			{name: "id", path: "GroupId"}, {name: "name", path: "GroupName"}, {name: "description", path: "Description"},
			{name: "vpc_id", path: "VpcId"}, {name: "owner_id", path: "OwnerId"}, {name: "arn", path: "SecurityGroupArn"},
		},
		RouteTables: {
			{name: "id", path: "RouteTableId"}, {name: "route_table_id", path: "RouteTableId"},
			{name: "vpc_id", path: "VpcId"}, {name: "owner_id", path: "OwnerId"},
			{name: "associations", path: "Associations", shape: blocks, nested: []attr{
				{name: "route_table_association_id", path: "RouteTableAssociationId"},
				{name: "route_table_id", path: "RouteTableId"},
				{name: "subnet_id", path: "SubnetId"},
				{name: "gateway_id", path: "GatewayId"},
				{name: "main", path: "Main", shape: flag},
			}},
		},
		InternetGateways: {
			{name: "id", path: "InternetGatewayId"}, {name: "internet_gateway_id", path: "InternetGatewayId"},
			{name: "owner_id", path: "OwnerId"},
			{name: "attachments", path: "Attachments", shape: blocks, nested: []attr{
				{name: "state", path: "State"}, {name: "vpc_id", path: "VpcId"},
			}},
		},
		NatGateways: {
			{name: "id", path: "NatGatewayId"}, {name: "subnet_id", path: "SubnetId"}, {name: "vpc_id", path: "VpcId"},
			{name: "state", path: "State"}, {name: "connectivity_type", path: "ConnectivityType"},
		},
		VpcEndpoints: {
			{name: "id", path: "VpcEndpointId"}, {name: "vpc_id", path: "VpcId"}, {name: "service_name", path: "ServiceName"},
			{name: "vpc_endpoint_type", path: "VpcEndpointType"}, {name: "state", path: "State"},
			{name: "owner_id", path: "OwnerId"}, {name: "policy", path: "PolicyDocument"},
			{name: "private_dns_enabled", path: "PrivateDnsEnabled", shape: flag},
			{name: "requester_managed", path: "RequesterManaged", shape: flag},
			{name: "ip_address_type", path: "IpAddressType"}, {name: "service_region", path: "ServiceRegion"},
			{name: "subnet_ids", path: "SubnetIds", shape: texts}, {name: "route_table_ids", path: "RouteTableIds", shape: texts},
			{name: "network_interface_ids", path: "NetworkInterfaceIds", shape: texts},
			{name: "security_group_ids", path: "Groups.GroupId", shape: texts},
		},
		NetworkAcls: {{name: "id", path: "NetworkAclId"}, {name: "vpc_id", path: "VpcId"}},
		PrefixLists: {
			{name: "id", path: "PrefixListId"}, {name: "name", path: "PrefixListName"}, {name: "arn", path: "PrefixListArn"},
			{name: "address_family", path: "AddressFamily"}, {name: "owner_id", path: "OwnerId"},
		},
		DBSubnetGroups: {
			{name: "id", path: "DBSubnetGroupName"}, {name: "name", path: "DBSubnetGroupName"},
			{name: "arn", path: "DBSubnetGroupArn"}, {name: "description", path: "DBSubnetGroupDescription"},
			{name: "status", path: "SubnetGroupStatus"}, {name: "vpc_id", path: "VpcId"},
			{name: "subnet_ids", path: "Subnets.SubnetIdentifier", shape: texts},
			{name: "supported_network_types", path: "SupportedNetworkTypes", shape: texts},
		},
		DBClusters: {
			{name: "id", path: "DBClusterIdentifier"}, {name: "cluster_identifier", path: "DBClusterIdentifier"},
			{name: "arn", path: "DBClusterArn"}, {name: "engine", path: "Engine"}, {name: "engine_version", path: "EngineVersion"},
			{name: "engine_mode", path: "EngineMode"}, {name: "network_type", path: "NetworkType"},
			{name: "db_subnet_group_name", path: "DBSubnetGroup"}, {name: "endpoint", path: "Endpoint"},
			{name: "reader_endpoint", path: "ReaderEndpoint"}, {name: "kms_key_id", path: "KmsKeyId"},
			{name: "database_name", path: "DatabaseName"}, {name: "master_username", path: "MasterUsername"},
			{name: "hosted_zone_id", path: "HostedZoneId"}, {name: "cluster_resource_id", path: "DbClusterResourceId"},
			{name: "storage_encrypted", path: "StorageEncrypted", shape: flag},
			{name: "availability_zones", path: "AvailabilityZones", shape: texts},
			{name: "vpc_security_group_ids", path: "VpcSecurityGroups.VpcSecurityGroupId", shape: texts},
			{name: "cluster_members", path: "DBClusterMembers.DBInstanceIdentifier", shape: texts},
		},
	}
})

// attributes are the Terraform attributes of a found object.
func attributes(kind Kind, n node) Match {
	return read(n, attributeTable()[kind], false)
}

// read reads the attributes as of n. In a nested block (zero) a missing
// field is its zero value, as the provider's SDK sets it, so that every
// element has every attribute.
func read(n node, as []attr, zero bool) Match {
	m := Match{}
	for _, a := range as {
		path := strings.Split(a.path, ".")
		switch a.shape {
		case text:
			if v := n.get(a.path).text(); v != "" || zero {
				m[a.name] = v
			}
		case flag:
			if b := n.get(a.path).boolean(); b.Set || zero {
				m[a.name] = b.Value
			}
		case texts:
			// A list the output omits is unknown, not empty.
			if n.get(path[0]).ok() {
				m[a.name] = collect(n, path, []string{})
			}
		case blocks:
			if l := n.get(a.path); l.ok() {
				out := []Match{}
				for _, x := range l.items() {
					out = append(out, read(x, a.nested, true))
				}
				m[a.name] = out
			}
		}
	}
	return m
}
