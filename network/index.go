package network

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
)

// index answers the questions the paths ask of a model: which object
// stands at an address (implicit VPC objects and their adopters included),
// and which standalone routes, rules and associations attach to an object.
// Everything is kept in slices in declaration order, so that no map
// iteration order leaks into results.
type index struct {
	m    *model.Model
	objs map[string]model.Object

	routes      map[*model.RouteTable][]*model.Route
	looseRoutes []*model.Route // standalone routes whose table is unknown

	tableAssocs      map[string][]*model.RouteTableAssociation // by subnet address
	looseTableAssocs []*model.RouteTableAssociation            // subnet unknown
	mainAssocs       map[string][]*model.MainRouteTableAssociation
	looseMainAssocs  []*model.MainRouteTableAssociation

	aclAssocs      map[string][]aclAssoc // by subnet address
	looseACLAssocs []aclAssoc
	aclRules       map[*model.NetworkACL][]*model.NetworkACLRule
	looseACLRules  []*model.NetworkACLRule

	sgRules      map[*model.SecurityGroup][]*model.SecurityGroupRule
	looseSGRules []*model.SecurityGroupRule

	igwAttach   map[*model.InternetGateway][]*model.GatewayAttachment
	looseAttach []*model.GatewayAttachment

	epSubnets map[*model.VPCEndpoint][]*model.EndpointSubnetAssociation
	epGroups  map[*model.VPCEndpoint][]*model.EndpointSecurityGroupAssociation
	epDNS     map[*model.VPCEndpoint][]*model.EndpointPrivateDNS
	epPolicy  map[*model.VPCEndpoint][]*model.EndpointPolicy
	looseEp   []model.Object // endpoint associations whose endpoint is unknown

	plEntries prefixEntries

	subnetGroups map[string][]*model.DBSubnetGroup // by lower-case name

	// KMS endpoint candidates by the address of their VPC; loose ones have
	// a VPC that cannot be resolved and may be in any VPC.
	kmsByVPC map[string][]*model.VPCEndpoint
	kmsLoose []*model.VPCEndpoint
	kmsAll   []*model.VPCEndpoint

	db dbIndex
}

// aclAssoc ties a subnet to a network ACL, inline or standalone.
type aclAssoc struct {
	acl   model.Ref
	via   model.Object
	maybe *model.Unresolved
	// subnet is the link to the subnet (zero for a loose association).
	subnet model.Ref
}

func newIndex(m *model.Model) *index {
	ix := &index{
		m:            m,
		objs:         map[string]model.Object{},
		routes:       map[*model.RouteTable][]*model.Route{},
		tableAssocs:  map[string][]*model.RouteTableAssociation{},
		mainAssocs:   map[string][]*model.MainRouteTableAssociation{},
		aclAssocs:    map[string][]aclAssoc{},
		aclRules:     map[*model.NetworkACL][]*model.NetworkACLRule{},
		sgRules:      map[*model.SecurityGroup][]*model.SecurityGroupRule{},
		igwAttach:    map[*model.InternetGateway][]*model.GatewayAttachment{},
		epSubnets:    map[*model.VPCEndpoint][]*model.EndpointSubnetAssociation{},
		epGroups:     map[*model.VPCEndpoint][]*model.EndpointSecurityGroupAssociation{},
		epDNS:        map[*model.VPCEndpoint][]*model.EndpointPrivateDNS{},
		epPolicy:     map[*model.VPCEndpoint][]*model.EndpointPolicy{},
		subnetGroups: map[string][]*model.DBSubnetGroup{},
	}
	for _, o := range m.Objects() {
		if o == nil || o.Base() == nil {
			continue
		}
		if _, dup := ix.objs[o.Base().Address]; !dup {
			ix.objs[o.Base().Address] = o
		}
	}
	ix.db = newDBIndex(m)
	ix.addImplicit()
	ix.attachRoutes()
	ix.attachAssociations()
	ix.attachRules()
	ix.attachEndpoints()
	ix.attachPrefixListEntries()
	ix.kmsByVPC = map[string][]*model.VPCEndpoint{}
	for _, e := range m.VPCEndpoints {
		if !isKMSCandidate(e) {
			continue
		}
		ix.kmsAll = append(ix.kmsAll, e)
		if v, ok := ix.lookup(e.VPC).(*model.VPC); ok {
			ix.kmsByVPC[v.Address] = append(ix.kmsByVPC[v.Address], e)
		} else {
			ix.kmsLoose = append(ix.kmsLoose, e)
		}
	}
	for _, g := range m.DBSubnetGroups {
		if g.Name.Known() {
			k := strings.ToLower(g.Name.Value)
			ix.subnetGroups[k] = append(ix.subnetGroups[k], g)
		}
	}
	return ix
}

