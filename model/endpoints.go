package model

// VPCEndpoint is an aws_vpc_endpoint / AWS::EC2::VPCEndpoint.
type VPCEndpoint struct {
	Origin
	VPC         Ref
	ServiceName Str
	// Type is "Gateway" when unset, in Terraform and CloudFormation alike.
	Type Str
	// PrivateDNS is false when unset.
	PrivateDNS Bool
	Subnets    Refs
	// SecurityGroups, when unset, is the VPC's default security group.
	SecurityGroups Refs
	// Policy is the policy document as JSON text; unset means the default
	// full-access policy.
	Policy Str
	// Region is the endpoint's region when known.
	Region Str
	// ServiceRegion is the region of the service a cross-region endpoint
	// connects to (service_region, ServiceRegion); unset, the endpoint's
	// own region.
	ServiceRegion Str
	// IPAddressType is the addresses of the endpoint's network interfaces:
	// "ipv4" (the EC2 default for an IPv4 service), "dualstack" or "ipv6".
	IPAddressType Str
	// DNSRecordIPType is the records its private DNS name gets: "ipv4",
	// "dualstack", "service-defined" or "ipv6"; unset, it follows
	// IPAddressType.
	DNSRecordIPType Str
}

// EndpointSubnetAssociation adds a subnet to an interface endpoint
// (aws_vpc_endpoint_subnet_association).
type EndpointSubnetAssociation struct {
	Origin
	Endpoint Ref
	Subnet   Ref
}

// EndpointSecurityGroupAssociation adds a security group to an interface
// endpoint (aws_vpc_endpoint_security_group_association). With
// ReplaceDefault true it replaces the VPC default security group.
type EndpointSecurityGroupAssociation struct {
	Origin
	Endpoint       Ref
	Group          Ref
	ReplaceDefault Bool
}

// EndpointPrivateDNS sets an endpoint's private DNS
// (aws_vpc_endpoint_private_dns).
type EndpointPrivateDNS struct {
	Origin
	Endpoint Ref
	Enabled  Bool
}

// EndpointPolicy sets an endpoint's policy (aws_vpc_endpoint_policy),
// replacing the one given on the endpoint; an unset Policy is the default
// full-access policy.
type EndpointPolicy struct {
	Origin
	Endpoint Ref
	Policy   Str
}
