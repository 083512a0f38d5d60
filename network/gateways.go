package network

import (
	"fmt"
	"strings"
	"sync"

	"github.com/daslint/daslint/model"
)

// unknownTargets are the route targets behind which egress happens outside
// the scanned network (the unknown row of
// docs/semantics.md#what-a-default-route-leads-to).
var unknownTargets = sync.OnceValue(func() map[model.TargetKind]string {
	return map[model.TargetKind]string{
		model.TargetTransitGateway:   "transit gateway",
		model.TargetCoreNetwork:      "Cloud WAN core network",
		model.TargetVPNGateway:       "virtual private gateway",
		model.TargetNetworkInterface: "network interface",
		model.TargetInstance:         "instance",
		model.TargetVPCEndpoint:      "Gateway Load Balancer or firewall endpoint",
		model.TargetLocalGateway:     "local gateway",
		model.TargetCarrierGateway:   "carrier gateway",
	}
})

// target is what a default route leads to: an internet gateway or a NAT
// gateway, or a verdict (False or Unknown) with its reason.
type target struct {
	igw    *model.InternetGateway
	nat    *model.NATGateway
	status model.Tri
	reason string
	unk    *model.Unresolved
	// fix says what the user can do about unk.
	fix string
}

// routeTarget resolves the target of route r by the table of
// docs/semantics.md#what-a-default-route-leads-to.
func (a *analyzer) routeTarget(r *model.Route) target {
	if kind, ok := unknownTargets()[r.TargetKind]; ok {
		u := &model.Unresolved{Kind: model.FromTarget,
			Reason: fmt.Sprintf("%s %s to a %s; egress happens outside the scanned network", r.Address, sends(r), kind), Range: r.Range}
		return target{status: model.Unknown, reason: u.Reason, unk: u,
			fix: fmt.Sprintf("Verify that TCP 443 to KMS gets through the %s that %s routes %s to, or add a KMS interface endpoint to the VPC, which takes KMS traffic off the routes.", kind, r.Address, routeDest(r))}
	}
	switch r.TargetKind {
	case model.TargetPeering:
		return target{status: model.False, reason: fmt.Sprintf("%s %s to a VPC peering connection, which does not carry traffic to the internet", r.Address, sends(r))}
	case model.TargetEgressOnlyGateway:
		return target{status: model.False, reason: fmt.Sprintf("%s %s to an egress-only internet gateway, which carries IPv6 only", r.Address, sends(r))}
	case model.TargetLocal:
		return target{status: model.False, reason: fmt.Sprintf("%s %s to the local route", r.Address, sends(r))}
	}
	if !r.Target.IsSet() {
		return target{status: model.False, reason: r.Address + " has no target"}
	}
	o, u := a.ix.resolve(r.Target, "route target")
	if u != nil {
		if u.Kind == model.FromExternal && r.TargetKind == model.TargetGateway {
			u = &model.Unresolved{Kind: model.FromTarget, Reason: u.Reason + "; it may be a virtual private gateway", Range: u.Range}
		}
		return target{status: model.Unknown, reason: "the target of " + r.Address + " cannot be resolved: " + u.Reason, unk: u}
	}
	switch t := o.(type) {
	case *model.InternetGateway:
		return target{igw: t, status: model.True}
	case *model.NATGateway:
		return target{nat: t, status: model.True}
	case *model.EgressOnlyInternetGateway:
		return target{status: model.False, reason: fmt.Sprintf("%s %s to an egress-only internet gateway, which carries IPv6 only", r.Address, sends(r))}
	}
	u = &model.Unresolved{Kind: model.FromTarget,
		Reason: fmt.Sprintf("%s %s to %s, which daslint does not follow", r.Address, sends(r), o.Base().Address), Range: r.Range}
	return target{status: model.Unknown, reason: u.Reason, unk: u,
		fix: fmt.Sprintf("Verify that TCP 443 to KMS gets through %s, which %s routes %s to, or add a KMS interface endpoint to the VPC, which takes KMS traffic off the routes.", o.Base().Address, r.Address, routeDest(r))}
}

// sends says what a route sends, for messages: "sends 0.0.0.0/0", "sends
// traffic for prefix list pl-1".
func sends(r *model.Route) string {
	if r.DestinationCIDR.Known() {
		return "sends " + routeDest(r)
	}
	return "sends traffic for " + routeDest(r)
}

// routeDest names a route's destination for messages.
func routeDest(r *model.Route) string {
	switch pl := r.DestinationPrefixList; {
	case r.DestinationCIDR.Known() && isDefaultRoute(r.DestinationCIDR.Value):
		return anyIPv4
	case r.DestinationCIDR.Known():
		return r.DestinationCIDR.Value
	case pl.Key != "":
		return pl.Key
	case pl.Literal != "":
		return "prefix list " + pl.Literal
	case pl.Unknown != nil:
		return "a prefix list"
	}
	return "destinations that are not known"
}