// addImplicit puts each VPC's main route table, default security group and
// default network ACL at their addresses, unless a declaration adopts the
// address, in which case the declaration stands there instead and only its
// declared routes and rules exist (Terraform docs for aws_default_*).
func (ix *index) addImplicit() {
	for _, v := range ix.m.VPCs {
		for _, o := range []model.Object{implicitMainRouteTable(v), implicitDefaultSecurityGroup(v), implicitDefaultNetworkACL(v)} {
			if _, taken := ix.objs[o.Base().Address]; !taken {
				ix.objs[o.Base().Address] = o
			}
		}
	}
	adopt := func(r model.Ref, o model.Object) {
		if _, _, ok := model.ImplicitOf(r.Key); ok {
			ix.objs[r.Key] = o
		}
	}
	for _, t := range ix.m.RouteTables {
		adopt(t.Adopts, t)
	}
	for _, g := range ix.m.SecurityGroups {
		adopt(g.Adopts, g)
	}
	for _, a := range ix.m.NetworkACLs {
		adopt(a.Adopts, a)
	}
	for _, t := range ix.m.RouteTables {
		ix.routes[t] = append(ix.routes[t], t.Routes...)
	}
	for _, g := range ix.m.SecurityGroups {
		ix.sgRules[g] = append(ix.sgRules[g], g.Rules...)
	}
	for _, a := range ix.m.NetworkACLs {
		ix.aclRules[a] = append(ix.aclRules[a], a.Rules...)
	}
	for _, v := range ix.m.VPCs {
		if sg, ok := ix.objs[model.DefaultSecurityGroupAddress(v.Address)].(*model.SecurityGroup); ok && sg.Adopts.Key == "" {
			ix.sgRules[sg] = append(ix.sgRules[sg], sg.Rules...)
		}
		if acl, ok := ix.objs[model.DefaultNetworkACLAddress(v.Address)].(*model.NetworkACL); ok && acl.Adopts.Key == "" {
			ix.aclRules[acl] = append(ix.aclRules[acl], acl.Rules...)
		}
	}
}

func (ix *index) attachRoutes() {
	for _, r := range ix.m.Routes {
		switch t := ix.lookup(r.Table).(type) {
		case *model.RouteTable:
			ix.routes[t] = append(ix.routes[t], r)
		case nil:
			if r.Table.Unknown != nil {
				ix.looseRoutes = append(ix.looseRoutes, r)
			}
		}
	}
}

func (ix *index) attachAssociations() {
	for _, a := range ix.m.RouteTableAssociations {
		if a.Gateway.IsSet() && !a.Subnet.IsSet() {
			continue // an edge association governs no subnet
		}
		if s, ok := ix.lookup(a.Subnet).(*model.Subnet); ok {
			ix.tableAssocs[s.Address] = append(ix.tableAssocs[s.Address], a)
		} else if a.Subnet.Unknown != nil {
			ix.looseTableAssocs = append(ix.looseTableAssocs, a)
		}
	}
	for _, a := range ix.m.MainRouteTableAssociations {
		if v, ok := ix.lookup(a.VPC).(*model.VPC); ok {
			ix.mainAssocs[v.Address] = append(ix.mainAssocs[v.Address], a)
		} else if a.VPC.Unknown != nil {
			ix.looseMainAssocs = append(ix.looseMainAssocs, a)
		}
	}
	for _, acl := range ix.m.NetworkACLs {
		if acl.Subnets.Incomplete != nil {
			ix.looseACLAssocs = append(ix.looseACLAssocs, aclAssoc{acl: keyRef(acl), via: acl, maybe: acl.Subnets.Incomplete})
		}
		for _, r := range acl.Subnets.Items {
			ix.addACLAssoc(r, aclAssoc{acl: keyRef(acl), via: acl, maybe: firstNonNil(r.Maybe, acl.Maybe), subnet: r})
		}
	}
	for _, a := range ix.m.NetworkACLAssociations {
		ix.addACLAssoc(a.Subnet, aclAssoc{acl: a.ACL, via: a, maybe: a.Maybe, subnet: a.Subnet})
	}
}

