package network

import (
	"fmt"
	"slices"
	"strings"

	"github.com/daslint/daslint/model"
)

// endpointEval is the kms-endpoint side of a placement.
type endpointEval struct {
	// active says whether the VPC has an active KMS endpoint.
	active model.Tri
	// branch says whether the instance reaches KMS given that it does.
	branch model.Tri
	// ch is the chain reports show: the endpoint that holds, else the one
	// that got furthest.
	ch       *chain
	unknowns []Unknown
	// endpoint is the link of the endpoint ch rests on.
	endpoint Link
	// policies are the policy verdicts of the endpoints certainly active.
	policies []EndpointPolicy
	// ep is the endpoint ch rests on, nil when there is none.
	ep *model.VPCEndpoint
}

// endpointPaths evaluates every KMS endpoint that may be active in the
// placement's VPC. With several, the branch holds when each endpoint that
// may be active works, or is not active.
func (a *analyzer) endpointPaths(p *placement) endpointEval {
	if p.vpc == nil {
		return a.anyVPCEndpoint(p)
	}
	ev := endpointEval{active: model.False, branch: model.True}
	type cand struct {
		act, conn, full *chain
	}
	var cands []cand
	var kms []*model.VPCEndpoint
	for _, e := range a.kmsCandidates(p.vpc) {
		kms = append(kms, e)
		c := cand{act: a.endpointActive(e, p.vpc)}
		c.full = newChain()
		startAt(c.full, p)
		c.full.then(c.act)
		if c.act.val != model.False {
			c.conn = a.endpointConnect(e, p)
			c.full.then(c.conn)
		}
		cands = append(cands, c)
		ev.active = ev.active.Or(c.act.val)
		if c.act.val == model.True {
			ev.policies = append(ev.policies, a.endpointPolicy(e, p.cluster))
		}
	}
	relevant := 0
	for _, c := range cands {
		if c.act.val != model.False {
			relevant++
		}
	}
	for _, c := range cands {
		if c.act.val == model.False {
			continue
		}
		term := c.conn.val
		if relevant > 1 && c.act.val != model.True {
			term = c.act.val.Not().Or(c.conn.val)
		}
		ev.branch = ev.branch.And(term)
		ev.unknowns = append(ev.unknowns, c.full.unknowns...)
	}
	for i, c := range cands {
		switch {
		case ev.ch == nil:
		case ev.ch.val == model.True:
			continue
		case c.full.val == model.True || (c.full.broken != nil && ev.ch.broken != nil && c.full.broken.Depth > ev.ch.broken.Depth):
		default:
			continue
		}
		ev.ch, ev.endpoint, ev.ep = c.full, linkTo(kms[i], ""), kms[i]
	}
	if relevant > 1 {
		// Which of several endpoints that may be active answers the KMS
		// name is not known (DAS104 must not judge one of them).
		ev.ep = nil
	}
	if ev.ch == nil {
		ev.ch = newChain()
		region := regionOr(a.regionOf(p.vpc))
		ev.ch.check(model.False, linkTo(p.vpc, p.vpc.Address+" KMS endpoint"),
			p.vpc.Address+" has no KMS interface endpoint",
			fmt.Sprintf("add an aws_vpc_endpoint (AWS::EC2::VPCEndpoint) in %s for com.amazonaws.%s.kms with type Interface, private DNS enabled, subnets, and a security group allowing TCP 443 from %s",
				p.vpc.Address, region, p.sgs.names(a)))
	}
	return ev
}

