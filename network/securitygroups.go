package network

import (
	"fmt"
	"slices"
	"strings"

	"github.com/daslint/daslint/model"
)

// sgSet is the set of security groups of an instance or an endpoint.
type sgSet struct {
	sure  []*model.SecurityGroup
	maybe []*model.SecurityGroup // may not be members
	// maybeWhy says, where known, why each of maybe may not be a member:
	// the reference's own doubt (an association that may replace the
	// endpoint's default group), which the group does not carry.
	maybeWhy []*model.Unresolved
	// literals are external group IDs, which match only the same literal.
	literals []string
	unknown  []Unknown // members that cannot be resolved
}

// groupsOf resolves a list of security group refs; an unset or empty list
// means the VPC's default security group, as AWS assigns it (RDS
// CreateDBCluster VpcSecurityGroupIds; EC2 CreateVpcEndpoint SecurityGroupIds).
func (a *analyzer) groupsOf(refs model.Refs, vpc *model.VPC, owner string) sgSet {
	var set sgSet
	if len(refs.Items) == 0 && refs.Incomplete == nil {
		a.addDefaultGroup(&set, vpc, owner, refs.Range, nil)
		return set
	}
	for _, r := range refs.Items {
		a.addGroup(&set, r, owner)
	}
	if refs.Incomplete != nil {
		set.unknown = append(set.unknown, unknownOf(refs.Incomplete, refs.Range, owner))
	}
	return set
}

func (a *analyzer) addDefaultGroup(set *sgSet, vpc *model.VPC, owner string, used model.Range, maybe *model.Unresolved) {
	if vpc == nil {
		set.unknown = append(set.unknown, unknownOf(&model.Unresolved{Kind: model.FromExpression,
			Reason: "the VPC, and so the default security group, of " + owner + " is not known", Range: used}, used, owner))
		return
	}
	r := model.Ref{Key: model.DefaultSecurityGroupAddress(vpc.Address), Range: used, Maybe: maybe}
	a.addGroup(set, r, owner)
}

func (a *analyzer) addGroup(set *sgSet, r model.Ref, owner string) {
	o, u := a.ix.resolve(r, "security group")
	g, ok := o.(*model.SecurityGroup)
	switch {
	case ok && r.Maybe == nil && g.Maybe == nil:
		set.sure = append(set.sure, g)
	case ok:
		set.maybe = append(set.maybe, g)
		set.maybeWhy = append(set.maybeWhy, firstNonNil(r.Maybe, g.Maybe))
	case r.Literal != "":
		set.literals = append(set.literals, r.Literal)
		set.unknown = append(set.unknown, unknownOf(u, r.Range, owner))
	case u != nil:
		set.unknown = append(set.unknown, unknownOf(u, r.Range, owner))
	}
}

// names lists the groups for messages.
func (s sgSet) names(a *analyzer) string {
	var ns []string
	for _, g := range slices.Concat(s.sure, s.maybe) {
		ns = append(ns, a.describe(g))
	}
	ns = append(ns, s.literals...)
	if len(ns) == 0 {
		return "the security groups"
	}
	return strings.Join(ns, ", ")
}

// count is how many groups the set names.
func (s sgSet) count() int { return len(s.sure) + len(s.maybe) + len(s.literals) }

// verb agrees a verb with the number of groups the set names.
func (s sgSet) verb(singular, plural string) string {
	if s.count() == 1 {
		return singular
	}
	return plural
}

// describeAs names the set as the groups of owner, for messages:
// "aws_security_group.db (the security group of aws_rds_cluster.main)".
func (s sgSet) describeAs(a *analyzer, owner string) string {
	switch s.count() {
	case 0:
		return "the security groups of " + owner
	case 1:
		return s.names(a) + " (the security group of " + owner + ")"
	}
	return s.names(a) + " (the security groups of " + owner + ")"
}

// permits says that the set allows no traffic of kind what (v False), or
// that it is not known whether it does (v Unknown).
func (s sgSet) permits(a *analyzer, owner string, v model.Tri, what string) string {
	who, allow := s.describeAs(a, owner), s.verb("allows", "allow")
	if v == model.Unknown {
		return fmt.Sprintf("it is not known whether %s %s %s", who, allow, what)
	}
	return fmt.Sprintf("%s %s no %s", who, allow, what)
}

// link is the link a security group check rests on.
func (s sgSet) link(a *analyzer, text string) Link {
	gs := slices.Concat(s.sure, s.maybe)
	if len(gs) == 0 {
		return Link{Text: s.names(a) + " " + text}
	}
	return Link{Address: gs[0].Address, Text: s.names(a) + " " + text, Range: gs[0].Range, From: gs[0].From}
}

// member says whether group g is one of the set.
func (s *sgSet) member(g *model.SecurityGroup) model.Tri {
	switch {
	case s == nil:
		return model.False
	case slices.Contains(s.sure, g):
		return model.True
	case slices.Contains(s.maybe, g) || len(s.unknown) > 0:
		return model.Unknown
	}
	return model.False
}

