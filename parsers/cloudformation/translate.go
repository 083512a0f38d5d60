package cloudformation

import (
	"sync"

	"github.com/daslint/daslint/model"
)

// translators returns what turns each resource type that matters for KMS
// reachability into model objects. Other types are ignored, as are SAM's
// serverless types. The map is built on first use, not at start-up; it is
// not a sync.OnceValue because the translators lead back to it (a
// package-level variable cannot).
func translators() map[string]func(p props, o model.Origin) {
	translatorsOnce.Do(func() {
		translatorTable = map[string]func(p props, o model.Origin){
			"AWS::EC2::VPC":                          vpc,
			"AWS::EC2::Subnet":                       subnet,
			"AWS::EC2::InternetGateway":              internetGateway,
			"AWS::EC2::EgressOnlyInternetGateway":    egressOnlyGateway,
			"AWS::EC2::VPCGatewayAttachment":         gatewayAttachment,
			"AWS::EC2::EIP":                          eip,
			"AWS::EC2::NatGateway":                   natGateway,
			"AWS::EC2::RouteTable":                   routeTable,
			"AWS::EC2::Route":                        route,
			"AWS::EC2::SubnetRouteTableAssociation":  routeTableAssociation,
			"AWS::EC2::GatewayRouteTableAssociation": gatewayRouteTableAssociation,
			"AWS::EC2::PrefixList":                   prefixList,
			"AWS::EC2::VPCEndpoint":                  vpcEndpoint,
			"AWS::EC2::VPNGatewayRoutePropagation":   vpnGatewayRoutePropagation,
			"AWS::EC2::SecurityGroup":                securityGroup,
			"AWS::EC2::SecurityGroupIngress":         securityGroupIngress,
			"AWS::EC2::SecurityGroupEgress":          securityGroupEgress,
			"AWS::EC2::NetworkAcl":                   networkACL,
			"AWS::EC2::NetworkAclEntry":              networkACLEntry,
			"AWS::EC2::SubnetNetworkAclAssociation":  networkACLAssociation,
			"AWS::RDS::DBSubnetGroup":                dbSubnetGroup,
			"AWS::RDS::DBCluster":                    dbCluster,
			"AWS::RDS::DBInstance":                   dbInstance,
			"AWS::KMS::Key":                          kmsKey,
			"AWS::KMS::Alias":                        kmsAlias,
		}
	})
	return translatorTable
}

var (
	translatorsOnce sync.Once
	translatorTable map[string]func(p props, o model.Origin)
)

// translate adds the stack's resources, and those of its nested stacks, to
// the model.
func (s *stack) translate() {
	s.reportDeployments()
	for _, r := range s.order {
		if s.ld.stopped() {
			return
		}
		if r.exists == model.False || s.imported && reportedOnlyByOwner(r.typ) {
			continue
		}
		p := props{s: s, r: r}
		o := s.origin(r)
		switch {
		case isStack(r.typ):
			if ns := s.nested(r, r.node); ns.child != nil {
				ns.child.translate()
			}
		case isCustomResource(r.typ):
			s.customResource(p, o)
		case isRegistryModule(r.typ):
			s.registryModule(r)
		default:
			if f := translators()[r.typ]; f != nil {
				f(p, o)
			}
		}
		if r.typ == "AWS::RDS::DBCluster" {
			s.clusterMetadata(r, o)
		}
		s.suppressions(r, o)
	}
}

// origin describes where a resource was declared. A resource of an
// exporting template (read for Fn::ImportValue) came from that stack: its
// provenance is the template and its logical ID there (docs/semantics.md#where-a-link-came-from).
func (s *stack) origin(r *resource) model.Origin {
	o := model.Origin{
		Address: s.address(r.id),
		Type:    r.typ,
		Range:   model.Range{File: s.file, Line: r.key.line, Column: r.key.col, EndLine: r.node.endLine},
		Callers: s.callers,
		Maybe:   r.maybe,
		Cohort:  s.cohortOf(r),
	}
	if s.imported {
		o.From = &model.Provenance{Kind: model.FromCloudFormationStack, File: s.file, Line: r.key.line, ID: r.id}
	}
	return o
}

// sub returns the origin of an inline part of a resource (a rule).
func (s *stack) sub(o model.Origin, suffix string, n *node) model.Origin {
	o.Address += suffix
	o.Range = model.Range{File: s.file, Line: n.line, Column: n.col, EndLine: n.endLine}
	o.From = o.From.At(o.Range)
	return o
}

func (p props) model() *model.Model { return p.s.ld.m }
