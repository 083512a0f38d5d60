package network

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
)

// unknownRegionMarker is what a parser puts in place of an unknown region
// inside a service name (`com.amazonaws.${AWS::Region}.kms`).
const unknownRegionMarker = "⟨unknown-region⟩"

// kmsService says whether an endpoint service name is the standard KMS
// service of vpcRegion: `com.amazonaws.<region>.kms` (or the `cn.` prefix
// of the China partitions). The region part may be unknown: it still names
// KMS of the endpoint's own region (docs/semantics.md#an-active-kms-endpoint). `kms-fips` never counts:
// its private DNS name is kms-fips.<region>.amazonaws.com (KMS Developer
// Guide, "Create a VPC endpoint for AWS KMS").
func kmsService(name model.Str, vpcRegion string) (isKMS model.Tri, reason string) {
	if name.Unknown != nil {
		return model.Unknown, "the service name is not known"
	}
	parts := strings.Split(strings.TrimPrefix(name.Value, "cn."), ".")
	if len(parts) != 4 || parts[0] != "com" || parts[1] != "amazonaws" {
		return model.False, fmt.Sprintf("service %q is not KMS", name.Value)
	}
	region, svc := parts[2], parts[3]
	switch {
	case svc == "kms-fips":
		return model.False, "kms-fips endpoints take over kms-fips.<region>.amazonaws.com, not the standard KMS name"
	case svc != "kms":
		return model.False, fmt.Sprintf("service %q is not KMS", name.Value)
	case region == "" || strings.Contains(region, unknownRegionMarker) || strings.ContainsAny(region, "⟨⟩⟪⟫${}"):
		return model.True, ""
	case vpcRegion != "" && !strings.EqualFold(region, vpcRegion):
		return model.False, fmt.Sprintf("service %q is KMS of %s, not of the VPC's region %s: %s", name.Value, region, vpcRegion, otherRegionNote(region, vpcRegion))
	}
	return model.True, ""
}

// serviceRegion checks the region of the service a cross-region endpoint
// connects to (AWS PrivateLink Guide, "Cross-region enabled AWS
// services"): an endpoint for another region's KMS gets that region's
// private DNS name, so it does not take over the KMS name of the VPC's
// region (docs/semantics.md#endpoint-dns-records-and-region). The VPC's
// region, else the endpoint's, is what it is compared with; when neither
// is known, or the service region is not, it may be another region's.
func serviceRegion(e *model.VPCEndpoint, vpcRegion string) (model.Tri, string, []Unknown) {
	sr := e.ServiceRegion
	switch {
	case sr.Unknown != nil:
		return model.Unknown, fmt.Sprintf("the service region of %s is not known: an endpoint for another region's KMS does not take over this region's KMS name", e.Address),
			[]Unknown{unknownOf(sr.Unknown, sr.Range, e.Address)}
	case !sr.Set:
		return model.True, "", nil
	}
	own := vpcRegion
	if own == "" && e.Region.Known() {
		own = e.Region.Value
	}
	switch {
	case own == "":
		u := &model.Unresolved{Kind: model.FromExpression, Range: sr.Range,
			Reason: fmt.Sprintf("%s connects to KMS in %s (its service region), and the region of its VPC is not known", e.Address, sr.Value),
			Fix:    "Give the region with --region (or the provider's region), so that it can be compared with the endpoint's service region."}
		return model.Unknown, u.Reason + ": if they differ, it does not take over the VPC's KMS name", []Unknown{unknownOf(u, sr.Range, e.Address)}
	case strings.EqualFold(sr.Value, own):
		return model.True, "", nil
	}
	return model.False, fmt.Sprintf("%s connects to KMS in %s (its service region), not in the VPC's region %s: %s", e.Address, sr.Value, own, otherRegionNote(sr.Value, own)), nil
}

// otherRegionNote says what an endpoint for another region's KMS means for
// the paths.
func otherRegionNote(other, own string) string {
	return fmt.Sprintf("its private DNS name is kms.%s.amazonaws.com, so it does not take over kms.%s.amazonaws.com, whose traffic still takes the public or nat path", other, own)
}