func (ix *index) addACLAssoc(subnet model.Ref, a aclAssoc) {
	if s, ok := ix.lookup(subnet).(*model.Subnet); ok {
		ix.aclAssocs[s.Address] = append(ix.aclAssocs[s.Address], a)
	} else if subnet.Unknown != nil {
		a.maybe = firstNonNil(a.maybe, subnet.Unknown)
		ix.looseACLAssocs = append(ix.looseACLAssocs, a)
	}
}

func (ix *index) attachRules() {
	for _, r := range ix.m.SecurityGroupRules {
		switch g := ix.lookup(r.Group).(type) {
		case *model.SecurityGroup:
			ix.sgRules[g] = append(ix.sgRules[g], r)
		case nil:
			if r.Group.Unknown != nil {
				ix.looseSGRules = append(ix.looseSGRules, r)
			}
		}
	}
	for _, r := range ix.m.NetworkACLRules {
		switch a := ix.lookup(r.ACL).(type) {
		case *model.NetworkACL:
			ix.aclRules[a] = append(ix.aclRules[a], r)
		case nil:
			if r.ACL.Unknown != nil {
				ix.looseACLRules = append(ix.looseACLRules, r)
			}
		}
	}
	for _, a := range ix.m.GatewayAttachments {
		switch g := ix.lookup(a.Gateway).(type) {
		case *model.InternetGateway:
			ix.igwAttach[g] = append(ix.igwAttach[g], a)
		case nil:
			if a.Gateway.Unknown != nil {
				ix.looseAttach = append(ix.looseAttach, a)
			}
		}
	}
}

func (ix *index) attachEndpoints() {
	endpoint := func(r model.Ref, o model.Object) *model.VPCEndpoint {
		e, ok := ix.lookup(r).(*model.VPCEndpoint)
		if !ok && r.Unknown != nil {
			ix.looseEp = append(ix.looseEp, o)
		}
		return e
	}
	for _, a := range ix.m.EndpointSubnetAssociations {
		if e := endpoint(a.Endpoint, a); e != nil {
			ix.epSubnets[e] = append(ix.epSubnets[e], a)
		}
	}
	for _, a := range ix.m.EndpointSecurityGroupAssociations {
		if e := endpoint(a.Endpoint, a); e != nil {
			ix.epGroups[e] = append(ix.epGroups[e], a)
		}
	}
	for _, a := range ix.m.EndpointPrivateDNS {
		if e := endpoint(a.Endpoint, a); e != nil {
			ix.epDNS[e] = append(ix.epDNS[e], a)
		}
	}
	for _, p := range ix.m.EndpointPolicies {
		if e := endpoint(p.Endpoint, p); e != nil {
			ix.epPolicy[e] = append(ix.epPolicy[e], p)
		}
	}
}

// lookup returns the declared or implicit object a Key ref names, or nil.
func (ix *index) lookup(r model.Ref) model.Object {
	if r.Key == "" {
		return nil
	}
	return ix.objs[r.Key]
}

// resolve follows a ref. It returns the object it names, or the reason it
// cannot be followed offline: an unknown value, or a literal ID or an
// address of a resource that is not in the scanned code (docs/semantics.md#computed-ids-and-names). Both
// results are nil when the ref is unset.
func (ix *index) resolve(r model.Ref, what string) (model.Object, *model.Unresolved) {
	switch {
	case r.Unknown != nil:
		return nil, r.Unknown
	case r.Key != "":
		if o := ix.lookup(r); o != nil {
			return o, nil
		}
		return nil, &model.Unresolved{Kind: model.FromExternal,
			Reason: fmt.Sprintf("%s %s is not declared in the scanned code", what, r.Key), Range: r.Range}
	case r.Literal != "":
		return nil, &model.Unresolved{Kind: model.FromExternal,
			Reason: fmt.Sprintf("%s %q is not declared in the scanned code", what, r.Literal), Range: r.Range}
	}
	return nil, nil
}

// keyRef is a ref to a declared object by identity.
func keyRef(o model.Object) model.Ref {
	return model.Ref{Key: o.Base().Address, Range: o.Base().Range}
}

// vpcOf resolves the VPC a ref names.
func (ix *index) vpcOf(r model.Ref, what string) (*model.VPC, *model.Unresolved) {
	o, u := ix.resolve(r, what)
	if u != nil {
		return nil, u
	}
	if v, ok := o.(*model.VPC); ok {
		return v, nil
	}
	return nil, &model.Unresolved{Kind: model.FromExpression,
		Reason: fmt.Sprintf("%s does not name a VPC", what), Range: r.Range}
}

func firstNonNil(us ...*model.Unresolved) *model.Unresolved {
	for _, u := range us {
		if u != nil {
			return u
		}
	}
	return nil
}
