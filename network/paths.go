package network

import (
	"fmt"
	"slices"

	"github.com/daslint/daslint/model"
)

// placement is one instance placed in one candidate subnet: everything the
// three paths start from.
type placement struct {
	cluster *model.DBCluster
	inst    *model.DBInstance    // nil for an assumed instance
	group   *model.DBSubnetGroup // nil when it cannot be resolved
	// subnet is nil when the subnet is not known: then any says why, and
	// the placement stands for every subnet of vpc (nil when the VPC is
	// not known either).
	subnet *model.Subnet
	any    *anySubnet
	vpc    *model.VPC
	sgs    sgSet
	// public is whether the instance is publicly accessible.
	public     model.Tri
	publicWhy  []Unknown
	publicLink Link
}

func (p *placement) name() string {
	if p.inst != nil {
		return p.inst.Address
	}
	return "the instances of " + p.cluster.Address
}

// verb agrees a verb with the placement's name: singular for a declared
// instance, plural for the assumed instances of a cluster that declares
// none.
func (p *placement) verb(singular, plural string) string {
	if p.inst != nil {
		return singular
	}
	return plural
}

// outcome is the verdict for a placement with its explanation.
type outcome struct {
	val      model.Tri
	path     Path
	witness  []Link
	broken   map[Path]*Broken
	fix      string
	primary  Path
	unknowns []Unknown
	policies []EndpointPolicy
	serving  *Serving
}

// primaryPath picks the path whose broken link explains verdict v and whose
// fix is given: the path the code was evidently built for (docs/semantics.md#what-a-verdict-explains). A
// link whose status is the verdict itself (False for a fail, Unknown for an
// unknown) explains it better than one that merely breaks; then the path
// that got furthest wins. On a tie an existing endpoint wins (it was built
// on purpose), then nat, which most private databases are built for, then
// public, the rarest intent; a missing endpoint (broken at its first link)
// loses every tie. When the
// VPC certainly has an active KMS endpoint, only the endpoint path can
// carry KMS traffic, so only its break explains the verdict.
func primaryPath(broken map[Path]*Broken, v, active model.Tri) Path {
	var best Path
	better := func(p Path) bool {
		b, cur := broken[p], broken[best]
		switch {
		case b == nil:
			return false
		case cur == nil:
			return true
		case (b.Status == v) != (cur.Status == v):
			return b.Status == v
		case b.Depth == cur.Depth:
			return best == PathKMSEndpoint && cur.Depth == 0
		default:
			return b.Depth > cur.Depth
		}
	}
	for _, p := range []Path{PathKMSEndpoint, PathNAT, PathPublic} {
		if active == model.True && p != PathKMSEndpoint {
			continue
		}
		if better(p) {
			best = p
		}
	}
	return best
}

// evaluate decides whether the placement reaches KMS (docs/semantics.md#which-path-applies):
// through the VPC's active KMS endpoint when there is one,
// else through the public or the nat path.
func (a *analyzer) evaluate(p *placement) outcome {
	pub := a.publicPath(p)
	nat := a.natPath(p)
	ep := a.endpointPaths(p)
	v := ep.active.If(ep.branch, pub.val.Or(nat.val))
	out := outcome{val: v, policies: ep.policies}
	if v == model.True {
		switch {
		case ep.active == model.True || (ep.active == model.Unknown && pub.val != model.True && nat.val != model.True):
			out.path, out.witness = PathKMSEndpoint, slices.Clip(ep.ch.links)
			out.serving = a.endpointServing(p, ep.ep)
		case pub.val == model.True:
			out.path, out.witness = PathPublic, slices.Clip(pub.links)
		default:
			out.path, out.witness = PathNAT, slices.Clip(nat.links)
			if nat.nat != nil && p.subnet != nil {
				out.serving = &Serving{Subnet: p.subnet, NATGateway: nat.nat.gw, NATSubnet: nat.nat.subnet}
			}
		}
		return out
	}
	chains := map[Path]*chain{PathPublic: pub, PathNAT: nat, PathKMSEndpoint: ep.ch}
	out.broken = map[Path]*Broken{}
	overridden := map[Path]bool{}
	for _, path := range Paths {
		ch := chains[path]
		switch {
		case ch.broken != nil:
			out.broken[path] = ch.broken
		case path != PathKMSEndpoint && ep.active != model.False:
			// The path holds but does not carry KMS traffic: the
			// endpoint's private DNS takes over the KMS name.
			overridden[path] = true
			out.broken[path] = &Broken{Link: ep.endpoint, Status: ep.active.Not(),
				Reason: whether(ep.active.Not(),
					fmt.Sprintf("the %s path holds, but %s takes over kms.<region>.amazonaws.com with its private DNS, so the %s path does not carry KMS traffic", path, ep.endpoint.Address, path),
					fmt.Sprintf("the %s path carries KMS traffic: it holds, but %s, if it is active, takes over kms.<region>.amazonaws.com with its private DNS", path, ep.endpoint.Address)),
				Depth: ch.n, Held: heldSoFar(ch.links)}
		}
	}
	out.primary = primaryPath(out.broken, v, ep.active)
	if b := out.broken[out.primary]; b != nil {
		out.fix = b.Fix
	}
	if out.fix == "" && overridden[out.primary] {
		// A path that holds but is overridden by an endpoint that may be
		// active has no fix of its own: the endpoint's fix applies.
		if b := out.broken[PathKMSEndpoint]; b != nil {
			out.fix = b.Fix
		}
	}
	if ep.active != model.True {
		out.unknowns = append(out.unknowns, pub.unknowns...)
		out.unknowns = append(out.unknowns, nat.unknowns...)
	}
	if ep.active != model.False {
		out.unknowns = append(out.unknowns, ep.unknowns...)
	}
	return out
}

