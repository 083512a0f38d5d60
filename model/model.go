package model

// Model is everything one root (a Terraform root module with its modules, or
// a CloudFormation template with its nested stacks) declares. Addresses are
// unique within a Model; references never cross Models.
type Model struct {
	Source Source
	// Root is the root module directory or template file, relative to the
	// working directory, with / separators.
	Root string
	// Key names the root the same way from any working directory: its path
	// relative to the read boundary (the repository top, or --root), with /
	// separators. Fingerprints hash it instead of Root (docs/semantics.md#where-a-run-starts-does-not-matter); empty
	// when the model was not read through a boundary.
	Key string
	// Region is the region the resources are deployed to, when known.
	Region Str

	VPCs                              []*VPC
	Subnets                           []*Subnet
	RouteTables                       []*RouteTable
	Routes                            []*Route
	RouteTableAssociations            []*RouteTableAssociation
	MainRouteTableAssociations        []*MainRouteTableAssociation
	InternetGateways                  []*InternetGateway
	GatewayAttachments                []*GatewayAttachment
	EgressOnlyInternetGateways        []*EgressOnlyInternetGateway
	EIPs                              []*EIP
	NATGateways                       []*NATGateway
	PrefixLists                       []*PrefixList
	PrefixListEntries                 []*PrefixListEntry
	VPCEndpoints                      []*VPCEndpoint
	EndpointSubnetAssociations        []*EndpointSubnetAssociation
	EndpointSecurityGroupAssociations []*EndpointSecurityGroupAssociation
	EndpointPrivateDNS                []*EndpointPrivateDNS
	EndpointPolicies                  []*EndpointPolicy
	SecurityGroups                    []*SecurityGroup
	SecurityGroupRules                []*SecurityGroupRule
	NetworkACLs                       []*NetworkACL
	NetworkACLRules                   []*NetworkACLRule
	NetworkACLAssociations            []*NetworkACLAssociation
	DBSubnetGroups                    []*DBSubnetGroup
	DBClusters                        []*DBCluster
	DBInstances                       []*DBInstance
	ActivityStreams                   []*ActivityStream
	KMSKeys                           []*KMSKey
	KMSAliases                        []*KMSAlias

	// Joined are the files of other sources whose objects joined this
	// model to settle its references (an exporting template for
	// Fn::ImportValue, docs/semantics.md#imports-and-exports), sorted: a link resting on an object
	// declared in one of them names the file as its source (docs/semantics.md#where-a-link-came-from).
	Joined []string

	// Unread are the input files of this root that could not be read or
	// parsed (a syntax error, a size limit), and the places where a limit
	// stopped evaluation (count or for_each above the expansion limit, a
	// function's result too large). What they declare is missing or not analysed
	// from the model, and it could be what breaks a path (an endpoint that
	// takes over the KMS name, a deny rule, a more specific route), so no
	// verdict of this model may rest on their absence: each is one more
	// unknown link on every path (network.Analyze).
	Unread []*Unresolved

	// Suppressions are the valid suppressions written in the code (not
	// model objects: they silence findings, they change no verdict).
	Suppressions []*Suppression
}

// Objects returns every top-level object of the model (inline routes and
// rules are reached through their parents), in declaration order per kind.
func (m *Model) Objects() []Object {
	var out []Object
	add := func(o Object) { out = append(out, o) }
	for _, o := range m.VPCs {
		add(o)
	}
	for _, o := range m.Subnets {
		add(o)
	}
	for _, o := range m.RouteTables {
		add(o)
	}
	for _, o := range m.Routes {
		add(o)
	}
	for _, o := range m.RouteTableAssociations {
		add(o)
	}
	for _, o := range m.MainRouteTableAssociations {
		add(o)
	}
	for _, o := range m.InternetGateways {
		add(o)
	}
	for _, o := range m.GatewayAttachments {
		add(o)
	}
	for _, o := range m.EgressOnlyInternetGateways {
		add(o)
	}
	for _, o := range m.EIPs {
		add(o)
	}
	for _, o := range m.NATGateways {
		add(o)
	}
	for _, o := range m.PrefixLists {
		add(o)
	}
	for _, o := range m.PrefixListEntries {
		add(o)
	}
	for _, o := range m.VPCEndpoints {
		add(o)
	}
	for _, o := range m.EndpointSubnetAssociations {
		add(o)
	}
	for _, o := range m.EndpointSecurityGroupAssociations {
		add(o)
	}
	for _, o := range m.EndpointPrivateDNS {
		add(o)
	}
	for _, o := range m.EndpointPolicies {
		add(o)
	}
	for _, o := range m.SecurityGroups {
		add(o)
	}
	for _, o := range m.SecurityGroupRules {
		add(o)
	}
	for _, o := range m.NetworkACLs {
		add(o)
	}
	for _, o := range m.NetworkACLRules {
		add(o)
	}
	for _, o := range m.NetworkACLAssociations {
		add(o)
	}
	for _, o := range m.DBSubnetGroups {
		add(o)
	}
	for _, o := range m.DBClusters {
		add(o)
	}
	for _, o := range m.DBInstances {
		add(o)
	}
	for _, o := range m.ActivityStreams {
		add(o)
	}
	for _, o := range m.KMSKeys {
		add(o)
	}
	for _, o := range m.KMSAliases {
		add(o)
	}
	return out
}

