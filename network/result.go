package network

import "github.com/daslint/daslint/model"

// Path names one of the three ways an instance can reach KMS (docs/semantics.md#the-three-paths).
type Path string

// The paths, in the order reports list them.
const (
	PathPublic      Path = "public"
	PathNAT         Path = "nat"
	PathKMSEndpoint Path = "kms-endpoint"
)

// Paths lists the paths in report order.
var Paths = []Path{PathPublic, PathNAT, PathKMSEndpoint}

// Link is one step of a path: an object and the fact about it that the path
// relies on, where it is declared.
type Link struct {
	// Address of the object the link rests on (may be empty for a fact that
	// belongs to no declared object, such as an implicit default).
	Address string
	// Text is the link as reports print it: `aws_route_table.private 0.0.0.0/0`,
	// `aws_nat_gateway.this (public)`.
	Text  string
	Range model.Range
	// From is the provenance of the object whose Range the link carries,
	// when that object joined the model from another source
	// (docs/semantics.md#where-a-link-came-from); nil for the model's own objects.
	From *model.Provenance
}

// Broken is the first link of a path that does not hold, walking from the
// instance outward.
type Broken struct {
	Link
	// Status is False when the link certainly breaks, Unknown when it cannot
	// be known offline.
	Status model.Tri
	// Reason says what is wrong: `route table has no 0.0.0.0/0 route`.
	Reason string
	// Fix says what to change to make this path hold.
	Fix string
	// Depth is how many links held before this one; the path that got
	// furthest is the one the code was evidently built for.
	Depth int
	// Held are the links of the path that held before this one, instance
	// outward (the diagrams draw the path up to its break).
	Held []Link
}

// Unknown is one unresolved fact that a verdict depends on: what it is,
// where it comes from and where it is used.
type Unknown struct {
	*model.Unresolved
	// Used is where the unresolved value is used (the attribute that needs it).
	Used model.Range
	// Subject is the address of the object the fact belongs to.
	Subject string
	// Fix, when set, says what the user can do about this fact, more
	// precisely than the advice for its Kind.
	Fix string
}

// InstanceResult is the verdict for one instance placed in one candidate
// subnet.
type InstanceResult struct {
	// Instance is the instance's address; for an assumed instance (a cluster
	// that declares none) it is the cluster's address.
	Instance string
	// Assumed is true when the cluster declares no instance and one instance
	// per subnet is assumed (docs/semantics.md#where-each-instance-can-be).
	Assumed bool
	// Subnet is the candidate subnet's address; empty when the subnet is
	// not known (AnySubnet), and set with AnySubnet when the subnet is
	// known but its VPC is not.
	Subnet string
	// AnySubnet is set when the subnet the instance lands in is not known:
	// the verdict then rests on the links that hold or break the same way in
	// every subnet it may be in, and is never a pass.
	AnySubnet *AnySubnet
	Verdict   model.Tri
	// Path is the path that carries KMS traffic when Verdict is True:
	// PathKMSEndpoint when the VPC has an active KMS endpoint, else
	// PathPublic or PathNAT (PathPublic when both hold).
	Path Path
	// Witness is the chain of the path that holds, instance outward.
	Witness []Link
	// Broken holds, for a fail or unknown, the first broken link of each path
	// that was evaluated.
	Broken map[Path]*Broken
	// Primary is, for a fail or unknown, the path whose broken link explains
	// the verdict: the path the code was evidently built for (docs/semantics.md#what-a-verdict-explains).
	Primary Path
	// Fix is the remediation for the Primary path.
	Fix string
	// Unknowns are the unresolved facts the verdict depends on.
	Unknowns []Unknown
	// EndpointPolicies are, for each KMS endpoint certainly active in the
	// VPC, whether its policy lets the stream's KMS calls through.
	EndpointPolicies []EndpointPolicy
	// Serving is, for a pass through a NAT gateway or a KMS endpoint from a
	// known subnet, what carries the traffic beyond the instance's subnet;
	// nil otherwise.
	Serving *Serving
}

// Serving names the zonal resources a passing placement's KMS traffic
// depends on (DAS104 compares their zones with the instance's).
type Serving struct {
	// Subnet is the instance's subnet.
	Subnet *model.Subnet
	// NATGateway is the NAT gateway of a pass on the nat path, and
	// NATSubnet the subnet it sits in (nil for a regional NAT gateway, or
	// one whose subnet does not resolve).
	NATGateway *model.NATGateway
	NATSubnet  *model.Subnet
	// Endpoint is the KMS endpoint of a pass on the kms-endpoint path, and
	// EndpointSubnets its subnets that resolve; EndpointSubnetsUnknown is
	// set when it may have others (an unresolved subnet, a list of unknown
	// length).
	Endpoint               *model.VPCEndpoint
	EndpointSubnets        []*model.Subnet
	EndpointSubnetsUnknown bool
}

// AnySubnet describes a placement in a subnet that is not known.
type AnySubnet struct {
	// VPC is the address of the VPC the subnet must be in (from the other
	// subnets of its DB subnet group or from the cluster's security
	// groups), empty when that is not known either.
	VPC string
	// Why says why the subnet is not known, where it comes from and where
	// it is used.
	Why Unknown
}

// ClusterResult is the verdict for one cluster with an activity stream: the
// AND over its instances and their candidate subnets.
//
// A result with no Cluster stands for an activity stream that names no
// cluster of the model (docs/semantics.md#never-silent): its Stream is the subject, its Verdict
// is Unknown, it has no instances, and Unknowns say what is missing to know
// the cluster.
type ClusterResult struct {
	// Cluster is nil for an unattached stream.
	Cluster *model.DBCluster
	// Stream is the evidence that the cluster has an activity stream (nil
	// with Options.AllClusters when the cluster has none).
	Stream  *model.ActivityStream
	Verdict model.Tri
	// Path is set when Verdict is True and every instance uses the same path.
	Path      Path
	Instances []InstanceResult
	// Unknowns that concern the cluster as a whole (no DB subnet group, an
	// unresolvable subnet group).
	Unknowns []Unknown
}

// Unattached reports whether the result stands for an activity stream whose
// cluster is not in the model.
func (r *ClusterResult) Unattached() bool { return r.Cluster == nil && r.Stream != nil }

// Subject is the origin of what the result is about: the cluster, or the
// stream of an unattached result.
func (r *ClusterResult) Subject() model.Origin {
	if r.Cluster == nil && r.Stream != nil {
		return r.Stream.Origin
	}
	if r.Cluster == nil {
		return model.Origin{}
	}
	return r.Cluster.Origin
}
