package network

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
)

// A route to a managed prefix list beside 0.0.0.0/0 matters for KMS
// traffic only if the list may hold KMS's public addresses
// (docs/semantics.md#more-specific-routes): the AWS-managed list of a
// gateway endpoint (S3, DynamoDB) never does, a customer-managed list
// declared in the code is its entries, and any other list might.

// prefixEntries are the standalone entries of the prefix lists of a model:
// by list, and loose ones whose list cannot be resolved (they may belong
// to any list).
type prefixEntries struct {
	byList map[*model.PrefixList][]*model.PrefixListEntry
	loose  []*model.PrefixListEntry
}

func (ix *index) attachPrefixListEntries() {
	ix.plEntries.byList = map[*model.PrefixList][]*model.PrefixListEntry{}
	for _, e := range ix.m.PrefixListEntries {
		switch l := ix.lookup(e.PrefixList).(type) {
		case *model.PrefixList:
			ix.plEntries.byList[l] = append(ix.plEntries.byList[l], e)
		case nil:
			if e.PrefixList.Unknown != nil {
				ix.plEntries.loose = append(ix.plEntries.loose, e)
			}
		}
	}
}

// prefixListHoldsKMS says whether the prefix list that route r sends
// somewhere may hold KMS's public addresses: False when it certainly does
// not, else Unknown with the reason and what to do about it.
func (a *analyzer) prefixListHoldsKMS(r *model.Route, table string) (model.Tri, Unknown) {
	ref := r.DestinationPrefixList
	o, u := a.ix.resolve(ref, "prefix list")
	if u != nil {
		return model.Unknown, a.prefixListDoubt(r, table, &model.Unresolved{Kind: model.FromTarget, Range: r.Range,
			Reason: fmt.Sprintf("%s routes %s, whose entries are not known offline; it may carry KMS traffic", r.Address, routeDest(r))}, "")
	}
	switch l := o.(type) {
	case *model.VPCEndpoint:
		return a.gatewayPrefixList(r, table, l)
	case *model.PrefixList:
		return a.managedPrefixList(r, table, l)
	}
	return model.Unknown, a.prefixListDoubt(r, table, &model.Unresolved{Kind: model.FromExpression, Range: ref.Range,
		Reason: fmt.Sprintf("%s names %s as its destination prefix list, which is no prefix list", r.Address, o.Base().Address)}, "")
}

// gatewayPrefixList judges a route to the prefix_list_id of endpoint e:
// only gateway endpoints have one, and AWS offers them for S3 and DynamoDB
// alone, whose AWS-managed lists never hold KMS's addresses.
func (a *analyzer) gatewayPrefixList(r *model.Route, table string, e *model.VPCEndpoint) (model.Tri, Unknown) {
	switch typ := e.Type; {
	case typ.Unknown != nil:
		return model.Unknown, a.prefixListDoubt(r, table, typ.Unknown, "")
	case !strings.EqualFold(typ.Or("Gateway"), "Gateway"):
		return model.Unknown, a.prefixListDoubt(r, table, &model.Unresolved{Kind: model.FromExpression, Range: r.Range,
			Reason: fmt.Sprintf("%s routes the prefix list of %s, which is a %s endpoint, not a gateway endpoint", r.Address, e.Address, typ.Value)}, "")
	}
	if svc := e.ServiceName; svc.Known() && !isGatewayService(svc.Value) {
		return model.Unknown, a.prefixListDoubt(r, table, &model.Unresolved{Kind: model.FromExpression, Range: svc.Range,
			Reason: fmt.Sprintf("%s routes the prefix list of %s, whose service %s is not S3 or DynamoDB", r.Address, e.Address, svc.Value)}, "")
	}
	return model.False, Unknown{}
}

// isGatewayService says whether a service name is one that gateway
// endpoints exist for: com.amazonaws.<region>.s3 or .dynamodb.
func isGatewayService(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".s3") || strings.HasSuffix(n, ".dynamodb")
}

// gatewayServiceList says whether l is the AWS-managed prefix list of S3
// or DynamoDB (com.amazonaws.<region>.s3, ….dynamodb), which holds that
// service's addresses only: one that AWS facts show as AWS-owned, or that a
// Terraform data "aws_prefix_list" finds by name.
func gatewayServiceList(l *model.PrefixList) bool {
	n := l.Name
	return l.AWSManaged && n.Known() && strings.HasPrefix(strings.ToLower(n.Value), "com.amazonaws.") && isGatewayService(n.Value)
}

// ipv6List says whether l holds IPv6 ranges only.
func ipv6List(l *model.PrefixList) bool {
	f := l.AddressFamily
	return f.Known() && strings.EqualFold(f.Value, "IPv6")
}

