package network

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/daslint/daslint/model"
)

// Network ACLs are stateless (VPC User Guide, "Network ACLs"): each
// direction of a connection needs its own rule, and the return traffic
// uses the client's ephemeral ports, 1024-65535.
const (
	httpsPort     = 443
	ephemeralLow  = 1024
	ephemeralHigh = 65535
)

// flow is one direction of traffic a subnet's network ACL must allow.
type flow struct {
	egress bool
	lo, hi int
	peer   peerAddr
}

// portsText is the flow's protocol, ports and direction as narrow egress
// messages put them: "TCP 443 only to", "TCP 1024-65535 only from".
func (f flow) portsText() string {
	ports := strconv.Itoa(f.lo)
	if f.hi != f.lo {
		ports += "-" + strconv.Itoa(f.hi)
	}
	if f.egress {
		return "TCP " + ports + " only to"
	}
	return "TCP " + ports + " only from"
}

func (f flow) String() string {
	if f.egress {
		return "egress " + f.traffic()
	}
	return "ingress " + f.traffic()
}

// traffic is the flow without its direction: "TCP 443 to 0.0.0.0/0".
func (f flow) traffic() string {
	prep := " from "
	if f.egress {
		prep = " to "
	}
	ports := strconv.Itoa(f.lo)
	if f.hi != f.lo {
		ports += "-" + strconv.Itoa(f.hi)
	}
	return "TCP " + ports + prep + f.peer.name
}

// aclChoice is one possibility for a subnet's network ACL.
type aclChoice struct {
	acl   *model.NetworkACL
	unk   *model.Unresolved
	via   model.Object
	maybe *model.Unresolved
	// loose: the association's subnet is not known (see tableChoice).
	loose bool
}

// aclsFor returns a subnet's network ACL: its association, else the VPC's
// default network ACL, and the alternatives maybe associations open.
func (a *analyzer) aclsFor(s *model.Subnet, vpc *model.VPC) (aclChoice, []aclChoice) {
	var base *aclChoice
	var alts []aclChoice
	add := func(as aclAssoc, maybe *model.Unresolved, loose bool) {
		c := aclChoice{via: as.via, maybe: maybe, loose: loose}
		o, u := a.ix.resolve(as.acl, "network ACL")
		if acl, ok := o.(*model.NetworkACL); ok {
			c.acl = acl
		} else {
			c.unk = firstNonNil(u, &model.Unresolved{Kind: model.FromExpression, Reason: as.via.Base().Address + " names no network ACL", Range: as.acl.Range})
		}
		if maybe == nil && base == nil {
			base = &c
		} else if maybe != nil {
			alts = append(alts, c)
		}
	}
	for _, as := range a.ix.aclAssocs[s.Address] {
		add(as, associationMaybe(as.via.Base(), as.subnet, s), false)
	}
	for _, as := range a.ix.looseACLAssocs {
		add(as, as.maybe, true)
	}
	if base != nil {
		return *base, alts
	}
	if vpc == nil {
		return aclChoice{unk: &model.Unresolved{Kind: model.FromExpression,
			Reason: "the VPC of " + s.Address + " is not known, nor is its default network ACL", Range: s.VPC.Range}}, alts
	}
	acl, _ := a.ix.objs[model.DefaultNetworkACLAddress(vpc.Address)].(*model.NetworkACL)
	return aclChoice{acl: acl}, alts
}

// naclAllows checks that the network ACL of subnet s lets every flow
// through.
func (a *analyzer) naclAllows(s *model.Subnet, vpc *model.VPC, flows []flow) *chain {
	base, alts := a.aclsFor(s, vpc)
	baseCh := a.aclChain(base, s, flows)
	if len(alts) == 0 {
		return baseCh
	}
	var as []alt
	loose := false
	for _, c := range alts {
		as = append(as, alt{ch: a.aclChain(c, s, flows), why: unknownOf(c.maybe, c.via.Base().Range, c.via.Base().Address)})
		loose = loose || c.loose
	}
	reason, fix := associationDoubt("network ACL", s, loose)
	return choose(baseCh, as, Link{Address: s.Address, Text: s.Address + " network ACL", Range: s.Range, From: s.From}, reason, fix)
}