// anyVPCEndpoint is the kms-endpoint side of a placement whose VPC is not
// known: whether the VPC has an active KMS endpoint is not known, and
// neither are the endpoint's address and security groups. Only the
// instance's egress can still break the path: security groups that allow
// TCP 443 to no address and no security group at all reach no endpoint.
func (a *analyzer) anyVPCEndpoint(p *placement) endpointEval {
	ch := newChain()
	startAt(ch, p)
	someone := sgPeer{
		addr:   peerAddr{unk: p.any.why.Unresolved, name: "a KMS endpoint in the VPC"},
		groups: &sgSet{unknown: []Unknown{p.any.why}},
	}
	v, us := a.allows(p.sgs, model.Egress, someone)
	reason := fmt.Sprintf("%s %s egress TCP 443 to no address and no security group, so %s no KMS endpoint in any VPC",
		p.sgs.describeAs(a, p.cluster.Address), p.sgs.verb("allows", "allow"), p.sgs.verb("it reaches", "they reach"))
	if v != model.False {
		reason = p.sgs.permits(a, p.cluster.Address, model.Unknown, "egress TCP 443 to a KMS endpoint in the VPC, which is not known")
	}
	ch.check(v, p.sgs.link(a, "egress TCP 443 to a KMS endpoint"), reason,
		fmt.Sprintf("add an egress rule to %s allowing TCP 443 to the KMS endpoint's security group, or to 0.0.0.0/0 when traffic to KMS goes through a NAT gateway", p.sgs.names(a)), us...)
	return endpointEval{active: model.Unknown, branch: ch.val, ch: ch, unknowns: ch.unknowns, endpoint: p.any.link}
}

// endpointConnect checks that the instance can open TCP 443 to the
// endpoint: security groups both ways, the policy, and the network ACLs of
// the instance's and the endpoint's subnets. It must reach every subnet of
// the endpoint (docs/semantics.md#endpoint-network-interfaces): when it
// reaches some and certainly not others, the reason says the failures are
// intermittent.
func (a *analyzer) endpointConnect(e *model.VPCEndpoint, p *placement) *chain {
	ch := a.endpointConnectAll(e, p)
	if ch.val == model.False && ch.broken != nil && p.subnet != nil {
		subnets, _ := a.endpointSubnets(e)
		if len(subnets) > 1 {
			a.intermittent(ch.broken, e, p, subnets)
		}
	}
	return ch
}

// intermittent adds to the reason of a broken endpoint link which subnets
// of the endpoint the instance reaches and which it certainly does not,
// when it reaches some: private DNS answers the KMS name with the address
// of the endpoint's network interface in every subnet, so each connection
// picks one of them and only a share of the connections fails.
func (a *analyzer) intermittent(b *Broken, e *model.VPCEndpoint, p *placement, subnets []*model.Subnet) {
	var reached, blocked []string
	for _, s := range subnets {
		switch a.reachesENI(e, p, s) {
		case model.True:
			reached = append(reached, s.Address)
		case model.False:
			blocked = append(blocked, s.Address)
		}
	}
	if len(reached) == 0 || len(blocked) == 0 {
		return
	}
	region := regionOr(a.regionOf(p.vpc))
	// The instance is not named, so that placements broken the same way
	// still read as one sentence.
	b.Reason += fmt.Sprintf("; the network interfaces of %s in %s are reachable, those in %s are not: private DNS answers kms.%s.amazonaws.com with the addresses of all of them, so the failures are intermittent (the connections that pick an address in %s fail)",
		e.Address, strings.Join(reached, ", "), strings.Join(blocked, ", "), region, strings.Join(blocked, ", "))
}

// reachesENI says whether the instance can open TCP 443 to the endpoint's
// network interface in subnet s: every link of endpointConnectAll, with s
// as the only subnet of the endpoint.
func (a *analyzer) reachesENI(e *model.VPCEndpoint, p *placement, s *model.Subnet) model.Tri {
	if rv, _, _ := ipv4Records(e, p.cluster, ""); rv != model.True {
		return rv
	}
	groups := a.endpointGroups(e, p.vpc)
	peer := subnetPeer(s)
	v, _ := a.allows(p.sgs, model.Egress, sgPeer{addr: peer, groups: &groups})
	in, _ := a.allows(groups, model.Ingress, sgPeer{addr: instancePeer(p), groups: &p.sgs})
	pol := a.endpointPolicy(e, p.cluster).Status
	v = v.And(in).And(pol)
	if v == model.False {
		return v
	}
	v = v.And(a.naclAllows(p.subnet, p.vpc, []flow{
		{egress: true, lo: httpsPort, hi: httpsPort, peer: peer},
		{egress: false, lo: ephemeralLow, hi: ephemeralHigh, peer: peer}}).val)
	if s != p.subnet && v != model.False {
		vpc, _ := a.ix.vpcOf(s.VPC, "VPC of "+s.Address)
		inst := instancePeer(p)
		v = v.And(a.naclAllows(s, vpc, []flow{
			{egress: false, lo: httpsPort, hi: httpsPort, peer: inst},
			{egress: true, lo: ephemeralLow, hi: ephemeralHigh, peer: inst}}).val)
	}
	return v
}

