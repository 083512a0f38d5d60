package network

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
)

// tableChoice is one possibility for the route table of a subnet.
type tableChoice struct {
	table *model.RouteTable
	// unk says why the table cannot be resolved (table is nil).
	unk *model.Unresolved
	// via is the association that makes the choice (nil for the main table).
	via model.Object
	// maybe says why the choice may not apply (alternatives only).
	maybe *model.Unresolved
	// loose is set when the association's own subnet or VPC is not known:
	// it may not concern this subnet at all.
	loose bool
}

// follower evaluates, for one path, where a default route of the route
// table named table (as reports describe it) leads.
type follower func(table string, r *model.Route) *chain

// routeFix says how to fix a path at the route table named table (as
// reports describe it: `aws_route_table.private`, `the main route table of
// aws_vpc.main`), so that subnets sharing a table get one fix, naming the
// table that needs the change.
type routeFix func(table string) string

// tablesFor returns the route table of subnet s: its explicit association,
// else the main route table of its VPC (VPC User Guide, "Subnet route
// tables"), and the alternatives that maybe associations open.
func (a *analyzer) tablesFor(s *model.Subnet, vpc *model.VPC) (tableChoice, []tableChoice) {
	var base *tableChoice
	var alts []tableChoice
	for _, as := range a.ix.tableAssocs[s.Address] {
		c := a.tableOf(as.Table, as)
		c.maybe = associationMaybe(as.Base(), as.Subnet, s)
		if c.maybe == nil && base == nil {
			base = &c
		} else if c.maybe != nil {
			alts = append(alts, c)
		}
	}
	for _, as := range a.ix.looseTableAssocs {
		c := a.tableOf(as.Table, as)
		c.maybe = firstNonNil(as.Maybe, as.Subnet.Unknown)
		c.loose = true
		alts = append(alts, c)
	}
	if base != nil {
		return *base, alts
	}
	main, mainAlts := a.mainTable(vpc, s)
	return main, append(mainAlts, alts...)
}

func (a *analyzer) tableOf(r model.Ref, via model.Object) tableChoice {
	o, u := a.ix.resolve(r, "route table")
	if t, ok := o.(*model.RouteTable); ok {
		return tableChoice{table: t, via: via}
	}
	if u == nil {
		u = &model.Unresolved{Kind: model.FromExpression, Reason: fmt.Sprintf("%s does not name a route table", via.Base().Address), Range: r.Range}
	}
	return tableChoice{unk: u, via: via}
}

// mainTable returns the VPC's main route table: the one a main route table
// association names, else the VPC's own (implicit or adopted).
func (a *analyzer) mainTable(vpc *model.VPC, s *model.Subnet) (tableChoice, []tableChoice) {
	if vpc == nil {
		return tableChoice{unk: &model.Unresolved{Kind: model.FromExpression,
			Reason: fmt.Sprintf("the VPC of %s is not known, nor is its main route table", s.Address), Range: s.VPC.Range}}, nil
	}
	base := tableChoice{}
	if t, ok := a.ix.objs[model.MainRouteTableAddress(vpc.Address)].(*model.RouteTable); ok {
		base.table = t
	}
	var alts []tableChoice
	found := false
	for _, as := range a.ix.mainAssocs[vpc.Address] {
		c := a.tableOf(as.Table, as)
		if as.Maybe == nil && !found {
			base, found = c, true
			continue
		}
		c.maybe = as.Maybe
		alts = append(alts, c)
	}
	for _, as := range a.ix.looseMainAssocs {
		c := a.tableOf(as.Table, as)
		c.maybe = as.VPC.Unknown
		c.loose = true
		alts = append(alts, c)
	}
	return base, alts
}

// viaSubnetTable evaluates, for one path, the default route of the route
// table of subnet s and where it leads.
func (a *analyzer) viaSubnetTable(s *model.Subnet, vpc *model.VPC, follow follower, noRouteFix routeFix) *chain {
	base, alts := a.tablesFor(s, vpc)
	baseCh := a.viaTable(base, s, follow, noRouteFix)
	var as []alt
	loose := false
	for _, c := range alts {
		why := unknownOf(c.maybe, c.via.Base().Range, c.via.Base().Address)
		as = append(as, alt{ch: a.viaTable(c, s, follow, noRouteFix), why: why})
		loose = loose || c.loose
	}
	if len(as) == 0 {
		return baseCh
	}
	at := Link{Address: s.Address, Text: s.Address + " route table", Range: s.Range, From: s.From}
	reason, fix := associationDoubt("route table", s, loose)
	return choose(baseCh, as, at, reason, fix)
}

func (a *analyzer) viaTable(c tableChoice, s *model.Subnet, follow follower, noRouteFix routeFix) *chain {
	ch := newChain()
	if c.table == nil {
		l := Link{Address: s.Address, Text: s.Address + " route table", Range: s.Range, From: s.From}
		if c.via != nil {
			l = linkTo(c.via, "")
		}
		ch.check(model.Unknown, l, "the route table of "+s.Address+" cannot be resolved: "+c.unk.Reason, "",
			unknownOf(c.unk, l.Range, s.Address))
		return ch
	}
	ch.then(a.defaultRoute(c.table, follow, noRouteFix))
	return ch
}