// isKMSCandidate says whether an endpoint names KMS at all, so that
// endpoints for other services stay out of the explanation.
func isKMSCandidate(e *model.VPCEndpoint) bool {
	if e.ServiceName.Unknown != nil {
		return true
	}
	parts := strings.Split(e.ServiceName.Value, ".")
	last := parts[len(parts)-1]
	return last == "kms" || last == "kms-fips"
}

// endpointActive checks that e is an active KMS endpoint of vpc: it takes
// over the name kms.<region>.amazonaws.com for the whole VPC.
func (a *analyzer) endpointActive(e *model.VPCEndpoint, vpc *model.VPC) *chain {
	ch := newChain()
	link := linkTo(e, e.Address+" (KMS interface endpoint)")
	if e.Maybe != nil {
		ch.check(model.Unknown, link, e.Address+" may not exist", "", unknownOf(e.Maybe, e.Range, e.Address))
	}
	ev, eu := a.ix.vpcOf(e.VPC, "VPC of "+e.Address)
	switch {
	case eu != nil:
		ch.check(model.Unknown, link, "the VPC of "+e.Address+" cannot be resolved: "+eu.Reason, "", unknownOf(eu, e.VPC.Range, e.Address))
	case ev != vpc:
		ch.check(model.False, link, fmt.Sprintf("%s is in %s, not in %s", e.Address, ev.Address, vpc.Address),
			fmt.Sprintf("create the KMS interface endpoint in %s", vpc.Address))
		return ch
	default:
		ch.hold(link)
	}
	region := a.regionOf(vpc)
	if ev, er := e.Region, region; ev.Known() && er != "" && !strings.EqualFold(ev.Value, er) {
		ch.check(model.False, link, fmt.Sprintf("%s is in region %s, the VPC in %s", e.Address, ev.Value, er), "create the endpoint in the VPC's region")
		return ch
	}
	if v, why := kmsService(e.ServiceName, region); v != model.True {
		var us []Unknown
		if e.ServiceName.Unknown != nil {
			us = append(us, unknownOf(e.ServiceName.Unknown, e.ServiceName.Range, e.Address))
		}
		ch.check(v, link, e.Address+": "+why, fmt.Sprintf("use service_name = \"com.amazonaws.%s.kms\" on %s", regionOr(region), e.Address), us...)
		if v == model.False {
			return ch
		}
	} else {
		ch.hold(link)
	}
	if v, why, us := serviceRegion(e, region); v != model.True {
		ch.check(v, link, why, fmt.Sprintf("remove service_region (ServiceRegion) from %s, or set it to the VPC's region", e.Address), us...)
		if v == model.False {
			return ch
		}
	}
	// From here the reasons and fixes are written only for a check that
	// does not hold: these run for every KMS endpoint of every placement.
	typeFix := func() string {
		return fmt.Sprintf("set vpc_endpoint_type = \"Interface\" (VpcEndpointType: Interface) on %s", e.Address)
	}
	switch t := e.Type; {
	case t.Unknown != nil:
		ch.check(model.Unknown, link, "the type of "+e.Address+" is not known", typeFix(), unknownOf(t.Unknown, t.Range, e.Address))
	case !strings.EqualFold(t.Or("Gateway"), "Interface"):
		what := fmt.Sprintf("%s is of type %s, not Interface", e.Address, t.Value)
		if !t.Set {
			what = e.Address + " sets no type, so it is a Gateway endpoint (the type defaults to Gateway), not Interface"
		}
		ch.check(model.False, link, what, typeFix())
		return ch
	default:
		ch.hold(link)
	}
	if dns, dnsUs := a.privateDNS(e); dns == model.True {
		ch.hold(link)
	} else {
		ch.check(dns, link, whether(dns,
			e.Address+" "+a.privateDNSOff(e)+", so kms."+regionOr(region)+".amazonaws.com still resolves to the public endpoint",
			e.Address+" enables private DNS (it defaults to false), which it needs to take over kms."+regionOr(region)+".amazonaws.com"),
			fmt.Sprintf("set private_dns_enabled = true (PrivateDnsEnabled: true) on %s", e.Address), dnsUs...)
		if dns == model.False {
			return ch
		}
	}
	if sv, sus := a.hasSubnets(e); sv == model.True {
		ch.hold(link)
	} else {
		ch.check(sv, link, whether(sv, e.Address+" is in no subnet", e.Address+" is in any subnet"), "add subnet_ids to "+e.Address, sus...)
		if sv == model.False {
			return ch
		}
	}
	ch.then(a.vpcDNS(vpc, "private DNS of "+e.Address))
	return ch
}