// endpointConnectAll is endpointConnect over all the endpoint's subnets at
// once: each link holds only when it holds for every subnet.
func (a *analyzer) endpointConnectAll(e *model.VPCEndpoint, p *placement) *chain {
	ch := newChain()
	if rv, rwhy, rus := ipv4Records(e, p.cluster, regionOr(a.regionOf(p.vpc))); rv != model.True {
		ch.check(rv, linkTo(e, e.Address+" IPv4 DNS records"), rwhy,
			fmt.Sprintf("give %s IPv4 DNS records: ip_address_type \"ipv4\" or \"dualstack\" with dns_options { dns_record_ip_type = \"ipv4\" or \"dualstack\" } (IpAddressType, DnsOptions.DnsRecordIpType)", e.Address), rus...)
		if !ch.ok() {
			return ch
		}
	}
	subnets, subUs := a.endpointSubnets(e)
	groups := a.endpointGroups(e, p.vpc)
	peers := make([]peerAddr, 0, len(subnets)+1)
	for _, s := range subnets {
		peers = append(peers, subnetPeer(s))
	}
	if len(subUs) > 0 {
		peers = append(peers, peerAddr{unk: subUs[0].Unresolved, name: "a subnet of " + e.Address})
	}

	out := model.True
	var outUs []Unknown
	for _, peer := range peers {
		v, us := a.allows(p.sgs, model.Egress, sgPeer{addr: peer, groups: &groups})
		out = out.And(v)
		outUs = append(outUs, us...)
	}
	if len(subUs) > 0 && out != model.True {
		outUs = append(outUs, subUs...)
	}
	// The reasons and fixes are written only for a check that does not
	// hold: these two run for every instance and endpoint, and mostly hold.
	outLink := p.sgs.link(a, "egress TCP 443 to "+e.Address)
	if out == model.True {
		ch.hold(outLink)
	} else {
		outReason := p.sgs.permits(a, p.cluster.Address, out, fmt.Sprintf("egress TCP 443 to %s (its security groups or the CIDRs of all its subnets)", e.Address))
		ch.check(out, outLink, outReason,
			fmt.Sprintf("add an egress rule to %s allowing TCP 443 to %s (the endpoint's security group)", p.sgs.names(a), groups.names(a)), outUs...)
		if !ch.ok() {
			return ch
		}
	}

	inst := instancePeer(p)
	in, inUs := a.allows(groups, model.Ingress, sgPeer{addr: inst, groups: &p.sgs})
	inLink := groups.link(a, "ingress TCP 443 from "+p.sgs.names(a))
	if in == model.True {
		ch.hold(inLink)
	} else {
		inReason := groups.permits(a, e.Address, in, fmt.Sprintf("ingress TCP 443 from %s or from %s", p.sgs.names(a), inst.name))
		ch.check(in, inLink, inReason,
			fmt.Sprintf("add an ingress rule to %s allowing TCP 443 from %s", groups.names(a), p.sgs.names(a)), inUs...)
		if !ch.ok() {
			return ch
		}
	}

	pol := a.endpointPolicy(e, p.cluster)
	ch.check(pol.Status, linkTo(e, e.Address+" policy"), pol.Reason, pol.Fix, pol.unknowns...)
	if p.subnet == nil {
		// The network ACLs on the way are the unknown subnet's and, unless
		// the instance shares one, the endpoint's: they rest on the subnet.
		ch.check(model.Unknown, p.any.link,
			fmt.Sprintf("the subnet %s %s in is not known (%s), so the network ACLs between it and %s cannot be checked", p.name(), p.verb("lands", "land"), p.any.why.Reason, e.Address),
			"", p.any.why)
		return ch
	}

	var flows []flow
	for _, peer := range peers {
		flows = append(flows,
			flow{egress: true, lo: httpsPort, hi: httpsPort, peer: peer},
			flow{egress: false, lo: ephemeralLow, hi: ephemeralHigh, peer: peer})
	}
	ch.then(a.naclAllows(p.subnet, p.vpc, flows))
	if !ch.ok() {
		return ch
	}
	for _, s := range subnets {
		if s == p.subnet {
			continue
		}
		vpc, _ := a.ix.vpcOf(s.VPC, "VPC of "+s.Address)
		ch.then(a.naclAllows(s, vpc, []flow{
			{egress: false, lo: httpsPort, hi: httpsPort, peer: inst},
			{egress: true, lo: ephemeralLow, hi: ephemeralHigh, peer: inst},
		}))
		if !ch.ok() {
			return ch
		}
	}
	if len(subUs) > 0 {
		ch.check(model.Unknown, linkTo(e, e.Address+" subnets"),
			"not every subnet of "+e.Address+" is known, nor is its network ACL", "", subUs...)
	}
	return ch
}