// defaultRoute finds the IPv4 default route of table t and follows it. A
// route that may carry KMS traffic instead (its destination is unknown, it
// may not exist, it goes to a prefix list or to a more specific public
// range that may hold KMS's addresses) makes the result unknown unless it
// leads to the same verdict. Routes to private ranges, to the prefix list
// of an S3 or DynamoDB gateway endpoint, or to a declared prefix list of
// private entries never carry KMS traffic
// (docs/semantics.md#more-specific-routes).
func (a *analyzer) defaultRoute(t *model.RouteTable, follow follower, noRouteFix routeFix) *chain {
	var def *model.Route
	var alts []alt
	name := a.describe(t)
	for _, r := range a.routesOf(t) {
		maybe := r.Maybe
		if a.isLoose(r) {
			maybe = firstNonNil(r.Maybe, r.Table.Unknown)
		}
		switch {
		case r.DestinationPrefixList.IsSet():
			// A prefix list holds KMS's addresses unless the code shows
			// otherwise; one that may counts like the default route,
			// unless it leads to the same verdict (a prefix list sent to
			// the same NAT gateway).
			if v, why := a.prefixListHoldsKMS(r, name); v != model.False {
				alts = append(alts, alt{ch: a.followRoute(t, r, follow), why: why})
			}
		case r.DestinationCIDR.Unknown != nil:
			alts = append(alts, alt{ch: a.followRoute(t, r, follow), why: unknownOf(r.DestinationCIDR.Unknown, r.DestinationCIDR.Range, r.Address)})
		case r.DestinationCIDR.Known() && isDefaultRoute(r.DestinationCIDR.Value):
			if maybe != nil {
				alts = append(alts, alt{ch: a.followRoute(t, r, follow), why: unknownOf(maybe, r.Range, r.Address)})
			} else if def == nil {
				def = r
			}
		case r.DestinationCIDR.Known():
			// Longest prefix match: a more specific route to public address
			// space wins over 0.0.0.0/0 for the addresses it covers, and
			// KMS's public addresses are not known offline.
			if p, u := parseCIDR(r.DestinationCIDR); u == nil && coversInternet(p) == model.Unknown {
				u := &model.Unresolved{Kind: model.FromTarget, Range: r.Range, Reason: fmt.Sprintf(
					"%s routes %s, more specific than 0.0.0.0/0; KMS's public addresses are not known offline, so it may carry KMS traffic", r.Address, p)}
				why := unknownOf(u, r.Range, r.Address)
				why.Fix = fmt.Sprintf("Send %s to the same target as 0.0.0.0/0 in %s, or add a KMS interface endpoint to the VPC, which takes KMS traffic off the routes.", p, name)
				alts = append(alts, alt{ch: a.followRoute(t, r, follow), why: why})
			}
		}
	}
	var base *chain
	if def != nil {
		base = a.followRoute(t, def, follow)
	} else {
		base = newChain()
		base.check(model.False, linkTo(t, name), name+" has no IPv4 default route (0.0.0.0/0)", noRouteFix(name))
	}
	if len(alts) == 0 {
		return base
	}
	return choose(base, alts, linkTo(t, name+" "+anyIPv4),
		"it is not known which route of "+name+" carries traffic to KMS's public addresses", "")
}

func (a *analyzer) followRoute(t *model.RouteTable, r *model.Route, follow follower) *chain {
	ch := newChain()
	ch.hold(Link{Address: t.Address, Text: a.describe(t) + " " + routeDest(r), Range: r.Range, From: r.From})
	ch.then(follow(a.describe(t), r))
	return ch
}

func (a *analyzer) routesOf(t *model.RouteTable) []*model.Route {
	rs := a.ix.routes[t]
	if len(a.ix.looseRoutes) == 0 {
		return rs
	}
	return append(rs[:len(rs):len(rs)], a.ix.looseRoutes...)
}

func (a *analyzer) isLoose(r *model.Route) bool {
	return r.Table.Unknown != nil && a.ix.lookup(r.Table) == nil
}

// isDefaultRoute reports whether a destination is the IPv4 default route;
// more specific routes do not carry traffic to KMS's public addresses.
func isDefaultRoute(dest string) bool {
	p, u := parseCIDR(model.KnownStr(dest, model.Range{}))
	return u == nil && p.Bits() == 0
}

// describe names an object for messages; implicit VPC objects are named
// after their VPC.
func (a *analyzer) describe(o model.Object) string {
	b := o.Base()
	if vpc, kind, ok := model.ImplicitOf(b.Address); ok && strings.HasPrefix(b.Type, "implicit ") {
		return "the " + strings.ReplaceAll(kind, "-", " ") + " of " + vpc
	}
	return b.Address
}

// associationDoubt explains a subnet's route table or network ACL (what)
// that depends on associations: one that may not exist (conditional), or,
// when loose, one whose own subnet or VPC is not known, which may or may
// not concern s; making it unconditional would not settle that.
func associationDoubt(what string, s *model.Subnet, loose bool) (reason, fix string) {
	if loose {
		return fmt.Sprintf("the %s of %s depends on an association whose subnet or VPC is not known, which may concern it", what, s.Address), ""
	}
	return fmt.Sprintf("the %s of %s depends on an association that may not exist", what, s.Address),
		fmt.Sprintf("make the %s association of %s unconditional", what, s.Address)
}