// sgPeer is the far end of a connection as security group rules see it:
// an address and, for an instance or an endpoint, its groups.
type sgPeer struct {
	addr   peerAddr
	groups *sgSet
}

// allows says whether the set lets TCP 443 through in direction dir to or
// from peer: some rule of some member group must.
func (a *analyzer) allows(s sgSet, dir model.Direction, peer sgPeer) (model.Tri, []Unknown) {
	const port = httpsPort
	var us []Unknown
	v := model.False
	for _, g := range s.sure {
		gv, gu := a.groupAllows(g, dir, port, peer)
		v = v.Or(gv)
		us = append(us, gu...)
	}
	for i, g := range s.maybe {
		gv, gu := a.groupAllows(g, dir, port, peer)
		if v != model.True && gv != model.False {
			v = model.Unknown
			us = append(us, gu...)
			var why *model.Unresolved
			if i < len(s.maybeWhy) {
				why = s.maybeWhy[i]
			}
			us = append(us, unknownOf(firstNonNil(why, g.Maybe, &model.Unresolved{Kind: model.FromCondition,
				Reason: g.Address + " may not be attached", Range: g.Range}), g.Range, g.Address))
		}
	}
	if len(s.unknown) > 0 && v != model.True {
		v = model.Unknown
		us = append(us, s.unknown...)
	}
	return v, us
}

// groupAllows evaluates the rules of one group. In Terraform the provider
// deletes AWS's allow-all egress rule; in CloudFormation it survives unless
// SecurityGroupEgress is given or a standalone egress rule strips it
// (model.SecurityGroup.AllowAllEgress, aws-cdk issue 22140).
func (a *analyzer) groupAllows(g *model.SecurityGroup, dir model.Direction, port int, peer sgPeer) (model.Tri, []Unknown) {
	var us []Unknown
	v := model.False
	rules := a.ix.sgRules[g]
	if dir == model.Egress {
		stripped := model.False
		// why says where the doubt comes from: a stripping rule that may
		// not exist, or one whose group is not known.
		var why []Unknown
		for _, r := range rules {
			if r.StripsAllowAllEgress {
				stripped = stripped.Or(maybeTri(r.Maybe, model.True))
				if r.Maybe != nil {
					why = append(why, unknownOf(r.Maybe, r.Range, r.Address))
				}
			}
		}
		for _, r := range a.ix.looseSGRules {
			if r.StripsAllowAllEgress {
				stripped = stripped.Or(model.Unknown)
				why = append(why, unknownOf(firstNonNil(r.Maybe, r.Group.Unknown), r.Range, r.Address))
			}
		}
		v = g.AllowAllEgress.And(stripped.Not())
		if v == model.Unknown {
			us = append(us, unknownOf(&model.Unresolved{Kind: model.FromExpression,
				Reason: "it is not known whether AWS's allow-all egress rule survives on " + g.Address, Range: g.Range}, g.Range, g.Address))
			if stripped == model.Unknown {
				us = append(us, why...)
			}
		}
	}
	add := func(r *model.SecurityGroupRule, loose bool) {
		if r.Direction != dir {
			return
		}
		m, mu := a.ruleMatches(g, r, port, peer)
		if loose || r.Maybe != nil {
			if m == model.False {
				return
			}
			m = model.Unknown
			mu = append(mu, unknownOf(firstNonNil(r.Maybe, r.Group.Unknown), r.Range, r.Address))
		}
		v = v.Or(m)
		if m == model.Unknown {
			us = append(us, mu...)
		}
	}
	for _, r := range rules {
		add(r, false)
	}
	for _, r := range a.ix.looseSGRules {
		add(r, true)
	}
	return v, us
}

// maybeTri is v, or Unknown unless v is False when the fact may not exist.
func maybeTri(maybe *model.Unresolved, v model.Tri) model.Tri {
	if maybe != nil && v != model.False {
		return model.Unknown
	}
	return v
}

// ruleMatches says whether one rule of group g allows TCP port to or from
// peer: its protocol and ports, and one of its peers (CIDR, prefix list,
// group, self).
func (a *analyzer) ruleMatches(g *model.SecurityGroup, r *model.SecurityGroupRule, port int, peer sgPeer) (model.Tri, []Unknown) {
	var us []Unknown
	pm, pu := portMatch(r.Protocol, r.FromPort, r.ToPort, port, r.Address)
	if pm == model.False {
		return model.False, nil
	}
	us = append(us, pu...)
	m := model.False
	for _, c := range r.CIDRs.Items {
		p, u := parseCIDR(c)
		if u != nil {
			m = m.Or(model.Unknown)
			us = append(us, unknownOf(u, c.Range, r.Address))
			continue
		}
		cm := peer.addr.match(p)
		if cm == model.Unknown {
			us = append(us, a.peerUnknown(g, peer.addr, p, r))
		}
		m = m.Or(cm)
	}
	if r.CIDRs.Incomplete != nil {
		m = m.Or(model.Unknown)
		us = append(us, unknownOf(r.CIDRs.Incomplete, r.CIDRs.Range, r.Address))
	}
	plm, plu := a.prefixListsMatch(g, r, peer)
	m = m.Or(plm)
	us = append(us, plu...)
	for _, gr := range r.Groups.Items {
		gm, gu := a.groupRefMatches(gr, peer, r.Address)
		m = m.Or(maybeTri(gr.Maybe, gm))
		us = append(us, gu...)
		if gr.Maybe != nil && gm != model.False {
			us = append(us, unknownOf(gr.Maybe, gr.Range, r.Address))
		}
	}
	if r.Groups.Incomplete != nil {
		m = m.Or(model.Unknown)
		us = append(us, unknownOf(r.Groups.Incomplete, r.Groups.Range, r.Address))
	}
	if self := r.Self.Tri(false); self != model.False {
		if r.Self.Unknown != nil {
			us = append(us, unknownOf(r.Self.Unknown, r.Self.Range, r.Address))
		}
		m = m.Or(self.And(peer.groups.member(g)))
	}
	return pm.And(m), us
}

