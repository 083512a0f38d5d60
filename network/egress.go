package network

import (
	"cmp"
	"fmt"
	"net/netip"
	"strings"

	"github.com/daslint/daslint/model"
)

// Narrow egress (docs/semantics.md#narrow-egress). On the public and nat
// paths the far end is KMS's public IPv4 addresses, which daslint does not
// know offline. A rule that lets TCP 443 out only to destinations that can
// never hold them (private ranges, a gateway endpoint's S3 or DynamoDB
// prefix list) is no egress to KMS; one to a public range narrower than
// 0.0.0.0/0 may or may not hold them today, and AWS changes its ranges.

// destKind classifies a rule destination as traffic to KMS's public
// addresses sees it.
type destKind int

const (
	// destPrivate never holds a public address (RFC 1918, 100.64.0.0/10,
	// link-local and the other non-public ranges).
	destPrivate destKind = iota
	// destServiceList is the AWS-managed prefix list of an S3 or DynamoDB
	// gateway endpoint: that service's addresses only.
	destServiceList
	// destPublic is a public range narrower than 0.0.0.0/0.
	destPublic
	// destUnresolved is a prefix list whose entries are not known offline.
	destUnresolved
	// destIPv6 is an IPv6 range: the instance reaches KMS over IPv4.
	destIPv6
	// destPrivateList is a customer-managed prefix list whose entries in
	// the scanned code are all private ranges.
	destPrivateList
	// destPublicList is a customer-managed prefix list that holds, or may
	// hold, a public range narrower than 0.0.0.0/0 or an entry that cannot
	// be read.
	destPublicList
)

// narrowDest is one destination of a rule that lets TCP 443 out, but not
// certainly to KMS's public addresses.
type narrowDest struct {
	rule string // the rule's address
	dest string // the destination as messages name it
	kind destKind
	// traffic is what the rule lets through, up to the destination; empty
	// for security group egress, "TCP 443 only to".
	traffic string
}

// String says what the destination is, for messages.
func (d narrowDest) String() string {
	switch d.kind {
	case destPrivate:
		return d.dest + " (a private range, which never holds KMS's public addresses)"
	case destServiceList:
		return d.dest + " (an S3 or DynamoDB gateway endpoint's prefix list, which never holds KMS's addresses)"
	case destPublic:
		return d.dest + " (a public range narrower than 0.0.0.0/0)"
	case destIPv6:
		return d.dest + " (IPv6, which the instance does not use to reach KMS)"
	case destPrivateList:
		return d.dest + " (its entries are private ranges, which never hold KMS's public addresses)"
	case destPublicList:
		return d.dest + " (a prefix list that holds, or may hold, a public range narrower than 0.0.0.0/0)"
	}
	return d.dest + " (a prefix list whose entries are not known offline)"
}

// classifyCIDR says whether a rule CIDR reaches KMS's public addresses
// (True only for 0.0.0.0/0) and, when it does not certainly, what it is.
func classifyCIDR(p netip.Prefix) (model.Tri, destKind) {
	switch coversInternet(p) {
	case model.True:
		return model.True, destPublic
	case model.False:
		return model.False, destPrivate
	}
	return model.Unknown, destPublic
}