func (a *analyzer) aclChain(c aclChoice, s *model.Subnet, flows []flow) *chain {
	ch := newChain()
	if c.acl == nil {
		u := firstNonNil(c.unk, &model.Unresolved{Kind: model.FromExpression, Reason: "the network ACL of " + s.Address + " is not known", Range: s.Range})
		ch.check(model.Unknown, Link{Address: s.Address, Text: s.Address + " network ACL", Range: s.Range, From: s.From},
			"the network ACL of "+s.Address+" cannot be resolved: "+u.Reason, "", unknownOf(u, s.Range, s.Address))
		return ch
	}
	name := a.describe(c.acl)
	for _, f := range flows {
		v, us, deny := a.aclDecides(c.acl, f)
		text := name + " " + f.String()
		if v == model.True {
			ch.hold(linkTo(c.acl, text))
			continue
		}
		no := fmt.Sprintf("%s (the network ACL of %s) does not allow %s", name, s.Address, f)
		fix := fmt.Sprintf("add a network ACL rule to %s allowing %s (network ACLs are stateless)", name, f)
		yes := fmt.Sprintf("%s (the network ACL of %s) allows %s", name, s.Address, f)
		// Narrow egress (docs/semantics.md#narrow-egress): say where the
		// rules let the traffic through instead.
		switch narrow := a.naclNarrow(c.acl, f); {
		case deny != nil:
			// A deny rule numbered before the allow: name it, not the
			// rules that would have let the traffic through.
			rule := aclRuleName(a, c.acl, deny)
			no += fmt.Sprintf(": %s denies %s first", rule, deniedPorts(f, deny))
			fix = fmt.Sprintf("let %s not deny %s, or number a rule allowing %s before it (network ACL rules are read in rule number order, first match wins)", rule, deniedPorts(f, deny), f)
		case v == model.False && len(narrow) > 0:
			no += ": " + describeNarrow(narrow)
			fix = fmt.Sprintf("add a network ACL rule to %s allowing %s, numbered before any rule that denies it (private ranges never hold KMS's addresses), or add a KMS interface endpoint to the VPC", name, f)
		case v == model.Unknown && hasDoubt(narrow):
			yes += " (" + describeNarrow(narrow) + ")"
			fix = fmt.Sprintf("let %s allow %s, or add a KMS interface endpoint to the VPC: KMS's addresses come from AWS's published IP ranges, which change, so a narrower range cannot be relied on", name, f)
		}
		ch.check(v, linkTo(c.acl, text), whether(v, no, yes), fix, us...)
		if !ch.ok() {
			break
		}
	}
	return ch
}

// naclNarrow lists the allow rules of acl that let flow f's ports through
// in its direction, but only to CIDRs that do not certainly hold KMS's
// public addresses. Only flows to or from the internet have any.
func (a *analyzer) naclNarrow(acl *model.NetworkACL, f flow) []narrowDest {
	if !f.peer.internet {
		return nil
	}
	var out []narrowDest
	for _, r := range a.ix.aclRules[acl] {
		if r.Egress.Unknown != nil || r.Egress.Tri(false) != model.TriOf(f.egress) || !strings.EqualFold(r.Action.Value, "allow") {
			continue
		}
		if pm, _ := portMatch(r.Protocol, r.FromPort, r.ToPort, f.lo, r.Address); pm == model.False {
			continue
		}
		if !r.CIDR.Set && r.CIDR.Unknown == nil && r.IPv6CIDR.Known() {
			out = append(out, narrowDest{rule: aclRuleName(a, acl, r), dest: r.IPv6CIDR.Value, kind: destIPv6, traffic: f.portsText()})
			continue
		}
		p, u := parseCIDR(r.CIDR)
		if u != nil {
			continue
		}
		if v, k := classifyCIDR(p); v != model.True {
			out = append(out, narrowDest{rule: aclRuleName(a, acl, r), dest: p.String(), kind: k, traffic: f.portsText()})
		}
	}
	return out
}