// publicPath: a publicly accessible instance, a default route to an
// internet gateway attached to the VPC, and DNS support and hostnames
// (RDS refuses a publicly accessible instance otherwise).
func (a *analyzer) publicPath(p *placement) *chain {
	ch := newChain()
	startAt(ch, p)
	ch.check(p.public, p.publicLink, publicReason(p),
		"set publicly_accessible = true (PubliclyAccessible: true), or route the subnet through a NAT gateway", p.publicWhy...)
	if !ch.ok() {
		return ch
	}
	a.internetEgress(ch, p)
	if !ch.ok() {
		return ch
	}
	if p.subnet == nil {
		// The route table is the subnet's; DNS is the VPC's.
		if p.vpc != nil {
			ch.then(a.vpcDNS(p.vpc, "a publicly accessible DB instance"))
		}
		return ch
	}
	fix := func(table string) string {
		return fmt.Sprintf("route 0.0.0.0/0 of %s to an internet gateway attached to %s", table, p.vpc.Address)
	}
	ch.then(a.viaSubnetTable(p.subnet, p.vpc, func(table string, r *model.Route) *chain { return a.toIGW(p.vpc, r, fix(table)) }, fix))
	if !ch.ok() {
		return ch
	}
	ch.then(a.vpcDNS(p.vpc, "a publicly accessible DB instance"))
	return ch
}

// publicReason says why the public link does not hold: the instance is
// not publicly accessible, or it is not known whether it is, and why.
func publicReason(p *placement) string {
	its := p.verb("its", "their")
	if p.public == model.Unknown {
		why := "its setting is not known"
		if len(p.publicWhy) > 0 && p.publicWhy[0].Unresolved != nil {
			why = p.publicWhy[0].Reason
		}
		return fmt.Sprintf("it is not known whether %s %s publicly accessible (%s), so it is not known whether an internet gateway can carry %s traffic",
			p.name(), p.verb("is", "are"), why, its)
	}
	return fmt.Sprintf("%s %s not publicly accessible, so an internet gateway cannot carry %s traffic", p.name(), p.verb("is", "are"), its)
}

// natPath: a default route to a public NAT gateway with an upstream
// internet gateway.
func (a *analyzer) natPath(p *placement) *chain {
	ch := newChain()
	startAt(ch, p)
	a.internetEgress(ch, p)
	if !ch.ok() || p.subnet == nil {
		return ch
	}
	ch.then(a.viaSubnetTable(p.subnet, p.vpc, func(table string, r *model.Route) *chain { return a.toNAT(p, r, natFix(p)(table)) }, natFix(p)))
	return ch
}

// internetEgress checks the instance's security groups and its subnet's
// network ACL for traffic to KMS's public addresses. An unknown subnet's
// network ACL is part of the link that stands for it (startAt).
func (a *analyzer) internetEgress(ch *chain, p *placement) {
	v, us := a.allows(p.sgs, model.Egress, sgPeer{addr: internetPeer})
	reason := p.sgs.permits(a, p.cluster.Address, v, "egress TCP 443 to 0.0.0.0/0")
	fix := fmt.Sprintf("add an egress rule to %s allowing TCP 443 to 0.0.0.0/0", p.sgs.names(a))
	// Name the rules that let TCP 443 out elsewhere (docs/semantics.md#narrow-egress):
	// when the link breaks, every one; when it is unknown, those that make it so.
	if narrow := a.narrowEgress(p.sgs); v == model.False && len(narrow) > 0 || v == model.Unknown && hasDoubt(narrow) {
		reason += ": " + describeNarrow(narrow)
		fix = linkNarrowFix(v, p.sgs.names(a))
	}
	if a.terraformStripsEgress(p.sgs) {
		reason += "; the Terraform provider removes AWS's default allow-all egress rule"
	}
	ch.check(v, p.sgs.link(a, "egress TCP 443 to 0.0.0.0/0"), reason, fix, us...)
	if !ch.ok() || p.subnet == nil {
		return
	}
	ch.then(a.naclAllows(p.subnet, p.vpc, []flow{
		{egress: true, lo: httpsPort, hi: httpsPort, peer: internetPeer},
		{egress: false, lo: ephemeralLow, hi: ephemeralHigh, peer: internetPeer},
	}))
}

func (a *analyzer) terraformStripsEgress(s sgSet) bool {
	for _, g := range s.sure {
		if g.Type == "aws_security_group" && g.AllowAllEgress == model.False {
			return true
		}
	}
	return false
}

// naclNATSubnet checks the NACL of a NAT gateway's subnet: it receives the
// instance's traffic, sends it on to the internet, and the replies back.
func (a *analyzer) naclNATSubnet(p *placement, s *model.Subnet) *chain {
	inst := subnetPeer(p.subnet)
	return a.naclAllows(s, p.vpc, []flow{
		{egress: false, lo: httpsPort, hi: httpsPort, peer: inst},
		{egress: true, lo: httpsPort, hi: httpsPort, peer: internetPeer},
		{egress: false, lo: ephemeralLow, hi: ephemeralHigh, peer: internetPeer},
		{egress: true, lo: ephemeralLow, hi: ephemeralHigh, peer: inst},
	})
}