// targetFailure records a target that is no gateway at all.
func targetFailure(ch *chain, r *model.Route, t target, fix string) {
	var us []Unknown
	if t.unk != nil {
		u := unknownOf(t.unk, r.Range, r.Address)
		u.Fix = t.fix
		us = append(us, u)
	}
	ch.check(t.status, linkTo(r, r.Address+" target"), t.reason, fix, us...)
}

// igwAttached says whether internet gateway g is attached to vpc, inline or
// through a gateway attachment.
func (a *analyzer) igwAttached(g *model.InternetGateway, vpc *model.VPC) (model.Tri, []Unknown) {
	var us []Unknown
	v := model.False
	consider := func(ref model.Ref, maybe *model.Unresolved, where model.Object) {
		o, u := a.ix.resolve(ref, "VPC")
		var t model.Tri
		switch {
		case u != nil:
			t = model.Unknown
			us = append(us, unknownOf(u, ref.Range, where.Base().Address))
		case o != nil:
			t = model.TriOf(o == model.Object(vpc))
		default:
			return
		}
		if maybe != nil && t != model.False {
			t = model.Unknown
			us = append(us, unknownOf(maybe, where.Base().Range, where.Base().Address))
		}
		v = v.Or(t)
	}
	consider(g.VPC, nil, g)
	for _, at := range a.ix.igwAttach[g] {
		consider(at.VPC, at.Maybe, at)
	}
	for _, at := range a.ix.looseAttach {
		consider(at.VPC, firstNonNil(at.Maybe, at.Gateway.Unknown), at)
	}
	if g.Maybe != nil && v != model.False {
		v = model.Unknown
		us = append(us, unknownOf(g.Maybe, g.Range, g.Address))
	}
	return v, us
}

// vpcHasIGW says whether any internet gateway is attached to vpc.
func (a *analyzer) vpcHasIGW(vpc *model.VPC) (model.Tri, []Unknown) {
	v := model.False
	var us []Unknown
	for _, g := range a.ix.m.InternetGateways {
		t, u := a.igwAttached(g, vpc)
		v = v.Or(t)
		us = append(us, u...)
	}
	return v, us
}

// toIGW follows a default route that must end at an internet gateway
// attached to vpc.
func (a *analyzer) toIGW(vpc *model.VPC, r *model.Route, fix string) *chain {
	ch := newChain()
	t := a.routeTarget(r)
	switch {
	case t.igw != nil:
		v, us := a.igwAttached(t.igw, vpc)
		ch.check(v, linkTo(t.igw, ""),
			whether(v, fmt.Sprintf("%s is not attached to %s", t.igw.Address, vpc.Address), fmt.Sprintf("%s is attached to %s", t.igw.Address, vpc.Address)),
			fmt.Sprintf("attach %s to %s (vpc_id, or an aws_internet_gateway_attachment / AWS::EC2::VPCGatewayAttachment)", t.igw.Address, vpc.Address),
			us...)
	case t.nat != nil:
		ch.check(model.False, linkTo(t.nat, ""),
			fmt.Sprintf("%s %s to NAT gateway %s, not to an internet gateway", r.Address, sends(r), t.nat.Address), fix)
	default:
		targetFailure(ch, r, t, fix)
	}
	return ch
}

// natFix says how to give the placement's subnet a nat path at its route
// table.
func natFix(p *placement) routeFix {
	return func(table string) string {
		return fmt.Sprintf("route 0.0.0.0/0 of %s to a public NAT gateway in a public subnet of %s", table, p.vpc.Address)
	}
}

// toNAT follows the instance subnet's default route for the nat path; fix
// says how to make it lead to a NAT gateway.
func (a *analyzer) toNAT(p *placement, r *model.Route, fix string) *chain {
	ch := newChain()
	t := a.routeTarget(r)
	switch {
	case t.nat != nil:
		ch.then(a.natChain(p, t.nat))
	case t.igw != nil:
		ch.check(model.False, linkTo(t.igw, ""),
			fmt.Sprintf("%s %s to internet gateway %s, not to a NAT gateway", r.Address, sends(r), t.igw.Address), fix)
	default:
		targetFailure(ch, r, t, fix)
	}
	return ch
}