// flowTo is flow f with its peer narrowed to the rule CIDR p, for messages:
// "egress TCP 443 to 203.0.113.0/24".
func flowTo(f flow, p netip.Prefix) string {
	f.peer = peerAddr{name: p.String()}
	return f.String()
}

// aclRule is a rule with its evaluated parts.
type aclRule struct {
	r     *model.NetworkACLRule
	maybe *model.Unresolved
}

// aclDecides evaluates the ACL for every port of the flow: rules in rule
// number order, first match wins, implicit deny at the end. The ports are
// split into segments on which every rule is constant, and the flow is
// allowed when every segment is.
//
// When the ACL certainly refuses the flow, deny is the rule that refuses
// it at the first port refused (aclDenial), nil for the implicit deny.
func (a *analyzer) aclDecides(acl *model.NetworkACL, f flow) (v model.Tri, us []Unknown, deny *model.NetworkACLRule) {
	var rules, floating []aclRule
	for _, r := range a.ix.aclRules[acl] {
		ar := aclRule{r: r, maybe: r.Maybe}
		if r.RuleNumber.Known() {
			rules = append(rules, ar)
		} else {
			floating = append(floating, ar)
		}
	}
	for _, r := range a.ix.looseACLRules {
		floating = append(floating, aclRule{r: r, maybe: firstNonNil(r.Maybe, r.ACL.Unknown)})
	}
	slices.SortStableFunc(rules, func(x, y aclRule) int { return cmp.Compare(x.r.RuleNumber.Value, y.r.RuleNumber.Value) })

	cuts := []int{f.lo}
	for _, r := range slices.Concat(rules, floating) {
		for _, p := range []model.Int{r.r.FromPort, r.r.ToPort} {
			if p.Known() {
				cuts = append(cuts, int(p.Value), int(p.Value)+1)
			}
		}
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	v = model.True
	for _, port := range cuts {
		if port < f.lo || port > f.hi {
			continue
		}
		d, du := a.decideAt(rules, floating, f, port)
		v = v.And(d)
		us = append(us, du...)
		if v == model.False {
			return v, nil, aclDenial(a, rules, f, port)
		}
	}
	if v == model.True {
		us = nil
	}
	return v, us, nil
}

// lastACLRule is the number of the entry that ends every network ACL,
// "*" in the console: deny all. Rules a user adds are numbered below it.
const lastACLRule = 32767

// aclDenial is the rule that refuses flow f at port, where the rules
// (known rule numbers, in order) certainly refuse it: the first that
// matches there, when it denies. It is nil for the implicit deny: no rule
// matches, or the one that does is AWS's own last entry.
func aclDenial(a *analyzer, rules []aclRule, f flow, port int) *model.NetworkACLRule {
	for _, r := range rules {
		if m, act, _ := a.aclRuleAt(r, f, port); m != model.False {
			if m == model.True && act == model.False && r.r.RuleNumber.Value < lastACLRule {
				return r.r
			}
			return nil
		}
	}
	return nil
}

// deniedPorts is the part of flow f's ports that deny rule r covers, as
// messages print it: "TCP 3389 from 0.0.0.0/0".
func deniedPorts(f flow, r *model.NetworkACLRule) string {
	if proto := strings.ToLower(strings.TrimSpace(r.Protocol.Value)); proto != "-1" && proto != "all" && r.FromPort.Known() && r.ToPort.Known() {
		f.lo, f.hi = max(f.lo, int(r.FromPort.Value)), min(f.hi, int(r.ToPort.Value))
	}
	return f.traffic()
}

// decideAt evaluates the ordered rules for one port. A rule whose match is
// unknown makes the decision match.If(action, rest); a rule whose number
// is unknown could stand anywhere, so it changes the decision unless its
// action agrees with it.
func (a *analyzer) decideAt(rules, floating []aclRule, f flow, port int) (model.Tri, []Unknown) {
	var us []Unknown
	d := model.False // the implicit deny (rule *)
	for i := len(rules) - 1; i >= 0; i-- {
		m, act, u := a.aclRuleAt(rules[i], f, port)
		us = append(us, u...)
		d = m.If(act, d)
	}
	for _, r := range floating {
		m, act, u := a.aclRuleAt(r, f, port)
		if m != model.False && act != d {
			d = model.Unknown
			us = append(us, u...)
			us = append(us, unknownOf(firstNonNil(r.r.RuleNumber.Unknown, r.maybe, &model.Unresolved{Kind: model.FromExpression,
				Reason: r.r.Address + " has no rule number", Range: r.r.Range}), r.r.Range, r.r.Address))
		}
	}
	if d == model.True {
		us = nil
	}
	return d, us
}

// aclRuleAt returns whether a rule matches the flow at port, and its action.
func (a *analyzer) aclRuleAt(ar aclRule, f flow, port int) (match, action model.Tri, us []Unknown) {
	r := ar.r
	match = r.Egress.Tri(false).If(model.TriOf(f.egress), model.TriOf(!f.egress))
	if r.Egress.Unknown != nil && match != model.False {
		us = append(us, unknownOf(r.Egress.Unknown, r.Egress.Range, r.Address))
	}
	if match == model.False {
		return model.False, model.False, nil
	}
	pm, pu := portMatch(r.Protocol, r.FromPort, r.ToPort, port, r.Address)
	match = match.And(pm)
	us = append(us, pu...)
	switch {
	case r.CIDR.Set || r.CIDR.Unknown != nil:
		p, u := parseCIDR(r.CIDR)
		if u != nil {
			match = match.And(model.Unknown)
			us = append(us, unknownOf(u, r.CIDR.Range, r.Address))
		} else {
			cm := f.peer.match(p)
			if cm == model.Unknown && f.peer.unk != nil {
				us = append(us, unknownOf(f.peer.unk, r.Range, r.Address))
			} else if cm == model.Unknown && f.peer.internet {
				us = append(us, publicRangeUnknown(r.Address, flowTo(f, p), r.CIDR.Range,
					fmt.Sprintf("Let the network ACL allow %s, or add a KMS interface endpoint to the VPC; a rule that lists KMS's current published ranges breaks when AWS changes them.", f)))
			} else if cm == model.Unknown {
				us = append(us, unknownOf(&model.Unresolved{Kind: model.FromExpression,
					Reason: fmt.Sprintf("%s matches %s, which may or may not contain the address of %s", r.Address, p, f.peer.name), Range: r.CIDR.Range}, r.CIDR.Range, r.Address))
			}
			match = match.And(cm)
		}
	default:
		match = model.False // an IPv6 rule does not match IPv4 traffic
	}
	if ar.maybe != nil && match != model.False {
		match = model.Unknown
		us = append(us, unknownOf(ar.maybe, r.Range, r.Address))
	}
	switch {
	case r.Action.Unknown != nil:
		action = model.Unknown
		us = append(us, unknownOf(r.Action.Unknown, r.Action.Range, r.Address))
	case strings.EqualFold(r.Action.Value, "allow"):
		action = model.True
	default:
		action = model.False
	}
	if match == model.False {
		us = nil
	}
	return match, action, us
}

// subnetPeer is a subnet as the far end of a flow.
func subnetPeer(s *model.Subnet) peerAddr {
	p, u := parseCIDR(s.CIDR)
	return peerAddr{prefix: p, unk: u, name: s.Address}
}
