package model

// VPC is an aws_vpc / AWS::EC2::VPC.
type VPC struct {
	Origin
	CIDR Str
	// EnableDNSSupport defaults to true, EnableDNSHostnames to false, in both
	// Terraform and CloudFormation; parsers leave them unset when not given.
	EnableDNSSupport   Bool
	EnableDNSHostnames Bool
	// Region is where the VPC lives, when known (provider region, resource
	// `region` argument, --region).
	Region Str
}

// Subnet is an aws_subnet / AWS::EC2::Subnet.
type Subnet struct {
	Origin
	VPC              Ref
	CIDR             Str
	AvailabilityZone Str
}

// RouteTable is an aws_route_table, aws_default_route_table or
// AWS::EC2::RouteTable, with its inline routes.
type RouteTable struct {
	Origin
	VPC Ref
	// Adopts is set on aws_default_route_table: it points at the VPC's main
	// route table (MainRouteTableAddress), whose routes this declaration
	// replaces entirely.
	Adopts Ref
	Routes []*Route
}

// TargetKind is the kind of a route's target, as the attribute that names it
// says. A "gateway" may be an internet gateway or a virtual private gateway;
// only resolving the target tells which.
type TargetKind string

// Route target kinds.
const (
	TargetGateway           TargetKind = "gateway"
	TargetNATGateway        TargetKind = "nat-gateway"
	TargetTransitGateway    TargetKind = "transit-gateway"
	TargetPeering           TargetKind = "vpc-peering-connection"
	TargetNetworkInterface  TargetKind = "network-interface"
	TargetInstance          TargetKind = "instance"
	TargetVPCEndpoint       TargetKind = "vpc-endpoint"
	TargetEgressOnlyGateway TargetKind = "egress-only-internet-gateway"
	TargetCoreNetwork       TargetKind = "core-network"
	TargetLocalGateway      TargetKind = "local-gateway"
	TargetCarrierGateway    TargetKind = "carrier-gateway"
	TargetVPNGateway        TargetKind = "vpn-gateway"
	TargetLocal             TargetKind = "local"
	TargetNone              TargetKind = ""
)

// Route is a route, inline in a RouteTable or standalone (aws_route,
// AWS::EC2::Route), in which case Table says where it belongs.
type Route struct {
	Origin
	Table               Ref
	DestinationCIDR     Str
	DestinationIPv6CIDR Str
	// DestinationPrefixList names a managed prefix list: a PrefixList
	// declared in the code, the AWS-managed list of a gateway endpoint
	// (a Key to the VPCEndpoint whose prefix_list_id it is), or a literal
	// `pl-` ID.
	DestinationPrefixList Ref
	TargetKind            TargetKind
	Target                Ref
}

// PrefixList is a managed prefix list: a customer-managed one declared in
// the code (aws_ec2_managed_prefix_list, AWS::EC2::PrefixList), or one that
// AWS facts list (describe-managed-prefix-lists). A route to it stands for
// a route to each of its entries.
type PrefixList struct {
	Origin
	// Name is the list's name; AWS names its own lists after a service
	// (com.amazonaws.<region>.s3).
	Name Str
	// AWSManaged is set on a list that AWS owns (OwnerId "AWS" in the
	// facts); its entries are the service's addresses.
	AWSManaged bool
	// AddressFamily is "IPv4" or "IPv6"; it is required by AWS.
	AddressFamily Str
	// Entries are the CIDR blocks of its inline entries; standalone
	// PrefixListEntry objects add to them.
	Entries StrList
}

// PrefixListEntry adds one CIDR block to a prefix list
// (aws_ec2_managed_prefix_list_entry).
type PrefixListEntry struct {
	Origin
	PrefixList Ref
	CIDR       Str
}

// RouteTableAssociation ties a subnet to a route table.
type RouteTableAssociation struct {
	Origin
	Table  Ref
	Subnet Ref
	// Gateway is set for an edge association (a gateway route table); such an
	// association does not govern any subnet.
	Gateway Ref
}

// MainRouteTableAssociation makes Table the main route table of VPC.
type MainRouteTableAssociation struct {
	Origin
	VPC   Ref
	Table Ref
}

// InternetGateway is an aws_internet_gateway / AWS::EC2::InternetGateway.
// VPC is its inline attachment (Terraform's vpc_id), if any.
type InternetGateway struct {
	Origin
	VPC Ref
}

// GatewayAttachment attaches an internet (or VPN) gateway to a VPC:
// aws_internet_gateway_attachment, AWS::EC2::VPCGatewayAttachment.
type GatewayAttachment struct {
	Origin
	Gateway Ref
	VPC     Ref
}

// EgressOnlyInternetGateway carries IPv6 only, so it is never a path to KMS;
// it is modelled so that routes to it resolve.
type EgressOnlyInternetGateway struct {
	Origin
	VPC Ref
}

// EIP is an elastic IP address.
type EIP struct {
	Origin
}

// NATGateway is an aws_nat_gateway / AWS::EC2::NatGateway.
type NATGateway struct {
	Origin
	// Subnet is where a zonal NAT gateway sits.
	Subnet Ref
	// VPC is set for a regional NAT gateway (AvailabilityMode "regional").
	VPC Ref
	// ConnectivityType is "public" (the default) or "private".
	ConnectivityType Str
	// AvailabilityMode is "zonal" (the default) or "regional".
	AvailabilityMode Str
	// State is the state AWS reports (pending, available, deleting,
	// deleted, failed); unset in code, where the gateway is as declared.
	State Str
}