// prefixListsMatch says whether a rule's prefix lists match the peer. For
// KMS's public addresses a gateway endpoint's S3 or DynamoDB prefix list
// never does (docs/semantics.md#narrow-egress); any other prefix list, and
// every prefix list for a peer inside the VPC, is not known offline.
func (a *analyzer) prefixListsMatch(g *model.SecurityGroup, r *model.SecurityGroupRule, peer sgPeer) (model.Tri, []Unknown) {
	pls := r.PrefixLists
	if len(pls.Items) == 0 && pls.Incomplete == nil {
		return model.False, nil
	}
	if !peer.addr.internet {
		return model.Unknown, []Unknown{unknownOf(&model.Unresolved{Kind: model.FromExternal,
			Reason: r.Address + " names a managed prefix list, whose addresses are not known offline", Range: pls.Range}, pls.Range, r.Address)}
	}
	var us []Unknown
	m := model.False
	for _, pl := range pls.Items {
		v, _, u := a.prefixListToKMS(pl, r.Address)
		m = m.Or(v)
		if u != nil {
			why := unknownOf(u, pl.Range, r.Address)
			why.Fix = narrowFix(a.describe(g))
			us = append(us, why)
		}
	}
	if pls.Incomplete != nil {
		m = m.Or(model.Unknown)
		us = append(us, unknownOf(pls.Incomplete, pls.Range, r.Address))
	}
	return m, us
}

func (a *analyzer) groupRefMatches(r model.Ref, peer sgPeer, subject string) (model.Tri, []Unknown) {
	if peer.groups == nil {
		return model.False, nil // the KMS public endpoint is in no security group
	}
	o, u := a.ix.resolve(r, "security group")
	if g, ok := o.(*model.SecurityGroup); ok {
		return peer.groups.member(g), nil
	}
	if r.Literal != "" && slices.Contains(peer.groups.literals, r.Literal) {
		return model.True, nil
	}
	if u != nil && (r.Unknown != nil || len(peer.groups.unknown) > 0) {
		return model.Unknown, []Unknown{unknownOf(u, r.Range, subject)}
	}
	return model.False, nil
}

func (a *analyzer) peerUnknown(g *model.SecurityGroup, p peerAddr, rule interface{ String() string }, r *model.SecurityGroupRule) Unknown {
	if p.unk != nil {
		return unknownOf(p.unk, r.Range, r.Address)
	}
	if p.internet {
		return publicRangeUnknown(r.Address, "TCP 443 to "+rule.String(), r.Range, narrowFix(a.describe(g)))
	}
	return unknownOf(&model.Unresolved{Kind: model.FromExpression,
		Reason: fmt.Sprintf("%s allows %s, which may or may not contain the address of %s", r.Address, rule, p.name), Range: r.Range}, r.Range, r.Address)
}

// portMatch says whether a rule's protocol and port range admit TCP port.
// "-1" and "all" mean every protocol and port (Terraform aws_security_group,
// EC2 IpPermission IpProtocol); "tcp" or "6" need the port in range.
func portMatch(proto model.Str, from, to model.Int, port int, subject string) (model.Tri, []Unknown) {
	if proto.Unknown != nil {
		return model.Unknown, []Unknown{unknownOf(proto.Unknown, proto.Range, subject)}
	}
	switch strings.ToLower(strings.TrimSpace(proto.Value)) {
	case "-1", "all":
		return model.True, nil
	case "tcp", "6":
	default:
		if !proto.Set {
			return model.Unknown, []Unknown{unknownOf(&model.Unresolved{Kind: model.FromExpression,
				Reason: subject + " sets no protocol", Range: proto.Range}, proto.Range, subject)}
		}
		return model.False, nil
	}
	for _, p := range []model.Int{from, to} {
		if !p.Known() {
			u := p.Unknown
			if u == nil {
				u = &model.Unresolved{Kind: model.FromExpression, Reason: subject + " sets no port range", Range: p.Range}
			}
			return model.Unknown, []Unknown{unknownOf(u, p.Range, subject)}
		}
	}
	return model.TriOf(from.Value <= int64(port) && int64(port) <= to.Value), nil
}