// prefixListToKMS says whether a security group rule's prefix list may hold
// KMS's public addresses. A gateway endpoint's prefix list, named by
// identity (Terraform aws_vpc_endpoint.x.prefix_list_id), and the
// AWS-managed S3 or DynamoDB list (a `pl-` ID that AWS facts show as such,
// a Terraform data "aws_prefix_list" found by name) hold only the
// addresses of S3 or DynamoDB: False; so does an IPv6 list. Any other
// prefix list is Unknown, with the reason.
func (a *analyzer) prefixListToKMS(pl model.Ref, subject string) (model.Tri, narrowDest, *model.Unresolved) {
	nd := narrowDest{rule: subject, dest: "a prefix list", kind: destUnresolved}
	o, u := a.ix.resolve(pl, "prefix list")
	switch {
	case pl.Unknown != nil:
		return model.Unknown, nd, pl.Unknown
	case pl.Key != "":
		nd.dest = "the prefix list of " + pl.Key
		if _, ok := o.(*model.PrefixList); ok {
			nd.dest = "prefix list " + pl.Key // a list itself, not an endpoint's
		}
	case pl.Literal != "":
		nd.dest = "prefix list " + pl.Literal
	}
	switch x := o.(type) {
	case *model.VPCEndpoint:
		if gatewayEndpointList(x) {
			nd.kind = destServiceList
			return model.False, nd, nil
		}
	case *model.PrefixList:
		switch {
		case gatewayServiceList(x):
			nd.kind = destServiceList
			return model.False, nd, nil
		case ipv6List(x):
			nd.kind = destIPv6
			return model.False, nd, nil
		case !x.AWSManaged:
			return a.customListToKMS(x, subject, nd)
		}
	}
	why := fmt.Sprintf("%s allows %s, whose entries are not known offline; it may or may not hold KMS's public addresses", subject, nd.dest)
	if u != nil && pl.Key != "" {
		why += " (" + u.Reason + ")"
	}
	return model.Unknown, nd, &model.Unresolved{Kind: model.FromExternal, Range: pl.Range, Reason: why}
}

// customListToKMS judges a security group rule's customer-managed prefix
// list by its entries in the scanned code (listEntries), as routes do
// (docs/semantics.md#more-specific-routes): private entries only never
// hold KMS's public addresses (False); an entry of 0.0.0.0/0 does (True);
// a public entry narrower than that, an entry that cannot be read, or a
// list whose entries are not all in the code may (Unknown).
func (a *analyzer) customListToKMS(l *model.PrefixList, subject string, nd narrowDest) (model.Tri, narrowDest, *model.Unresolved) {
	entries, incomplete := a.listEntries(l)
	switch {
	case incomplete != nil:
		return model.Unknown, nd, incomplete
	case len(entries) == 0:
		return model.Unknown, nd, emptyList(l)
	}
	v, kind := model.False, destPrivateList
	var why *model.Unresolved
	for _, e := range entries {
		p, u := parseCIDR(e.cidr)
		if u == nil && !e.loose && coversInternet(p) == model.True {
			return model.True, nd, nil
		}
		if pu := e.public(l); pu != nil && why == nil {
			v, kind, u = model.Unknown, destPublicList, pu
			why = &model.Unresolved{Kind: u.Kind, Range: u.Range, Reason: subject + " allows " + nd.dest + ": " + u.Reason}
		}
	}
	nd.kind = kind
	return v, nd, why
}

// gatewayEndpointList says whether e is a gateway endpoint for S3 or
// DynamoDB, whose prefix list AWS manages and fills with that service's
// addresses only. An endpoint of unknown type or service is not.
func gatewayEndpointList(e *model.VPCEndpoint) bool {
	if e.Type.Unknown != nil || !strings.EqualFold(e.Type.Or("Gateway"), "Gateway") || !e.ServiceName.Known() {
		return false
	}
	return isGatewayService(e.ServiceName.Value)
}

// publicRangeUnknown is the unknown of a rule that lets traffic to KMS
// through only to a public range narrower than 0.0.0.0/0 (what, such as
// "TCP 443 to 203.0.113.0/24"), with a fix that says why no such range is
// safe.
func publicRangeUnknown(rule, what string, r model.Range, fix string) Unknown {
	u := unknownOf(&model.Unresolved{Kind: model.FromExternal, Range: r,
		Reason: fmt.Sprintf("%s allows %s, a public range narrower than 0.0.0.0/0; KMS's addresses come from AWS's published IP ranges, which change, so it may or may not hold them", rule, what)},
		r, rule)
	u.Fix = fix
	return u
}

// narrowFix is the fix for egress that reaches only part of the internet,
// as an unknown's advice.
func narrowFix(group string) string {
	return fmt.Sprintf("Allow TCP 443 to 0.0.0.0/0 in %s, or add a KMS interface endpoint to the VPC; a rule that lists KMS's current published ranges breaks when AWS changes them.", group)
}

