package model

// SecurityGroup is an aws_security_group, aws_default_security_group or
// AWS::EC2::SecurityGroup, with its inline rules.
type SecurityGroup struct {
	Origin
	VPC  Ref
	Name Str
	// Adopts is set on aws_default_security_group: it points at the VPC's
	// default security group (DefaultSecurityGroupAddress), whose rules this
	// declaration replaces entirely.
	Adopts Ref
	Rules  []*SecurityGroupRule
	// AllowAllEgress says whether AWS's allow-all egress rule survives:
	// False in Terraform (the provider deletes it), True in CloudFormation
	// unless the SecurityGroupEgress property is given. A standalone rule with
	// StripsAllowAllEgress removes it too.
	AllowAllEgress Tri
}

// Direction is the direction of a security group or network ACL rule.
type Direction string

// Rule directions.
const (
	Ingress Direction = "ingress"
	Egress  Direction = "egress"
)

// SecurityGroupRule is one rule, inline or standalone (aws_security_group_rule,
// aws_vpc_security_group_ingress_rule / egress_rule,
// AWS::EC2::SecurityGroupIngress / Egress). A rule may name several peers;
// it allows traffic to or from any of them.
type SecurityGroupRule struct {
	Origin
	// Group is the security group a standalone rule belongs to.
	Group     Ref
	Direction Direction
	// Protocol as written: "-1"/"all" for all, "tcp"/"6", "udp", ...
	Protocol Str
	FromPort Int
	ToPort   Int
	// IPv4 CIDR peers.
	CIDRs StrList
	// PrefixLists are managed prefix list peers, by identity: a gateway
	// endpoint's prefix_list_id is a Key to the VPCEndpoint, a `pl-` ID a
	// Literal.
	PrefixLists Refs
	// Groups are security group peers (source or destination groups).
	Groups Refs
	// Self makes the rule's own group a peer.
	Self Bool
	// StripsAllowAllEgress is set on CloudFormation's standalone
	// AWS::EC2::SecurityGroupEgress: CloudFormation removes the group's
	// allow-all egress rule before adding it (aws-cdk issue 22140).
	StripsAllowAllEgress bool
}

// NetworkACL is an aws_network_acl, aws_default_network_acl or
// AWS::EC2::NetworkAcl.
type NetworkACL struct {
	Origin
	VPC Ref
	// Adopts is set on aws_default_network_acl (DefaultNetworkACLAddress).
	Adopts Ref
	// Subnets are the inline associations (Terraform subnet_ids).
	Subnets Refs
	Rules   []*NetworkACLRule
}

// NetworkACLRule is an entry, inline or standalone (aws_network_acl_rule,
// AWS::EC2::NetworkAclEntry).
type NetworkACLRule struct {
	Origin
	ACL        Ref
	RuleNumber Int
	Egress     Bool
	// Protocol as written: "-1"/"all", "tcp"/"6", ...
	Protocol Str
	// Action is "allow" or "deny".
	Action   Str
	CIDR     Str
	IPv6CIDR Str
	FromPort Int
	ToPort   Int
}

// NetworkACLAssociation ties a subnet to a network ACL.
type NetworkACLAssociation struct {
	Origin
	ACL    Ref
	Subnet Ref
}
