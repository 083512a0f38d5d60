package network

import (
	"fmt"

	"github.com/daslint/daslint/model"
)

// When the subnet an instance lands in is not known (its DB subnet group
// comes from a module that is not read, a variable, a data source, a name
// that is not in the scanned code; or a subnet's VPC cannot be resolved),
// the instance is still placed: in "any subnet", a placement that stands
// for every subnet it may be in. Only the links that hold or break the same
// way in all of them are decided (docs/semantics.md#three-valued-logic: AND(false, unknown) = false);
// every link that rests on the subnet (its route table, its network ACL, its
// address) is one unknown link, so such a placement never passes.
//
// What does not depend on the subnet: the instance's public accessibility
// and its security groups' egress; and, when the VPC is known, the VPC's
// facts (its DNS attributes, its KMS endpoints and whether they are active,
// their security groups and policies).

// anySubnet says why a placement's subnet is not known and where.
type anySubnet struct {
	why Unknown
	// link is the link that stands for the subnet's facts.
	link Link
}

// anySubnetLink is the link for an unknown subnet of the placement's VPC,
// or of an unknown VPC, placed where the unknown value is used. It rests on
// no declared object (the diagrams draw it as a node of its own).
func anySubnetLink(vpc *model.VPC, used model.Range) Link {
	if vpc == nil {
		return Link{Text: "an unknown subnet", Range: used}
	}
	return Link{Text: "any subnet of " + vpc.Address, Range: used}
}

// startAt opens a path at the placement's subnet: a link that holds when
// the subnet is known, else the unknown link that stands for every fact of
// the subnet.
func startAt(ch *chain, p *placement) {
	if p.any == nil {
		ch.hold(linkTo(p.subnet, ""))
		return
	}
	in := ""
	if p.vpc != nil {
		in = ", in " + p.vpc.Address + ","
	}
	ch.check(model.Unknown, p.any.link,
		fmt.Sprintf("the subnet %s %s in%s is not known (%s), so its route table and network ACL cannot be checked", p.name(), p.verb("lands", "land"), in, p.any.why.Reason),
		"", p.any.why)
}

// instancePeer is the instance's address as security group and network ACL
// rules see it: its subnet, or, when that is not known, an address that
// only 0.0.0.0/0 certainly matches.
func instancePeer(p *placement) peerAddr {
	if p.any == nil {
		return subnetPeer(p.subnet)
	}
	return peerAddr{unk: p.any.why.Unresolved, name: "the subnet of " + p.name()}
}

// placementVPC is the VPC an instance must be in when its subnet is not
// known: RDS keeps every subnet of a DB subnet group in one VPC, and the
// cluster's VPC security groups in the VPC of its DB subnet group (RDS User
// Guide, "Working with a DB cluster in a VPC"; CreateDBCluster refuses
// security groups of another VPC). So the VPC of a known subnet of the
// group, or of the security groups the cluster names, is the instance's.
// Groups that may not be attached do not count; two different VPCs, or
// none, leave it unknown.
func (a *analyzer) placementVPC(c *model.DBCluster, subnets []*model.Subnet) *model.VPC {
	var found *model.VPC
	agree := true
	note := func(r model.Ref, what string) {
		v, u := a.ix.vpcOf(r, what)
		switch {
		case u != nil:
		case found == nil:
			found = v
		case found != v:
			agree = false
		}
	}
	for _, s := range subnets {
		note(s.VPC, "VPC of "+s.Address)
	}
	for _, r := range c.SecurityGroups.Items {
		if r.Maybe != nil {
			continue
		}
		if g, ok := a.ix.lookup(r).(*model.SecurityGroup); ok && g.Maybe == nil {
			note(g.VPC, "VPC of "+g.Address)
		}
	}
	if !agree {
		return nil
	}
	return found
}

// anySubnetResult evaluates an instance whose subnet is not known, in any
// subnet of vpc (nil when the VPC is not known either).
func (a *analyzer) anySubnetResult(c *model.DBCluster, g *model.DBSubnetGroup, m member, vpc *model.VPC, why Unknown) InstanceResult {
	p := &placement{cluster: c, inst: m.inst, group: g, vpc: vpc,
		any: &anySubnet{why: why, link: anySubnetLink(vpc, why.Used)}}
	ir := a.placementResult(p, m)
	ir.AnySubnet = &AnySubnet{Why: why}
	if vpc != nil {
		ir.AnySubnet.VPC = vpc.Address
	}
	return ir
}