// kmsCandidates are the KMS endpoints that may be in vpc, in declaration
// order; when there are none, the KMS endpoints of other VPCs, so that the
// explanation can say the endpoint is in the wrong VPC.
func (a *analyzer) kmsCandidates(vpc *model.VPC) []*model.VPCEndpoint {
	own := a.ix.kmsByVPC[vpc.Address]
	if len(a.ix.kmsLoose) > 0 {
		own = slices.Concat(own, a.ix.kmsLoose)
		slices.SortStableFunc(own, func(x, y *model.VPCEndpoint) int {
			return slices.Index(a.ix.kmsAll, x) - slices.Index(a.ix.kmsAll, y)
		})
	}
	if len(own) > 0 {
		return own
	}
	return a.ix.kmsAll
}

// ipv4Records says whether the endpoint's private DNS name resolves to
// addresses the cluster's instances use to reach KMS. With DNS record IP
// type "ipv6" (the only one an endpoint of IP address type "ipv6" can have)
// the name gets AAAA records only (VPC PrivateLink Guide, "DNS record IP
// type"): the endpoint takes over the KMS name, yet an IPv4 cluster (the
// default network type) cannot use those records
// (docs/semantics.md#endpoint-dns-records-and-region). A dual-stack cluster's
// instances have IPv6 addresses too and may use them, but daslint checks
// only IPv4 paths: unknown.
func ipv4Records(e *model.VPCEndpoint, c *model.DBCluster, region string) (model.Tri, string, []Unknown) {
	t := e.DNSRecordIPType
	if !t.Set && t.Unknown == nil {
		t = e.IPAddressType
	}
	switch {
	case t.Unknown != nil:
		return model.Unknown, "the DNS record IP type of " + e.Address + " is not known", []Unknown{unknownOf(t.Unknown, t.Range, e.Address)}
	case !strings.EqualFold(t.Value, "ipv6"):
		return model.True, "", nil
	}
	only := fmt.Sprintf("%s gives kms.%s.amazonaws.com only IPv6 (AAAA) records", e.Address, region)
	switch nt := c.NetworkType; {
	case nt.Unknown != nil:
		return model.Unknown, fmt.Sprintf("%s, and whether %s is dual-stack (its network type) is not known", only, c.Address),
			[]Unknown{unknownOf(nt.Unknown, nt.Range, c.Address)}
	case strings.EqualFold(nt.Or("IPV4"), "DUAL"):
		u := unknownOf(&model.Unresolved{Kind: model.FromTarget, Range: nt.Range,
			Reason: fmt.Sprintf("%s is dual-stack, so its instances may reach %s over IPv6, which daslint does not check", c.Address, e.Address),
			Fix:    fmt.Sprintf("Give %s IPv4 DNS records (dns_record_ip_type \"ipv4\" or \"dualstack\"), or check that every instance of %s reaches it over IPv6.", e.Address, c.Address)},
			t.Range, c.Address)
		return model.Unknown, fmt.Sprintf("%s; %s is dual-stack (network type DUAL), so its instances may use them over IPv6, which daslint does not check", only, c.Address), []Unknown{u}
	}
	// The text is that of the releases before network types were read, so
	// that the finding's fingerprint stays the same.
	return model.False, only + ", but Aurora reaches KMS over IPv4", nil
}