// linkNarrowFix is the fix of a link whose egress is narrow: v False when
// no destination can hold KMS's addresses, Unknown when a public range or
// an unresolved prefix list might.
func linkNarrowFix(v model.Tri, group string) string {
	if v == model.False {
		return fmt.Sprintf("add an egress rule to %s allowing TCP 443 to 0.0.0.0/0 (private ranges and S3 or DynamoDB prefix lists never hold KMS's addresses), or add a KMS interface endpoint to the VPC", group)
	}
	return fmt.Sprintf("allow TCP 443 to 0.0.0.0/0 in %s, or add a KMS interface endpoint to the VPC: KMS's addresses come from AWS's published IP ranges, which change, so a narrower destination cannot be relied on", group)
}

// narrowEgress lists the destinations of the set's egress rules that admit
// TCP 443 but not certainly to KMS's public addresses, for the message of a
// security group link that does not hold on the public and nat paths.
func (a *analyzer) narrowEgress(s sgSet) []narrowDest {
	var out []narrowDest
	for _, g := range append(s.sure[:len(s.sure):len(s.sure)], s.maybe...) {
		for _, r := range a.ix.sgRules[g] {
			if r.Direction != model.Egress {
				continue
			}
			if pm, _ := portMatch(r.Protocol, r.FromPort, r.ToPort, httpsPort, r.Address); pm == model.False {
				continue
			}
			out = append(out, a.ruleNarrowDests(r, sgRuleName(a, g, r))...)
		}
	}
	return out
}

// ruleNarrowDests lists the CIDR and prefix list destinations of r that do
// not certainly hold KMS's public addresses.
func (a *analyzer) ruleNarrowDests(r *model.SecurityGroupRule, name string) []narrowDest {
	var out []narrowDest
	for _, c := range r.CIDRs.Items {
		p, u := parseCIDR(c)
		if u != nil {
			continue
		}
		if v, k := classifyCIDR(p); v != model.True {
			out = append(out, narrowDest{rule: name, dest: p.String(), kind: k})
		}
	}
	for _, pl := range r.PrefixLists.Items {
		if v, nd, _ := a.prefixListToKMS(pl, r.Address); v != model.True {
			nd.rule = name
			out = append(out, nd)
		}
	}
	return out
}

// sgRuleName names rule r of group g for messages: an inline rule has the
// group's address, a standalone rule its own.
func sgRuleName(a *analyzer, g *model.SecurityGroup, r *model.SecurityGroupRule) string {
	if r.Address == g.Address {
		return "an egress rule of " + a.describe(g)
	}
	return r.Address
}

// aclRuleName names rule r of network ACL acl for messages, with its rule
// number: "rule 100 of aws_network_acl.db", "aws_network_acl_rule.out
// (rule 100)".
func aclRuleName(a *analyzer, acl *model.NetworkACL, r *model.NetworkACLRule) string {
	num := "rule ?"
	if r.RuleNumber.Known() {
		num = fmt.Sprintf("rule %d", r.RuleNumber.Value)
	}
	if r.Address == acl.Address {
		return num + " of " + a.describe(acl)
	}
	return r.Address + " (" + num + ")"
}

// hasDoubt says whether some destination may hold KMS's addresses: a
// public range or an unresolved prefix list.
func hasDoubt(ds []narrowDest) bool {
	for _, d := range ds {
		if d.kind == destPublic || d.kind == destPublicList || d.kind == destUnresolved {
			return true
		}
	}
	return false
}

// describeNarrow says where the rules send TCP 443 instead of KMS:
// "an egress rule of aws_security_group.db allows TCP 443 only to
// 10.0.0.0/8 (a private range, ...)". Empty when no rule admits TCP 443.
func describeNarrow(ds []narrowDest) string {
	if len(ds) == 0 {
		return ""
	}
	var parts []string
	for i := 0; i < len(ds); {
		j := i
		var dests []string
		for ; j < len(ds) && ds[j].rule == ds[i].rule; j++ {
			dests = append(dests, ds[j].String())
		}
		traffic := cmp.Or(ds[i].traffic, "TCP 443 only to")
		parts = append(parts, fmt.Sprintf("%s allows %s %s", ds[i].rule, traffic, strings.Join(dests, " and ")))
		i = j
	}
	return strings.Join(parts, "; ")
}