// privateDNSOff says how endpoint e leaves private DNS off: by setting it
// to false, or by not setting it (the default).
func (a *analyzer) privateDNSOff(e *model.VPCEndpoint) string {
	if len(a.ix.epDNS[e]) == 0 && e.PrivateDNS.Set && e.PrivateDNS.Unknown == nil {
		return "turns private DNS off"
	}
	if len(a.ix.epDNS[e]) == 0 && !e.PrivateDNS.Set {
		return "does not enable private DNS (it defaults to false)"
	}
	return "does not enable private DNS"
}

// privateDNS is the endpoint's private DNS setting, which
// aws_vpc_endpoint_private_dns may set instead.
func (a *analyzer) privateDNS(e *model.VPCEndpoint) (model.Tri, []Unknown) {
	v := e.PrivateDNS.Tri(false)
	var us []Unknown
	if e.PrivateDNS.Unknown != nil {
		us = append(us, unknownOf(e.PrivateDNS.Unknown, e.PrivateDNS.Range, e.Address))
	}
	for _, d := range a.ix.epDNS[e] {
		dv := d.Enabled.Tri(false)
		if d.Enabled.Unknown != nil {
			us = append(us, unknownOf(d.Enabled.Unknown, d.Enabled.Range, d.Address))
		}
		if d.Maybe != nil {
			if dv != v {
				us = append(us, unknownOf(d.Maybe, d.Range, d.Address))
			}
			v = model.Unknown.If(dv, v)
		} else {
			v = dv
		}
	}
	return v, us
}

// hasSubnets says whether the endpoint is in at least one subnet.
func (a *analyzer) hasSubnets(e *model.VPCEndpoint) (model.Tri, []Unknown) {
	if len(e.Subnets.Items) > 0 || len(a.ix.epSubnets[e]) > 0 {
		return model.True, nil
	}
	var us []Unknown
	v := model.False
	if e.Subnets.Incomplete != nil {
		v = model.Unknown
		us = append(us, unknownOf(e.Subnets.Incomplete, e.Subnets.Range, e.Address))
	}
	for _, o := range a.ix.looseEp {
		if sa, ok := o.(*model.EndpointSubnetAssociation); ok {
			v = model.Unknown
			us = append(us, unknownOf(sa.Endpoint.Unknown, sa.Range, sa.Address))
		}
	}
	return v, us
}

// vpcDNS checks the VPC's DNS support (default true) and DNS hostnames
// (default false), which private DNS and public instances both need (VPC
// User Guide, "DNS attributes for your VPC").
func (a *analyzer) vpcDNS(vpc *model.VPC, what string) *chain {
	ch := newChain()
	link := linkTo(vpc, vpc.Address+" DNS support and hostnames")
	for _, x := range []struct {
		b    model.Bool
		def  bool
		attr string
	}{
		{vpc.EnableDNSSupport, true, "enable_dns_support (EnableDnsSupport)"},
		{vpc.EnableDNSHostnames, false, "enable_dns_hostnames (EnableDnsHostnames)"},
	} {
		v := x.b.Tri(x.def)
		var us []Unknown
		if x.b.Unknown != nil {
			us = append(us, unknownOf(x.b.Unknown, x.b.Range, vpc.Address))
		}
		if v != model.True {
			ch.check(v, link, fmt.Sprintf("%s needs %s = true on %s (defaults to %t)", what, x.attr, vpc.Address, x.def),
				fmt.Sprintf("set %s = true on %s", x.attr, vpc.Address), us...)
		}
	}
	if ch.val == model.True {
		ch.hold(link)
	}
	return ch
}