// AppendObjects appends the top-level objects of o to those of m, kind by
// kind, after m's own: a model translated in parts, in order, is the model
// translated at once. Nothing else of o (its source, root, region, joined
// and unread files, suppressions) is taken.
func (m *Model) AppendObjects(o *Model) {
	m.VPCs = append(m.VPCs, o.VPCs...)
	m.Subnets = append(m.Subnets, o.Subnets...)
	m.RouteTables = append(m.RouteTables, o.RouteTables...)
	m.Routes = append(m.Routes, o.Routes...)
	m.RouteTableAssociations = append(m.RouteTableAssociations, o.RouteTableAssociations...)
	m.MainRouteTableAssociations = append(m.MainRouteTableAssociations, o.MainRouteTableAssociations...)
	m.InternetGateways = append(m.InternetGateways, o.InternetGateways...)
	m.GatewayAttachments = append(m.GatewayAttachments, o.GatewayAttachments...)
	m.EgressOnlyInternetGateways = append(m.EgressOnlyInternetGateways, o.EgressOnlyInternetGateways...)
	m.EIPs = append(m.EIPs, o.EIPs...)
	m.NATGateways = append(m.NATGateways, o.NATGateways...)
	m.PrefixLists = append(m.PrefixLists, o.PrefixLists...)
	m.PrefixListEntries = append(m.PrefixListEntries, o.PrefixListEntries...)
	m.VPCEndpoints = append(m.VPCEndpoints, o.VPCEndpoints...)
	m.EndpointSubnetAssociations = append(m.EndpointSubnetAssociations, o.EndpointSubnetAssociations...)
	m.EndpointSecurityGroupAssociations = append(m.EndpointSecurityGroupAssociations, o.EndpointSecurityGroupAssociations...)
	m.EndpointPrivateDNS = append(m.EndpointPrivateDNS, o.EndpointPrivateDNS...)
	m.EndpointPolicies = append(m.EndpointPolicies, o.EndpointPolicies...)
	m.SecurityGroups = append(m.SecurityGroups, o.SecurityGroups...)
	m.SecurityGroupRules = append(m.SecurityGroupRules, o.SecurityGroupRules...)
	m.NetworkACLs = append(m.NetworkACLs, o.NetworkACLs...)
	m.NetworkACLRules = append(m.NetworkACLRules, o.NetworkACLRules...)
	m.NetworkACLAssociations = append(m.NetworkACLAssociations, o.NetworkACLAssociations...)
	m.DBSubnetGroups = append(m.DBSubnetGroups, o.DBSubnetGroups...)
	m.DBClusters = append(m.DBClusters, o.DBClusters...)
	m.DBInstances = append(m.DBInstances, o.DBInstances...)
	m.ActivityStreams = append(m.ActivityStreams, o.ActivityStreams...)
	m.KMSKeys = append(m.KMSKeys, o.KMSKeys...)
	m.KMSAliases = append(m.KMSAliases, o.KMSAliases...)
}

// Lookup returns the top-level object with the given address, or nil. It
// builds its index on every call; callers that look up often keep their own.
func (m *Model) Lookup(address string) Object {
	for _, o := range m.Objects() {
		if o.Base().Address == address {
			return o
		}
	}
	return nil
}
