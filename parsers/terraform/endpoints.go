package terraform

import (
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// vpcEndpoint translates aws_vpc_endpoint. The type ("Gateway") and private
// DNS (false) stay unset when not given: those are the provider's defaults
// (aws_vpc_endpoint docs) and the model's.
func (t *translator) vpcEndpoint(in *eval.Instance) {
	f := t.fields(in)
	t.m.VPCEndpoints = append(t.m.VPCEndpoints, &model.VPCEndpoint{
		Origin:          t.origin(in),
		VPC:             f.ref("vpc_id"),
		ServiceName:     f.serviceName("service_name"),
		Type:            f.enum("vpc_endpoint_type", "Gateway", "GatewayLoadBalancer", "Interface", "Resource", "ServiceNetwork"),
		PrivateDNS:      f.boolean("private_dns_enabled"),
		Subnets:         t.endpointSubnets(in, f),
		SecurityGroups:  f.securityGroups("security_group_ids"),
		Policy:          f.str("policy"),
		Region:          t.region(in),
		ServiceRegion:   f.str("service_region"),
		IPAddressType:   f.str("ip_address_type"),
		DNSRecordIPType: t.dnsRecordIPType(in),
	})
}

// dnsRecordIPType reads dns_options.dns_record_ip_type; a dns_options
// block that cannot be known leaves it unknown.
func (t *translator) dnsRecordIPType(in *eval.Instance) model.Str {
	blocks, incomplete, r := t.nestedBlocks(in, "dns_options")
	for _, b := range blocks {
		if v := t.nested(in, "dns_options", b).str("dns_record_ip_type"); v.Set || v.Unknown != nil {
			return v
		}
	}
	if incomplete != nil {
		return model.UnknownStr(incomplete, r)
	}
	return model.Str{}
}

// endpointSubnets are the subnets of subnet_ids and of the
// subnet_configuration blocks (which name a subnet to give fixed addresses
// in, and so place the endpoint there too).
func (t *translator) endpointSubnets(in *eval.Instance, f *fields) model.Refs {
	subnets := f.refs("subnet_ids")
	blocks, incomplete, _ := t.nestedBlocks(in, "subnet_configuration")
	for _, b := range blocks {
		ref := t.nested(in, "subnet_configuration", b).ref("subnet_id")
		if !ref.IsSet() {
			continue
		}
		if b.Maybe != nil && ref.Maybe == nil {
			ref.Maybe = b.Maybe
		}
		if !subnets.Set {
			subnets.Set, subnets.Range = true, ref.Range
		}
		subnets.Items = append(subnets.Items, ref)
	}
	if incomplete != nil && subnets.Incomplete == nil {
		subnets.Set, subnets.Incomplete = true, incomplete
	}
	return subnets
}

// endpointSubnetAssociation translates aws_vpc_endpoint_subnet_association.
func (t *translator) endpointSubnetAssociation(in *eval.Instance) {
	f := t.fields(in)
	t.m.EndpointSubnetAssociations = append(t.m.EndpointSubnetAssociations, &model.EndpointSubnetAssociation{
		Origin:   t.origin(in),
		Endpoint: f.ref("vpc_endpoint_id"),
		Subnet:   f.ref("subnet_id"),
	})
}

// endpointSecurityGroupAssociation translates
// aws_vpc_endpoint_security_group_association. replace_default_association
// defaults to false, which the model reads from an unset Bool.
func (t *translator) endpointSecurityGroupAssociation(in *eval.Instance) {
	f := t.fields(in)
	t.m.EndpointSecurityGroupAssociations = append(t.m.EndpointSecurityGroupAssociations, &model.EndpointSecurityGroupAssociation{
		Origin:         t.origin(in),
		Endpoint:       f.ref("vpc_endpoint_id"),
		Group:          f.ref("security_group_id"),
		ReplaceDefault: f.boolean("replace_default_association"),
	})
}

// endpointPrivateDNS translates aws_vpc_endpoint_private_dns.
func (t *translator) endpointPrivateDNS(in *eval.Instance) {
	f := t.fields(in)
	t.m.EndpointPrivateDNS = append(t.m.EndpointPrivateDNS, &model.EndpointPrivateDNS{
		Origin:   t.origin(in),
		Endpoint: f.ref("vpc_endpoint_id"),
		Enabled:  f.boolean("private_dns_enabled"),
	})
}

// serviceName reads an endpoint's service name. When only the region part
// is unknown ("com.amazonaws.${var.region}.kms"), eval gives the rest of the
// string with eval.UnknownRegion in place of each unknown part. Such a name
// still names the service in the endpoint's own region (docs/semantics.md#an-active-kms-endpoint), so it is
// kept as a known value with model.RegionToken in place of the region. Only
// the region position is accepted: an unknown anywhere else could hide
// another service, and then the name stays unknown.
func (f *fields) serviceName(name string) model.Str {
	s := f.str(name)
	a := f.attr(name)
	if s.Unknown == nil || a == nil || a.Partial == "" {
		return s
	}
	labels := strings.Split(a.Partial, ".")
	at := -1
	for i, l := range labels {
		switch {
		case l == eval.UnknownRegion && at < 0:
			at = i
		case strings.Contains(l, eval.UnknownRegion):
			return s
		}
	}
	if at < 1 || at == len(labels)-1 || labels[at-1] != "amazonaws" {
		return s
	}
	labels[at] = model.RegionToken
	return model.KnownStr(strings.Join(labels, "."), s.Range)
}

// endpointPolicy translates aws_vpc_endpoint_policy, which sets the policy
// of an existing endpoint; without policy it restores the default
// full-access policy (provider docs, aws_vpc_endpoint_policy).
func (t *translator) endpointPolicy(in *eval.Instance) {
	f := t.fields(in)
	t.m.EndpointPolicies = append(t.m.EndpointPolicies, &model.EndpointPolicy{
		Origin:   t.origin(in),
		Endpoint: f.ref("vpc_endpoint_id"),
		Policy:   f.str("policy"),
	})
}