// endpointSubnets resolves the endpoint's subnets. They are taken to exist
// even when symbolic or maybe, since AWS refuses an interface endpoint
// without subnets (docs/semantics.md#symbolic-instances).
func (a *analyzer) endpointSubnets(e *model.VPCEndpoint) (subnets []*model.Subnet, us []Unknown) {
	refs := e.Subnets.Items
	for _, as := range a.ix.epSubnets[e] {
		refs = append(refs, as.Subnet)
	}
	for _, r := range refs {
		o, u := a.ix.resolve(r, "subnet")
		if s, ok := o.(*model.Subnet); ok {
			subnets = append(subnets, s)
		} else if u != nil {
			us = append(us, unknownOf(u, r.Range, e.Address))
		}
	}
	if e.Subnets.Incomplete != nil {
		us = append(us, unknownOf(e.Subnets.Incomplete, e.Subnets.Range, e.Address))
	}
	return subnets, us
}

// endpointGroups is the endpoint's security groups: the listed ones plus
// associations; with none listed, AWS puts the VPC default group, which an
// association keeps unless it replaces the default (Terraform
// aws_vpc_endpoint_security_group_association replace_default_association).
func (a *analyzer) endpointGroups(e *model.VPCEndpoint, vpc *model.VPC) sgSet {
	var set sgSet
	listed := len(e.SecurityGroups.Items) > 0 || e.SecurityGroups.Incomplete != nil
	if listed {
		set = a.groupsOf(e.SecurityGroups, vpc, e.Address)
	}
	replace := model.False
	var replaceWhy *model.Unresolved
	for _, as := range a.ix.epGroups[e] {
		a.addGroup(&set, model.Ref{Key: as.Group.Key, Literal: as.Group.Literal, Unknown: as.Group.Unknown, Range: as.Group.Range, Maybe: firstNonNil(as.Group.Maybe, as.Maybe)}, e.Address)
		if r := maybeTri(as.Maybe, as.ReplaceDefault.Tri(false)); r != model.False {
			replace = replace.Or(r)
			replaceWhy = firstNonNil(as.ReplaceDefault.Unknown, as.Maybe, replaceWhy)
		}
	}
	for _, o := range a.ix.looseEp {
		if as, ok := o.(*model.EndpointSecurityGroupAssociation); ok {
			a.addGroup(&set, model.Ref{Key: as.Group.Key, Literal: as.Group.Literal, Unknown: as.Group.Unknown, Range: as.Group.Range, Maybe: as.Endpoint.Unknown}, e.Address)
		}
	}
	if !listed {
		switch replace {
		case model.False:
			a.addDefaultGroup(&set, vpc, e.Address, e.Range, nil)
		case model.Unknown:
			a.addDefaultGroup(&set, vpc, e.Address, e.Range, replaceWhy)
		}
	}
	return set
}

// regionOf is the VPC's region, or the model's, or "".
func (a *analyzer) regionOf(vpc *model.VPC) string {
	if vpc != nil && vpc.Region.Known() {
		return vpc.Region.Value
	}
	if a.ix.m.Region.Known() {
		return a.ix.m.Region.Value
	}
	return ""
}

func regionOr(r string) string {
	if r == "" {
		return "<region>"
	}
	return r
}

// endpointServing is what serves a pass through endpoint e.
func (a *analyzer) endpointServing(p *placement, e *model.VPCEndpoint) *Serving {
	if e == nil || p.subnet == nil {
		return nil
	}
	subnets, us := a.endpointSubnets(e)
	more := len(us) > 0
	for _, o := range a.ix.looseEp {
		// A subnet association whose endpoint is not known may be this
		// endpoint's.
		if _, ok := o.(*model.EndpointSubnetAssociation); ok {
			more = true
		}
	}
	return &Serving{Subnet: p.subnet, Endpoint: e, EndpointSubnets: subnets, EndpointSubnetsUnknown: more}
}