// natChain checks a NAT gateway: public connectivity, and an upstream
// internet gateway (VPC User Guide, "NAT gateways").
func (a *analyzer) natChain(p *placement, n *model.NATGateway) *chain {
	ch := newChain()
	link := linkTo(n, n.Address+" (public)")
	if n.Maybe != nil {
		ch.check(model.Unknown, link, n.Address+" may not exist", "", unknownOf(n.Maybe, n.Range, n.Address))
	}
	if st := n.State; st.Known() && !strings.EqualFold(st.Value, "available") {
		v := model.False // deleted, deleting or failed: it carries no traffic
		if strings.EqualFold(st.Value, "pending") {
			v = model.Unknown // it may be available by the time the stream runs
		}
		ch.check(v, linkTo(n, n.Address+" ("+st.Value+")"), fmt.Sprintf("NAT gateway %s is %s", n.Address, st.Value),
			fmt.Sprintf("replace NAT gateway %s with an available one, and route 0.0.0.0/0 to it", n.Address),
			stateUnknown(v, st, n.Address)...)
		if v == model.False {
			return ch
		}
	}
	switch ct := n.ConnectivityType; {
	case ct.Unknown != nil:
		ch.check(model.Unknown, link, "the connectivity type of "+n.Address+" is not known", "", unknownOf(ct.Unknown, ct.Range, n.Address))
	case strings.EqualFold(ct.Or("public"), "public"):
		ch.hold(link)
	default:
		ch.check(model.False, linkTo(n, n.Address+" ("+ct.Value+")"),
			fmt.Sprintf("%s is a %s NAT gateway; the internet gateway drops its traffic", n.Address, ct.Value),
			fmt.Sprintf("set connectivity_type = \"public\" (ConnectivityType: public) on %s, with an Elastic IP", n.Address))
		return ch
	}
	switch mode := n.AvailabilityMode; {
	case mode.Unknown != nil:
		ch.check(model.Unknown, linkTo(n, ""), "the availability mode of "+n.Address+" is not known", "", unknownOf(mode.Unknown, mode.Range, n.Address))
	case strings.EqualFold(mode.Or("zonal"), "regional"):
		v, us := a.vpcHasIGW(p.vpc)
		ch.check(v, linkTo(p.vpc, p.vpc.Address+" internet gateway"),
			fmt.Sprintf("regional NAT gateway %s needs an internet gateway attached to %s", n.Address, p.vpc.Address),
			"attach an internet gateway to "+p.vpc.Address, us...)
	default:
		ch.then(a.natSubnetChain(p, n))
	}
	if ch.val == model.True {
		ch.nat = &natUse{gw: n, subnet: a.natSubnet(n)}
	}
	return ch
}

// natUse is the NAT gateway a path goes through, and the subnet it sits in
// (nil for a regional NAT gateway, which spans the VPC's zones).
type natUse struct {
	gw     *model.NATGateway
	subnet *model.Subnet
}

// natSubnet is the subnet of a zonal NAT gateway, when it resolves.
func (a *analyzer) natSubnet(n *model.NATGateway) *model.Subnet {
	if strings.EqualFold(n.AvailabilityMode.Or("zonal"), "regional") || n.AvailabilityMode.Unknown != nil {
		return nil
	}
	o, _ := a.ix.resolve(n.Subnet, "subnet")
	s, _ := o.(*model.Subnet)
	return s
}

// natSubnetChain checks the subnet of a zonal NAT gateway: same VPC, NACLs
// that let the translated traffic through, and a default route to an
// attached internet gateway.
func (a *analyzer) natSubnetChain(p *placement, n *model.NATGateway) *chain {
	ch := newChain()
	o, u := a.ix.resolve(n.Subnet, "subnet")
	s, ok := o.(*model.Subnet)
	if !ok {
		if u == nil {
			u = &model.Unresolved{Kind: model.FromExpression, Reason: n.Address + " names no subnet", Range: n.Range}
		}
		ch.check(model.Unknown, linkTo(n, n.Address+" subnet"), "the subnet of "+n.Address+" cannot be resolved: "+u.Reason, "",
			unknownOf(u, n.Subnet.Range, n.Address))
		return ch
	}
	vpc, vu := a.ix.vpcOf(s.VPC, "VPC of "+s.Address)
	switch {
	case vu != nil:
		ch.check(model.Unknown, linkTo(s, ""), "the VPC of "+s.Address+" cannot be resolved: "+vu.Reason, "", unknownOf(vu, s.VPC.Range, s.Address))
		return ch
	case vpc != p.vpc:
		ch.check(model.False, linkTo(s, ""),
			fmt.Sprintf("NAT gateway %s sits in %s of %s, not in %s", n.Address, s.Address, vpc.Address, p.vpc.Address),
			"place the NAT gateway in a public subnet of "+p.vpc.Address)
		return ch
	}
	ch.hold(linkTo(s, ""))
	if s != p.subnet {
		ch.then(a.naclNATSubnet(p, s))
		if !ch.ok() {
			return ch
		}
	}
	fix := func(table string) string {
		return fmt.Sprintf("route 0.0.0.0/0 of %s (the route table of %s, the NAT gateway's subnet) to an internet gateway attached to %s", table, s.Address, p.vpc.Address)
	}
	up := a.viaSubnetTable(s, vpc, func(table string, r *model.Route) *chain { return a.toIGW(vpc, r, fix(table)) }, fix)
	if up.broken != nil && up.broken.Status == model.False {
		b := *up.broken
		b.Reason = fmt.Sprintf("NAT gateway %s sits in a private subnet: %s", n.Address, b.Reason)
		up.broken = &b
	}
	ch.then(up)
	return ch
}

// stateUnknown is the unknown a pending state leaves.
func stateUnknown(v model.Tri, st model.Str, subject string) []Unknown {
	if v != model.Unknown {
		return nil
	}
	return []Unknown{unknownOf(&model.Unresolved{Kind: model.FromExternal, Range: st.Range,
		Reason: subject + " is " + st.Value + " in the AWS facts"}, st.Range, subject)}
}