// managedPrefixList judges a route to a PrefixList: an AWS-managed one (from
// the facts) by its name, any other by its entries: inline, standalone, and
// standalone ones whose list is not known (they may belong to it).
func (a *analyzer) managedPrefixList(r *model.Route, table string, l *model.PrefixList) (model.Tri, Unknown) {
	if ipv6List(l) {
		return model.False, Unknown{} // IPv4 traffic never matches it
	}
	if l.AWSManaged {
		if gatewayServiceList(l) {
			return model.False, Unknown{} // the S3 or DynamoDB list of gateway endpoints
		}
		return model.Unknown, a.prefixListDoubt(r, table, &model.Unresolved{Kind: model.FromTarget, Range: l.Range,
			Reason: fmt.Sprintf("%s routes AWS-managed prefix list %s (%s), which is not the list of S3 or DynamoDB; it may hold KMS's addresses", r.Address, l.Address, l.Name.Or("no name"))}, "")
	}
	fix := fmt.Sprintf("Keep only private ranges in %s, send %s to the same target as 0.0.0.0/0 in %s, or add a KMS interface endpoint to the VPC, which takes KMS traffic off the routes.", l.Address, routeDest(r), table)
	entries, incomplete := a.listEntries(l)
	switch {
	case incomplete != nil:
		return model.Unknown, a.prefixListDoubt(r, table, incomplete, fix)
	case len(entries) == 0:
		// An empty list is filled elsewhere: another root's entries, the
		// console. Without inline entries Terraform leaves those alone.
		return model.Unknown, a.prefixListDoubt(r, table, emptyList(l),
			fmt.Sprintf("Declare the entries of %s where it is declared, send %s to the same target as 0.0.0.0/0 in %s, or add a KMS interface endpoint to the VPC, which takes KMS traffic off the routes.", l.Address, routeDest(r), table))
	}
	for _, e := range entries {
		if u := e.public(l); u != nil {
			return model.Unknown, a.prefixListDoubt(r, table, u, fix)
		}
	}
	return model.False, Unknown{}
}

// listEntry is one CIDR block that a customer-managed prefix list holds in
// the scanned code.
type listEntry struct {
	cidr model.Str
	// subject is the list itself for an inline entry, else the standalone
	// entry's address.
	subject string
	// loose is set on a standalone entry whose list is not known: it may
	// belong to this list or to another.
	loose bool
}

// public returns why the entry may hold KMS's public addresses, or nil
// when it cannot (publicEntry).
func (e listEntry) public(l *model.PrefixList) *model.Unresolved {
	u := publicEntry(e.cidr, l.Address, e.subject)
	if u != nil && e.loose {
		u.Reason += fmt.Sprintf("; its prefix list is not known, so it may belong to %s", l.Address)
	}
	return u
}

// listEntries returns what a customer-managed prefix list holds in the
// scanned code: its inline entries, then its standalone entries, then the
// standalone entries whose list is not known (they may be its). incomplete
// says why the list may hold more than that. Routes and security group
// rules judge a list by these alone, so both read it the same way.
func (a *analyzer) listEntries(l *model.PrefixList) (entries []listEntry, incomplete *model.Unresolved) {
	if l.Entries.Incomplete != nil {
		return nil, l.Entries.Incomplete
	}
	for _, c := range l.Entries.Items {
		entries = append(entries, listEntry{cidr: c, subject: l.Address})
	}
	for _, e := range a.ix.plEntries.byList[l] {
		entries = append(entries, listEntry{cidr: e.CIDR, subject: e.Address})
	}
	if len(entries) == 0 {
		return nil, nil
	}
	for _, e := range a.ix.plEntries.loose {
		entries = append(entries, listEntry{cidr: e.CIDR, subject: e.Address, loose: true})
	}
	return entries, nil
}

// emptyList is why a customer-managed prefix list with no entries in the
// scanned code may hold anything.
func emptyList(l *model.PrefixList) *model.Unresolved {
	return &model.Unresolved{Kind: model.FromExternal, Range: l.Range,
		Reason: fmt.Sprintf("prefix list %s has no entries in the scanned code; entries added elsewhere are not known offline, and may hold KMS's addresses", l.Address)}
}

// publicEntry returns why an entry of list may hold KMS's addresses (an
// unknown CIDR, or one that is not private), or nil when it cannot.
func publicEntry(c model.Str, list, subject string) *model.Unresolved {
	p, u := parseCIDR(c)
	if u != nil {
		return &model.Unresolved{Kind: u.Kind, Range: u.Range,
			Reason: fmt.Sprintf("an entry of prefix list %s cannot be read: %s", list, u.Reason)}
	}
	if coversInternet(p) == model.False {
		return nil
	}
	what := fmt.Sprintf("prefix list %s holds %s", list, p)
	if subject != list {
		what = fmt.Sprintf("%s puts %s in prefix list %s", subject, p, list)
	}
	return &model.Unresolved{Kind: model.FromTarget, Range: c.Range,
		Reason: what + ", which is not private; KMS's public addresses are not known offline, so it may hold them"}
}

// prefixListDoubt is the unknown a route to a prefix list that may hold
// KMS's addresses leaves, with a fix (a default one when fix is empty).
func (a *analyzer) prefixListDoubt(r *model.Route, table string, u *model.Unresolved, fix string) Unknown {
	why := unknownOf(u, r.Range, r.Address)
	why.Fix = fix
	if fix == "" {
		why.Fix = fmt.Sprintf("Send %s to the same target as 0.0.0.0/0 in %s, or add a KMS interface endpoint to the VPC, which takes KMS traffic off the routes.", routeDest(r), table)
	}
	return why
}
